import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, startEverything, waitUntil } from './helpers/server.js';
import { mentionEvent, signedHeaders } from './helpers/slack-stand-in.js';

const EVENTS = 300;
const QUESTIONS = [
  'who commissions health visiting?',
  'who commissioned community pharmacy in 2016?',
  'who buys NHS 111 for our patch in 2017?',
  'who commissions prison healthcare?',
];

let running: Running;
beforeAll(async () => {
  running = await startEverything();
});
afterAll(async () => {
  await running?.close();
});

/** Posts one signed event as Slack would; resolves with the HTTP status. */
async function deliver(body: string, extra: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${running.url}/slack/events`, {
    method: 'POST',
    headers: { ...signedHeaders(body), ...extra },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

describe('Slack events under load on 127.0.0.1', () => {
  it('answers each of 300 concurrent mentions exactly once, in its own thread, with retries and redeliveries mixed in', async () => {
    const run = Date.now();
    const events = Array.from({ length: EVENTS }, (_, i) => ({
      body: mentionEvent(
        `EvLoad${run}x${i}`,
        `1900000000.${String(i).padStart(6, '0')}`,
        QUESTIONS[i % QUESTIONS.length] as string,
      ),
      ts: `1900000000.${String(i).padStart(6, '0')}`,
    }));
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
    // Long enough for a duplicate that is on its way to arrive.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const counts = replies();
    const lost = events.filter((e) => !counts.has(e.ts)).map((e) => e.ts);
    const doubled = events.filter((e) => (counts.get(e.ts) ?? 0) > 1).map((e) => e.ts);
    expect({ allAnswered, lost, doubled }).toEqual({ allAnswered: true, lost: [], doubled: [] });
    expect(running.slack.posts.length - before).toBe(EVENTS);
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
        return fetch(`${running.url}/slack/events`, {
          method: 'POST',
          headers: { ...signedHeaders(body), 'x-slack-signature': `v0=${'0'.repeat(64)}` },
          body,
        }).then((r) => r.status);
      }),
    );
    expect(new Set(statuses)).toEqual(new Set([401]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(running.slack.posts.length).toBe(before);
  });
});
