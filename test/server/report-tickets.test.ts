import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketReport } from '../../src/cli/report-tickets.js';
import type { NewTicket } from '../../src/schemas/ticket.js';
import { jsonlTickets } from '../../src/stores/jsonl-tickets.js';
import { pgTickets } from '../../src/stores/pg-tickets.js';
import { createTicketDesk } from '../../src/tickets/desk.js';
import type { TicketStore } from '../../src/tickets/store.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { recordingLogger, tempDir } from './helpers.js';

// `npm run report` lists expert tickets: counts by state, the open and answered ones oldest first with
// their age, from DATA_DIR's file or from PostgreSQL.

const run = promisify(execFile);

const draft = (key: string, question: string): NewTicket => ({
  key,
  surface: 'local',
  question,
  asOf: '2026-11-01',
  answer: { status: 'unknown', bodies: [], text: 'I could not answer that.' },
  asker: { id: 'web chat' },
  where: {},
  whereText: 'the web chat',
});

/** Three tickets asked days apart: one still open, one answered, one closed. */
async function fill(store: TicketStore): Promise<void> {
  let now = new Date('2026-11-01T09:00:00Z');
  const desk = createTicketDesk(store, () => now);
  const open = await desk.open(draft('a', 'who commissions zebra care?'));
  now = new Date('2026-11-03T09:00:00Z');
  const answered = await desk.open(draft('b', 'who commissions unicorn care?'));
  const closed = await desk.open(draft('c', 'who commissions griffin care?'));
  now = new Date('2026-11-04T09:00:00Z');
  await desk.replied(answered.ticket.id, { id: 'maintainers-page', name: 'Sam' }, 'Nobody.');
  await desk.close(closed.ticket.id, { id: 'maintainers-page', name: 'Sam' });
  expect(open.ticket.state).toBe('open');
}

function expectReport(text: string) {
  expect(text).toContain('Expert tickets (3: 1 open, 1 answered, 1 closed)');
  expect(text).toMatch(
    /Open, oldest first:\n\s+WC-\w{6}\s+local\s+waiting \d+ days\s+"who commissions zebra care\?"/,
  );
  expect(text).toMatch(/Answered, not closed:\n\s+WC-\w{6}\s+local\s+asked \d+ days ago, answered by Sam/);
  expect(text).toContain('Closed: 1, half of them within 1.0 days of being asked.');
  expect(text).not.toContain('griffin');
}

describe('tickets in npm run report', () => {
  let dataDir: string;
  let postgres: TestPostgres;
  beforeAll(async () => {
    dataDir = await tempDir('report-tickets');
    await fill(await jsonlTickets(dataDir));
    postgres = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await postgres?.stop();
  });

  it('reads DATA_DIR when run as npm run report', async () => {
    const { stdout } = await run('node_modules/.bin/tsx', ['src/cli/report.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    expectReport(stdout);
  });

  it('reads PostgreSQL, and says when there are none', async () => {
    const url = await postgres.createDatabase('report_tickets');
    expect(await ticketReport({ databaseUrl: url }, 20)).toContain('None yet: no ticket has been opened.');
    const store = await pgTickets(url, recordingLogger());
    try {
      await fill(store);
    } finally {
      await store.close?.();
    }
    expectReport(await ticketReport({ databaseUrl: url }, 20, new Date('2026-11-10T09:00:00Z')));
  });
});
