import { FeedbackEntry, UnansweredEntry } from '../schemas/feedback.js';
import { openPool } from '../stores/pg-logbook.js';
import { redacted } from '../stores/redacted.js';
import type { Read, ReportSource } from './report.js';

/** Rows as the server stored them, read back into the entries the report counts. */
export async function pgSource(
  url: string,
  /** An idle connection lost (the database went away); without a listener it would end the process. */
  onError: (error: Error) => void = () => {},
): Promise<ReportSource & { close(): Promise<void> }> {
  const pool = await openPool(url);
  pool.on('error', onError);
  const tables = await pool.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_name IN ('feedback', 'unanswered')",
  );
  const exists = new Set(tables.rows.map((row) => row.name));
  const read = async <T>(
    table: string,
    sql: string,
    parse: (row: Record<string, unknown>) => { success: true; data: T } | { success: false },
  ): Promise<Read<T>> => {
    if (!exists.has(table)) return { entries: [], skipped: [], missing: true };
    const { rows } = await pool.query<Record<string, unknown>>(sql);
    const entries: T[] = [];
    const skipped: string[] = [];
    for (const row of rows) {
      const parsed = parse(row);
      if (parsed.success) entries.push(parsed.data);
      else skipped.push(`${table} row ${String(row.id)}`);
    }
    return { entries, skipped, missing: false };
  };
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
  return {
    label: `PostgreSQL ${redacted(url)}`,
    missingText: (what) =>
      `Nothing logged yet: the ${what} table does not exist (the server creates it at start).`,
    unanswered: () =>
      read('unanswered', 'SELECT * FROM unanswered ORDER BY id', (row) =>
        UnansweredEntry.safeParse({
          at: iso(row.at),
          surface: row.surface,
          question: row.question,
          asOf: row.as_of,
          status: row.status,
          options: row.options,
        }),
      ),
    feedback: () =>
      read('feedback', 'SELECT * FROM feedback ORDER BY id', (row) =>
        FeedbackEntry.safeParse({
          at: iso(row.at),
          surface: row.surface,
          helpful: row.helpful,
          question: row.question,
          asOf: row.as_of,
          ...(row.topic_id ? { topicId: row.topic_id } : {}),
          status: row.status,
        }),
      ),
    close: () => pool.end(),
  };
}
