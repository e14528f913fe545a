import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { prepare } from '../src/resolve/index.js';
import { resolve } from '../src/resolve/resolve.js';
import { questionFiles } from './sets.js';
import { percentile, round } from './stats.js';
import { growKnowledge } from './synthetic.js';
import { TODAY } from './today.js';

/**
 * The scaling part of the bench alone, for profiling (`node --cpu-prof --import tsx bench/scale-profile.ts 100`):
 * grows the knowledge `factor` times (bench/synthetic.ts), times the index build, then resolves the
 * labelled question sets (test/regression and bench/sets, not the shared dev sets) `passes` times after
 * one warm-up pass. Figures are CPU time of this process (process.cpuUsage, user + system) as well as
 * wall time, since the machine is shared; per resolve, both. Prints one JSON line; `--slow` also lists the slowest 1 %.
 *
 * usage: tsx bench/scale-profile.ts [factor=100] [passes=3] [--slow] [--index-only]
 */

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const factor = Number(positional[0] ?? '100');
const passes = Number(positional[1] ?? '3');

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const load = () => loadavg().map((v) => Math.round(v * 100) / 100);

const loaded = await loadKnowledgeDir(fileURLToPath(new URL('../knowledge/', import.meta.url)));
if (!loaded.ok) throw new Error(`knowledge does not load: ${loaded.problems.length} problems`);
const kb = growKnowledge(loaded.kb, factor);
const questions = questionFiles()
  .filter((f) => f.name.startsWith('regression/') || f.name.startsWith('sets/'))
  .flatMap((f) => f.questions);

const loadBefore = load();
const cpu0 = cpuMs();
const wall0 = performance.now();
const prepared = prepare(kb);
const indexWallMs = performance.now() - wall0;
const indexCpuMs = cpuMs() - cpu0;

const out: Record<string, unknown> = {
  factor,
  topics: kb.topics.length,
  vocabulary: prepared.vocabulary.size,
  indexCpuMs: round(indexCpuMs),
  indexWallMs: round(indexWallMs),
};

if (!args.includes('--index-only')) {
  // Warm-up pass: builds everything derived lazily per knowledge base (dates, places, decision).
  for (const q of questions) resolve(kb, q.question, { asOf: q.asOf, today: TODAY });
  const samples: { ms: number; cpu: number; id: string; question: string }[] = [];
  const cpu1 = cpuMs();
  for (let pass = 0; pass < passes; pass++) {
    prepared.typoCache.clear();
    for (const q of questions) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      resolve(kb, q.question, { asOf: q.asOf, today: TODAY });
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      samples.push({ ms, cpu: (used.user + used.system) / 1000, id: q.id, question: q.question });
    }
  }
  const resolveCpuMs = cpuMs() - cpu1;
  samples.sort((a, b) => a.ms - b.ms);
  const sorted = samples.map((s) => s.ms);
  const cpuSorted = samples.map((s) => s.cpu).sort((a, b) => a - b);
  Object.assign(out, {
    resolves: samples.length,
    cpuPerResolveMs: round(resolveCpuMs / samples.length),
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
    // Per resolve, CPU time of the process (getrusage: microseconds, some kernels count in ticks).
    cpuP50: round(percentile(cpuSorted, 50)),
    cpuP99: round(percentile(cpuSorted, 99)),
  });
  if (args.includes('--slow')) {
    const slow = samples.slice(Math.floor(samples.length * 0.99));
    out.slowest = slow
      .reverse()
      .map((s) => ({ ms: round(s.ms), id: s.id, question: s.question.slice(0, 80) }));
  }
}
out.loadBefore = loadBefore;
out.loadAfter = load();
process.stdout.write(`${JSON.stringify(out)}\n`);
