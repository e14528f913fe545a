import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { bm25Baseline } from './bm25.js';
import { readDevSet, tally } from './dev-set.js';
import { TODAY } from './today.js';

// npm run bench:threshold: chooses the BM25 baseline's one score threshold on ../shared/eval/dev.jsonl
// (never on the other sets). A threshold halfway between each two neighbouring top scores seen on dev
// is tried (and 0); the highest accuracy wins, ties to fewer wrong answers, then to the lower threshold. Prints the sweep and the choice; copy the choice
// into BM25_THRESHOLD in bench/bm25.ts by hand, so the benchmark never re-tunes it.

const loaded = await loadKnowledgeDir(fileURLToPath(new URL('../knowledge/', import.meta.url)));
if (!loaded.ok) throw new Error('the knowledge does not load: run npm run kb:check');
const dev = readDevSet();
if (!dev) throw new Error('../shared/eval/dev.jsonl not found: the threshold is chosen on it only');
const probe = bm25Baseline(loaded.kb, TODAY, 0);
const scores = [...new Set(dev.map((q) => probe.top(q.question)?.score ?? 0))].sort((a, b) => a - b);
const halfway = scores.slice(1).map((s, i) => Math.round(((scores[i] as number) + s) * 50) / 100);
const tried = [0, ...halfway].map((threshold) => {
  const b = bm25Baseline(loaded.kb, TODAY, threshold);
  return { threshold, ...tally(dev, (q) => b.ask(q.question, q.asOf)) };
});
const best = [...tried].sort(
  (a, b) => b.correct - a.correct || a.wrong - b.wrong || a.threshold - b.threshold,
)[0];
for (const t of tried)
  console.log(
    `${t === best ? '*' : ' '} threshold ${t.threshold.toFixed(2)}: ${t.correct}/${t.n} correct, ${t.wrong} wrong, ${t.abstained} abstained`,
  );
console.log(
  `chosen: ${best?.threshold.toFixed(2)} (${best?.correct}/${best?.n} correct, ${best?.wrong} wrong)`,
);
