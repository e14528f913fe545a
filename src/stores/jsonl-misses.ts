import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repairTornLine } from '../logbook.js';
import type { MissStore } from '../misses/store.js';
import { Miss } from '../schemas/miss.js';

export const MISSES_FILE = 'misses.jsonl';
/** The most misses the file takes; beyond it new ones are refused until it is moved away. */
export const MAX_MISSES = 20_000;

/** Every valid miss in a misses.jsonl text, the last line of each id winning; and the lines skipped. */
export function parseMisses(text: string): { misses: Map<string, Miss>; skipped: number[] } {
  const misses = new Map<string, Miss>();
  const skipped: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const parsed = Miss.safeParse(JSON.parse(line));
      if (parsed.success) misses.set(parsed.data.id, parsed.data);
      else skipped.push(index + 1);
    } catch {
      // A line torn by a crash: the miss's previous line still holds its earlier state.
      skipped.push(index + 1);
    }
  });
  return { misses, skipped };
}

/** Reads DATA_DIR's misses.jsonl ('' when there is none yet). */
export async function readMissesFile(dataDir: string): Promise<string> {
  return readFile(join(dataDir, MISSES_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
}

/**
 * Misses as JSON lines under DATA_DIR, beside feedback.jsonl: each change appends the whole miss and
 * the last line for an id is its state. Read once at start and kept in memory; for one copy of the server.
 */
export async function jsonlMisses(dataDir: string, options: { max?: number } = {}): Promise<MissStore> {
  const max = options.max ?? MAX_MISSES;
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, MISSES_FILE);
  await repairTornLine(path);
  const { misses } = parseMisses(await readMissesFile(dataDir));
  const byKey = new Map([...misses.values()].map((m) => [m.key, m.id]));
  // One write at a time, in order, so the file's last line for a miss is its latest state.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };
  const write = async (miss: Miss) => {
    await appendFile(path, `${JSON.stringify(miss)}\n`, 'utf8');
    misses.set(miss.id, miss);
    byKey.set(miss.key, miss.id);
  };
  return {
    kind: 'file',
    record: (miss) =>
      serial(async () => {
        const existing = misses.get(byKey.get(miss.key) ?? '');
        if (existing) return { miss: existing, created: false };
        if (misses.size >= max)
          throw new Error(
            `${MISSES_FILE} in ${dataDir} holds ${misses.size} misses, the most it takes: move it away (or set DATABASE_URL or REDIS_URL) to record new ones`,
          );
        await write(miss);
        return { miss, created: true };
      }),
    update: (id, change) =>
      serial(async () => {
        const current = misses.get(id);
        const next = current && change(current);
        if (!next) return undefined;
        await write(next);
        return next;
      }),
    list: async (limit = 5000) =>
      [...misses.values()].sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit),
  };
}
