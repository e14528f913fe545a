import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { TRAINING } from '../src/decide/model.js';
import { readCorpus, isTrainingSet } from './corpus.js';
import { questionFiles } from './sets.js';
const dir = fileURLToPath(new URL('../knowledge/', import.meta.url));
const loaded = await loadKnowledgeDir(dir, process.cwd(), {});
if (!loaded.ok) throw new Error('kb');
const corpus = readCorpus(loaded.kb, new Date(`${TRAINING.today}T12:00:00Z`), questionFiles().filter(isTrainingSet));
for (const c of corpus) {
  if (c.raw !== 'wrong') continue;
  const a = c.answer;
  const got = (a.parts ?? [a]).map((p) => `${p.topic?.id ?? '-'}@${p.asOf}:${p.commissioners.map((x) => x.body).join('+')}`).join(' | ');
  console.log(`${c.set.slice(5, 14)} ${c.question.id} | ${c.question.question.replace(/\s+/g, ' ').slice(0, 170)}\n    got ${got}\n    want ${JSON.stringify(c.question.expect.must)} not ${JSON.stringify(c.question.expect.mustNot)} ${JSON.stringify(c.question.labels?.parts?.map((p) => [p.service, p.date, p.conditions.join(',')]))}`);
}
