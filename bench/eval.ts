import { fileURLToPath } from 'node:url';
import { buildDecision, componentsOf, decide } from '../src/decide/decision.js';
import { withComponents } from '../src/decide/features.js';
import { probabilityRight, TRAINING } from '../src/decide/model.js';
import { modelOf, train } from '../src/decide/train.js';
import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { answer } from '../src/resolve/resolve.js';
import { type CorpusLine, componentLabels, isTrainingSet, readCorpus } from './corpus.js';
import { type Verdict, verdict } from './dev-set.js';
import { questionFiles } from './sets.js';

// npm run eval: how the bot does on every labelled set, measured honestly.
//   1. Leave-one-set-out: for each set, train the decision on all the other sets and score this one.
//   2. Per component (before the decision): is the message's scope, number of parts, date and condition
//      read as its labels say.
//   3. Calibration: the held-out probabilities in ten bins against the share actually right.
// The shared dev sets are scored with the shipped model (they are never trained on).
// `npm run eval -- --failures NAME` lists what was not right in the sets whose name contains NAME.

const args = process.argv.slice(2);
const failuresOf = args.includes('--failures') ? (args[args.indexOf('--failures') + 1] ?? '') : undefined;
const knowledgeDir = fileURLToPath(new URL('../knowledge/', import.meta.url));
const modelPath = fileURLToPath(new URL('../knowledge/decision-model.yaml', import.meta.url));
const loaded = await loadKnowledgeDir(knowledgeDir, process.cwd(), { ignore: (p) => p === modelPath });
if (!loaded.ok) {
  console.error('the knowledge does not load: run npm run kb:check');
  process.exit(1);
}
const reader = loaded.kb;
const today = new Date(`${TRAINING.today}T12:00:00Z`);
const files = questionFiles();
const corpus = readCorpus(reader, today, files.filter(isTrainingSet));
const setNames = [...new Set(corpus.map((c) => c.set))];

interface Held {
  line: CorpusLine;
  p: number;
  verdict: Verdict;
}

/**
 * The decision trained without `set`, as the model file it would ship as, applied to it with the bot's own
 * decision step: each message's probability and final verdict.
 */
function heldOut(set: string): Held[] {
  const rest = corpus.filter((c) => c.set !== set);
  const rows = rest.map((c) => c.row);
  const decision = buildDecision(modelOf(train(rows), [...new Set(rest.map((c) => c.set))], rows), []);
  const kb = { ...reader, decision };
  return corpus
    .filter((c) => c.set === set)
    .map((line) => {
      const features = withComponents(line.row.features, componentsOf(decision, line.read.text));
      const p = probabilityRight(decision.model.weights, features);
      return { line, p, verdict: verdict(line.question, decide(kb, line.read, line.trace, line.answer)) };
    });
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');
const acc = (n: number, d: number) => (d ? (n / d).toFixed(3) : '-');

function table(rows: string[][]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const r of rows)
    console.log(
      r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '),
    );
}

const count = (held: Held[], v: Verdict) => held.filter((h) => h.verdict === v).length;
const raw = (held: Held[], v: Verdict) => held.filter((h) => h.line.raw === v).length;

console.log(
  `Leave-one-set-out (train on every other set, test on this one); "reader" is before the decision.\n`,
);
const all: Held[] = [];
const rows = [['set', 'n', 'reader acc', 'reader wrong', 'accuracy', 'wrong', 'wrong %', 'abstained']];
for (const set of setNames) {
  const held = heldOut(set);
  all.push(...held);
  const n = held.length;
  rows.push([
    set,
    String(n),
    acc(raw(held, 'correct'), n),
    String(raw(held, 'wrong')),
    acc(count(held, 'correct'), n),
    String(count(held, 'wrong')),
    pct(count(held, 'wrong'), n),
    String(count(held, 'abstained')),
  ]);
}
const foldAccuracies = setNames.map((s) => {
  const held = all.filter((h) => h.line.set === s);
  return count(held, 'correct') / held.length;
});
rows.push([
  'all',
  String(all.length),
  acc(raw(all, 'correct'), all.length),
  String(raw(all, 'wrong')),
  acc(count(all, 'correct'), all.length),
  String(count(all, 'wrong')),
  pct(count(all, 'wrong'), all.length),
  String(count(all, 'abstained')),
]);
table(rows);
console.log(
  `mean fold accuracy ${(foldAccuracies.reduce((a, b) => a + b, 0) / foldAccuracies.length).toFixed(3)}; worst fold wrong ${Math.max(
    ...setNames.map(
      (s) =>
        count(
          all.filter((h) => h.line.set === s),
          'wrong',
        ) / all.filter((h) => h.line.set === s).length,
    ),
  ).toFixed(3)}`,
);

componentTable(all);
calibrationTable(all);
await devSets();
if (failuresOf !== undefined) listFailures(all.filter((h) => h.line.set.includes(failuresOf)));

