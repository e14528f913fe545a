import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ticket, TicketReply } from './schemas/ticket.js';

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
  /** How this surface takes an answer written on the maintainers' page to its own askers. */
  tickets?: TicketRelay;
}

/**
 * Sends an answer written outside the surface (on the maintainers' page) to the asker, where they
 * asked, and shows it on the experts' copy of the ticket. The maintainers' page records the answer
 * only once `relay` says it was delivered, as an expert's reply in the surface's own channel is.
 */
export interface TicketRelay {
  /** The ticket surface name this relay serves (Ticket.surface, e.g. 'slack'). */
  readonly surface: string;
  relay(ticket: Ticket, reply: TicketReply): Promise<boolean>;
  /** Shows the ticket's new state (answered, closed) on the experts' copy; a failure is only logged. */
  refresh(ticket: Ticket): Promise<void>;
}
