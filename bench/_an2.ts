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
  const parts = c.question.labels?.parts;
  if (!parts || parts.length !== 1 || c.question.asOf) continue;
  const want = parts[0]!.date;
  const got = c.answer.asOfSource === 'today' ? 'today' : c.answer.asOf;
  const ok = want === 'today' || want === 'future' ? got === 'today' || got.startsWith(TRAINING.today.slice(0,4)) || want==='future' : got.slice(0, 4) === want.slice(0, 4);
  if (ok) continue;
  console.log(c.raw.padEnd(9), c.answer.status.padEnd(8), want, got, c.answer.dateRead ? 'approx' : '', '|', c.question.question.slice(0, 150));
}
