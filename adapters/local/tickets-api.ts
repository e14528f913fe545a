import express, { type Router } from 'express';
import { z } from 'zod';
import { Id, IsoDate } from '../../src/schemas/common.js';
import { type Ticket, TicketId } from '../../src/schemas/ticket.js';
import type { AnswerService } from '../../src/service.js';
import type { Logger } from '../../src/surface.js';
import { summariseAnswer, type TicketDesk } from '../../src/tickets/desk.js';
import { badRequest, bodyErrors, MAX_BODY, question, requireJson } from './api.js';

/**
 * The web chat's "Ask an expert": the page sends the answer's question, date and topic, an optional
 * note, and a key it made for that answer, so sending twice (a retry, a double click) opens one ticket.
 */
const TicketRequest = z.strictObject(
  {
    key: z
      .string({ error: 'key is missing: send the key the page made for this answer' })
      .regex(/^[A-Za-z0-9-]{8,100}$/, 'key must be 8 to 100 letters, digits or hyphens'),
    question,
    asOf: z.string({ error: 'asOf is missing: send the answer’s asOf date' }).pipe(IsoDate),
    topicId: z.string({ error: 'topicId must be text' }).max(100, 'topicId is too long').pipe(Id).optional(),
    note: z
      .string({ error: 'note must be text' })
      .trim()
      .max(2000, 'note is longer than 2000 characters')
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? 'the fields are key, question, asOf, topicId and note' : undefined,
  },
);

export function ticketsRouter(service: AnswerService, tickets: TicketDesk, logger: Logger): Router {
  const router = express.Router();
  router.post(
    '/api/tickets',
    requireJson,
    express.json({ limit: MAX_BODY, strict: true }),
    async (req, res) => {
      const parsed = TicketRequest.safeParse(req.body);
      if (!parsed.success) return void res.status(400).json(badRequest(parsed.error));
      const { key, question, asOf, topicId, note } = parsed.data;
      // The same question, date and topic again, to keep what the bot said; not logged a second time.
      const answer = service.ask(question, { asOf, ...(topicId ? { topicId } : {}) });
      try {
        const { ticket, created } = await tickets.open({
          key: `local:${key}`,
          surface: 'local',
          question,
          asOf,
          answer: summariseAnswer(answer),
          asker: { id: 'web chat', name: 'Someone using the web chat' },
          where: {},
          whereText: 'the web chat (they see the answer there with their reference)',
          ...(note ? { note } : {}),
        });
        res.status(created ? 201 : 200).json({ reference: ticket.id, created });
      } catch (error) {
        logger.error({ err: error }, 'web chat: a ticket could not be stored');
        res
          .status(503)
          .set('Retry-After', '5')
          .json({ error: 'your question could not be passed on just now; please try again in a moment' });
      }
    },
  );
  router.get('/api/tickets/:reference', lookUp(tickets, logger));
  router.use('/api/tickets', bodyErrors(logger));
  return router;
}

/** What the asker may see of their ticket: its state and the experts' answers, not who or where. */
export function askerView(ticket: Ticket) {
  return {
    reference: ticket.id,
    state: ticket.state,
    question: ticket.question,
    asOf: ticket.asOf,
    askedAt: ticket.createdAt,
    answers: ticket.replies.map((r) => ({ text: r.text, by: r.by.name ?? 'An expert', at: r.at })),
    ...(ticket.closedAt ? { closedAt: ticket.closedAt } : {}),
  };
}

/**
 * GET /api/tickets/WC-…: the asker comes back with their reference (or the page checks the ones it
 * remembers) and sees the answer. Only web chat tickets: a Slack or Teams ticket's answer goes to
 * the asker there, and its reference says nothing here.
 */
function lookUp(tickets: TicketDesk, logger: Logger): express.RequestHandler {
  return async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const reference = String(req.params.reference).trim().toUpperCase();
    if (!TicketId.safeParse(reference).success) {
      return void res
        .status(400)
        .json({ error: 'a reference is WC- and six letters or digits, e.g. WC-7KQ2M9' });
    }
    try {
      const ticket = await tickets.get(reference);
      if (ticket?.surface !== 'local') {
        return void res
          .status(404)
          .json({ error: `there is no web chat ticket ${reference}: check the reference you were given` });
      }
      res.json(askerView(ticket));
    } catch (error) {
      logger.error({ err: error }, 'web chat: a ticket could not be read');
      res
        .status(503)
        .set('Retry-After', '5')
        .json({ error: 'tickets cannot be read just now; try again in a moment' });
    }
  };
}
