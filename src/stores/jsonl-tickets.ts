import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repairTornLine } from '../logbook.js';
import { Ticket } from '../schemas/ticket.js';
import type { TicketStore } from '../tickets/store.js';

export const TICKETS_FILE = 'tickets.jsonl';
/** The most tickets the file takes; beyond it new ones are refused until old ones are moved away. */
export const MAX_TICKETS = 20_000;

/**
 * Tickets as JSON lines under DATA_DIR, beside feedback.jsonl: each change appends the whole ticket,
 * and the last line for an id is its state, so a crash mid-write loses at most that change. Read
 * once at start and kept in memory (tickets are few); for one copy of the server, as JSONL is.
 */
export async function jsonlTickets(
  dataDir: string,
  options: { maxTickets?: number } = {},
): Promise<TicketStore> {
  // A web chat open to many people could otherwise fill the disk and memory with tickets.
  const maxTickets = options.maxTickets ?? MAX_TICKETS;
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, TICKETS_FILE);
  await repairTornLine(path);
  const tickets = new Map<string, Ticket>();
  const byKey = new Map<string, string>();
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  for (const line of text.split('\n')) {
    const ticket = parseLine(line);
    if (!ticket) continue;
    tickets.set(ticket.id, ticket);
    byKey.set(ticket.key, ticket.id);
  }
  // One write at a time, in order, so the file's last line for a ticket is its latest state.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };
  const write = async (ticket: Ticket) => {
    await appendFile(path, `${JSON.stringify(ticket)}\n`, 'utf8');
    tickets.set(ticket.id, ticket);
    byKey.set(ticket.key, ticket.id);
  };
  return {
    kind: 'file',
    open: (ticket) =>
      serial(async () => {
        const existing = tickets.get(byKey.get(ticket.key) ?? '');
        if (existing) return { ticket: existing, created: false };
        if (tickets.size >= maxTickets) {
          throw new Error(
            `${TICKETS_FILE} in ${dataDir} holds ${tickets.size} tickets, the most it takes: move it away (or keep tickets in PostgreSQL with DATABASE_URL) to take new ones`,
          );
        }
        await write(ticket);
        return { ticket, created: true };
      }),
    get: async (id) => tickets.get(id),
    byPost: async (postKey) => [...tickets.values()].find((t) => t.postKey === postKey),
    update: (id, change) =>
      serial(async () => {
        const current = tickets.get(id);
        const next = current && change(current);
        if (!next) return undefined;
        await write(next);
        return next;
      }),
    list: async (states, limit = 500) =>
      [...tickets.values()]
        .filter((t) => !states || states.includes(t.state))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, limit),
  };
}

function parseLine(line: string): Ticket | undefined {
  if (line.trim() === '') return undefined;
  try {
    const parsed = Ticket.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // A line torn by a crash: the ticket's previous line still holds its earlier state.
    return undefined;
  }
}
