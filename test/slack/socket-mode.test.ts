import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createSlackSurface } from '../../adapters/slack/index.js';
import {
  APP_TOKEN,
  BOT_TOKEN,
  commandBody,
  eventBody,
  FakeSlack,
  FakeSocketMode,
  mention,
  visibleText,
} from '../stand-ins/slack.js';
import { realEngine, recordingLogger, startSocketSlack } from './harness.js';

let socket: FakeSocketMode;
let slack: Awaited<ReturnType<typeof startSocketSlack>>;
// One real engine for the file: loading the knowledge is the slow part.
let real: Awaited<ReturnType<typeof realEngine>>;

/**
 * Delivers a fresh mention and waits for its reply. Sent after the envelopes under test and handled
 * along the same path, so once it is answered anything they were going to post has had its turn.
 */
async function marker(): Promise<void> {
  const ts = '1700000199.000100';
  socket.deliver('events_api', eventBody('EvSMarker', mention('who commissions health visiting?', ts)));
  await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
}

beforeAll(async () => {
  real = await realEngine();
  socket = await FakeSocketMode.start();
  slack = await startSocketSlack(socket, real.engine);
});
afterAll(async () => {
  await slack?.close();
  await socket?.close();
  await real?.cleanup();
});

describe('Slack in Socket Mode', () => {
  it('opens the WebSocket through apps.connections.open with the app-level token', () => {
    expect(slack.surface.mode).toBe('socket');
    expect(slack.fake.sent('apps.connections.open')[0]?.authorization).toBe('Bearer xapp-test-token');
    expect(socket.connections).toBe(1);
  });

  it('acks a mention envelope and answers in the thread naming the local authority', async () => {
    const ts = '1700000101.000100';
    const envelope = socket.deliver(
      'events_api',
      eventBody('EvS1', mention('who commissioned health visiting in 2017?', ts)),
      {
        retry_attempt: 0,
        retry_reason: '',
      },
    );
    await socket.waitForAck(envelope);

    const reply = await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
    expect(reply.body.channel).toBe('C0GENERAL');
    expect(visibleText(reply.body)).toMatch(/Local authority/);
  });

  it('answers once when an envelope is redelivered or retried', async () => {
    const ts = '1700000102.000100';
    const payload = eventBody('EvS2', mention('who commissions immunisations?', ts));
    socket.deliver('events_api', payload, { retry_attempt: 0 });
    await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);

    const again = socket.deliver('events_api', payload, { retry_attempt: 0 });
    const retried = socket.deliver('events_api', payload, { retry_attempt: 1, retry_reason: 'timeout' });
    await socket.waitForAck(again);
    await socket.waitForAck(retried);
    await marker();
    expect(slack.fake.sent('chat.postMessage').filter((c) => c.body.thread_ts === ts)).toHaveLength(1);
  });

  it('acks the slash command and answers it privately', async () => {
    const envelope = socket.deliver(
      'slash_commands',
      commandBody('who commissioned health visiting in 2017?', slack.fake.responseUrl('s1')),
    );
    await socket.waitForAck(envelope);

    const reply = await slack.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(reply.body.user).toBe('U0ASKER');
    expect(visibleText(reply.body)).toMatch(/Local authority/);
  });

  it('closes the WebSocket on stop', async () => {
    await slack.surface.stop?.();
    await expect.poll(() => socket.connections).toBe(0);
  });
});

describe('Slack start-up', () => {
  it('fails with what to fix when Slack rejects the bot token', async () => {
    const fake = await FakeSlack.start();
    const surface = createSlackSurface(
      { botToken: 'xoxb-revoked', appToken: APP_TOKEN, apiUrl: fake.apiUrl, retries: 0 },
      real.engine,
      recordingLogger(),
    );
    await expect(surface.start?.()).rejects.toThrow(/SLACK_BOT_TOKEN \(invalid_auth\).*xoxb-/);
    await surface.stop?.();
    await fake.close();
  });

  it('fails with what to fix when Slack rejects the app-level token', async () => {
    const fake = await FakeSlack.start();
    const surface = createSlackSurface(
      { botToken: BOT_TOKEN, appToken: 'xapp-wrong', apiUrl: fake.apiUrl, retries: 0 },
      real.engine,
      recordingLogger(),
    );
    await expect(surface.start?.()).rejects.toThrow(/SLACK_APP_TOKEN: an app-level token/);
    await surface.stop?.();
    await fake.close();
  });

  it('lets the server go on, still trying, when the Socket Mode connection does not come up', async () => {
    const fake = await FakeSlack.start();
    // A WebSocket endpoint that accepts the connection but never says hello.
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(silent, 'listening');
    fake.socketUrl = `ws://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    const logger = recordingLogger();
    const surface = createSlackSurface(
      { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.apiUrl, retries: 0, connectWaitMs: 200 },
      real.engine,
      logger,
    );
    await surface.start?.();
    expect(logger.lines.some((l) => l.level === 'warn' && /still trying/.test(l.msg ?? ''))).toBe(true);
    await surface.stop?.();
    for (const client of silent.clients) client.terminate();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    await fake.close();
  });
});
