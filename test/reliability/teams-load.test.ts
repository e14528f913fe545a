import { describe, expect, it } from 'vitest';
import { personalMessage } from '../teams/activities.js';
import { LOAD_QUESTIONS, useEverything, waitUntil } from './helpers/server.js';

const ACTIVITIES = 300;

const running = useEverything();

async function deliver(activity: object): Promise<number> {
  const res = await fetch(`${running.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await res.arrayBuffer();
  return res.status;
}

/**
 * Sends one more message after the deliveries under test and waits until it is answered. It goes
 * through the same path, so by then anything they were going to send has had its turn: counting
 * replies after it does not rest on guessing a time.
 */
async function marker(): Promise<void> {
  const activity = personalMessage(running.connector.serviceUrl, 'who commissions health visiting?');
  expect(await deliver(activity)).toBe(200);
  await running.connector.waitForReplyTo(activity.id, 30_000);
}

describe('Teams activities under load on 127.0.0.1', () => {
  it('answers each of 300 concurrent messages exactly once, as a reply to that message', async () => {
    const activities = Array.from({ length: ACTIVITIES }, (_, i) =>
      personalMessage(running.connector.serviceUrl, LOAD_QUESTIONS[i % LOAD_QUESTIONS.length] as string),
    );
    const statuses = await Promise.all(activities.map(deliver));
    expect(statuses.filter((s) => s < 200 || s >= 300)).toEqual([]);

    const replies = () => running.connector.repliesByActivity();
    const allAnswered = await waitUntil(() => activities.every((a) => replies().has(a.id)), 30_000);
    await marker();
    const counts = replies();
    const lost = activities.filter((a) => !counts.has(a.id)).map((a) => a.id);
    const doubled = activities.filter((a) => (counts.get(a.id) ?? 0) > 1).map((a) => a.id);
    expect({ allAnswered, lost, doubled }).toEqual({ allAnswered: true, lost: [], doubled: [] });
    expect(running.logger.errors).toEqual([]);
  });

  it('answers a redelivered activity (same id) only once', async () => {
    const activities = Array.from({ length: 50 }, () =>
      personalMessage(running.connector.serviceUrl, 'who commissions health visiting?'),
    );
    // The channel redelivers when the bot was slow to answer: the same activity, twice.
    const statuses = await Promise.all([...activities, ...activities].map(deliver));
    expect(statuses.filter((s) => s < 200 || s >= 300)).toEqual([]);
    await waitUntil(() => activities.every((a) => running.connector.repliesByActivity().has(a.id)), 30_000);
    await marker();
    const counts = running.connector.repliesByActivity();
    const doubled = activities.filter((a) => (counts.get(a.id) ?? 0) > 1).map((a) => a.id);
    expect(
      doubled.length,
      `${doubled.length} of 50 answered twice, e.g. ${doubled.slice(0, 3).join(', ')}`,
    ).toBe(0);
  });
});
