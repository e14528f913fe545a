import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { readCorpus } from './corpus.js';

const loaded = await loadKnowledgeDir('/work/main/knowledge/');
if (!loaded.ok) throw new Error('kb');
const corpus = readCorpus(loaded.kb, new Date('2026-12-04T12:00:00Z')).filter((c) => c.question.labels);
const wrong = corpus.filter((c) => c.raw === 'wrong');
const cnt: Record<string, number> = {};
const add = (k: string) => (cnt[k] = (cnt[k] ?? 0) + 1);
for (const c of wrong) {
  const L = c.question.labels!;
  const a = c.answer;
  const parts = a.parts?.length ?? 1;
  const reasons: string[] = [];
  if (L.intent === 'out-of-scope') reasons.push('oos:' + (L.scopeReason ?? ''));
  else {
    if (L.parts.length !== parts) reasons.push(`parts ${L.parts.length}->${parts}`);
    const dated = L.parts.some((p) => /^\d{4}/.test(p.date));
    if (dated && a.asOfSource === 'today') reasons.push('date unread');
    else if (dated && L.parts.length === 1 && a.asOf.slice(0, 4) !== L.parts[0]!.date.slice(0, 4))
      reasons.push(`date ${L.parts[0]!.date}->${a.asOf}`);
    if (L.parts.some((p) => p.conditions.length) && (a.conditionsAsked?.length ?? 0) === 0)
      reasons.push('cond unread');
    if (L.intent === 'about-body') reasons.push('about-body');
    if (!reasons.length) reasons.push('other');
  }
  reasons.forEach(add);
  if (process.argv[2])
    console.log(reasons.join(','), '|', c.question.question.slice(0, 120), '|', a.topic?.id, a.asOf);
}
console.log(wrong.length, cnt);
