import { DEFAULT_KNOWLEDGE_DIR } from '../engine.js';
import { overdueReviews } from '../knowledge/era-checks.js';
import { loadKnowledgeDir } from '../knowledge/load-fs.js';
import { formatProblem } from '../knowledge/problems.js';
import { textDisagreements } from '../knowledge/text-checks.js';

/**
 * `npm run kb:check [folder]`: every problem with file:line:column, non-zero exit on any. Warnings
 * (a source without a url, a plan past its review date) are printed but do not fail the check.
 */
const dir = process.argv[2] ?? process.env.KNOWLEDGE_DIR ?? DEFAULT_KNOWLEDGE_DIR;
const today = process.env.KB_TODAY ?? new Date().toISOString().slice(0, 10);
const result = await loadKnowledgeDir(dir);
if (result.ok) {
  const kb = result.kb;
  const warnings = [...kb.warnings, ...overdueReviews(kb.reviews, today)];
  for (const w of warnings) console.warn(`warning: ${formatProblem(w)}`);
  // An answer whose text names other bodies or dates than it lists reads as wrong at a glance.
  const disagreements = textDisagreements(kb);
  for (const d of disagreements)
    console.warn(
      `warning: topic "${d.topic}", era ${d.era}${d.when ? ` (when ${d.when})` : ''}: ${d.message}. Make the note say for whom or from when it holds, or fix the era's holders or dates.`,
    );
  const closed = [...kb.sources.values()].filter((s) => !s.url);
  const share = kb.sources.size ? (100 * closed.length) / kb.sources.size : 0;
  console.log(
    `Sources without a link a person can open: ${closed.length} of ${kb.sources.size} (${share.toFixed(1)}%; aim for 10% or less)${closed.length ? `: ${closed.map((s) => s.id).join(', ')}` : ''}.`,
  );
  console.log(
    `Knowledge OK: ${kb.topics.length} topics, ${kb.bodies.size} bodies, ${kb.sources.size} sources, ${kb.events.length} events, ${kb.synonyms.length} synonym groups${warnings.length + disagreements.length ? `; ${warnings.length + disagreements.length} warning(s) above` : ''}.`,
  );
} else {
  for (const p of result.problems) console.error(formatProblem(p));
  console.error(`\n${result.problems.length} problem(s) found. Fix them and run npm run kb:check again.`);
  process.exitCode = 1;
}
