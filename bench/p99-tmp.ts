import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { answer, resolve } from '../src/resolve/resolve.js';
import { questionFiles } from './sets.js';

const l = await loadKnowledgeDir('knowledge');
if (!l.ok) throw 1;
const qs = questionFiles().flatMap((f) => f.questions.map((q) => q.question));
const today = new Date('2026-12-04T12:00:00Z');
for (const [name, fn] of [
  ['reader', resolve],
  ['reader+decision', answer],
] as const) {
  for (let w = 0; w < 2; w++) for (const q of qs) fn(l.kb, q, { today });
  const runs: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const t: number[] = [];
    for (const q of qs) {
      const s = process.hrtime.bigint();
      fn(l.kb, q, { today });
      t.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    t.sort((a, b) => a - b);
    runs.push(t[Math.floor(t.length * 0.99)]!);
    if (rep === 4) console.log(name, 'p50', t[Math.floor(t.length / 2)]!.toFixed(3), 'ms');
  }
  runs.sort((a, b) => a - b);
  console.log(name, 'p99 median of 5', runs[2]!.toFixed(3), 'ms', runs.map((r) => r.toFixed(2)).join(' '));
}
