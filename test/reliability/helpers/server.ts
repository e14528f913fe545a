import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ADAPTERS } from '../../../adapters/index.js';
import { parseConfig } from '../../../src/server/config.js';
import { startServer } from '../../../src/server/server.js';
import type { Logger } from '../../../src/surface.js';
import { type ConnectorStandIn, startConnectorStandIn } from '../../stand-ins/connector.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET } from '../../stand-ins/slack.js';

/** "Today" for every reliability test and the benchmark, so answers do not drift with the calendar. */
export const TODAY = new Date('2026-11-01T12:00:00Z');

/** A logger that keeps only errors, so a test can show what went wrong. */
export function quietLogger(): Logger & { errors: unknown[]; fatal(obj: unknown): void } {
  const errors: unknown[] = [];
  const keep = (obj: unknown) => void errors.push(obj);
  return { errors, debug() {}, info() {}, warn() {}, error: keep, fatal: keep };
}

export interface Running {
  url: string;
  slack: FakeSlack;
  connector: ConnectorStandIn;
  logger: ReturnType<typeof quietLogger>;
  close(): Promise<void>;
}

/**
 * The real server (npm start's startServer) on 127.0.0.1 and a free port, with every surface on:
 * Slack over HTTP events, talking to a local Slack stand-in; Teams without authentication (replies go
 * to a local connector stand-in named by each activity's serviceUrl); the web chat's /api/ask.
 */
export async function startEverything(
  options: {
    /** Settings added to (or replacing) the defaults, e.g. REDIS_URL, DATABASE_URL or SLACK_API_URL. */
    env?: Record<string, string>;
    /** The server's logger (default: one that keeps only errors, `logger` below). */
    logger?: Logger;
    /** Build the knowledge's indexes at start, as npm start does. */
    warm?: boolean;
  } = {},
): Promise<Running> {
  const [slack, connector, dataDir] = await Promise.all([
    FakeSlack.start(),
    startConnectorStandIn(),
    mkdtemp(join(tmpdir(), 'wc-reliability-')),
  ]);
  const parsed = parseConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DRAIN_SECONDS: '0',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      ...options.env,
    },
    ADAPTERS,
  );
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const logger = quietLogger();
  const server = await startServer({
    config: parsed.config,
    logger: options.logger ?? logger,
    now: () => TODAY,
    ...(options.warm ? { warm: true } : {}),
    shutdownGraceMs: 2000,
  });
  await server.ready;
  return {
    url: server.url,
    slack,
    connector,
    logger,
    async close() {
      await server.close();
      await Promise.all([slack.close(), connector.close()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Questions for the load tests, taken in turn. */
export const LOAD_QUESTIONS = [
  'who commissions health visiting?',
  'who commissioned community pharmacy in 2016?',
  'who buys NHS 111 for our patch in 2017?',
  'who commissions sexual health services?',
  'who commissions prison healthcare?',
];

/** For a test file: everything started before its tests and closed after them. */
export function useEverything(): Running {
  const running = {} as Running;
  beforeAll(async () => {
    Object.assign(running, await startEverything());
  });
  afterAll(async () => {
    await running.close?.();
  });
  return running;
}

/** Polls until `check` returns true or the time runs out; returns the last result. */
export async function waitUntil(check: () => boolean, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
