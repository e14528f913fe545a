import type { Comparison } from './compare.js';
import type { Tally } from './dev-set.js';
import type { DoorFigures } from './end-to-end.js';
import type { Machine } from './machine.js';
import type { Spread } from './stats.js';

export interface ScaleFigures {
  factor: number;
  topics: number;
  vocabulary: number;
  indexMs: number;
  p50: Spread;
  p99: Spread;
  max: Spread;
  samplesPerRun: number;
  runs: number;
  /** Resident memory once loaded and indexed, before the timed runs (absent in older results). */
  rssBeforeMiB?: number;
  /** Resident memory after the first timed run (at least 10,000 messages; absent in older results). */
  rssAfterFirstRunMiB?: number;
  /** Resident memory after the timed runs. */
  rssMiB: number;
  loadBefore: number[];
  loadAfter: number[];
}

export interface ColdStartFigures {
  runs: number;
  /** From starting each command to the first 200 from GET /readyz: median and spread. */
  toReady: { command: string; ms: Spread }[];
  /** In a fresh process: imports, then read + validate, then index (medians, milliseconds). */
  importMs: number;
  readValidateMs: number;
  indexMs: number;
  readValidateIndexMs: number;
}

export interface Check {
  what: string;
  limit: string;
  measured: string;
  met: boolean;
}

export interface BenchResults {
  at: string;
  revision: { commit: string; uncommittedChanges: boolean };
  machine: Machine & { loadAverage: number[]; loadAverageAtEnd: number[] };
  sets: { name: string; n: number }[];
  /** Whether this was `npm run bench -- --full` (the baselines and the tsx cold start are only in that). */
  full: boolean;
  /** Wall-clock minutes of the whole run. */
  minutes: number;
  comparison?: Comparison;
  scoreCheck?: string;
  scaling: ScaleFigures[];
  coldStart: ColdStartFigures;
  endToEnd: DoorFigures[];
  checks: Check[];
  /** The issue's targets table, as printed (bench/targets.ts). */
  targets: string;
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v} ms` : 'n/a');
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
export const spreadText = (s: Spread) => `${ms(s.median)} (${s.min}–${s.max})`;
const load = (l: number[]) => l.join(' / ');

function matcherTable(r: BenchResults & { comparison: Comparison }): string {
  const ms = r.comparison.matchers;
  const ours = ms.find((m) => m.name === 'ours');
  const bm25 = ms.find((m) => m.name === 'BM25');
  const ratio = (a?: number, b?: number) => (a !== undefined && b ? `${(a / b).toFixed(2)}×` : 'n/a');
  const points = (a?: Tally, b?: Tally) =>
    a && b ? `${((a.accuracy - b.accuracy) * 100).toFixed(1)} points` : 'n/a';
  const rows: (string | number)[][] = [];
  for (const set of r.sets) {
    const t = (name?: string) => ms.find((m) => m.name === name)?.accuracy[set.name];
    rows.push([
      `${set.name} accuracy (n=${set.n})`,
      ...ms.map((m) => (m.accuracy[set.name] ? pct(m.accuracy[set.name]?.accuracy ?? 0) : 'n/a')),
      points(t('ours'), t('BM25')),
    ]);
    rows.push([
      `${set.name} wrong / abstained`,
      ...ms.map((m) => {
        const a = m.accuracy[set.name];
        return a ? `${a.wrong} / ${a.abstained}` : 'n/a';
      }),
      t('ours') && t('BM25') ? `${t('ours')?.wrong} vs ${t('BM25')?.wrong} wrong` : 'n/a',
    ]);
  }
  rows.push([
    'p50, median of 5 (min–max)',
    ...ms.map((m) => spreadText(m.p50)),
    ratio(ours?.p50.median, bm25?.p50.median),
  ]);
  rows.push([
    'p99, median of 5 (min–max)',
    ...ms.map((m) => spreadText(m.p99)),
    ratio(ours?.p99.median, bm25?.p99.median),
  ]);
  rows.push(['resolves per run', ...ms.map((m) => m.runs[0]?.samples ?? 0), '']);
  return table(['', ...ms.map((m) => m.name), 'ours / BM25'], rows);
}

function baselinesSection(r: BenchResults): string[] {
  if (!r.comparison) return [];
  const withComparison = { ...r, comparison: r.comparison };
  return [
    `**Ours vs baselines** (one question at a time, in process; accuracy by the rules of score.mjs; load ${load(r.comparison.loadBefore)} before the timed runs, ${load(r.comparison.loadAfter)} after)`,
    '',
    matcherTable(withComparison),
    '',
    ...r.comparison.matchers.map((m) => `- ${m.name}: ${m.about}`),
    '',
  ];
}

function scalingSection(r: BenchResults): string[] {
  return [
    '**Scaling** (knowledge grown with synthetic topic variants, in memory only; fresh process per size; 5 runs over every question set)',
    '',
    table(
      [
        'size',
        'topics',
        'vocabulary',
        'index build',
        'p50 (min–max)',
        'p99 (min–max)',
        'max (median)',
        'resolves per run',
        'RSS before → after first run → end',
        'load before → after',
      ],
      r.scaling.map((s) => [
        s.factor === 1 ? 'shipped (1×)' : `${s.factor}× (synthetic)`,
        s.topics,
        s.vocabulary,
        ms(s.indexMs),
        spreadText(s.p50),
        spreadText(s.p99),
        ms(s.max.median),
        s.samplesPerRun,
        `${s.rssBeforeMiB ?? '?'} → ${s.rssAfterFirstRunMiB ?? '?'} → ${s.rssMiB} MiB`,
        `${s.loadBefore[0]} → ${s.loadAfter[0]}`,
      ]),
    ),
    '',
  ];
}

function startAndDoorsSection(r: BenchResults): string[] {
  return [
    `**Cold start** (fresh processes, one discarded then ${r.coldStart.runs} timed; median (min–max))`,
    '',
    table(
      ['from', 'to GET /readyz 200'],
      r.coldStart.toReady.map((c) => [`\`${c.command}\``, spreadText(c.ms)]),
    ),
    '',
    `Inside the process (medians): imports ${ms(r.coldStart.importMs)}, read + validate ${ms(r.coldStart.readValidateMs)}, index ${ms(r.coldStart.indexMs)}.`,
    '',
    '**End to end** (real server in process on 127.0.0.1, autocannon at 50 connections)',
    '',
    table(
      ['door', 'requests', 'req/s', 'p50', 'p99', 'errors', 'replies posted', 'note'],
      r.endToEnd.map((d) => [
        d.door,
        d.requests,
        d.perSecond,
        ms(d.p50Ms),
        ms(d.p99Ms),
        d.errors,
        d.replies ?? '—',
        d.note,
      ]),
    ),
    '',
  ];
}

