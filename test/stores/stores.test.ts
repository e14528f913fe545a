import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/cli/report.js';
import { pgSource } from '../../src/cli/report-pg.js';
import { pgLogbook } from '../../src/stores/pg-logbook.js';
import { MIGRATIONS } from '../../src/stores/pg-migrations.js';
import { redisDedupe } from '../../src/stores/redis-dedupe.js';
import { redisRecall } from '../../src/stores/redis-recall.js';
import { freePort } from '../helpers/free-port.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { expiryOf, startRedis, type TestRedis } from '../helpers/redis.js';
import { recordingLogger, startTestServer } from '../server/helpers.js';

// The stores for several copies, against a real Redis and a real PostgreSQL on 127.0.0.1.

let redis: TestRedis;
let postgres: TestPostgres;
beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([redis?.stop(), postgres?.stop()]);
});

const feedback = (question: string, helpful = false) => ({
  at: '2026-11-01T12:00:00.000Z',
  surface: 'slack' as const,
  helpful,
  question,
  asOf: '2026-11-01',
  topicId: 'health-visiting',
  status: 'answered' as const,
});

describe('follow-up memory in Redis', () => {
  it('shares each conversation between copies, forgets it after its time to live, and ignores junk', async () => {
    const logger = recordingLogger();
    // Sharing is checked with a time to live no busy machine can outlast; forgetting, with a short one
    // and Redis's own expiry event, so neither depends on how fast this machine is.
    const [a, b, short] = await Promise.all([
      redisRecall(redis.url, logger, { ttlMs: 600_000 }),
      redisRecall(redis.url, logger, { ttlMs: 600_000 }),
      redisRecall(redis.url, logger, { ttlMs: 300 }),
    ]);
    const recall = {
      topicIds: ['health-visiting'],
      asOf: '2014-07-01',
      asOfSource: 'text' as const,
      datePhrase: '2014',
      conditions: { region: 'london' },
      confidence: 0.9,
    };
    try {
      await a.set('slack:D1:', recall);
      expect(await b.get('slack:D1:')).toEqual(recall);
      expect(await b.get('slack:D2:')).toBeUndefined();
      const { expired } = await expiryOf(redis.url, 'whocommissions:recall:slack:D3:');
      await short.set('slack:D3:', recall);
      await expired;
      expect(await b.get('slack:D3:')).toBeUndefined();
      const raw = new Redis(redis.url);
      await raw.set('whocommissions:recall:junk', '{"topicIds":[]}');
      raw.disconnect();
      expect(await a.get('junk')).toBeUndefined();
    } finally {
      await Promise.all([a.close(), b.close(), short.close()]);
    }
  });

  it('loses only the follow-up, never the answer, when Redis goes away later', async () => {
    const own = await startRedis();
    const logger = recordingLogger();
    const store = await redisRecall(own.url, logger);
    try {
      await own.stop();
      await store.set('c', { topicIds: ['x'], conditions: {}, confidence: 1 });
      expect(await store.get('c')).toBeUndefined();
      expect(JSON.stringify(logger.lines)).toMatch(/follow-up questions are read as new questions/);
    } finally {
      await store.close();
    }
  });
});

describe('de-duplication in Redis', () => {
  it('gives each key to exactly one of two copies, and forgets it after its time to live', async () => {
    const logger = recordingLogger();
    // As above: a time to live no busy machine outlasts for the race, a short one and Redis's own
    // expiry event for forgetting.
    const [a, b, short] = await Promise.all([
      redisDedupe(redis.url, logger, { ttlMs: 600_000 }),
      redisDedupe(redis.url, logger, { ttlMs: 600_000 }),
      redisDedupe(redis.url, logger, { ttlMs: 300 }),
    ]);
    try {
      const firsts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).firstTime('Ev1')),
      );
      expect(firsts.filter(Boolean)).toHaveLength(1);
      const { expired } = await expiryOf(redis.url, 'whocommissions:seen:Ev3');
      expect(await short.firstTime('Ev3')).toBe(true);
      expect(await short.firstTime('Ev3')).toBe(false);
      await expired;
      expect(await b.firstTime('Ev3')).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close(), short.close()]);
    }
  });

  it('answers (possibly twice) rather than drop a delivery when Redis goes away later, and says so', async () => {
    const own = await startRedis();
    const logger = recordingLogger();
    const store = await redisDedupe(own.url, logger);
    try {
      expect(await store.firstTime('Ev2')).toBe(true);
      expect(await store.firstTime('Ev2')).toBe(false);
      await own.stop();
      expect(await store.firstTime('Ev2')).toBe(true);
      expect(logger.lines.map((line) => line.msg)).toContainEqual(
        expect.stringMatching(/^Redis: unreachable, so a redelivery may be answered twice/),
      );
    } finally {
      await store.close();
    }
  });

  it('refuses to start when Redis cannot be reached, naming REDIS_URL and the fix', async () => {
    const url = `redis://:secret@127.0.0.1:${await freePort()}`;
    await expect(redisDedupe(url, recordingLogger())).rejects.toThrow(
      /^REDIS_URL=redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ could not be reached \(ECONNREFUSED\): start Redis there, correct REDIS_URL, or unset it/,
    );
  });
});

