import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { createMissDesk } from '../../src/misses/desk.js';
import type { MissStore } from '../../src/misses/store.js';
import { jsonlMisses } from '../../src/stores/jsonl-misses.js';
import { pgMisses } from '../../src/stores/pg-misses.js';
import { redisMisses } from '../../src/stores/redis-misses.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { recordingLogger } from '../server/helpers.js';

// "Not what I asked" in every store: JSON lines in DATA_DIR, Redis, and PostgreSQL shared by several
// copies. A press records one miss however often it is repeated; a choice is recorded on it.

const TODAY = new Date('2026-11-22T12:00:00Z');
let engine: Engine;
let redis: TestRedis;
let postgres: TestPostgres;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wc-misses-'));
  [engine, redis, postgres] = await Promise.all([
    createEngine({ now: () => TODAY }),
    startRedis(),
    startPostgres(),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([redis?.stop(), postgres?.stop(), rm(dataDir, { recursive: true, force: true })]);
});

const press = {
  key: 'slack:T0:C0GENERAL:1700000000.000100:U0ASKER',
  surface: 'slack',
  question: 'who commissions dental in prison?',
  asOf: '2026-11-22',
};

/** The life of a miss, the same for every store; the second store stands for a second copy. */
async function lifeOfAMiss(store: MissStore, other: MissStore = store) {
  const desk = createMissDesk(store, engine.ask, { now: () => TODAY });
  const first = await desk.press(press);
  expect(first).toMatchObject({ recorded: true, created: true });
  expect(first.miss.read).toMatch(/^Healthcare in prisons/);
  expect(first.miss.alternatives.map((a) => a.topicId)).toContain('dental-services');
  expect(first.miss).not.toHaveProperty('chosen');
  // The same press again (a retry, a double click), on either copy: the one miss.
  const again = await createMissDesk(other, engine.ask).press(press);
  expect(again).toMatchObject({ created: false, miss: { id: first.miss.id } });

  expect(await desk.choose(first.miss.id, 'not-offered')).toBeUndefined();
  const chosen = await createMissDesk(other, engine.ask, { now: () => TODAY }).choose(
    first.miss.id,
    'dental-services',
  );
  expect(chosen).toMatchObject({ chosen: 'dental-services', chosenAt: TODAY.toISOString() });
  const listed = await desk.list();
  expect(listed).toHaveLength(1);
  expect(listed[0]).toEqual(chosen);
  // Nothing personal is kept: the press's ids only as a hash.
  expect(JSON.stringify(listed)).not.toContain('U0ASKER');
  return first.miss.id;
}

describe('misses', () => {
  it('are kept as JSON lines in DATA_DIR, read back after a restart', async () => {
    const id = await lifeOfAMiss(await jsonlMisses(dataDir));
    const reopened = await jsonlMisses(dataDir);
    expect((await reopened.list()).map((m) => [m.id, m.chosen])).toEqual([[id, 'dental-services']]);
  });

  it('are shared through Redis by two copies', async () => {
    const logger = recordingLogger();
    const [one, two] = await Promise.all([redisMisses(redis.url, logger), redisMisses(redis.url, logger)]);
    try {
      await lifeOfAMiss(one, two);
    } finally {
      await Promise.all([one.close?.(), two.close?.()]);
    }
  });

  it('are rows in PostgreSQL, made by a migration step, shared by two copies', async () => {
    const logger = recordingLogger();
    const url = await postgres.createDatabase('misses');
    const [one, two] = await Promise.all([pgMisses(url, logger), pgMisses(url, logger)]);
    try {
      await lifeOfAMiss(one, two);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query('SELECT question, read, chosen FROM misses');
      await client.end();
      expect(rows).toEqual([
        {
          question: press.question,
          read: expect.stringMatching(/^Healthcare in prisons/),
          chosen: 'dental-services',
        },
      ]);
    } finally {
      await Promise.all([one.close?.(), two.close?.()]);
    }
  });

  it('still offers the readings when the store cannot be written, and says so', async () => {
    const errors: string[] = [];
    const broken: MissStore = {
      kind: 'file',
      record: () => Promise.reject(new Error('disk full')),
      update: () => Promise.reject(new Error('disk full')),
      list: async () => [],
    };
    const desk = createMissDesk(broken, engine.ask, { onError: (_e, what) => void errors.push(what) });
    const readings = await desk.press(press);
    expect(readings.recorded).toBe(false);
    expect(readings.miss.alternatives.length).toBeGreaterThan(0);
    expect(await desk.choose(readings.miss.id, 'dental-services')).toBeUndefined();
    expect(errors).toEqual(['a miss could not be recorded', 'a chosen reading could not be recorded']);
  });
});
