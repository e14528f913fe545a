import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from '../src/knowledge/load-fs.js';
import { prepare } from '../src/resolve/index.js';
import { resolve } from '../src/resolve/resolve.js';
import { questionFiles } from './sets.js';
import { TODAY } from './today.js';

/**
 * The shipped knowledge and every labelled question (test/regression and bench/sets), with one resolve
 * per question as the profiling scripts time it: what bench/p99-probe.ts and bench/alloc-profile.ts share.
 */
export async function labelledResolves() {
  const loaded = await loadKnowledgeDir(fileURLToPath(new URL('../knowledge/', import.meta.url)));
  if (!loaded.ok) throw new Error(`knowledge does not load: ${loaded.problems.length} problems`);
  const kb = loaded.kb;
  const questions = questionFiles()
    .filter((f) => f.name.startsWith('regression/') || f.name.startsWith('sets/'))
    .flatMap((f) => f.questions);
  const ask = (q: (typeof questions)[number]) => resolve(kb, q.question, { asOf: q.asOf, today: TODAY });
  return { kb, prepared: prepare(kb), questions, ask };
}
