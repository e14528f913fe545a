import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buttonClick, buttonsIn, commandBody, eventBody, mention, postSigned } from '../stand-ins/slack.js';
import { type HttpSlack, startHttpSlack } from './harness.js';

// Issue 11, failures 1-3: retries, replays and request dates on the Slack HTTP route.

let slack: HttpSlack;
let n = 0;
const ids = () => {
  n += 1;
  return { eventId: `EvReplay${n}`, ts: `1700009${String(n).padStart(3, '0')}.000100` };
};
const repliesTo = (ts: string) => slack.fake.sent('chat.postMessage').filter((c) => c.body.thread_ts === ts);
const hookCalls = (hook: string) =>
  slack.fake.sent('response_url').filter((c) => c.body.hook === `/hooks/${hook}`);

/** A fresh question answered after the requests under test: anything they would post has been posted. */
async function marker(): Promise<void> {
  const { eventId, ts } = ids();
  await slack.event(eventId, mention('who commissions immunisations?', ts));
  await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
}

beforeAll(async () => {
  slack = await startHttpSlack();
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(() => {
  slack.fake.calls.length = 0;
});

describe('Slack retries and replays', () => {
  it('answers a retry whose first delivery never arrived (the retry is the only copy)', async () => {
    const { eventId, ts } = ids();
    const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' };
    expect(await slack.event(eventId, mention('who commissions immunisations?', ts), retry)).toBe(200);
    await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
    // A second retry of the same event is a repeat and stays unanswered.
    const again = { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' };
    expect(await slack.event(eventId, mention('who commissions immunisations?', ts), again)).toBe(200);
    await marker();
    expect(repliesTo(ts)).toHaveLength(1);
  });

  it('answers the same signed slash command once when it is sent twice', async () => {
    const body = new URLSearchParams(
      commandBody('who commissions immunisations?', slack.fake.responseUrl('replayed-command')),
    ).toString();
    const type = 'application/x-www-form-urlencoded';
    expect((await postSigned(slack.eventsUrl, body, type)).status).toBe(200);
    expect((await postSigned(slack.eventsUrl, body, type)).status).toBe(200);
    await marker();
    expect(slack.fake.sent('chat.postEphemeral')).toHaveLength(1);
  });

  it('records the same signed button click once when it is sent twice', async () => {
    const { eventId, ts } = ids();
    await slack.event(eventId, mention('who commissioned health visiting in 2017?', ts));
    const reply = await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
    const helpful = buttonsIn(reply.body.blocks).find((b) => b.action_id === 'wc_helpful');
    if (!helpful) throw new Error('the answer has no Helpful button');
    const before = (await slack.feedback()).length;

    const payload = JSON.stringify(buttonClick(helpful, slack.fake.responseUrl('replayed-click')));
    const body = new URLSearchParams({ payload }).toString();
    const type = 'application/x-www-form-urlencoded';
    expect((await postSigned(slack.eventsUrl, body, type)).status).toBe(200);
    expect((await postSigned(slack.eventsUrl, body, type)).status).toBe(200);
    await slack.fake.waitFor((c) => c.method === 'response_url');
    await marker();
    expect(hookCalls('replayed-click')).toHaveLength(1);
    expect(await slack.feedback()).toHaveLength(before + 1);
  });
});

describe('Slack request dates and sizes', () => {
  for (const [label, seconds] of [
    ['six minutes ahead', 6 * 60],
    ['a year ahead', 365 * 24 * 3600],
  ] as const) {
    it(`refuses a correctly signed request dated ${label} with 401 and sends nothing`, async () => {
      const { eventId, ts } = ids();
      const body = JSON.stringify(eventBody(eventId, mention('who commissions dental?', ts)));
      const timestamp = Math.floor(Date.now() / 1000) + seconds;
      const res = await postSigned(slack.eventsUrl, body, 'application/json', { timestamp });
      expect(res.status).toBe(401);
      await marker();
      expect(repliesTo(ts)).toHaveLength(0);
    });
  }

  it('accepts a request dated four minutes ahead (clocks drift)', async () => {
    const { eventId, ts } = ids();
    const body = JSON.stringify(eventBody(eventId, mention('who commissions immunisations?', ts)));
    const timestamp = Math.floor(Date.now() / 1000) + 4 * 60;
    expect((await postSigned(slack.eventsUrl, body, 'application/json', { timestamp })).status).toBe(200);
    await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
  });

  it('refuses an unsigned 1 MB body with 413 without reading it all', async () => {
    const body = JSON.stringify({ padding: 'x'.repeat(1024 * 1024) });
    const res = await postSigned(slack.eventsUrl, body, 'application/json', { signature: 'v0=bad' });
    expect(res.status).toBe(413);
  });
});
