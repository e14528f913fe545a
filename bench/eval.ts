import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { answer as resolve } from '../src/resolve/resolve.js';
import type { Answer } from '../src/schemas/answer.js';
import { type DevQuestion, verdict } from './dev-set.js';
import { questionFiles } from './sets.js';

// npm run eval: every question set, one table (accuracy, wrong, abstained, clarify). The shared dev sets
// are read from ../shared/eval when present; test/regression holds the sets already tuned against.
// `npm run eval -- --failures NAME` also lists what was not right in the sets whose name contains NAME.

const sets = questionFiles();
const args = process.argv.slice(2);
const failuresOf = args.includes('--failures') ? (args[args.indexOf('--failures') + 1] ?? '') : undefined;

const loaded = await loadKnowledgeDir(fileURLToPath(new URL('../knowledge/', import.meta.url)));
if (!loaded.ok) {
  console.error('the knowledge does not load: run npm run kb:check');
  process.exit(1);
}
const today = new Date();
const rows: string[][] = [['set', 'n', 'accuracy', 'wrong', 'abstained', 'clarify']];
const total = { n: 0, correct: 0, wrong: 0, abstained: 0, clarify: 0 };
for (const set of sets) {
  const { questions } = set;
  const t = { n: questions.length, correct: 0, wrong: 0, abstained: 0, clarify: 0 };
  for (const q of questions) {
    const answer = resolve(loaded.kb, q.question, { asOf: q.asOf, today });
    const v = verdict(q, answer);
    t[v]++;
    if (answer.status === 'clarify') t.clarify++;
    if (failuresOf !== undefined && v !== 'correct' && set.name.includes(failuresOf))
      report(set.name, q, v, answer);
  }
  for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += t[k];
  rows.push(row(set.name, t));
}
rows.push(row('all', total));
const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
for (const r of rows)
  console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));

function row(
  name: string,
  t: { n: number; correct: number; wrong: number; abstained: number; clarify: number },
) {
  const acc = t.n ? (t.correct / t.n).toFixed(3) : '-';
  return [name, String(t.n), acc, String(t.wrong), String(t.abstained), String(t.clarify)];
}

function report(set: string, q: DevQuestion, v: string, a: Answer) {
  const got = a.parts ? a.parts.map((p) => p.topic?.id).join('+') : (a.topic?.id ?? '');
  const bodies = a.commissioners.map((c) => c.body).join(',');
  console.log(
    `${v.toUpperCase()} ${set} ${q.id}: ${q.question}\n   expect ${JSON.stringify(q.expect)} got ${a.status} ${got} [${bodies}]`,
  );
}
