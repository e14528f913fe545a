import type { MatcherFigures } from './compare.js';
import type { DoorFigures } from './end-to-end.js';
import type { Machine } from './machine.js';

export interface ScaleFigures {
  factor: number;
  topics: number;
  vocabulary: number;
  indexMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
  rssMiB: number;
}

export interface ColdStartFigures {
  runs: number;
  /** Medians over the runs, milliseconds. */
  importMs: number;
  readValidateMs: number;
  indexMs: number;
  /** read + validate + index: the figure the target is about. */
  readValidateIndexMs: number;
  /** import + read + validate + index. */
  totalMs: number;
  /** From process start (Node and tsx boot included) to the index built. */
  sinceProcessStartMs: number;
}

export interface Target {
  what: string;
  limitMs: number;
  valueMs: number;
  met: boolean;
}

export interface BenchResults {
  at: string;
  revision: { commit: string; uncommittedChanges: boolean };
  machine: Machine & { loadAverage: number[] };
  questions: string;
  matchers: MatcherFigures[];
  scaling: ScaleFigures[];
  coldStart: ColdStartFigures;
  endToEnd: DoorFigures[];
  targets: Target[];
}

const ms = (v: number) => (Number.isFinite(v) ? `${v} ms` : 'n/a');
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

/** The figures as Markdown tables, as printed by `npm run bench` and pasted into README's Performance section. */
export function renderResults(r: BenchResults): string {
  const [ours, base] = r.matchers;
  const ratio = (a?: number, b?: number) => (a !== undefined && b ? `${(a / b).toFixed(2)}×` : 'n/a');
  const matcherRows = r.matchers.map((m) => [
    m.name,
    m.accuracy
      ? `${pct(m.accuracy.accuracy)} (${m.accuracy.correct}/${m.accuracy.n}, ${m.accuracy.wrong} wrong, ${m.accuracy.abstained} abstained)`
      : 'n/a',
    ms(m.p50Ms),
    ms(m.p99Ms),
    m.perSecond,
  ]);
  matcherRows.splice(2, 0, [
    'ratio ours / baseline',
    ours?.accuracy && base?.accuracy ? ratio(ours.accuracy.accuracy, base.accuracy.accuracy) : 'n/a',
    ratio(ours?.p50Ms, base?.p50Ms),
    ratio(ours?.p99Ms, base?.p99Ms),
    ratio(ours?.perSecond, base?.perSecond),
  ]);

  return [
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, Node ${r.machine.node} (${r.machine.os}); load average at start ${r.machine.loadAverage.join(' / ')}`,
    `Code: ${r.revision.commit}${r.revision.uncommittedChanges ? ' plus uncommitted changes in src/, adapters/ or knowledge/' : ''}. Questions: ${r.questions}. Measured ${r.at}.`,
    '',
    '**Resolver vs naive baseline** (one question at a time, in process, accuracy by score.mjs rules)',
    '',
    table(['matcher', 'accuracy', 'p50', 'p99', 'questions/s'], matcherRows),
    '',
    '**Scaling** (knowledge grown with synthetic topic variants, in memory only; fresh process per size)',
    '',
    table(
      ['size', 'topics', 'vocabulary', 'index build', 'p50', 'p99', 'max', 'RSS'],
      r.scaling.map((s) => [
        s.factor === 1 ? 'shipped (1×)' : `${s.factor}× (synthetic)`,
        s.topics,
        s.vocabulary,
        ms(s.indexMs),
        ms(s.p50Ms),
        ms(s.p99Ms),
        ms(s.maxMs),
        `${s.rssMiB} MiB`,
      ]),
    ),
    '',
    `**Cold start** (fresh process, median of ${r.coldStart.runs})`,
    '',
    table(
      [
        'import modules',
        'read + validate',
        'index',
        'read + validate + index',
        'with imports',
        'since process start',
      ],
      [
        [
          ms(r.coldStart.importMs),
          ms(r.coldStart.readValidateMs),
          ms(r.coldStart.indexMs),
          ms(r.coldStart.readValidateIndexMs),
          ms(r.coldStart.totalMs),
          ms(r.coldStart.sinceProcessStartMs),
        ],
      ],
    ),
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
    '**Targets**',
    '',
    table(
      ['target', 'limit', 'measured', 'met'],
      r.targets.map((t) => [t.what, ms(t.limitMs), ms(t.valueMs), t.met ? 'yes' : 'NO']),
    ),
  ].join('\n');
}
