import pg from 'pg';
import type { Logbook } from '../logbook.js';
import type { FeedbackEntry, UnansweredEntry } from '../schemas/feedback.js';
import type { Logger } from '../surface.js';
import { migrate } from './pg-migrations.js';
import { reasonOf, redacted } from './redacted.js';

/** Opens a pool and checks it can reach the database; the message says what to do if not. */
export async function openPool(url: string): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(
      `DATABASE_URL=${redacted(url)} could not be reached (${reasonOf(error)}): start PostgreSQL there, correct DATABASE_URL, or unset it to keep logging to JSON-lines files in DATA_DIR`,
      { cause: error },
    );
  }
  return pool;
}

/**
 * Runs `work` in one transaction on one client: committed when it returns, rolled back when it throws.
 * Row changes that read before they write (`SELECT … FOR UPDATE`) go through here, so they run one at a
 * time on every copy of the server.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Feedback and unanswered questions as rows in PostgreSQL, shared by every copy of the server. The
 * schema is created or brought up to date at start. Each promise resolves once its row is committed.
 */
export async function pgLogbook(url: string, logger: Logger): Promise<Logbook> {
  const pool = await openPool(url);
  pool.on('error', (error) =>
    logger.warn({ err: error, database: redacted(url) }, `PostgreSQL: ${reasonOf(error)}`),
  );
  try {
    const applied = await migrate(pool);
    if (applied > 0) logger.info({ applied }, `PostgreSQL: applied ${applied} schema step(s)`);
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(
      `DATABASE_URL=${redacted(url)}: the tables could not be created (${reasonOf(error)}): the user needs CREATE rights on the database`,
      { cause: error },
    );
  }
  const pending = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<void> => {
    pending.add(work);
    return work.then(
      () => void pending.delete(work),
      (error: unknown) => {
        pending.delete(work);
        logger.warn({ err: error }, `PostgreSQL: an entry could not be stored (${reasonOf(error)})`);
        throw error;
      },
    );
  };
  return {
    feedback: (e: FeedbackEntry) =>
      track(
        pool.query(
          'INSERT INTO feedback (at, surface, helpful, question, as_of, topic_id, status) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [e.at, e.surface, e.helpful, e.question, e.asOf, e.topicId ?? null, e.status],
        ),
      ),
    unanswered: (e: UnansweredEntry) =>
      track(
        pool.query(
          'INSERT INTO unanswered (at, surface, question, as_of, status, options) VALUES ($1, $2, $3, $4, $5, $6)',
          [e.at, e.surface, e.question, e.asOf, e.status, JSON.stringify(e.options)],
        ),
      ),
    flush: async () => {
      await Promise.allSettled([...pending]);
    },
    close: async () => {
      await Promise.allSettled([...pending]);
      await pool.end();
    },
  };
}
