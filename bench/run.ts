import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { runChild } from './children.js';
import { timeToReady } from './cold-start.js';
import { type Comparison, compareMatchers, RUNS } from './compare.js';
import { endToEnd } from './end-to-end.js';
import { describeMachine, machineLine } from './machine.js';
import type { BenchResults, Check, ColdStartFigures, ScaleFigures } from './results.js';
import { renderResults } from './results.js';
import { describeRevision } from './revision.js';
import { scoreCheck } from './score-check.js';
import { benchSets } from './sets.js';
import { percentile, round, spread } from './stats.js';
import { targetsTable } from './targets.js';

// npm run bench: the issue's targets (bench/targets.ts) from scaling, cold start and end to end, in at
// most 5 minutes on the 2-core machine. `npm run bench -- --full` adds ours vs the BM25 and naive fuse.js
// baselines (accuracy on every question set, p50 and p99 as the median of 5 runs) and the cold start
// through tsx: the long run (30-40 minutes). Prints Markdown and writes bench/results/latest.json.
// Speed is measured here only, never asserted by a test.

const FULL = process.argv.includes('--full');
const benchStarted = performance.now();
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => loadavg().map((v) => Math.round(v * 100) / 100);

const machine = describeMachine();
const loadAtStart = load();
log(`bench${FULL ? ' --full' : ''} on ${machineLine(machine)}; load average ${loadAtStart.join(' / ')}`);
const revision = describeRevision();
log(`code: ${revision.commit}${revision.uncommittedChanges ? ' with uncommitted changes' : ''}`);

const loaded = await loadKnowledgeDir(fileURLToPath(new URL('../knowledge/', import.meta.url)));
if (!loaded.ok)
  throw new Error(
    `the shipped knowledge does not load (${loaded.problems.length} problems): run npm run kb:check`,
  );
const sets = benchSets();
log(`questions: ${sets.map((s) => `${s.name} ${s.questions.length}`).join(', ')}`);

let comparison: Comparison | undefined;
let check: string | undefined;
if (FULL) {
  log(`ours vs BM25 vs naive fuse: accuracy, then ${RUNS} timed runs…`);
  comparison = compareMatchers(loaded.kb, sets, log);
  log('score.mjs cross-check on dev…');
  check = await scoreCheck(comparison.matchers.find((m) => m.name === 'ours')?.accuracy.dev);
}

const scaling: ScaleFigures[] = [];
for (const factor of [1, 100]) {
  log(`scaling ${factor}×, ${RUNS} runs…`);
  scaling.push((await runChild<ScaleFigures>('./scale-child.ts', [String(factor)])).value);
}

const coldStart = await measureColdStart();

log('end to end with autocannon…');
const e2e = await endToEnd(sets.flatMap((s) => s.questions.map((q) => q.question)));

const results: BenchResults = {
  at: new Date().toISOString(),
  revision,
  machine: { ...machine, loadAverage: loadAtStart, loadAverageAtEnd: load() },
  full: FULL,
  minutes: (performance.now() - benchStarted) / 60_000,
  sets: sets.map((s) => ({ name: s.name, n: s.questions.length })),
  comparison,
  scoreCheck: check,
  scaling,
  coldStart,
  endToEnd: e2e,
  checks: comparison ? accuracyChecks(comparison) : [],
  targets: '',
};
results.targets = targetsTable({
  scaling,
  coldStart,
  endToEnd: e2e,
  benchMinutes: results.minutes,
  full: FULL,
});

const out = fileURLToPath(new URL('./results/latest.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${renderResults(results)}\n\nFigures written to bench/results/latest.json\n`);
const errors = e2e.reduce((sum, d) => sum + d.errors, 0);
if (errors > 0) {
  log(`${errors} end-to-end requests failed: see the table`);
  process.exitCode = 1;
}

/**
 * Fresh processes to GET /readyz 200: `npm start` (the build in dist/, made by the discarded first run
 * when missing; npm's own start-up included) and, with --full, the TypeScript through tsx, as npm start
 * ran before the build. Then the in-process split: imports, read + validate, index.
 */
async function measureColdStart(): Promise<ColdStartFigures> {
  const commands = [['npm', 'start']];
  if (FULL) commands.push([process.execPath, '--import', 'tsx', 'src/server/main.ts']);
  log(`cold start: ${commands.length} command(s), 1 + ${RUNS} fresh processes each…`);
  const toReady: ColdStartFigures['toReady'] = [];
  for (const command of commands) {
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
  return {
    runs: RUNS,
    toReady,
    importMs: median((r) => r.importMs),
    readValidateMs: median((r) => r.readValidateMs),
    indexMs: median((r) => r.indexMs),
    readValidateIndexMs: median((r) => r.readValidateMs + r.indexMs),
  };
}

/** Ours against the BM25 baseline on every question set: fewer wrong answers (the --full run only). */
function accuracyChecks(c: Comparison): Check[] {
  const ours = c.matchers.find((m) => m.name === 'ours');
  const bm25 = c.matchers.find((m) => m.name === 'BM25');
  return sets.map((s) => {
    const a = ours?.accuracy[s.name];
    const b = bm25?.accuracy[s.name];
    return {
      what: `fewer wrong answers than BM25 on ${s.name}`,
      limit: `< ${b?.wrong ?? 'n/a'}`,
      measured: String(a?.wrong ?? 'n/a'),
      met: Boolean(a && b && a.wrong < b.wrong),
    };
  });
}
