import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createTeamsSurface, type TeamsConfig } from '../../adapters/teams/index.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { withFollowUps } from '../../src/followups.js';
import { createLogbook, type Logbook } from '../../src/logbook.js';
import type { AnswerService } from '../../src/service.js';
import { memoryRecall } from '../../src/stores/recall.js';
import type { Logger, Surface } from '../../src/surface.js';
import { type ConnectorStandIn, startConnectorStandIn } from '../stand-ins/connector.js';

export const UNAUTHENTICATED: TeamsConfig = {
  appId: '',
  appPassword: '',
  appType: 'MultiTenant',
  allowUnauthenticated: true,
};

/** Collects what the adapter logs, so a test can show an error instead of a bare failed assertion. */
export function recordingLogger(): Logger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return {
    errors,
    debug() {},
    info() {},
    warn() {},
    error(obj) {
      errors.push(obj);
    },
  };
}

/** The Teams surface mounted on its own express app on 127.0.0.1, as the server would mount it. */
export async function startBotServer(
  config: TeamsConfig,
  service: AnswerService,
  logger: Logger,
  stores: Parameters<typeof createTeamsSurface>[3] = {},
): Promise<{ url: string; surface: Surface; close(): Promise<void> }> {
  const app = express();
  const surface = createTeamsSurface(config, service, logger, stores);
  const routes = surface.routes?.();
  if (routes) app.use(routes);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    surface,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** POSTs an activity the way the Bot Framework channel would, without a token unless one is given. */
export async function postActivity(url: string, activity: object, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}

/** "Today" for the Teams tests, so answers about "now" do not drift with the calendar. */
export const NOW = new Date('2026-11-01T12:00:00Z');

export interface TeamsBot {
  connector: ConnectorStandIn;
  /** The bot's /api/messages. */
  url: string;
  engine: Engine;
  logger: ReturnType<typeof recordingLogger>;
  /** Where the logbook writes (feedback), when asked for one. */
  dataDir: string;
  logbook: Logbook | undefined;
  /** POSTs an activity as the channel would; resolves with the HTTP status once the body is read. */
  deliver(activity: object): Promise<number>;
}

/**
 * For a describe block: the real engine, a connector stand-in and the Teams surface on 127.0.0.1,
 * started before the tests and stopped after them; the recorded calls and errors are emptied before
 * each test. The fields are there from the first test on.
 */
export function useTeamsBot(options: { config?: TeamsConfig; logbook?: boolean } = {}): TeamsBot {
  const logger = recordingLogger();
  let close: (() => Promise<void>) | undefined;
  const bot = {
    logger,
    logbook: undefined,
    dataDir: '',
    async deliver(activity: object) {
      const response = await postActivity(bot.url, activity);
      await response.arrayBuffer();
      return response.status;
    },
  } as unknown as TeamsBot;

  beforeAll(async () => {
    if (options.logbook) {
      bot.dataDir = await mkdtemp(join(tmpdir(), 'teams-bot-'));
      bot.logbook = createLogbook(bot.dataDir);
    }
    bot.engine = await createEngine({ now: () => NOW, ...(bot.logbook ? { logbook: bot.logbook } : {}) });
    bot.connector = await startConnectorStandIn();
    // As the server builds it: follow-ups read against each conversation's last question.
    const service = withFollowUps(bot.engine, memoryRecall());
    // A bot with an app id checks tokens against the stand-in's keys, never login.botframework.com.
    const config = options.config ?? UNAUTHENTICATED;
    const keys = config.appId ? { openIdMetadataUrl: bot.connector.openIdMetadataUrl } : {};
    const server = await startBotServer({ ...keys, ...config }, service, logger);
    bot.url = server.url;
    close = server.close;
  });
  afterAll(async () => {
    await close?.();
    await bot.connector?.close();
    if (bot.dataDir) await rm(bot.dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    bot.connector.calls.length = 0;
    bot.connector.memberLookups.length = 0;
    logger.errors.length = 0;
  });
  return bot;
}
