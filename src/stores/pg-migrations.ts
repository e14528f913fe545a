import type pg from 'pg';

/**
 * The schema, one step per entry, applied in order and never edited once released: add a step to
 * change it. Steps run at start, in one transaction, under a lock, so copies starting together
 * apply each step once.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE feedback (
     id bigserial PRIMARY KEY,
     at timestamptz NOT NULL,
     surface text NOT NULL,
     helpful boolean NOT NULL,
     question text NOT NULL,
     as_of text NOT NULL,
     topic_id text,
     status text NOT NULL
   );
   CREATE TABLE unanswered (
     id bigserial PRIMARY KEY,
     at timestamptz NOT NULL,
     surface text NOT NULL,
     question text NOT NULL,
     as_of text NOT NULL,
     status text NOT NULL,
     options jsonb NOT NULL DEFAULT '[]'
   );
   CREATE INDEX feedback_at ON feedback (at);
   CREATE INDEX unanswered_at ON unanswered (at);`,
  // Tickets for experts (src/tickets/): the whole ticket as JSON, with the columns it is looked up by.
  `CREATE TABLE tickets (
     id text PRIMARY KEY,
     key text NOT NULL UNIQUE,
     state text NOT NULL,
     created_at timestamptz NOT NULL,
     post_key text,
     data jsonb NOT NULL
   );
   CREATE INDEX tickets_state ON tickets (state, created_at);
   CREATE INDEX tickets_post_key ON tickets (post_key);`,
  // "Not what I asked" (src/misses/): what was read, the readings offered, and the one chosen.
  `CREATE TABLE misses (
     id text PRIMARY KEY,
     key text NOT NULL UNIQUE,
     at timestamptz NOT NULL,
     surface text NOT NULL,
     question text NOT NULL,
     as_of text NOT NULL,
     status text NOT NULL,
     read text NOT NULL,
     topic_ids jsonb NOT NULL DEFAULT '[]',
     alternatives jsonb NOT NULL DEFAULT '[]',
     chosen text,
     chosen_at timestamptz
   );
   CREATE INDEX misses_at ON misses (at);`,
  // Tickets answered and closed from the maintainers' page, Slack or Teams: when each last changed
  // and was closed, as columns for the report's ages; the asker's notes live in data with the rest.
  // Rows written before this step get the columns from their own JSON, and an empty notes list.
  `ALTER TABLE tickets ADD COLUMN updated_at timestamptz, ADD COLUMN closed_at timestamptz;
   UPDATE tickets SET
     updated_at = (data->>'updatedAt')::timestamptz,
     closed_at = (data->>'closedAt')::timestamptz,
     data = CASE WHEN data ? 'notes' THEN data ELSE data || '{"notes": []}'::jsonb END;
   CREATE INDEX tickets_closed_at ON tickets (closed_at);`,
];

/** An arbitrary constant for pg_advisory_xact_lock: only copies of this server take it. */
const LOCK_ID = 711_020_11;

/** Applies the steps not yet applied; returns how many it applied. */
export async function migrate(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS whocommissions_migrations (step integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = await client.query<{ step: number }>('SELECT step FROM whocommissions_migrations');
    const applied = new Set(done.rows.map((row) => row.step));
    let count = 0;
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (applied.has(index + 1)) continue;
      await client.query(sql);
      await client.query('INSERT INTO whocommissions_migrations (step) VALUES ($1)', [index + 1]);
      count += 1;
    }
    await client.query('COMMIT');
    return count;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
