import { type Activity, CloudAdapter, type TurnContext } from 'botbuilder';
import type { Request, Response } from 'express';
import type { Logger } from '../../src/surface.js';

/**
 * botbuilder's CloudAdapter, with its turn run from an activity the route has already parsed and
 * checked. `process()` would print every token it refuses to stderr as a stack trace (console.error)
 * and answer with the library's own text; here the caller decides what is logged and answered.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  runActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): ReturnType<CloudAdapter['processActivity']> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** A failure that means the Bot Framework's signing keys could not be fetched, not a bad token. */
function cannotReachKeys(error: unknown): boolean {
  const e = error as { type?: unknown; code?: unknown; message?: unknown };
  return (
    e?.type === 'system' ||
    typeof e?.code === 'string' ||
    /Failed to load (openID config|Keys)/.test(String(e?.message))
  );
}

/** botbuilder reads timestamps as Dates (its own process() converts them); the rest is as sent. */
function asActivity(body: Record<string, unknown>): Activity {
  const activity = { ...body } as Record<string, unknown>;
  for (const field of ['timestamp', 'localTimestamp', 'expiration']) {
    if (typeof activity[field] === 'string') activity[field] = new Date(activity[field] as string);
  }
  return activity as unknown as Activity;
}

/**
 * Runs one activity and answers the HTTP request. Every failure before the turn starts is an
 * authentication failure: a bare 401, never the library's text, logged in one line (a forged or
 * expired token at warn; signing keys that could not be fetched at error, with what to check). A
 * failure after it is a bare 500. An invoke's response (status and body) passes through unchanged.
 */
export async function runTurn(
  adapter: TeamsCloudAdapter,
  req: Request,
  res: Response,
  logger: Logger,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let turnStarted = false;
  try {
    const invoke = await adapter.runActivity(
      req.get('authorization') ?? '',
      asActivity(req.body),
      (context) => {
        turnStarted = true;
        return logic(context);
      },
    );
    if (invoke?.body === undefined) res.status(invoke?.status ?? 200).end();
    else res.status(invoke.status).send(invoke.body);
  } catch (error) {
    if (res.headersSent) return;
    const reason = error instanceof Error ? error.message : String(error);
    if (turnStarted) {
      logger.error({ err: error }, `Teams: the turn failed after it started: ${reason}`);
      return void res.status(500).json({ error: 'The bot could not handle this activity.' });
    }
    if (cannotReachKeys(error)) {
      logger.error(
        { reason },
        `Teams: could not fetch the Bot Framework's signing keys to check a token (${reason}); the request was refused with 401. Check that this server can reach login.botframework.com (proxy, firewall, DNS).`,
      );
    } else {
      logger.warn({ ip: req.ip, reason }, `Teams: refused a request whose token did not verify (${reason})`);
    }
    res.status(401).json({ error: 'Unauthorized' });
  }
}
