import type pg from 'pg';
import type { MissStore } from '../misses/store.js';
import { Miss } from '../schemas/miss.js';
import type { Logger } from '../surface.js';
import { inTransaction, openPool } from './pg-logbook.js';
import { migrate } from './pg-migrations.js';
import { reasonOf } from './redacted.js';

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

/** A misses row read back as a Miss; undefined for a row that is not one (edited by hand). */
export function missFromRow(row: Record<string, unknown>): Miss | undefined {
  const parsed = Miss.safeParse({
    id: row.id,
    key: row.key,
    at: iso(row.at),
    surface: row.surface,
    question: row.question,
    asOf: row.as_of,
    status: row.status,
    read: row.read,
    topicIds: row.topic_ids,
    alternatives: row.alternatives,
    ...(row.chosen ? { chosen: row.chosen, chosenAt: iso(row.chosen_at) } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

/** Rows of the misses table, newest first, for the report (the table may not exist yet: undefined). */
export async function listMissRows(client: pg.Pool, limit: number): Promise<Miss[] | undefined> {
  const exists = await client.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'misses'");
  if (exists.rowCount === 0) return undefined;
  const { rows } = await client.query<Record<string, unknown>>(
    'SELECT * FROM misses ORDER BY at DESC LIMIT $1',
    [limit],
  );
  return rows.map(missFromRow).filter((m): m is Miss => m !== undefined);
}

/** Changes one miss under a row lock (only its choice is stored again: nothing else changes). */
async function updateMiss(
  pool: pg.Pool,
  id: string,
  change: (miss: Miss) => Miss | undefined,
): Promise<Miss | undefined> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<Record<string, unknown>>(
      'SELECT * FROM misses WHERE id = $1 FOR UPDATE',
      [id],
    );
    const current = rows[0] ? missFromRow(rows[0]) : undefined;
    const next = current && change(current);
    if (next)
      await client.query('UPDATE misses SET chosen = $2, chosen_at = $3 WHERE id = $1', [
        id,
        next.chosen ?? null,
        next.chosenAt ?? null,
      ]);
    return next;
  });
}

/**
 * Misses as rows in PostgreSQL, in the database feedback goes to, shared by every copy: the unique
 * key makes a repeated press record one miss whichever copy takes it; a change locks its row.
 */
export async function pgMisses(url: string, logger: Logger): Promise<MissStore> {
  const pool = await openPool(url);
  pool.on('error', (error) => logger.warn({ err: error }, `PostgreSQL (misses): ${reasonOf(error)}`));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const one = async (sql: string, params: unknown[]) => {
    const { rows } = await pool.query<Record<string, unknown>>(sql, params);
    return rows[0] ? missFromRow(rows[0]) : undefined;
  };
  return {
    kind: 'postgres',
    async record(m) {
      const inserted = await one(
        `INSERT INTO misses (id, key, at, surface, question, as_of, status, read, topic_ids, alternatives)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (key) DO NOTHING RETURNING *`,
        [
          m.id,
          m.key,
          m.at,
          m.surface,
          m.question,
          m.asOf,
          m.status,
          m.read,
          JSON.stringify(m.topicIds),
          JSON.stringify(m.alternatives),
        ],
      );
      if (inserted) return { miss: inserted, created: true };
      const existing = await one('SELECT * FROM misses WHERE key = $1', [m.key]);
      if (!existing) throw new Error(`miss key ${m.key} was taken but cannot be read back`);
      return { miss: existing, created: false };
    },
    update: (id, change) => updateMiss(pool, id, change),
    list: async (limit = 5000) => (await listMissRows(pool, limit)) ?? [],
    close: () => pool.end(),
  };
}
