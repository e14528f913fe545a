import { describe, expect, it } from 'vitest';
import { mentionEvent, postSigned } from '../stand-ins/slack.js';
import { LOAD_QUESTIONS, useEverything, waitUntil } from './helpers/server.js';

const EVENTS = 300;

const running = useEverything();

/** Posts one signed event as Slack would; resolves with the HTTP status. */
async function deliver(body: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await postSigned(`${running.url}/slack/events`, body, 'application/json', { headers });
  await res.arrayBuffer();
  return res.status;
}

/**
 * Sends one more mention after the deliveries under test and waits until it is answered. It goes
 * through the same path, so by then anything they were going to post has had its turn: counting
 * replies after it does not rest on guessing a time.
 */
let markers = 0;
async function marker(): Promise<boolean> {
  markers += 1;
  const ts = `1990000000.${String(markers).padStart(6, '0')}`;
  const body = mentionEvent(`EvMarker${Date.now()}x${markers}`, ts, 'who commissions health visiting?');
  expect(await deliver(body)).toBe(200);
  return waitUntil(() => running.slack.repliesByThread().has(ts), 30_000);
}

describe('Slack events under load on 127.0.0.1', () => {
  it('answers each of 300 concurrent mentions exactly once, in its own thread, with retries and redeliveries mixed in', async () => {
    const run = Date.now();
    const events = Array.from({ length: EVENTS }, (_, i) => {
      const ts = `1900000000.${String(i).padStart(6, '0')}`;
      return {
        body: mentionEvent(`EvLoad${run}x${i}`, ts, LOAD_QUESTIONS[i % LOAD_QUESTIONS.length] as string),
        ts,
      };
    });
    const before = running.slack.posts.length;

    const statuses = await Promise.all([
      ...events.map((e) => deliver(e.body)),
      // Slack's retry after a slow ack: same event_id, x-slack-retry-num set.
      ...events
        .slice(0, 100)
        .map((e) => deliver(e.body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })),
      // A plain redelivery of the same event_id, without the retry header.
      ...events.slice(100, 150).map((e) => deliver(e.body)),
    ]);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const replies = () => running.slack.repliesByThread();
    const allAnswered = await waitUntil(() => events.every((e) => replies().has(e.ts)), 30_000);
    expect(await marker()).toBe(true);
    const counts = replies();
    const lost = events.filter((e) => !counts.has(e.ts)).map((e) => e.ts);
    const doubled = events.filter((e) => (counts.get(e.ts) ?? 0) > 1).map((e) => e.ts);
    expect({ allAnswered, lost, doubled }).toEqual({ allAnswered: true, lost: [], doubled: [] });
    // Every event once, and the marker.
    expect(running.slack.posts.length - before).toBe(EVENTS + 1);
    expect(running.logger.errors).toEqual([]);
  });

  it('turns away a forged event under load and answers none of them', async () => {
    const before = running.slack.posts.length;
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const body = mentionEvent(
          `EvForged${i}`,
          `1910000000.${String(i).padStart(6, '0')}`,
          'who commissions dentists?',
        );
        return postSigned(`${running.url}/slack/events`, body, 'application/json', {
          signature: `v0=${'0'.repeat(64)}`,
        }).then((r) => r.status);
      }),
    );
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(await marker()).toBe(true);
    // Only the marker was answered.
    expect(running.slack.posts.length).toBe(before + 1);
  });
});
