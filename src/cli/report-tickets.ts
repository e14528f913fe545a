import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ticket, type TicketState } from '../schemas/ticket.js';
import { TICKETS_FILE } from '../stores/jsonl-tickets.js';

/**
 * The part of `npm run report` about "ask an expert" tickets: how many are open, answered and closed,
 * the open and answered ones oldest first with their age, so none waits unseen.
 */

/** Tickets in DATA_DIR's tickets.jsonl, read only (the last line of a ticket is its state). */
export async function fileTickets(dataDir: string): Promise<{ tickets: Ticket[]; missing: boolean }> {
  let text: string;
  try {
    text = await readFile(join(dataDir, TICKETS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { tickets: [], missing: true };
    throw error;
  }
  const byId = new Map<string, Ticket>();
  for (const line of text.split('\n')) {
    try {
      const parsed = Ticket.safeParse(JSON.parse(line));
      if (parsed.success) byId.set(parsed.data.id, parsed.data);
    } catch {
      // A blank line, or one torn by a crash: the ticket's previous line still holds its state.
    }
  }
  return { tickets: [...byId.values()], missing: false };
}

/** Tickets in PostgreSQL's tickets table (none, and missing, before the server first created it). */
export async function pgTicketList(url: string): Promise<{ tickets: Ticket[]; missing: boolean }> {
  // Imported only here, so the report and the server do not load the PostgreSQL client without it.
  const { openPool } = await import('../stores/pg-logbook.js');
  const pool = await openPool(url);
  try {
    const exists = await pool.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'tickets'");
    if (!exists.rowCount) return { tickets: [], missing: true };
    const { rows } = await pool.query<{ data: unknown }>('SELECT data FROM tickets');
    return {
      tickets: rows.flatMap((row) => {
        const parsed = Ticket.safeParse(row.data);
        return parsed.success ? [parsed.data] : [];
      }),
      missing: false,
    };
  } finally {
    await pool.end();
  }
}

/** "3 days", "5 hours", "under an hour": how long, as a person says it. */
export function age(fromIso: string, to: Date): string {
  const hours = Math.floor((to.getTime() - Date.parse(fromIso)) / 3_600_000);
  if (hours < 1) return 'under an hour';
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  return `${Math.floor(hours / 24)} days`;
}

const who = (person: { id: string; name?: string } | undefined) => person?.name ?? person?.id ?? 'someone';

function ticketLine(ticket: Ticket, now: Date): string {
  const question = ticket.question.length > 70 ? `${ticket.question.slice(0, 69)}…` : ticket.question;
  const last = ticket.replies[ticket.replies.length - 1];
  const detail =
    ticket.state === 'open'
      ? `waiting ${age(ticket.createdAt, now)}`
      : `asked ${age(ticket.createdAt, now)} ago, answered by ${who(last?.by)} ${last ? `${age(last.at, now)} ago` : ''}`;
  return `  ${ticket.id}  ${ticket.surface.padEnd(6)} ${detail.trim()}  "${question}"`;
}

/** The tickets section, as text. */
export function ticketSection(tickets: readonly Ticket[], now: Date, top = 20, missing = false): string {
  const count = (state: TicketState) => tickets.filter((t) => t.state === state).length;
  const out = [
    `Expert tickets (${tickets.length}: ${count('open')} open, ${count('answered')} answered, ${count('closed')} closed)`,
  ];
  if (missing) out.push('  None yet: no ticket has been opened.');
  for (const state of ['open', 'answered'] as const) {
    const waiting = tickets
      .filter((t) => t.state === state)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    if (!waiting.length) continue;
    out.push(`  ${state === 'open' ? 'Open, oldest first' : 'Answered, not closed'}:`);
    for (const ticket of waiting.slice(0, top)) out.push(`  ${ticketLine(ticket, now)}`);
    if (waiting.length > top) out.push(`    … and ${waiting.length - top} more`);
  }
  const closed = tickets.filter((t) => t.state === 'closed' && t.closedAt);
  if (closed.length) {
    const days = closed.map((t) => (Date.parse(t.closedAt ?? '') - Date.parse(t.createdAt)) / 86_400_000);
    const median = days.sort((a, b) => a - b)[Math.floor(days.length / 2)] ?? 0;
    out.push(`  Closed: ${closed.length}, half of them within ${median.toFixed(1)} days of being asked.`);
  }
  out.push('  Answer or close each on /maintainers (or in the experts’ channel in Slack or Teams).');
  return `${out.join('\n')}\n`;
}

/** The section for `npm run report`: from PostgreSQL with DATABASE_URL, else DATA_DIR's file. */
export async function ticketReport(
  from: { databaseUrl: string } | { dataDir: string },
  top: number,
  now = new Date(),
): Promise<string> {
  const { tickets, missing } =
    'databaseUrl' in from ? await pgTicketList(from.databaseUrl) : await fileTickets(from.dataDir);
  return ticketSection(tickets, now, top, missing);
}
