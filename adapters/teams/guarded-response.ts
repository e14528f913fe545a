import type { Response } from 'express';

/** What botbuilder's CloudAdapter.process calls on a response: status, header, send, end. */
export interface BotResponse {
  status(code: number): BotResponse;
  header(name: string, value: unknown): BotResponse;
  send(body?: unknown): BotResponse;
  end(): BotResponse;
}

/**
 * A response for botbuilder that never shows its error text. botbuilder answers a token it cannot
 * verify with the library's message, and with 500 when the failure is not its own AuthenticationError
 * (a token with alg none, HS256, a foreign signature, or key metadata it could not fetch). Every
 * failure before the turn starts is an authentication failure: a bare 401. A failure after it is a
 * bare 500. Successful answers (an invoke's body) pass through unchanged.
 */
export function guardedResponse(res: Response, turnStarted: () => boolean): BotResponse {
  let status = 200;
  let body: unknown;
  const guarded: BotResponse = {
    status(code) {
      status = code;
      return guarded;
    },
    header(name, value) {
      res.header(name, String(value));
      return guarded;
    },
    send(value) {
      body = value;
      return guarded;
    },
    end() {
      if (res.headersSent) return guarded;
      if (status >= 400 && !turnStarted()) res.status(401).json({ error: 'Unauthorized' });
      else if (status >= 500) res.status(status).json({ error: 'The bot could not handle this activity.' });
      else if (body === undefined) res.status(status).end();
      else res.status(status).send(body);
      return guarded;
    },
  };
  return guarded;
}
