import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { prepare } from '../src/resolve/index.js';
import { resolve } from '../src/resolve/resolve.js';
import { benchQuestions } from './questions.js';
import { round, summarise, timeEach } from './stats.js';
import { growKnowledge } from './synthetic.js';
import { TODAY } from './today.js';

// Run in a fresh process per size (by bench/run.ts), so resident memory is this size's alone.
// Prints one JSON line: topics, index build time, p50/p99 per question, resident memory.

const factor = Number(process.argv[2] ?? '1');
const loaded = await loadKnowledgeDir(new URL('../knowledge/', import.meta.url).pathname);
if (!loaded.ok) throw new Error(`knowledge does not load: ${loaded.problems.length} problems`);
const kb = growKnowledge(loaded.kb, factor);
const questions = benchQuestions(loaded.kb).items;

const started = performance.now();
const prepared = prepare(kb);
const indexMs = performance.now() - started;

// The typo cache is emptied before every pass: each pass pays for its typos, as new questions would.
const samples = timeEach(questions, (q) => resolve(kb, q.question, { asOf: q.asOf, today: TODAY }), {
  warmup: 3,
  passes: factor >= 100 ? 10 : 40,
  beforePass: () => prepared.typoCache.clear(),
});
const s = summarise(samples);
const rssMiB = process.memoryUsage().rss / 2 ** 20;

process.stdout.write(
  `${JSON.stringify({
    factor,
    topics: kb.topics.length,
    vocabulary: prepared.vocabulary.size,
    indexMs: round(indexMs),
    p50Ms: round(s.p50),
    p99Ms: round(s.p99),
    maxMs: round(s.max),
    samples: s.samples,
    rssMiB: round(rssMiB),
  })}\n`,
);
