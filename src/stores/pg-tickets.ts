import type pg from 'pg';
import { Ticket } from '../schemas/ticket.js';
import type { Logger } from '../surface.js';
import type { TicketStore } from '../tickets/store.js';
import { inTransaction, openPool } from './pg-logbook.js';
import { migrate } from './pg-migrations.js';
import { reasonOf } from './redacted.js';

/**
 * Tickets as rows in PostgreSQL, in the database feedback goes to, shared by every copy of the
 * server: the unique key makes a repeated click open one ticket whichever copy takes it, and a
 * change locks its row, so two experts answering at once both count.
 */
export async function pgTickets(url: string, logger: Logger): Promise<TicketStore> {
  const pool = await openPool(url);
  pool.on('error', (error) => logger.warn({ err: error }, `PostgreSQL (tickets): ${reasonOf(error)}`));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const one = (sql: string, params: unknown[]) => oneTicket(pool, sql, params);
  return {
    kind: 'postgres',
    async open(ticket) {
      const inserted = await one(
        `INSERT INTO tickets (id, key, state, created_at, post_key, updated_at, closed_at, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (key) DO NOTHING RETURNING data`,
        [
          ticket.id,
          ticket.key,
          ticket.state,
          ticket.createdAt,
          ticket.postKey ?? null,
          ticket.updatedAt,
          ticket.closedAt ?? null,
          ticket,
        ],
      );
      if (inserted) return { ticket: inserted, created: true };
      const existing = await one('SELECT data FROM tickets WHERE key = $1', [ticket.key]);
      if (!existing) throw new Error(`ticket key ${ticket.key} was taken but cannot be read back`);
      return { ticket: existing, created: false };
    },
    get: (id) => one('SELECT data FROM tickets WHERE id = $1', [id]),
    byPost: (postKey) => one('SELECT data FROM tickets WHERE post_key = $1 LIMIT 1', [postKey]),
    update: (id, change) => updateTicket(pool, id, change),
    async list(states, limit = 500) {
      const { rows } = await pool.query<{ data: unknown }>(
        `SELECT data FROM tickets ${states ? 'WHERE state = ANY($2)' : ''} ORDER BY created_at DESC LIMIT $1`,
        states ? [limit, states] : [limit],
      );
      return rows.map((row) => Ticket.parse(row.data));
    },
    close: () => pool.end(),
  };
}

/** The ticket the query's first row holds, if any. */
async function oneTicket(client: pg.Pool | pg.PoolClient, sql: string, params: unknown[]) {
  const { rows } = await client.query<{ data: unknown }>(sql, params);
  return rows[0] ? Ticket.parse(rows[0].data) : undefined;
}

/** One change to one ticket, with its row locked, so changes to it run one at a time on every copy. */
async function updateTicket(
  pool: pg.Pool,
  id: string,
  change: (ticket: Ticket) => Ticket | undefined,
): Promise<Ticket | undefined> {
  return inTransaction(pool, async (client) => {
    const current = await oneTicket(client, 'SELECT data FROM tickets WHERE id = $1 FOR UPDATE', [id]);
    const next = current && change(current);
    if (next) {
      await client.query(
        'UPDATE tickets SET state = $2, post_key = $3, updated_at = $4, closed_at = $5, data = $6 WHERE id = $1',
        [id, next.state, next.postKey ?? null, next.updatedAt, next.closedAt ?? null, next],
      );
    }
    return next;
  });
}
