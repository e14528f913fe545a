import { DEFAULT_KNOWLEDGE_DIR } from '../engine.js';
import type { ReviewItem } from '../knowledge/era-checks.js';
import { loadKnowledgeDir } from '../knowledge/load-fs.js';

/**
 * The part of `npm run report` about knowledge that goes stale: every era and event that is not yet
 * law (or a superseded plan), soonest review date first, those past it marked, each with file:line.
 */
export function reviewSection(reviews: readonly ReviewItem[], today: string): string {
  const sorted = [...reviews].sort(
    (a, b) => a.reviewBy.localeCompare(b.reviewBy) || a.id.localeCompare(b.id),
  );
  const overdue = sorted.filter((r) => r.reviewBy < today).length;
  const out = [
    `Plans, bills and announcements to check again (${sorted.length}; ${overdue} past their review date on ${today})`,
  ];
  for (const r of sorted) {
    const flag = r.reviewBy < today ? 'PAST ' : '     ';
    const checked = r.checked ? `, last checked ${r.checked}` : '';
    out.push(
      `  ${flag}${r.reviewBy}  ${r.status.padEnd(10)} ${r.id}: ${r.title}  (${r.file}:${r.line}${checked})`,
    );
  }
  out.push(
    '  For each one past its date: check its sources; make it in-force if it took effect, or update its note, "checked:" and "reviewBy:".',
  );
  return `${out.join('\n')}\n`;
}

/** Reads the knowledge folder and returns the section, or says why it could not. */
export async function reviewReport(today: string, dir = process.env.KNOWLEDGE_DIR ?? DEFAULT_KNOWLEDGE_DIR) {
  const result = await loadKnowledgeDir(dir);
  if (!result.ok)
    return `\nPlans to check again: the knowledge has ${result.problems.length} problem(s); run npm run kb:check.\n`;
  return `\n${reviewSection(result.kb.reviews, today)}`;
}