/** The figures as Markdown, as printed by `npm run bench` and pasted into bench/PERFORMANCE.md. */
export function renderResults(r: BenchResults): string {
  const checks = r.checks.length
    ? [
        '**Checks** (a check is met only when the median of the runs meets it)',
        '',
        table(
          ['check', 'limit', 'measured', 'met'],
          r.checks.map((c) => [c.what, c.limit, c.measured, c.met ? 'yes' : 'NO']),
        ),
        '',
      ]
    : [];
  return [
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, Node ${r.machine.node} (${r.machine.os}); load average (1 / 5 / 15 min) ${load(r.machine.loadAverage)} at start, ${load(r.machine.loadAverageAtEnd)} at end`,
    `Code: ${r.revision.commit}${r.revision.uncommittedChanges ? ' plus uncommitted changes in src/, adapters/ or knowledge/' : ''}. Measured ${r.at}, ${r.full ? 'the --full run' : 'the default run (--full adds the baselines)'}, ${r.minutes.toFixed(1)} minutes.`,
    `Questions: ${r.sets.map((s) => `${s.name} ${s.n}`).join(', ')}.${r.scoreCheck ? ` ${r.scoreCheck}` : ''}`,
    '',
    ...baselinesSection(r),
    ...scalingSection(r),
    ...startAndDoorsSection(r),
    ...checks,
    '**Targets** (issue 21; met only when the median of the runs meets the target)',
    '',
    r.targets,
  ].join('\n');
}
