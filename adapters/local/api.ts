import type { IncomingMessage } from 'node:http';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import { AnswerStatus } from '../../src/schemas/answer.js';
import { Id, IsoDate } from '../../src/schemas/common.js';
import type { AnswerService, KnowledgeSummary } from '../../src/service.js';
import type { Logger } from '../../src/surface.js';

/** Longest question accepted; real questions are a sentence or two. */
export const MAX_QUESTION_LENGTH = 500;
/** Largest JSON body accepted: a maximal question in any script, escaped, with room for the other fields. */
export const MAX_BODY = '8kb';

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

export const question = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'question is missing: send {"question": "…"}' : 'question must be text',
  })
  .trim()
  .min(1, 'question is empty: type a question')
  .max(MAX_QUESTION_LENGTH, `question is longer than ${MAX_QUESTION_LENGTH} characters: shorten it`);

const asOf = z.preprocess(
  blankToUndefined,
  z.string({ error: 'asOf must be a date written YYYY-MM-DD, e.g. 2017-04-01' }).pipe(IsoDate).optional(),
);

const topicId = z.preprocess(
  blankToUndefined,
  z.string({ error: 'topicId must be text' }).max(100, 'topicId is too long').pipe(Id).optional(),
);

/** The page's own random id: follow-ups are read against the last question asked on the same page. */
const conversation = z.preprocess(
  blankToUndefined,
  z
    .string({ error: 'conversation must be text' })
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'conversation must be 8 to 64 letters, digits, "-" or "_"')
    .optional(),
);

const AskRequest = z.strictObject(
  { question, asOf, topicId, conversation },
  { error: (issue) => unknownKeysMessage(issue, 'question, asOf, topicId and conversation') },
);

const FeedbackRequest = z.strictObject(
  {
    helpful: z.boolean({ error: 'helpful must be true or false' }),
    question,
    asOf: z.string({ error: 'asOf is missing: send the answer’s asOf date' }).pipe(IsoDate),
    topicId,
    status: z.enum(AnswerStatus.options, {
      error: `status must be one of ${AnswerStatus.options.join(', ')}: send the answer’s status`,
    }),
  },
  { error: (issue) => unknownKeysMessage(issue, 'helpful, question, asOf, topicId and status') },
);

function unknownKeysMessage(issue: z.core.$ZodRawIssue, allowed: string): string | undefined {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')}: the fields are ${allowed}`;
  }
  if (issue.code === 'invalid_type')
    return 'send a JSON object, e.g. {"question": "who commissions health visiting?"}';
  return undefined;
}

/** 400 with the first problem, naming the field, so a caller can fix one thing at a time. */
export function badRequest(error: z.ZodError): { error: string; field?: string } {
  const issue = error.issues[0];
  const field = issue?.path[0];
  return { error: issue?.message ?? 'bad request', ...(typeof field === 'string' ? { field } : {}) };
}

export const requireJson: RequestHandler = (req, res, next) => {
  if (req.is('application/json')) return next();
  res.status(415).json({ error: 'send the request as JSON with the header Content-Type: application/json' });
};

/** Turns body-parser failures into answers a caller can act on, instead of express's HTML error page. */
export function bodyErrors(logger: Logger): ErrorRequestHandler {
  return (error: { type?: string; status?: number; message?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    switch (error.type) {
      case 'entity.too.large':
        return void res
          .status(413)
          .json({ error: `the request is larger than ${MAX_BODY}: ask a shorter question` });
      case 'entity.parse.failed':
        return void res
          .status(400)
          .json({ error: `the body is not valid JSON (${error.message ?? 'parse error'})` });
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return void res.status(415).json({ error: 'send the JSON as UTF-8' });
    }
    // A body that cannot be read (corrupt or truncated gzip, an aborted upload) is the caller's fault.
    if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      return void res.status(error.status).json({
        error: `the body could not be read (${error.message ?? 'unreadable'}): send plain or valid gzip JSON`,
      });
    }
    logger.error({ err: error }, 'web chat request failed');
    res.status(500).json({ error: 'something went wrong answering this; the server log has the details' });
  };
}

/** What /api/status tells the page: the summary, and whether the files on disk failed to load. */
export type WebStatus = KnowledgeSummary & {
  /** The last reload failed, so answers come from the last good knowledge and may be out of date. */
  outOfDate: boolean;
};

/**
 * The knowledge's problems name files and lines on the server: only maintainers see them. Everyone
 * else learns only that some answers may be out of date.
 */
export function webStatus(summary: KnowledgeSummary, maintainer: boolean): WebStatus {
  const outOfDate = summary.problems.length > 0;
  return { ...summary, problems: maintainer ? summary.problems : [], outOfDate };
}

/** The JSON API behind the web chat: /api/ask, /api/feedback, /api/status. */
export function apiRouter(
  service: AnswerService,
  logger: Logger,
  isMaintainer: (req: IncomingMessage) => boolean,
): Router {
  const router = express.Router();
  const json = express.json({ limit: MAX_BODY, strict: true });

  router.post('/api/ask', requireJson, json, async (req, res) => {
    const parsed = AskRequest.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json(badRequest(parsed.error));
    const started = performance.now();
    const answer = await service.answer(parsed.data.question, {
      asOf: parsed.data.asOf,
      topicId: parsed.data.topicId,
      surface: 'local',
      ...(parsed.data.conversation ? { conversation: `local:${parsed.data.conversation}` } : {}),
    });
    logger.info(
      {
        surface: 'local',
        status: answer.status,
        topic: answer.topic?.id,
        ms: Math.round(performance.now() - started),
      },
      'answered',
    );
    res.json(answer);
  });

  router.post('/api/feedback', requireJson, json, async (req, res) => {
    const parsed = FeedbackRequest.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json(badRequest(parsed.error));
    try {
      await service.feedback({ surface: 'local', ...parsed.data });
    } catch {
      // Only acknowledged once stored: the page says it could not be recorded, and may try again.
      return void res
        .status(503)
        .set('Retry-After', '5')
        .json({ error: 'your feedback could not be recorded just now; the server log has the details' });
    }
    res.status(204).end();
  });

  router.get('/api/status', (req, res) => {
    res.set('Cache-Control', 'no-store').json(webStatus(service.summary(), isMaintainer(req)));
  });

  router.use(['/api/ask', '/api/feedback'], bodyErrors(logger));
  return router;
}
