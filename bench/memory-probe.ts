import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics } from 'node:v8';
import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { prepare } from '../src/resolve/index.js';
import { resolve } from '../src/resolve/resolve.js';
import { questionFiles } from './sets.js';
import { round } from './stats.js';
import { TODAY } from './today.js';

/**
 * Resident memory and the V8 heap over many messages on the shipped knowledge, for "flat after 10,000
 * messages": resolves every question set over and over (the typo memory emptied before each pass, as
 * the bench does) and every `step` messages prints resident memory, heap used and reserved, and each
 * heap space's size. Run with --expose-gc to take a full collection before each line: then heap used is
 * what is live; without it, what the process carries as it runs (garbage promoted to the old generation
 * and not yet collected included). See bench/PERFORMANCE.md, 6 December 2026.
 *
 * usage: node [--expose-gc] --import tsx bench/memory-probe.ts [messages=60000] [step=10000]
 */
const total = Number(process.argv[2] ?? '60000');
const step = Number(process.argv[3] ?? '10000');
const gc = (globalThis as { gc?: () => void }).gc;
const mib = (n: number) => round(n / 2 ** 20);
const loaded = await loadKnowledgeDir(fileURLToPath(new URL('../knowledge/', import.meta.url)));
if (!loaded.ok) throw new Error(`knowledge does not load: ${loaded.problems.length} problems`);
const kb = loaded.kb;
const prepared = prepare(kb);
const questions = questionFiles().flatMap((f) => f.questions);
const figures = (messages: number) => {
  gc?.();
  const m = process.memoryUsage();
  const spaces = Object.fromEntries(
    getHeapSpaceStatistics().map((s) => [s.space_name.replace('_space', ''), mib(s.space_size)]),
  );
  return {
    messages,
    rssMiB: mib(m.rss),
    heapUsedMiB: mib(m.heapUsed),
    heapTotalMiB: mib(m.heapTotal),
    spaces,
  };
};
process.stdout.write(`${JSON.stringify(figures(0))}\n`);
for (let n = 0; n < total; ) {
  if (n % questions.length === 0) prepared.typoCache.clear();
  const q = questions[n % questions.length];
  if (q) resolve(kb, q.question, { asOf: q.asOf, today: TODAY });
  n++;
  if (n % step === 0) process.stdout.write(`${JSON.stringify(figures(n))}\n`);
}
