import type { IncomingMessage } from 'node:http';
import type { MissDesk } from './misses/desk.js';
import type { AnswerService } from './service.js';
import type { DedupeStore } from './stores/dedupe.js';
import type { Logger, Surface } from './surface.js';
import type { TicketDesk } from './tickets/desk.js';

/** What a surface is built with: the answer service, the log, and the stores shared by every copy. */
export interface SurfaceContext {
  service: AnswerService;
  logger: Logger;
  dedupe: DedupeStore;
  /** Where "ask an expert" tickets go; a surface without expert settings only opens them from its own page. */
  tickets: TicketDesk;
  /** "Not what I asked": records the miss and gives the next-best readings to offer. */
  misses?: MissDesk;
  /**
   * Whether a request comes from a maintainer: with MAINTAINERS_TOKEN set, one that shows it (bearer or
   * the sign-in cookie); without it, one from this machine not through a proxy. Only maintainers see
   * the knowledge files' problems (file paths and lines).
   */
  isMaintainer(req: IncomingMessage): boolean;
}

/** The server's own settings an adapter may check its own against. */
export interface ServerFacts {
  host: string;
  /** Whether only this machine can reach the server. */
  loopback: boolean;
}

/** An adapter's settings read from the environment: undefined when it is off; errors name the variable. */
export type SettingsReading<S> = { ok: true; settings: S | undefined } | { ok: false; errors: string[] };

/**
 * A chat platform as the server sees it, described by the adapter itself: the settings it reads from
 * the environment, its start-up line, and how to build its surface (routes and connections). The
 * core names no platform; the composition root (src/server/main.ts, through adapters/index.ts)
 * registers the adapters it ships with, so a new platform is one folder and one line there.
 */
export interface Adapter<S = unknown> {
  readonly name: string;
  /** The environment variables it reads, for the documentation and error messages. */
  readonly variables: readonly string[];
  readSettings(env: NodeJS.ProcessEnv, server: ServerFacts): SettingsReading<S>;
  /** Its start-up line(s) in plain words: on, and where; or off, and what to set. */
  summary(settings: S | undefined, url: string, server: ServerFacts): string[];
  /** Builds the surface; a large SDK is imported only now, when the platform is on. */
  create(settings: S, context: SurfaceContext): Promise<Surface>;
}

/** Keeps an adapter's own types inside it, for a list of adapters of different settings. */
export function defineAdapter<S>(adapter: Adapter<S>): Adapter<unknown> {
  return adapter as unknown as Adapter<unknown>;
}
