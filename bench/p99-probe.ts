import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { labelledResolves } from './labelled.js';
import { percentile, round } from './stats.js';

/**
 * Which messages make the slowest 1 % at the shipped size, and are they slow every time? Resolves the
 * labelled sets (test/regression and bench/sets) `passes` times after one warm-up pass, as scale-child
 * does (typo memory emptied per pass), and prints: p50 / p99 of every resolve; the p99 of each question's
 * median (what a particular message costs, with collections and the load mostly filtered out); how many
 * resolves a garbage collection landed in; and with `--slow` the questions with the highest medians.
 * `--loop=N` then resolves only those slowest questions N times more under the CPU profiler, written to
 * `--profile=FILE` (default p99.cpuprofile).
 *
 * usage: tsx bench/p99-probe.ts [passes=7] [--slow] [--loop=N]
 */

const args = process.argv.slice(2);
const passes = Number(args.find((a) => !a.startsWith('--')) ?? '7');
const loopArg = args.find((a) => a.startsWith('--loop='));
const profileFile =
  args.find((a) => a.startsWith('--profile='))?.slice('--profile='.length) ?? 'p99.cpuprofile';

const { prepared, questions, ask } = await labelledResolves();

// Collections' windows, to count the resolves one landed in.
const gcs: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ entryTypes: ['gc'] });

for (const q of questions) ask(q);
const perQuestion: number[][] = questions.map(() => []);
const all: { ms: number; start: number }[] = [];
const cpu = process.cpuUsage();
for (let pass = 0; pass < passes; pass++) {
  prepared.typoCache.clear();
  questions.forEach((q, i) => {
    const start = performance.now();
    ask(q);
    const ms = performance.now() - start;
    perQuestion[i]?.push(ms);
    all.push({ ms, start });
  });
}
const used = process.cpuUsage(cpu);
const cpuPerResolve = (used.user + used.system) / 1000 / (passes * questions.length);
await new Promise((r) => setTimeout(r, 10));

const sorted = all.map((s) => s.ms).sort((a, b) => a - b);
const medians = perQuestion.map((ms) => [...ms].sort((a, b) => a - b)[ms.length >> 1] ?? 0);
const medSorted = [...medians].sort((a, b) => a - b);
const p99 = percentile(sorted, 99);
const slowest = all.filter((s) => s.ms >= p99);
const withGc = slowest.filter((s) => gcs.some((g) => g.start < s.start + s.ms && g.end > s.start)).length;
const out: Record<string, unknown> = {
  resolves: all.length,
  cpuPerResolve: round(cpuPerResolve),
  p50: round(percentile(sorted, 50)),
  p99: round(p99),
  medianP50: round(percentile(medSorted, 50)),
  medianP99: round(percentile(medSorted, 99)),
  slowest: slowest.length,
  slowestWithGc: withGc,
  gcs: gcs.length,
  load: loadavg().map((v) => round(v)),
};
const order = medians.map((m, i) => ({ m, i })).sort((a, b) => b.m - a.m);
const top = order.slice(0, Math.ceil(questions.length / 100));
if (args.includes('--slow')) {
  out.top = top.map(({ m, i }) => `${round(m)} ${questions[i]?.id} ${questions[i]?.question.slice(0, 70)}`);
}
process.stdout.write(`${JSON.stringify(out, null, args.includes('--slow') ? 1 : 0)}\n`);
if (loopArg) {
  // Profiles the loop alone (the inspector's profiler, started and stopped around it).
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((res, rej) => session.post(method, params, (e, r) => (e ? rej(e) : res(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  const n = Number(loopArg.slice('--loop='.length));
  for (let k = 0; k < n; k++) for (const { i } of top) ask(questions[i] as (typeof questions)[number]);
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  writeFileSync(profileFile, JSON.stringify(profile));
}
