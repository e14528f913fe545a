import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { startTestServer, type TestServer } from './helpers.js';

// The maintainers' page lists the readings people said were wrong ("Not what I asked"), pressed on
// the web chat's API, whichever store the server keeps them in: DATA_DIR, or Redis shared by copies.

let redis: TestRedis;
let files: TestServer;
let shared: TestServer;

beforeAll(async () => {
  redis = await startRedis();
  [files, shared] = await Promise.all([
    startTestServer(),
    startTestServer({ env: { REDIS_URL: redis.url } }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([files?.dispose(), shared?.dispose()]);
  await redis?.stop();
});

const post = (server: TestServer, path: string, body: object) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe.each([
  ['DATA_DIR', () => files],
  ['Redis', () => shared],
])('the maintainers’ page with misses in %s', (_, server) => {
  it('shows each reading people said was wrong, how often, and what they chose instead', async () => {
    const question = { question: 'who commissions dental in prison?', asOf: '2026-11-22' };
    const first = await post(server(), '/api/misses', { key: 'page-answer-1', ...question });
    expect(first.status).toBe(201);
    const readings = (await first.json()) as {
      id: string;
      read: string;
      alternatives: { topicId: string }[];
    };
    expect(readings.read).toMatch(/^Healthcare in prisons/);
    expect(readings.alternatives.map((a) => a.topicId)).toContain('dental-services');
    // The same press again: one miss.
    expect((await post(server(), '/api/misses', { key: 'page-answer-1', ...question })).status).toBe(200);
    expect((await post(server(), '/api/misses', { key: 'page-answer-2', ...question })).status).toBe(201);
    const chose = await post(server(), '/api/misses/choice', { id: readings.id, topicId: 'dental-services' });
    expect(chose.status).toBe(204);
    const unknown = await post(server(), '/api/misses/choice', { id: readings.id, topicId: 'not-offered' });
    expect(unknown.status).toBe(404);

    const page = await (await fetch(`${server().url}/maintainers`)).text();
    const section = page.slice(page.indexOf('id="misses"'), page.indexOf('id="review"'));
    expect(section).toContain('Readings people said were wrong');
    expect(section).toMatch(/<td class="nhsuk-table__cell">2<\/td>/);
    expect(section).toContain('Healthcare in prisons');
    expect(section).toContain('href="/maintainers/topics/dental-services"');
    expect(section).toContain('1 × none of those offered');
  });
});
