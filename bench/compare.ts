import { loadavg } from 'node:os';
import type { KnowledgeBase } from '../src/knowledge/model.js';
import { prepare } from '../src/resolve/index.js';
import { resolve } from '../src/resolve/resolve.js';
import { naiveBaseline } from './baseline.js';
import { BM25_THRESHOLD, bm25Baseline } from './bm25.js';
import { type DevQuestion, type Scored, type Tally, tally } from './dev-set.js';
import { percentile, type Spread, spread, timeRun } from './stats.js';
import { TODAY } from './today.js';

/** One way of answering a question, timed and scored the same way as the others. */
export interface Matcher {
  /** Short name for the table: "ours", "BM25", "naive fuse". */
  name: string;
  /** What it is, in one line. */
  about: string;
  ask: (question: string, asOf?: string) => Scored;
  beforePass?: () => void;
  /** Resolves per timed run. */
  samples: number;
  /** Times only every nth question (a matcher too slow for every question on every run). */
  every?: number;
}

export interface RunFigures {
  p50Ms: number;
  p99Ms: number;
  samples: number;
}

export interface MatcherFigures {
  name: string;
  about: string;
  /** By set name (dev, dev-chat, regression), scored by the rules of ../shared/eval/score.mjs. */
  accuracy: Record<string, Tally>;
  runs: RunFigures[];
  p50: Spread;
  p99: Spread;
}

export const RUNS = 5;
export const SAMPLES = 10_000;
const NAIVE_EVERY = 5;

/** Ours, the BM25 baseline and the naive fuse.js baseline over the same knowledge. */
export function matchers(kb: KnowledgeBase, today: Date, questions: number): Matcher[] {
  const prepared = prepare(kb);
  const bm25 = bm25Baseline(kb, today);
  const naive = naiveBaseline(kb, today);
  return [
    {
      name: 'ours',
      about:
        'the whocommissions resolver (typo memory emptied before every pass, as new questions would find it)',
      ask: (q, asOf) => resolve(kb, q, { asOf, today }),
      beforePass: () => prepared.typoCache.clear(),
      samples: SAMPLES,
    },
    {
      name: 'BM25',
      about: `MiniSearch BM25 over ${bm25.documents} topics' titles, phrasings and keywords, our tokenizer, fuzzy 0.2, threshold ${BM25_THRESHOLD} chosen once on dev`,
      ask: bm25.ask,
      samples: SAMPLES,
    },
    {
      name: 'naive fuse',
      about: `fuse.js defaults over ${naive.lines} titles and phrasings, whole question as pattern; timed on every ${NAIVE_EVERY}th question, one pass per run, as it is about 100× slower`,
      ask: naive.ask,
      samples: Math.ceil(questions / NAIVE_EVERY),
      every: NAIVE_EVERY,
    },
  ];
}

export interface Comparison {
  matchers: MatcherFigures[];
  loadBefore: number[];
  loadAfter: number[];
}

const load = () => loadavg().map((v) => Math.round(v * 100) / 100);

/**
 * Accuracy per set (the clock of today, as score.mjs sees the batch command), then RUNS timed runs,
 * the matchers taking turns within each run so a change in the machine's load falls on all of them.
 * Timing uses the pinned TODAY, so every run answers the same.
 */
export function compareMatchers(
  kb: KnowledgeBase,
  sets: readonly { name: string; questions: DevQuestion[] }[],
  log: (line: string) => void,
): Comparison {
  const everything = sets.flatMap((s) => s.questions);
  const scoring = matchers(kb, new Date(), everything.length);
  const timing = matchers(kb, TODAY, everything.length);
  const accuracy = scoring.map((m) =>
    Object.fromEntries(sets.map((s) => [s.name, tally(s.questions, (q) => m.ask(q.question, q.asOf))])),
  );
  const loadBefore = load();
  const runs: RunFigures[][] = timing.map(() => []);
  for (let run = 1; run <= RUNS; run++) {
    timing.forEach((m, i) => {
      const items = m.every ? everything.filter((_, n) => n % (m.every as number) === 0) : everything;
      const samples = timeRun(items, (q) => m.ask(q.question, q.asOf), {
        samples: m.samples,
        ...(m.beforePass ? { beforePass: m.beforePass } : {}),
      }).sort((a, b) => a - b);
      runs[i]?.push({
        p50Ms: percentile(samples, 50),
        p99Ms: percentile(samples, 99),
        samples: samples.length,
      });
    });
    log(`  run ${run}/${RUNS} done; load average ${load().join(' / ')}`);
  }
  return {
    matchers: timing.map((m, i) => ({
      name: m.name,
      about: m.about,
      accuracy: accuracy[i] ?? {},
      runs: runs[i] ?? [],
      p50: spread((runs[i] ?? []).map((r) => r.p50Ms)),
      p99: spread((runs[i] ?? []).map((r) => r.p99Ms)),
    })),
    loadBefore,
    loadAfter: load(),
  };
}
