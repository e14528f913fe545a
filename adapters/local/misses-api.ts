import express, { type Router } from 'express';
import { z } from 'zod';
import type { MissDesk } from '../../src/misses/desk.js';
import { Id, IsoDate } from '../../src/schemas/common.js';
import { MissId } from '../../src/schemas/miss.js';
import type { Logger } from '../../src/surface.js';
import { badRequest, bodyErrors, MAX_BODY, question, requireJson } from './api.js';

const topicId = z.string({ error: 'topicId must be text' }).max(100, 'topicId is too long').pipe(Id);

/**
 * "Not what I asked" on the web chat: the page sends the answer's question, date and topic, and a key
 * it made for that answer, so pressing twice (a retry, a double click) records one miss.
 */
const MissRequest = z.strictObject(
  {
    key: z
      .string({ error: 'key is missing: send the key the page made for this answer' })
      .regex(/^[A-Za-z0-9-]{8,100}$/, 'key must be 8 to 100 letters, digits or hyphens'),
    question,
    asOf: z.string({ error: 'asOf is missing: send the answer’s asOf date' }).pipe(IsoDate),
    topicId: topicId.optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? 'the fields are key, question, asOf and topicId' : undefined,
  },
);

const ChoiceRequest = z.strictObject(
  { id: MissId, topicId },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'the fields are id and topicId' : undefined) },
);

/** POST /api/misses (a press: the readings to offer) and POST /api/misses/choice (the one chosen). */
export function missesRouter(misses: MissDesk, logger: Logger): Router {
  const router = express.Router();
  const json = express.json({ limit: MAX_BODY, strict: true });
  router.post('/api/misses', requireJson, json, async (req, res) => {
    const parsed = MissRequest.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json(badRequest(parsed.error));
    const { key, ...press } = parsed.data;
    const { miss, recorded, created } = await misses.press({
      ...press,
      key: `local:${key}`,
      surface: 'local',
    });
    res.status(created ? 201 : 200).json({
      id: miss.id,
      read: miss.read,
      question: miss.question,
      asOf: miss.asOf,
      alternatives: miss.alternatives,
      recorded,
    });
  });
  router.post('/api/misses/choice', requireJson, json, async (req, res) => {
    const parsed = ChoiceRequest.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json(badRequest(parsed.error));
    const chosen = await misses.choose(parsed.data.id, parsed.data.topicId);
    if (!chosen) {
      logger.debug({ id: parsed.data.id }, 'web chat: a reading chosen for no recorded miss');
      return void res.status(404).json({ error: 'no such miss, or that reading was not offered for it' });
    }
    res.status(204).end();
  });
  router.use(['/api/misses', '/api/misses/choice'], bodyErrors(logger));
  return router;
}
