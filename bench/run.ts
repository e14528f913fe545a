import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { runChild } from './children.js';
import { timeToReady } from './cold-start.js';
import { compareMatchers, RUNS } from './compare.js';
import { endToEnd } from './end-to-end.js';
import { describeMachine, machineLine } from './machine.js';
import type { BenchResults, Check, ColdStartFigures, ScaleFigures } from './results.js';
import { renderResults, spreadText } from './results.js';
import { describeRevision } from './revision.js';
import { scoreCheck } from './score-check.js';
import { benchSets } from './sets.js';
import { percentile, round, spread } from './stats.js';

// npm run bench: ours vs the BM25 and naive fuse.js baselines (accuracy on every question set, p50 and
// p99 as the median of 5 runs), scaling, cold start from `npm start`, end to end. Prints Markdown and
// writes bench/results/latest.json. Speed is measured here only, never asserted by a test.

const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => loadavg().map((v) => Math.round(v * 100) / 100);

const machine = describeMachine();
const loadAtStart = load();
log(`bench on ${machineLine(machine)}; load average ${loadAtStart.join(' / ')}`);
const revision = describeRevision();
log(`code: ${revision.commit}${revision.uncommittedChanges ? ' with uncommitted changes' : ''}`);

const loaded = await loadKnowledgeDir(fileURLToPath(new URL('../knowledge/', import.meta.url)));
if (!loaded.ok)
  throw new Error(
    `the shipped knowledge does not load (${loaded.problems.length} problems): run npm run kb:check`,
  );
const sets = benchSets();
log(`questions: ${sets.map((s) => `${s.name} ${s.questions.length}`).join(', ')}`);

log(`ours vs BM25 vs naive fuse: accuracy, then ${RUNS} timed runs…`);
const comparison = compareMatchers(loaded.kb, sets, log);
log('score.mjs cross-check on dev…');
const check = await scoreCheck(comparison.matchers.find((m) => m.name === 'ours')?.accuracy.dev);

const scaling: ScaleFigures[] = [];
for (const factor of [1, 100]) {
  log(`scaling ${factor}×, ${RUNS} runs…`);
  scaling.push((await runChild<ScaleFigures>('./scale-child.ts', [String(factor)])).value);
}

// npm start runs the build in dist/ (made by the discarded first run when missing); the second command
// is how npm start ran before the build: the TypeScript through tsx. npm start pays npm's own start-up too.
const COMMANDS = [
  ['npm', 'start'],
  [process.execPath, '--import', 'tsx', 'src/server/main.ts'],
];
log(`cold start: ${COMMANDS.length} commands, 1 + ${RUNS} fresh processes each…`);
const toReady: ColdStartFigures['toReady'] = [];
for (const command of COMMANDS) {
  await timeToReady(command);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeToReady(command));
  toReady.push({ command: command.join(' ').replace(process.execPath, 'node'), ms: spread(times) });
}
type Inside = { importMs: number; readValidateMs: number; indexMs: number };
const inside: Inside[] = [];
for (let i = 0; i < RUNS; i++) inside.push((await runChild<Inside>('./cold-start-child.ts')).value);
const median = (pick: (r: Inside) => number) =>
  round(
    percentile(
      inside.map(pick).sort((a, b) => a - b),
      50,
    ),
  );
const coldStart: ColdStartFigures = {
  runs: RUNS,
  toReady,
  importMs: median((r) => r.importMs),
  readValidateMs: median((r) => r.readValidateMs),
  indexMs: median((r) => r.indexMs),
  readValidateIndexMs: median((r) => r.readValidateMs + r.indexMs),
};

log('end to end with autocannon…');
const e2e = await endToEnd(sets.flatMap((s) => s.questions.map((q) => q.question)));

const at = (factor: number) => scaling.find((s) => s.factor === factor);
const ours = comparison.matchers.find((m) => m.name === 'ours');
const bm25 = comparison.matchers.find((m) => m.name === 'BM25');
const p99Check = (what: string, limitMs: number, s?: ScaleFigures): Check => ({
  what,
  limit: `${limitMs} ms`,
  measured: s ? spreadText(s.p99) : 'n/a',
  met: s !== undefined && s.p99.median <= limitMs,
});
const checks: Check[] = [
  p99Check('p99 per question, shipped knowledge (median of 5)', 1, at(1)),
  p99Check('p99 per question, 100× knowledge (median of 5)', 10, at(100)),
  {
    what: 'ours at least 2× faster than BM25 at p50 (medians of 5)',
    limit: 'ours / BM25 ≤ 0.5',
    measured: ours && bm25 ? `${(ours.p50.median / bm25.p50.median).toFixed(2)}×` : 'n/a',
    met: Boolean(ours && bm25 && ours.p50.median * 2 <= bm25.p50.median),
  },
  ...sets.map((s) => {
    const a = ours?.accuracy[s.name];
    const b = bm25?.accuracy[s.name];
    return {
      what: `fewer wrong answers than BM25 on ${s.name}`,
      limit: `< ${b?.wrong ?? 'n/a'}`,
      measured: String(a?.wrong ?? 'n/a'),
      met: Boolean(a && b && a.wrong < b.wrong),
    };
  }),
  {
    what: 'cold start: read + validate + index (median of 5)',
    limit: '300 ms',
    measured: `${coldStart.readValidateIndexMs} ms`,
    met: coldStart.readValidateIndexMs <= 300,
  },
];

const results: BenchResults = {
  at: new Date().toISOString(),
  revision,
  machine: { ...machine, loadAverage: loadAtStart, loadAverageAtEnd: load() },
  sets: sets.map((s) => ({ name: s.name, n: s.questions.length })),
  comparison,
  scoreCheck: check,
  scaling,
  coldStart,
  endToEnd: e2e,
  checks,
};

const out = fileURLToPath(new URL('./results/latest.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${renderResults(results)}\n\nFigures written to bench/results/latest.json\n`);
const errors = e2e.reduce((sum, d) => sum + d.errors, 0);
if (errors > 0) {
  log(`${errors} end-to-end requests failed: see the table`);
  process.exitCode = 1;
}
