import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsMessage } from './helpers/connector-stand-in.js';
import { type Running, startEverything, waitUntil } from './helpers/server.js';

const ACTIVITIES = 300;
const QUESTIONS = [
  'who commissions health visiting?',
  'who commissioned community pharmacy in 2016?',
  'who commissions sexual health services?',
  'who commissions prison healthcare?',
];

let running: Running;
beforeAll(async () => {
  running = await startEverything();
});
afterAll(async () => {
  await running?.close();
});

async function deliver(activity: object): Promise<number> {
  const res = await fetch(`${running.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('Teams activities under load on 127.0.0.1', () => {
  it('answers each of 300 concurrent messages exactly once, as a reply to that message', async () => {
    const run = Date.now();
    const activities = Array.from({ length: ACTIVITIES }, (_, i) =>
      teamsMessage(
        running.connector.serviceUrl,
        `load-${run}-${i}`,
        QUESTIONS[i % QUESTIONS.length] as string,
      ),
    );
    const statuses = await Promise.all(activities.map(deliver));
    expect(statuses.filter((s) => s < 200 || s >= 300)).toEqual([]);

    const replies = () => running.connector.repliesByActivity();
    const allAnswered = await waitUntil(() => activities.every((a) => replies().has(a.id)), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const counts = replies();
    const lost = activities.filter((a) => !counts.has(a.id)).map((a) => a.id);
    const doubled = activities.filter((a) => (counts.get(a.id) ?? 0) > 1).map((a) => a.id);
    expect({ allAnswered, lost, doubled }).toEqual({ allAnswered: true, lost: [], doubled: [] });
    expect(running.logger.errors).toEqual([]);
  });

  it('answers a redelivered activity (same id) only once', async () => {
    const run = Date.now();
    const activities = Array.from({ length: 50 }, (_, i) =>
      teamsMessage(running.connector.serviceUrl, `again-${run}-${i}`, 'who commissions health visiting?'),
    );
    // The channel redelivers when the bot was slow to answer: the same activity, twice.
    const statuses = await Promise.all([...activities, ...activities].map(deliver));
    expect(statuses.filter((s) => s < 200 || s >= 300)).toEqual([]);
    await waitUntil(() => activities.every((a) => running.connector.repliesByActivity().has(a.id)), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const counts = running.connector.repliesByActivity();
    const doubled = activities.filter((a) => (counts.get(a.id) ?? 0) > 1).map((a) => a.id);
    expect(
      doubled.length,
      `${doubled.length} of 50 answered twice, e.g. ${doubled.slice(0, 3).join(', ')}`,
    ).toBe(0);
  });
});
