import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { createSlackSurface, type SlackSurface } from '../../adapters/slack/index.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { withFollowUps } from '../../src/followups.js';
import { createLogbook, FEEDBACK_FILE, type Logbook } from '../../src/logbook.js';
import type { MissDesk } from '../../src/misses/desk.js';
import { memoryRecall } from '../../src/stores/recall.js';
import type { Logger } from '../../src/surface.js';
import type { TicketDesk } from '../../src/tickets/desk.js';
import {
  APP_TOKEN,
  BOT_TOKEN,
  buttonClick,
  commandBody,
  eventBody,
  FakeSlack,
  type FakeSocketMode,
  postSigned,
  SIGNING_SECRET,
} from '../stand-ins/slack.js';

/** "Today" for every Slack test, so answers about "now" do not drift with the calendar. */
export const TODAY = new Date('2026-06-01T12:00:00Z');

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: unknown;
  msg?: string;
}

/** A Logger that keeps every line, so a test can see that a failure was logged. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (obj: unknown, msg?: string) => {
    lines.push({ level, obj, ...(msg !== undefined ? { msg } : {}) });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The real engine over the repository's knowledge, writing feedback to a temporary folder. */
export async function realEngine(): Promise<{
  engine: Engine;
  logbook: Logbook;
  feedback(): Promise<unknown[]>;
  cleanup(): Promise<void>;
}> {
  const dataDir = await mkdtemp(join(tmpdir(), 'wc-slack-'));
  const logbook = createLogbook(dataDir);
  const engine = await createEngine({ now: () => TODAY, logbook });
  return {
    engine,
    logbook,
    async feedback() {
      await logbook.flush();
      const text = await readFile(join(dataDir, FEEDBACK_FILE), 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
    },
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

export interface HttpSlack {
  /** The real engine the surface answers from, for tests that need to know what it will say. */
  engine: Engine;
  fake: FakeSlack;
  logger: ReturnType<typeof recordingLogger>;
  surface: SlackSurface;
  eventsUrl: string;
  feedback(): Promise<unknown[]>;
  /** Sends a signed event_callback; resolves with the HTTP status. */
  event(eventId: string, event: Record<string, unknown>, headers?: Record<string, string>): Promise<number>;
  command(text: string, channel?: string): Promise<number>;
  click(
    button: { action_id: string; value: string },
    where?: Parameters<typeof buttonClick>[2],
  ): Promise<number>;
  /** Submits a modal (a view_submission); resolves with the HTTP status and what Bolt answered. */
  submit(payload: object): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

/** The Slack surface in HTTP mode, mounted on an express app on 127.0.0.1, talking to a FakeSlack. */
export async function startHttpSlack(
  options: {
    expertsChannel?: string;
    tickets?: TicketDesk;
    /** "Not what I asked", given the engine the surface answers from. */
    misses?: (engine: Engine) => MissDesk;
  } = {},
): Promise<HttpSlack> {
  const { engine, feedback, cleanup } = await realEngine();
  const fake = await FakeSlack.start();
  const logger = recordingLogger();
  // As the server builds it: follow-ups read against each conversation's last question.
  const surface = createSlackSurface(
    {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      retries: 0,
      ...(options.expertsChannel ? { expertsChannel: options.expertsChannel } : {}),
    },
    withFollowUps(engine, memoryRecall()),
    logger,
    {
      ...(options.tickets ? { tickets: options.tickets } : {}),
      ...(options.misses ? { misses: options.misses(engine) } : {}),
    },
  );
  const app = express();
  const routes = surface.routes?.();
  if (routes) app.use(routes);
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  await surface.start?.();
  const eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  let hook = 0;

  return {
    engine,
    fake,
    logger,
    surface,
    eventsUrl,
    feedback,
    async event(eventId, event, headers = {}) {
      const body = JSON.stringify(eventBody(eventId, event));
      const res = await postSigned(eventsUrl, body, 'application/json', { headers });
      return res.status;
    },
    async command(text, channel) {
      const body = new URLSearchParams(
        commandBody(text, fake.responseUrl(`command-${++hook}`), channel),
      ).toString();
      const res = await postSigned(eventsUrl, body, 'application/x-www-form-urlencoded');
      return res.status;
    },
    async click(button, where = {}) {
      const payload = JSON.stringify(buttonClick(button, fake.responseUrl(`action-${++hook}`), where));
      const body = new URLSearchParams({ payload }).toString();
      const res = await postSigned(eventsUrl, body, 'application/x-www-form-urlencoded');
      return res.status;
    },
    async submit(payload) {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const res = await postSigned(eventsUrl, body, 'application/x-www-form-urlencoded');
      return { status: res.status, body: await res.text() };
    },
    async close() {
      await surface.stop?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
      await cleanup();
    },
  };
}

/** The Slack surface in Socket Mode, connected to a FakeSocketMode through a FakeSlack. */
export async function startSocketSlack(socket: FakeSocketMode, engine: Engine) {
  const fake = await FakeSlack.start();
  fake.socketUrl = socket.url;
  const logger = recordingLogger();
  const surface = createSlackSurface(
    { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.apiUrl, retries: 0 },
    engine,
    logger,
  );
  await surface.start?.();
  return {
    fake,
    logger,
    surface,
    async close() {
      await surface.stop?.();
      await fake.close();
    },
  };
}
