import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { prepare } from '../src/resolve/index.js';
import { resolve } from '../src/resolve/resolve.js';
import { RUNS, SAMPLES } from './compare.js';
import { questionFiles } from './sets.js';
import { percentile, round, spread, timeRun } from './stats.js';
import { growKnowledge } from './synthetic.js';
import { TODAY } from './today.js';

// Run in a fresh process per size (by bench/run.ts), so resident memory is this size's alone. Times
// RUNS runs of at least SAMPLES resolves over every question set; prints one JSON line.

const factor = Number(process.argv[2] ?? '1');
const loaded = await loadKnowledgeDir(fileURLToPath(new URL('../knowledge/', import.meta.url)));
if (!loaded.ok) throw new Error(`knowledge does not load: ${loaded.problems.length} problems`);
const kb = growKnowledge(loaded.kb, factor);
const questions = questionFiles().flatMap((f) => f.questions);

const started = performance.now();
const prepared = prepare(kb);
const indexMs = performance.now() - started;

const load = () => loadavg().map((v) => Math.round(v * 100) / 100);
const loadBefore = load();
// Resident memory before answering, so "flat after 10,000 messages" can be told from the end figure.
const rssBeforeMiB = round(process.memoryUsage().rss / 2 ** 20);
const runs: { p50: number; p99: number; max: number; samples: number }[] = [];
// Resident memory after the first run (at least SAMPLES = 10,000 messages): the target says "flat after
// 10,000 messages", and the first messages build what is derived lazily and compile the hot code (the
// live heap goes 34 -> 65 MiB over them, then stays; bench/PERFORMANCE.md, 6 December 2026, doors2).
let rssAfterFirstRunMiB: number | undefined;
for (let run = 0; run < RUNS; run++) {
  // The typo memory is emptied before every pass: each pass pays for its typos, as new questions would.
  const samples = timeRun(questions, (q) => resolve(kb, q.question, { asOf: q.asOf, today: TODAY }), {
    samples: SAMPLES,
    beforePass: () => prepared.typoCache.clear(),
  }).sort((a, b) => a - b);
  runs.push({
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples.at(-1) ?? Number.NaN,
    samples: samples.length,
  });
  rssAfterFirstRunMiB ??= round(process.memoryUsage().rss / 2 ** 20);
}

process.stdout.write(
  `${JSON.stringify({
    factor,
    topics: kb.topics.length,
    vocabulary: prepared.vocabulary.size,
    indexMs: round(indexMs),
    p50: spread(runs.map((r) => r.p50)),
    p99: spread(runs.map((r) => r.p99)),
    max: spread(runs.map((r) => r.max)),
    samplesPerRun: runs[0]?.samples ?? 0,
    runs: runs.length,
    rssBeforeMiB,
    rssAfterFirstRunMiB,
    rssMiB: round(process.memoryUsage().rss / 2 ** 20),
    loadBefore,
    loadAfter: load(),
  })}\n`,
);
