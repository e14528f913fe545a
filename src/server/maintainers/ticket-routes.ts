import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Ticket, TicketPerson } from '../../schemas/ticket.js';
import type { Logger, TicketRelay } from '../../surface.js';
import type { TicketDesk } from '../../tickets/desk.js';
import { CSRF_FIELD, csrfProblem, csrfToken } from './csrf.js';
import { html } from './html.js';
import { layout, MAINTAINERS_PATH } from './page.js';
import { ticketHref, ticketPage } from './ticket-page.js';

/** The surface the web chat's tickets come from: its askers read answers from the server. */
const WEB_CHAT = 'local';

export interface TicketRoutesOptions {
  tickets: TicketDesk;
  /** The surfaces running now that can take an answer from here to their askers (Slack, Teams). */
  relays(): readonly TicketRelay[];
  csrfSecret: string;
  logger: Logger;
  /** Lets only maintainers through (MAINTAINERS_TOKEN rules). */
  gate: RequestHandler;
}

const form = express.urlencoded({ extended: false, limit: '16kb' });

const notFound = (res: Response, id: string) =>
  res
    .status(404)
    .type('html')
    .send(layout('No such ticket', html`<h1 class="nhsuk-heading-l">There is no ticket ${id}</h1>`));

/** Who answered or closed from the page: the name typed, else "a maintainer", and where. */
function maintainer(req: Request): TicketPerson {
  const typed = typeof req.body?.by === 'string' ? req.body.by.trim().slice(0, 100) : '';
  return { id: 'maintainers-page', name: typed || 'A maintainer' };
}

/** Refuses a form post another site could have made (403), before anything changes. */
function csrfGuard(secret: string, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const problem = csrfProblem(req, secret, req.body?.[CSRF_FIELD]);
    if (!problem) return next();
    logger.warn(
      { ip: req.socket.remoteAddress, path: req.path },
      `maintainers’ page: refused a form: ${problem}`,
    );
    res
      .status(403)
      .type('html')
      .send(
        layout(
          'Form refused',
          html`<h1 class="nhsuk-heading-l">This form was refused</h1><p class="nhsuk-body">Nothing was changed: ${problem}.</p><p class="nhsuk-body"><a href="${MAINTAINERS_PATH}#tickets">Back to the maintainers’ page</a></p>`,
        ),
      );
  };
}

/** Whether an answer typed here reaches this ticket's asker, and why not. */
function reach(ticket: Ticket, relays: readonly TicketRelay[]): { relay?: TicketRelay; why?: string } {
  if (ticket.surface === WEB_CHAT) return {};
  const relay = relays.find((r) => r.surface === ticket.surface);
  if (relay) return { relay };
  return {
    why: `This ticket came from ${ticket.surface}, which is not running on this server now: answer it in the experts’ channel there. You can still close it here.`,
  };
}

/**
 * A ticket's own page on /maintainers, and the form posts that answer and close it: each post needs
 * the maintainers' access and a token from the page (csrf.ts), and answers with a redirect back.
 */
export function ticketRoutes(router: Router, options: TicketRoutesOptions): void {
  const { tickets, gate, logger } = options;
  const guard = csrfGuard(options.csrfSecret, logger);
  const path = `${MAINTAINERS_PATH}/tickets/:id`;
  const show = async (req: Request, res: Response, status = 200, problem?: string) => {
    const id = String(req.params.id);
    const ticket = await tickets.get(id);
    if (!ticket) return void notFound(res, id);
    const { relay, why } = reach(ticket, options.relays());
    const done = typeof req.query.done === 'string' ? req.query.done : undefined;
    res
      .status(status)
      .type('html')
      .send(
        ticketPage({
          ticket,
          csrf: csrfToken(options.csrfSecret, req),
          canAnswer: !why || Boolean(relay),
          ...(why ? { cannotAnswer: why } : {}),
          ...(done ? { done } : {}),
          ...(problem ? { problem } : {}),
        }),
      );
  };
  router.get(path, gate, (req, res) => show(req, res));
  router.post(`${path}/answer`, gate, form, guard, (req, res) => answer(req, res, options, show));
  router.post(`${path}/close`, gate, form, guard, async (req, res) => {
    const change = await tickets.close(String(req.params.id), maintainer(req));
    if (!change.ok && change.reason === 'missing') return void notFound(res, String(req.params.id));
    if (change.ok) await reach(change.ticket, options.relays()).relay?.refresh(change.ticket);
    res.redirect(303, `${ticketHref(String(req.params.id))}?done=closed`);
  });
}

type Show = (req: Request, res: Response, status?: number, problem?: string) => Promise<void>;

/** Records an answer typed on the page, after taking it to the asker when their surface relays. */
async function answer(req: Request, res: Response, options: TicketRoutesOptions, show: Show) {
  const id = String(req.params.id);
  const text = typeof req.body?.answer === 'string' ? req.body.answer.trim() : '';
  if (!text) return show(req, res, 400, 'Type your answer before sending it');
  if (text.length > 4000) return show(req, res, 400, 'The answer is longer than 4000 characters: shorten it');
  const ticket = await options.tickets.get(id);
  if (!ticket) return void notFound(res, id);
  if (ticket.state === 'closed')
    return show(req, res, 409, 'This ticket is closed, so no answer can be sent');
  const by = maintainer(req);
  const { relay, why } = reach(ticket, options.relays());
  if (why) return show(req, res, 409, why);
  if (relay && !(await relay.relay(ticket, { by, text, at: new Date().toISOString() }))) {
    return show(
      req,
      res,
      502,
      `The answer could not be sent to the asker in ${ticket.surface} just now; try again`,
    );
  }
  const change = await options.tickets.replied(id, by, text);
  if (change.ok) await relay?.refresh(change.ticket);
  res.redirect(303, `${ticketHref(id)}?done=answered`);
}
