import { describe, expect, it } from 'vitest';
import { deliveryKey } from '../../adapters/teams/dedupe.js';
import { createSeen } from '../../src/seen.js';
import { personalInstall, personalMessage } from './activities.js';
import { useTeamsBot } from './bot-server.js';

describe('a Teams activity the channel delivers more than once', () => {
  const teams = useTeamsBot();

  /**
   * Delivers a fresh message and waits for its reply; returns the calls made for everything else.
   * Sent after the deliveries under test, so once it is answered any reply they were going to get
   * has had its turn: a "no second reply" check after it does not rest on guessing a time.
   */
  async function callsBeforeMarker() {
    const marker = personalMessage(teams.connector.serviceUrl, 'who commissions immunisations');
    expect(await teams.deliver(marker)).toBe(200);
    await teams.connector.waitForReplyTo(marker.id);
    return teams.connector.calls.filter((c) => c.activityId !== marker.id);
  }

  it('is answered once when the same activity arrives again after the first was answered', async () => {
    const message = personalMessage(teams.connector.serviceUrl, 'who commissions health visiting');
    expect(await teams.deliver(message)).toBe(200);
    expect(await teams.deliver(message)).toBe(200);

    expect((await callsBeforeMarker()).map((c) => c.activityId)).toEqual([message.id]);
    expect(teams.logger.errors).toEqual([]);
  });

  it('is answered once when both deliveries arrive at the same time', async () => {
    const messages = Array.from({ length: 10 }, (_, i) =>
      personalMessage(teams.connector.serviceUrl, `who commissions health visiting in ${2015 + i}`),
    );
    const statuses = await Promise.all([...messages, ...messages].map(teams.deliver));

    expect(statuses.every((s) => s === 200)).toBe(true);
    const repliedTo = (await callsBeforeMarker()).map((c) => c.activityId).sort();
    expect(repliedTo).toEqual(messages.map((m) => m.id).sort());
  });

  it('is still answered in another conversation that happens to use the same activity id', async () => {
    const first = personalMessage(teams.connector.serviceUrl, 'who commissions health visiting');
    const elsewhere = { ...first, conversation: { ...first.conversation, id: 'a:personal-sam' } };
    await teams.deliver(first);
    await teams.deliver(elsewhere);

    expect((await callsBeforeMarker()).map((c) => c.conversationId)).toEqual([
      'a:personal-alex',
      'a:personal-sam',
    ]);
  });

  it('welcomes once when an install is redelivered', async () => {
    const install = personalInstall(teams.connector.serviceUrl);
    await teams.deliver(install);
    await teams.deliver(install);

    expect(await callsBeforeMarker()).toHaveLength(1);
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
