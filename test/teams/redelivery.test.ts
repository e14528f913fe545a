import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveryKey } from '../../adapters/teams/dedupe.js';
import { createEngine } from '../../src/engine.js';
import { createSeen } from '../../src/seen.js';
import { personalInstall, personalMessage } from './activities.js';
import { postActivity, recordingLogger, startBotServer, UNAUTHENTICATED } from './bot-server.js';
import { type ConnectorStandIn, startConnectorStandIn } from './connector-stand-in.js';

describe('a Teams activity the channel delivers more than once', () => {
  let connector: ConnectorStandIn;
  let bot: { url: string; close(): Promise<void> };
  const logger = recordingLogger();

  beforeAll(async () => {
    const engine = await createEngine({ now: () => new Date('2026-11-01T12:00:00Z') });
    connector = await startConnectorStandIn();
    bot = await startBotServer(UNAUTHENTICATED, engine, logger);
  });

  afterAll(async () => {
    await bot?.close();
    await connector?.close();
  });

  beforeEach(() => {
    connector.calls.length = 0;
    logger.errors.length = 0;
  });

  async function deliver(activity: object): Promise<number> {
    const response = await postActivity(bot.url, activity);
    await response.arrayBuffer();
    return response.status;
  }

  it('is answered once when the same activity arrives again after the first was answered', async () => {
    const message = personalMessage(connector.serviceUrl, 'who commissions health visiting');
    expect(await deliver(message)).toBe(200);
    expect(await deliver(message)).toBe(200);

    expect(connector.calls.map((c) => c.activityId)).toEqual([message.id]);
    expect(logger.errors).toEqual([]);
  });

  it('is answered once when both deliveries arrive at the same time', async () => {
    const messages = Array.from({ length: 10 }, (_, i) =>
      personalMessage(connector.serviceUrl, `who commissions health visiting in ${2015 + i}`),
    );
    const statuses = await Promise.all([...messages, ...messages].map(deliver));

    expect(statuses.every((s) => s === 200)).toBe(true);
    const repliedTo = connector.calls.map((c) => c.activityId).sort();
    expect(repliedTo).toEqual(messages.map((m) => m.id).sort());
  });

  it('is still answered in another conversation that happens to use the same activity id', async () => {
    const first = personalMessage(connector.serviceUrl, 'who commissions health visiting');
    const elsewhere = { ...first, conversation: { ...first.conversation, id: 'a:personal-sam' } };
    await deliver(first);
    await deliver(elsewhere);

    expect(connector.calls.map((c) => c.conversationId)).toEqual(['a:personal-alex', 'a:personal-sam']);
  });

  it('welcomes once when an install is redelivered', async () => {
    const install = personalInstall(connector.serviceUrl);
    await deliver(install);
    await deliver(install);

    expect(connector.calls).toHaveLength(1);
  });
});

describe('createSeen', () => {
  it('says yes to a key once, again after the time to live, and forgets the oldest beyond its size', () => {
    let now = 0;
    const firstTime = createSeen({ ttlMs: 1000, max: 2, now: () => now });
    expect(firstTime('a')).toBe(true);
    expect(firstTime('a')).toBe(false);
    now = 1500;
    expect(firstTime('a')).toBe(true);
    expect(firstTime('b')).toBe(true);
    expect(firstTime('c')).toBe(true);
    expect(firstTime('a')).toBe(true);
  });

  it('never holds more keys than its size, however many arrive', () => {
    const firstTime = createSeen({ max: 100 });
    for (let i = 0; i < 10_000; i++) firstTime(`key-${i}`);
    // The newest 99 are still remembered; everything older has been let go.
    expect(firstTime('key-9999')).toBe(false);
    expect(firstTime('key-9901')).toBe(false);
    expect(firstTime('key-0')).toBe(true);
  });
});

describe('deliveryKey', () => {
  it('keys a delivery on its conversation and its activity id together', () => {
    const a = deliveryKey({ id: '1', type: 'message', conversation: { id: 'c1' } as never });
    const b = deliveryKey({ id: '1', type: 'message', conversation: { id: 'c2' } as never });
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });

  it('leaves out invokes, which need an answer of their own, and activities without an id', () => {
    expect(deliveryKey({ id: '1', type: 'invoke', conversation: { id: 'c1' } as never })).toBeUndefined();
    expect(deliveryKey({ type: 'message', conversation: { id: 'c1' } as never })).toBeUndefined();
  });
});
