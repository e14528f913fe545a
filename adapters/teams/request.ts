import express, { type RequestHandler, type Response } from 'express';
import { z } from 'zod';

/** The largest activity accepted. Teams messages are far smaller (about 28 KB of text at most). */
export const MAX_ACTIVITY_BYTES = '1mb';

const WHAT_TO_SEND =
  'POST a Bot Framework activity as a JSON object with Content-Type: application/json, ' +
  'as the Teams channel or a Bot Framework client sends it';

function refuse(res: Response, status: number, error: string): void {
  res.status(status).json({ error });
}

/** 415 for a body that is not declared as JSON, before anything is read. */
export const requireJson: RequestHandler = (req, res, next) => {
  if (req.is(['application/json', '+json'])) return next();
  const type = req.get('content-type');
  refuse(
    res,
    415,
    `${type ? `Content-Type ${type} is not accepted` : 'The request has no Content-Type'}: ${WHAT_TO_SEND}.`,
  );
};

interface BodyParserError {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
  message?: unknown;
}

const parseJson = express.json({ limit: MAX_ACTIVITY_BYTES });

/**
 * express.json, with its errors (too large, not JSON, an unknown charset) answered here as JSON
 * saying what to fix, rather than passed on to become a 500 or an HTML page.
 */
export const readJson: RequestHandler = (req, res, next) => {
  parseJson(req, res, (error?: unknown) => {
    if (error === undefined || error === null) return next();
    const e = error as BodyParserError;
    switch (e.type) {
      case 'entity.too.large':
        return refuse(
          res,
          413,
          `The body is larger than ${MAX_ACTIVITY_BYTES}, the most accepted: send one activity per request (a Teams message is far smaller).`,
        );
      case 'entity.parse.failed':
        return refuse(res, 400, `The body is not valid JSON (${String(e.message)}): ${WHAT_TO_SEND}.`);
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return refuse(
          res,
          415,
          `${String(e.message)}: send the activity as UTF-8 JSON, uncompressed or gzip.`,
        );
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) {
      return refuse(res, e.status, `The body could not be read (${String(e.message)}): ${WHAT_TO_SEND}.`);
    }
    next(error);
  });
};

/**
 * The fields botbuilder needs to run a turn and send a reply. Everything else is left to botbuilder;
 * unknown fields are kept, since the channel adds new ones over time.
 */
const ActivityShape = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  id: z.string().optional(),
});

/** What is wrong with a parsed body as an activity, in words, or undefined when it will do. */
export function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return `The body is ${Array.isArray(body) ? 'a JSON array' : `JSON ${body === null ? 'null' : typeof body}`}, not an activity: ${WHAT_TO_SEND}.`;
  }
  const parsed = ActivityShape.safeParse(body);
  if (parsed.success) return undefined;
  // A missing conversation is reported as the field inside it that is needed.
  const fields = parsed.error.issues.map((issue) =>
    issue.path.length === 1 && issue.path[0] === 'conversation' ? 'conversation.id' : issue.path.join('.'),
  );
  return `The activity has no valid ${[...new Set(fields)].join(', ')} (each must be a non-empty string): ${WHAT_TO_SEND}.`;
}

/** 400 for a body that is JSON but not an activity, before botbuilder would fail on it with a 500. */
export const requireActivity: RequestHandler = (req, res, next) => {
  const problem = activityProblem(req.body);
  if (problem) return refuse(res, 400, problem);
  next();
};
