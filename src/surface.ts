import type { IncomingMessage, ServerResponse } from 'node:http';

/** The subset of pino's logger that surfaces use, so tests can pass their own. */
export interface Logger {
  debug(obj: unknown, msg?: string): void;
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/** A connect-style request handler: answers the request, or calls `next` to pass it on. */
export type HttpHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * A chat surface (Slack, Teams, the local web chat) as the server sees it: the port each adapter
 * implements, like a Bolt receiver. It lives in the core so adapters depend on nothing else.
 * The server mounts every surface's routes, is then ready, starts the surfaces in the background,
 * and stops them on shutdown (after any start still running has finished).
 */
export interface Surface {
  readonly name: string;
  /**
   * The surface's HTTP routes, if it takes any, as one handler the server adds to its own. Typed on
   * Node's http, not a web framework: an express Router is one; so is a plain function.
   */
  routes?(): HttpHandler;
  /** Open long-lived connections (e.g. Slack Socket Mode). A failure is logged; the other surfaces go on. */
  start?(): Promise<void>;
  /** Close connections; in-flight work may finish. May be called while start() is still running. */
  stop?(): Promise<void>;
}
