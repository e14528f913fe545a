import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../helpers/free-port.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { type ServerProcess, startServerProcess } from '../helpers/process-server.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { type RoundRobin, startRoundRobin } from '../helpers/round-robin.js';
import { tempDir } from '../server/helpers.js';
import { type ConnectorStandIn, startConnectorStandIn } from '../stand-ins/connector.js';
import { BOT_TOKEN, eventBody, FakeSlack, mention, postSigned, SIGNING_SECRET } from '../stand-ins/slack.js';
import { personalMessage } from '../teams/activities.js';

// Issue 11, several copies: two server processes share one Redis and one PostgreSQL behind a
// round-robin proxy, and behave as one.

let redis: TestRedis;
let postgres: TestPostgres;
let slack: FakeSlack;
let connector: ConnectorStandIn;
let copies: ServerProcess[] = [];
let proxy: RoundRobin;
const dataDirs: string[] = [];

beforeAll(async () => {
  [redis, postgres, slack, connector] = await Promise.all([
    startRedis(),
    startPostgres(),
    FakeSlack.start(),
    startConnectorStandIn(),
  ]);
  const env = async () => {
    const dataDir = await tempDir('copy');
    dataDirs.push(dataDir);
    return {
      DATA_DIR: dataDir,
      DRAIN_SECONDS: '0',
      REDIS_URL: redis.url,
      DATABASE_URL: postgres.url,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    };
  };
  // One after the other: both copies would otherwise race to create the tables (the lock is tested elsewhere).
  copies = [await startServerProcess(await env()), await startServerProcess(await env())];
  proxy = await startRoundRobin(copies.map((c) => c.url));
}, 180_000);

afterAll(async () => {
  await proxy?.close();
  await Promise.all(copies.map((c) => c.stop('SIGKILL')));
  await Promise.all([redis?.stop(), postgres?.stop(), slack?.close(), connector?.close()]);
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const rows = async <T>(sql: string): Promise<T[]> => {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
};

/** Posts through the proxy; resolves with the status and the index of the copy that answered. */
async function viaProxy(path: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${proxy.url}${path}`, { method: 'POST', headers, body });
  await response.arrayBuffer();
  return { status: response.status, copy: Number(response.headers.get('x-backend')) };
}

describe('two copies behind a round-robin proxy', () => {
  it('answers a Slack event once when its retry reaches the other copy', async () => {
    const ts = '1700077001.000100';
    const body = JSON.stringify(eventBody('EvTwoCopies1', mention('who commissions immunisations?', ts)));
    const first = await postSigned(`${proxy.url}/slack/events`, body, 'application/json');
    const retry = await postSigned(`${proxy.url}/slack/events`, body, 'application/json', {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(first.headers.get('x-backend')).not.toBe(retry.headers.get('x-backend'));
    await slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
    // A fresh question through each copy afterwards: once both are answered, the retry had its turn.
    for (const [i, marker] of ['1700077002.000100', '1700077003.000100'].entries()) {
      const markerBody = JSON.stringify(
        eventBody(`EvTwoCopiesMarker${i}`, mention('who commissions dentistry?', marker)),
      );
      await postSigned(`${proxy.url}/slack/events`, markerBody, 'application/json');
      await slack.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === marker);
    }
    expect(slack.posts.filter((c) => c.body.thread_ts === ts)).toHaveLength(1);
  });

  it('answers a Teams activity once when it is redelivered to the other copy', async () => {
    const activity = JSON.stringify(personalMessage(connector.serviceUrl, 'who commissions health visiting'));
    const id = (JSON.parse(activity) as { id: string }).id;
    const headers = { 'content-type': 'application/json' };
    const first = await viaProxy('/api/messages', activity, headers);
    const again = await viaProxy('/api/messages', activity, headers);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(first.copy).not.toBe(again.copy);
    await connector.waitForReplyTo(id);
    await sleep(300);
    expect(connector.calls.filter((c) => c.activityId === id)).toHaveLength(1);
  });

  it('keeps feedback sent to both copies, all of it, in PostgreSQL', async () => {
    const headers = { 'Content-Type': 'application/json' };
    const sent = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        helpful: i % 3 !== 0,
        question: `two copies feedback ${i}`,
        asOf: '2017-04-01',
        topicId: 'health-visiting',
        status: 'answered',
      }),
    );
    const results = await Promise.all(sent.map((body) => viaProxy('/api/feedback', body, headers)));
    expect(results.every((r) => r.status === 204)).toBe(true);
    expect(new Set(results.map((r) => r.copy))).toEqual(new Set([0, 1]));
    const stored = await rows<{ question: string }>(
      "SELECT question FROM feedback WHERE question LIKE 'two copies feedback %'",
    );
    expect(stored).toHaveLength(40);
  });

  it('loses no acknowledged question when one copy is killed under load', async () => {
    const headers = { 'Content-Type': 'application/json' };
    const acknowledged: string[] = [];
    let n = 0;
    let running = true;
    const client = async () => {
      while (running) {
        const question = `who commissions health care in Scotland? (load ${n++})`;
        const result = await viaProxy('/api/ask', JSON.stringify({ question }), headers).catch(
          () => undefined,
        );
        if (result?.status === 200) acknowledged.push(question);
      }
    };
    const clients = Array.from({ length: 8 }, client);
    while (acknowledged.length < 100) await sleep(10);
    await copies[1]?.stop('SIGKILL');
    const atKill = acknowledged.length;
    while (acknowledged.length < atKill + 100) await sleep(10);
    running = false;
    await Promise.all(clients);

    const stored = new Set(
      (
        await rows<{ question: string }>("SELECT question FROM unanswered WHERE question LIKE '%(load %'")
      ).map((row) => row.question),
    );
    expect(acknowledged.filter((question) => !stored.has(question))).toEqual([]);
  });
});
