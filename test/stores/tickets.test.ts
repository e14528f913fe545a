import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewTicket } from '../../src/schemas/ticket.js';
import { jsonlTickets, TICKETS_FILE } from '../../src/stores/jsonl-tickets.js';
import { MIGRATIONS } from '../../src/stores/pg-migrations.js';
import { pgTickets } from '../../src/stores/pg-tickets.js';
import { createTicketDesk } from '../../src/tickets/desk.js';
import type { TicketStore } from '../../src/tickets/store.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { recordingLogger, startTestServer } from '../server/helpers.js';

// Tickets in both stores feedback uses: JSON lines in DATA_DIR, and PostgreSQL shared by several copies.

const draft = (key: string): NewTicket => ({
  key,
  surface: 'slack',
  question: 'who commissions health visiting?',
  asOf: '2026-11-01',
  answer: {
    status: 'answered',
    topic: { id: 'health-visiting', title: 'Health visiting' },
    bodies: ['Council'],
    text: 'Councils do.',
  },
  asker: { id: 'U0ASKER', name: 'asker' },
  where: { channel: 'C0GENERAL', thread_ts: '1700000000.000100' },
  whereText: 'a thread in Slack channel C0GENERAL',
});

/** The life of a ticket, the same for every store. */
async function lifeOfATicket(store: TicketStore) {
  const desk = createTicketDesk(store, () => new Date('2026-11-01T12:00:00Z'));
  const first = await desk.open(draft('k1'));
  const again = await desk.open(draft('k1'));
  expect(first.created).toBe(true);
  expect(again).toEqual({ ticket: first.ticket, created: false });
  expect(first.ticket).toMatchObject({ state: 'open', id: expect.stringMatching(/^WC-[A-Z0-9]{6}$/) });

  await desk.posted(first.ticket.id, 'slack:C0EXPERTS:1700000001.000100');
  expect((await desk.byPost('slack:C0EXPERTS:1700000001.000100'))?.id).toBe(first.ticket.id);
  // Two experts answering at once: both replies kept.
  const [a, b] = await Promise.all([
    desk.replied(first.ticket.id, { id: 'U0ONE' }, 'one'),
    desk.replied(first.ticket.id, { id: 'U0TWO' }, 'two'),
  ]);
  expect(a.ok && b.ok).toBe(true);
  const answered = await desk.get(first.ticket.id);
  expect(answered?.state).toBe('answered');
  expect(answered?.replies.map((r) => r.text).sort()).toEqual(['one', 'two']);

  // The asker adds a note; who answered, who closed and when are kept with the ticket.
  const noted = await desk.addNote(first.ticket.id, { id: 'U0ASKER' }, 'It is for a board paper.');
  expect(noted.ok && noted.ticket.notes).toEqual([
    { by: { id: 'U0ASKER' }, text: 'It is for a board paper.', at: '2026-11-01T12:00:00.000Z' },
  ]);
  expect((await desk.close(first.ticket.id, { id: 'U0ONE', name: 'One' })).ok).toBe(true);
  const closed = await desk.get(first.ticket.id);
  expect(closed).toMatchObject({
    state: 'closed',
    closedBy: { id: 'U0ONE', name: 'One' },
    closedAt: '2026-11-01T12:00:00.000Z',
    notes: [{ text: 'It is for a board paper.' }],
  });
  expect(closed?.replies.map((r) => r.by.id).sort()).toEqual(['U0ONE', 'U0TWO']);
  expect((await desk.addNote(first.ticket.id, { id: 'U0ASKER' }, 'more')).ok).toBe(false);
  const late = await desk.replied(first.ticket.id, { id: 'U0TWO' }, 'too late');
  expect(late).toMatchObject({ ok: false, reason: 'closed' });
  expect((await desk.replied('WC-ZZZZZZ', { id: 'U0TWO' }, 'x')).ok).toBe(false);
  expect(await desk.list(['open'])).toEqual([]);
  expect((await desk.list(['closed'])).map((t) => t.id)).toEqual([first.ticket.id]);
  return first.ticket.id;
}