describe('feedback and unanswered questions in PostgreSQL', () => {
  it('creates its tables once, even when two copies start together', async () => {
    const url = await postgres.createDatabase('migrate_twice');
    const logger = recordingLogger();
    const [a, b] = await Promise.all([pgLogbook(url, logger), pgLogbook(url, logger)]);
    await Promise.all([a.close?.(), b.close?.()]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT step FROM whocommissions_migrations ORDER BY step');
      expect(rows).toEqual(MIGRATIONS.map((_, i) => ({ step: i + 1 })));
    } finally {
      await client.end();
    }
  });

  it('stores entries as rows, and npm run report reads them back', async () => {
    const url = await postgres.createDatabase('report');
    const logbook = await pgLogbook(url, recordingLogger());
    await logbook.feedback(feedback('who commissions health visiting?'));
    await logbook.feedback(feedback('health visitors 2014'));
    await logbook.unanswered({
      at: '2026-11-01T12:00:00.000Z',
      surface: 'teams',
      question: 'who pays for ducks?',
      asOf: '2026-11-01',
      status: 'unknown',
      options: [],
    });
    await logbook.close?.();
    const source = await pgSource(url);
    try {
      const report = await buildReport(source);
      expect(report).toMatch(/^Maintainers' report from PostgreSQL postgres:\/\/postgres@127\.0\.0\.1/);
      expect(report).toContain('1×  who pays for ducks?  [unknown]');
      expect(report).toMatch(/2 not helpful, 0 helpful {2}health-visiting/);
    } finally {
      await source.close();
    }
  });

  it('refuses to start when PostgreSQL cannot be reached, naming DATABASE_URL and the fix', async () => {
    const url = `postgres://me:secret@127.0.0.1:${await freePort()}/nothing`;
    await expect(pgLogbook(url, recordingLogger())).rejects.toThrow(
      /^DATABASE_URL=postgres:\/\/me:\*\*\*@127\.0\.0\.1:\d+\/nothing could not be reached \(ECONNREFUSED\): start PostgreSQL there/,
    );
  });
});

describe('the server with REDIS_URL and DATABASE_URL', () => {
  it('acknowledges web chat feedback once it is a row in PostgreSQL', async () => {
    const url = await postgres.createDatabase('server_feedback');
    const server = await startTestServer({ env: { REDIS_URL: redis.url, DATABASE_URL: url } });
    try {
      const response = await fetch(`${server.url}/api/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          helpful: false,
          question: 'who commissions health visiting?',
          asOf: '2017-04-01',
          topicId: 'health-visiting',
          status: 'answered',
        }),
      });
      expect(response.status).toBe(204);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT surface, helpful, topic_id FROM feedback');
        expect(rows).toEqual([{ surface: 'local', helpful: false, topic_id: 'health-visiting' }]);
      } finally {
        await client.end();
      }
    } finally {
      await server.dispose();
    }
  });

  it('when PostgreSQL goes away, still answers questions but does not acknowledge feedback (503)', async () => {
    const own = await startPostgres();
    const server = await startTestServer({ env: { DATABASE_URL: own.url } });
    try {
      await own.stop();
      const feedback = await fetch(`${server.url}/api/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ helpful: true, question: 'q', asOf: '2017-04-01', status: 'answered' }),
      });
      expect(feedback.status).toBe(503);
      expect(((await feedback.json()) as { error: string }).error).toMatch(/could not be recorded/);
      const answer = await server.answer('who commissions health care in Scotland?');
      expect(answer.status).toBe('unknown');
      expect(server.logger.lines.map((line) => line.msg)).toContainEqual(
        expect.stringMatching(/^PostgreSQL: an entry could not be stored/),
      );
    } finally {
      await server.dispose();
    }
  });

  it('does not start when Redis is unreachable, and says which variable to fix', async () => {
    const port = await freePort();
    await expect(startTestServer({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } })).rejects.toThrow(
      /REDIS_URL=.* could not be reached/,
    );
  });
});
