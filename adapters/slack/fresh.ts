import type { RequestHandler } from 'express';

/** Slack's rule: a request more than five minutes from now, either way, may be a replay. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * 401 for a request whose x-slack-request-timestamp is missing or more than five minutes before or
 * after now, checked before the body is read. Bolt refuses old requests but accepts future ones,
 * which would let a captured request be replayed for as long as its date lies ahead.
 */
export function freshSlackRequest(now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    const header = req.get('x-slack-request-timestamp') ?? '';
    const sent = /^\d{1,12}$/.test(header) ? Number(header) : Number.NaN;
    if (Math.abs(now() / 1000 - sent) <= MAX_CLOCK_SKEW_SECONDS) return next();
    res
      .status(401)
      .type('text/plain')
      .send('Unauthorized: the request is not signed with a current timestamp.\n');
  };
}