/** Each component read against its labels, on the lines that carry them (reader only, before the decision). */
function componentTable(held: Held[]): void {
  console.log('\nPer component (the reader against each label; lines with that label only)\n');
  const rows = [['component', 'labelled', 'read right', 'share']];
  const lines = held.map((h) => h.line);
  const add = (name: string, judged: boolean[]) =>
    rows.push([
      name,
      String(judged.length),
      String(judged.filter(Boolean).length),
      acc(judged.filter(Boolean).length, judged.length),
    ]);
  add(
    'scope (answered iff in scope)',
    lines.map((l) => (l.question.expect.status === 'answered') === (l.answer.status !== 'unknown')),
  );
  const labelled = lines.filter((l) => l.question.labels && l.question.labels.intent !== 'out-of-scope');
  add(
    'parts (count)',
    labelled.map((l) => (l.answer.parts?.length ?? 1) === l.question.labels?.parts.length),
  );
  const single = labelled.filter((l) => l.question.labels?.parts.length === 1 && !l.question.asOf);
  add(
    'date (year, one-part lines)',
    single.map((l) => sameYear(l)),
  );
  add(
    'condition stated (any read)',
    single
      .filter((l) => componentLabels(l.question).conditioned)
      .map((l) => l.answer.conditionsAsked.length > 0),
  );
  // The labels that name one of the knowledge's conditions ("child" or "highly-specialised" name services).
  const knownCondition = single.flatMap((l) => {
    const wanted = (l.question.labels?.parts[0]?.conditions ?? []).flatMap(conditionOf);
    return wanted.length ? [wanted.every((c) => l.read.conditions.settled.has(c))] : [];
  });
  add('condition of the knowledge stated (read)', knownCondition);
  add(
    'topic answered right (answered lines)',
    lines.filter((l) => l.row.answered).map((l) => l.raw === 'correct'),
  );
  table(rows);
}

/** The knowledge condition a writer's condition label names, if any (region:<place> names the region). */
function conditionOf(label: string): string[] {
  if (label.startsWith('region:')) return ['region'];
  if (/^(delegated|joint|greater-involvement)$/.test(label)) return ['cocommissioning'];
  if (/^(early-pod-icb|not[- ]early-pod-icb)$/i.test(label)) return ['pod-wave'];
  if (/^(prisoner|serving-personnel|veteran|family-dms|reservist-mobilised)$/.test(label)) return ['setting'];
  return [];
}

/** The date read matches the labelled one: the same year, today, or a date after today for "future". */
function sameYear(l: CorpusLine): boolean {
  const date = l.question.labels?.parts[0]?.date ?? 'today';
  if (date === 'today') return l.answer.asOf === TRAINING.today;
  if (date === 'future') return l.answer.asOf > TRAINING.today;
  return l.answer.asOf.slice(0, 4) === date.slice(0, 4);
}

/** Predicted probability of a right answer against the share right, in ten bins (answered lines, held out). */
function calibrationTable(held: Held[]): void {
  console.log('\nCalibration (held-out answered lines: predicted P(right) against observed)\n');
  const rows = [['bin', 'n', 'mean predicted', 'observed right']];
  for (let b = 0; b < 10; b++) {
    const inBin = held.filter((h) => h.line.row.answered && Math.min(9, Math.floor(h.p * 10)) === b);
    const mean = inBin.reduce((s, h) => s + h.p, 0) / (inBin.length || 1);
    const right = inBin.filter((h) => h.line.raw === 'correct').length;
    rows.push([
      `${b / 10}-${(b + 1) / 10}`,
      String(inBin.length),
      inBin.length ? mean.toFixed(3) : '-',
      acc(right, inBin.length),
    ]);
  }
  table(rows);
}

/** The shared dev sets, answered by the shipped knowledge and model, as score.mjs would score them. */
async function devSets(): Promise<void> {
  const shipped = await loadKnowledgeDir(knowledgeDir);
  if (!shipped.ok) return;
  console.log('\nShared dev sets (checks, never trained on), shipped model\n');
  const rows = [['set', 'n', 'accuracy', 'wrong', 'abstained']];
  for (const f of files.filter((x) => !isTrainingSet(x))) {
    const v = f.questions.map((q) => verdict(q, answer(shipped.kb, q.question, { asOf: q.asOf, today })));
    const n = v.length;
    const c = (x: Verdict) => v.filter((y) => y === x).length;
    rows.push([f.name, String(n), acc(c('correct'), n), String(c('wrong')), String(c('abstained'))]);
  }
  table(rows);
}

function listFailures(held: Held[]): void {
  console.log('');
  for (const h of held.filter((x) => x.verdict !== 'correct')) {
    const a = h.line.answer;
    const got = a.parts ? a.parts.map((p) => p.topic?.id).join('+') : (a.topic?.id ?? '');
    console.log(
      `${h.verdict.toUpperCase()} ${h.line.set} ${h.line.question.id} p=${h.p.toFixed(2)}: ${h.line.question.question}\n   expect ${JSON.stringify(h.line.question.expect)} reader ${a.status} ${got} [${a.commissioners.map((c) => c.body).join(',')}] ${a.asOf}`,
    );
  }
}
