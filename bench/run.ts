import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { runChild } from './children.js';
import { compareWithBaseline } from './compare.js';
import { endToEnd } from './end-to-end.js';
import { describeMachine, machineLine } from './machine.js';
import { benchQuestions } from './questions.js';
import type { BenchResults, ColdStartFigures, ScaleFigures, Target } from './results.js';
import { renderResults } from './results.js';
import { describeRevision } from './revision.js';
import { percentile, round } from './stats.js';

// npm run bench: resolver vs naive baseline, scaling, cold start, end to end. Prints Markdown tables
// and writes bench/results/latest.json. Speed is measured here only, never asserted by a test.

const COLD_RUNS = 5;
const log = (line: string) => process.stderr.write(`${line}\n`);

const machine = { ...describeMachine(), loadAverage: loadavg().map((v) => Math.round(v * 100) / 100) };
log(`bench on ${machineLine(machine)}; load average ${machine.loadAverage.join(' / ')}`);

const revision = describeRevision();
log(`code: ${revision.commit}${revision.uncommittedChanges ? ' with uncommitted changes' : ''}`);

const loaded = await loadKnowledgeDir(fileURLToPath(new URL('../knowledge/', import.meta.url)));
if (!loaded.ok)
  throw new Error(
    `the shipped knowledge does not load (${loaded.problems.length} problems): run npm run kb:check`,
  );
const questions = benchQuestions(loaded.kb);
log(`questions: ${questions.source}`);

log('resolver vs naive baseline…');
const matchers = compareWithBaseline(loaded.kb, questions);

const scaling: ScaleFigures[] = [];
for (const factor of [1, 10, 100]) {
  log(`scaling ${factor}×…`);
  scaling.push((await runChild<ScaleFigures>('./scale-child.ts', [String(factor)])).value);
}

log(`cold start, 1 + ${COLD_RUNS} fresh processes (the first only fills tsx's transpile cache)…`);
await runChild('./cold-start-child.ts');
type ColdRun = {
  importMs: number;
  readValidateMs: number;
  indexMs: number;
  totalMs: number;
  sinceProcessStartMs: number;
};
const cold: ColdRun[] = [];
for (let i = 0; i < COLD_RUNS; i++) cold.push((await runChild<ColdRun>('./cold-start-child.ts')).value);
const median = (pick: (r: ColdRun) => number) =>
  round(
    percentile(
      cold.map(pick).sort((a, b) => a - b),
      50,
    ),
  );
const coldStart: ColdStartFigures = {
  runs: COLD_RUNS,
  importMs: median((r) => r.importMs),
  readValidateMs: median((r) => r.readValidateMs),
  indexMs: median((r) => r.indexMs),
  readValidateIndexMs: median((r) => r.readValidateMs + r.indexMs),
  totalMs: median((r) => r.totalMs),
  sinceProcessStartMs: median((r) => r.sinceProcessStartMs),
};

log('end to end with autocannon…');
const e2e = await endToEnd(questions.items.map((q) => q.question));

const at = (factor: number) => scaling.find((s) => s.factor === factor);
const target = (what: string, limitMs: number, valueMs: number | undefined): Target => ({
  what,
  limitMs,
  valueMs: valueMs ?? Number.NaN,
  met: valueMs !== undefined && valueMs <= limitMs,
});
const targets: Target[] = [
  target('p99 per question, shipped knowledge', 1, at(1)?.p99Ms),
  target('p99 per question, 100× knowledge', 10, at(100)?.p99Ms),
  target('cold start: read + validate + index', 300, coldStart.readValidateIndexMs),
];

const results: BenchResults = {
  at: new Date().toISOString(),
  revision,
  machine,
  questions: questions.source,
  matchers,
  scaling,
  coldStart,
  endToEnd: e2e,
  targets,
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
