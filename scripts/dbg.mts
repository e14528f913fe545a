// Maintainer's debugging aid: how the matcher ranks topics for a question. npx tsx scripts/dbg.mts "question"
import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { readConditions } from '../src/resolve/conditions.js';
import { readDate } from '../src/resolve/dates.js';
import { normalise } from '../src/resolve/normalise.js';
import { rankQuestion } from '../src/resolve/resolve.js';

const r = await loadKnowledgeDir(process.env.KNOWLEDGE_DIR ?? 'knowledge');
if (!r.ok) throw new Error(JSON.stringify(r.problems));
for (const q of process.argv.slice(2)) {
  const text = normalise(q);
  const d = readDate(text, '2026-11-22', r.kb);
  const rest = d ? text.replace(d.phrase, ' ') : text;
  const c = readConditions(rest, r.kb);
  console.log(q, '|', d?.date, [...c.settled]);
  for (const x of rankQuestion(r.kb, rest, text, c).slice(0, 5))
    console.log('   ', x.entry.topic.id, x.score.toFixed(2), x.evidence.toFixed(2), x.coverage.toFixed(2));
}
