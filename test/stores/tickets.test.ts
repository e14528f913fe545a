import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewTicket } from '../../src/schemas/ticket.js';
import { jsonlTickets, TICKETS_FILE } from '../../src/stores/jsonl-tickets.js';
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

  expect((await desk.close(first.ticket.id, { id: 'U0ONE' })).ok).toBe(true);
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