describe('tickets as JSON lines', () => {
  it('refuse new tickets past their limit, saying what to do, and still find old ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wc-tickets-full-'));
    try {
      const desk = createTicketDesk(await jsonlTickets(dir, { maxTickets: 2 }));
      await desk.open(draft('a'));
      await desk.open(draft('b'));
      await expect(desk.open(draft('c'))).rejects.toThrow(/holds 2 tickets, the most it takes: move it away/);
      expect((await desk.open(draft('a'))).created).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keep their life across a restart and skip a line torn by a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wc-tickets-'));
    try {
      const id = await lifeOfATicket(await jsonlTickets(dir));
      await appendFile(join(dir, TICKETS_FILE), '{"id":"WC-TORN');
      const reopened = await jsonlTickets(dir);
      const kept = await reopened.get(id);
      expect(kept?.state).toBe('closed');
      if (kept) expect((await reopened.open({ ...kept, id: 'WC-AAAAAA' })).created).toBe(false);
      // The torn line was ended, so the next ticket is a line of its own.
      await createTicketDesk(reopened).open(draft('k2'));
      const lines = (await readFile(join(dir, TICKETS_FILE), 'utf8')).trim().split('\n');
      expect(JSON.parse(lines.at(-1) ?? '').key).toBe('k2');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('tickets in PostgreSQL', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await postgres?.stop();
  });

  it('live the same life, and two copies clicking at once open one ticket', async () => {
    const logger = recordingLogger();
    const [one, two] = await Promise.all([pgTickets(postgres.url, logger), pgTickets(postgres.url, logger)]);
    try {
      await lifeOfATicket(one);
      const desks = [createTicketDesk(one), createTicketDesk(two)];
      const opened = await Promise.all(
        Array.from({ length: 10 }, (_, i) => desks[i % 2]?.open(draft('same-click'))),
      );
      expect(new Set(opened.map((o) => o?.ticket.id)).size).toBe(1);
      expect(opened.filter((o) => o?.created)).toHaveLength(1);
    } finally {
      await Promise.all([one.close?.(), two.close?.()]);
    }
  });

  it('take the answered and closed columns and an empty notes list on a table made before them (migration 3)', async () => {
    const url = await postgres.createDatabase('tickets_before_notes');
    const pool = new pg.Pool({ connectionString: url });
    try {
      // The schema as the two first steps left it, with a ticket written then (no notes, no closedAt).
      await pool.query(
        'CREATE TABLE whocommissions_migrations (step integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const [index, sql] of MIGRATIONS.slice(0, 2).entries()) {
        await pool.query(sql);
        await pool.query('INSERT INTO whocommissions_migrations (step) VALUES ($1)', [index + 1]);
      }
      const old = {
        ...draft('old'),
        id: 'WC-22BEFR',
        state: 'closed',
        createdAt: '2026-10-01T09:00:00.000Z',
        updatedAt: '2026-10-02T09:00:00.000Z',
        replies: [],
        closedBy: { id: 'U0ONE' },
      };
      await pool.query('INSERT INTO tickets (id, key, state, created_at, data) VALUES ($1, $2, $3, $4, $5)', [
        old.id,
        old.key,
        old.state,
        old.createdAt,
        old,
      ]);
      const store = await pgTickets(url, recordingLogger());
      try {
        expect((await store.get('WC-22BEFR'))?.notes).toEqual([]);
        const { rows } = await pool.query('SELECT updated_at FROM tickets WHERE id = $1', ['WC-22BEFR']);
        expect((rows[0] as { updated_at: Date }).updated_at.toISOString()).toBe('2026-10-02T09:00:00.000Z');
        const desk = createTicketDesk(store, () => new Date('2026-11-01T12:00:00Z'));
        const { ticket } = await desk.open(draft('new'));
        await desk.close(ticket.id, { id: 'U0TWO' });
        const closed = await pool.query('SELECT closed_at FROM tickets WHERE id = $1', [ticket.id]);
        expect((closed.rows[0] as { closed_at: Date }).closed_at.toISOString()).toBe(
          '2026-11-01T12:00:00.000Z',
        );
      } finally {
        await store.close?.();
      }
    } finally {
      await pool.end();
    }
  });

  it('are what the server keeps with DATABASE_URL: one ticket for a retry on another copy, listed for maintainers', async () => {
    const url = await postgres.createDatabase('server_tickets');
    const copies = await Promise.all([
      startTestServer({ env: { DATABASE_URL: url } }),
      startTestServer({ env: { DATABASE_URL: url } }),
    ]);
    try {
      const body = JSON.stringify({
        key: 'pg-retry-0001',
        question: 'who commissions zebra care?',
        asOf: '2026-11-01',
        note: 'urgent',
      });
      const send = (i: number) =>
        fetch(`${copies[i]?.url}/api/tickets`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
        });
      const [first, retry] = [await send(0), await send(1)];
      expect([first.status, retry.status]).toEqual([201, 200]);
      const reference = ((await first.json()) as { reference: string }).reference;
      expect(((await retry.json()) as { reference: string }).reference).toBe(reference);
      const vote = {
        helpful: false,
        question: 'who commissions GP contracts?',
        asOf: '2026-11-01',
        topicId: 'gp-contracts',
        status: 'answered',
      };
      await fetch(`${copies[1]?.url}/api/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(vote),
      });
      const page = await (await fetch(`${copies[0]?.url}/maintainers`)).text();
      expect(page).toContain(reference);
      expect(page).toContain('urgent');
      expect(page).toMatch(/Answers voted not helpful[\s\S]*gp-contracts[\s\S]*primary-care\.yaml line \d+/);
      expect(page).toContain('in PostgreSQL');
    } finally {
      await Promise.all(copies.map((c) => c.dispose()));
    }
  });
});
