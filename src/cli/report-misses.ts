import { resolve } from 'node:path';
import { groupMisses } from '../misses/groups.js';
import { MISS_LIST_LIMIT } from '../misses/store.js';
import type { Miss } from '../schemas/miss.js';
import { parseMisses, readMissesFile } from '../stores/jsonl-misses.js';

/** Every miss recorded, from where the server keeps them: PostgreSQL, else Redis, else DATA_DIR. */
export async function readMisses(env: NodeJS.ProcessEnv): Promise<{ label: string; misses: Miss[] }> {
  const databaseUrl = env.DATABASE_URL?.trim();
  const redisUrl = env.REDIS_URL?.trim();
  if (databaseUrl) {
    const [{ openPool }, { listMissRows }, { redacted }] = await Promise.all([
      import('../stores/pg-logbook.js'),
      import('../stores/pg-misses.js'),
      import('../stores/redacted.js'),
    ]);
    const pool = await openPool(databaseUrl);
    try {
      return {
        label: `PostgreSQL ${redacted(databaseUrl)}`,
        misses: (await listMissRows(pool, MISS_LIST_LIMIT)) ?? [],
      };
    } finally {
      await pool.end();
    }
  }
  if (redisUrl) {
    const [{ redisMisses }, { redacted }] = await Promise.all([
      import('../stores/redis-misses.js'),
      import('../stores/redacted.js'),
    ]);
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    const store = await redisMisses(redisUrl, quiet);
    try {
      return { label: `Redis ${redacted(redisUrl)}`, misses: await store.list(MISS_LIST_LIMIT) };
    } finally {
      await store.close?.();
    }
  }
  const dataDir = resolve(env.DATA_DIR?.trim() || 'data');
  return { label: dataDir, misses: [...parseMisses(await readMissesFile(dataDir)).misses.values()] };
}

/** The report's "Readings people said were wrong" section: most frequent first, with what people chose instead. */
export function missReport(misses: readonly Miss[], options: { top?: number; since?: string } = {}): string {
  const kept = misses.filter((m) => options.since === undefined || m.at.slice(0, 10) >= options.since);
  const out = ['', `Readings people said were wrong ("Not what I asked", ${kept.length} recorded)`];
  if (kept.length === 0) out.push('  None yet.');
  for (const group of groupMisses(kept).slice(0, options.top ?? 20)) {
    const read = group.read || 'nothing read (no answer given)';
    const instead = [
      ...group.chosen.map((c) => `${c.title} ${c.count}`),
      ...(group.noneChosen ? [`none of those offered ${group.noneChosen}`] : []),
    ].join(', ');
    out.push(`  ${String(group.count).padStart(4)}×  ${read}  e.g. "${group.question}"`);
    out.push(`         chosen instead: ${instead}`);
  }
  out.push(
    '  Where people chose another reading, add their wording to that topic (a phrasing, or a line in',
    '  knowledge/example-messages.yaml); where they chose none, the knowledge may lack the topic.',
  );
  return `${out.join('\n')}\n`;
}
