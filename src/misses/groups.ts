import { normaliseQuestion } from '../cli/report.js';
import type { Miss } from '../schemas/miss.js';

/** One reading people said was wrong: how often, what they asked, and what they chose instead. */
export interface MissGroup {
  /** The topics read (joined), or the question when nothing was read. */
  key: string;
  /** The Read-as line people saw most often ('' when nothing was read). */
  read: string;
  topicIds: string[];
  count: number;
  /** The commonest wording of the question. */
  question: string;
  /** Topic id and title of each reading chosen instead, with how often; most chosen first. */
  chosen: { topicId: string; title: string; count: number }[];
  /** Presses after which no offered reading was chosen. */
  noneChosen: number;
}

const commonest = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

interface Gathered {
  misses: Miss[];
  reads: Map<string, number>;
  wordings: Map<string, number>;
}

/** Misses grouped by the reading that was wrong, most frequent first (then by key, for a stable order). */
export function groupMisses(misses: readonly Miss[]): MissGroup[] {
  const groups = new Map<string, Gathered>();
  for (const miss of misses) {
    const key = miss.topicIds.length
      ? miss.topicIds.join(' + ')
      : `question "${normaliseQuestion(miss.question)}"`;
    const group: Gathered = groups.get(key) ?? { misses: [], reads: new Map(), wordings: new Map() };
    group.misses.push(miss);
    bump(group.reads, miss.read);
    bump(group.wordings, miss.question.trim());
    groups.set(key, group);
  }
  return [...groups.entries()]
    .map(([key, g]) => ({
      key,
      read: commonest(g.reads),
      topicIds: g.misses[0]?.topicIds ?? [],
      count: g.misses.length,
      question: commonest(g.wordings),
      chosen: chosenInstead(g.misses),
      noneChosen: g.misses.filter((m) => !m.chosen).length,
    }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function chosenInstead(misses: Miss[]): MissGroup['chosen'] {
  const counts = new Map<string, { title: string; count: number }>();
  for (const miss of misses) {
    if (!miss.chosen) continue;
    const title = miss.alternatives.find((a) => a.topicId === miss.chosen)?.title ?? miss.chosen;
    const seen = counts.get(miss.chosen) ?? { title, count: 0 };
    counts.set(miss.chosen, { ...seen, count: seen.count + 1 });
  }
  return [...counts.entries()]
    .map(([topicId, c]) => ({ topicId, ...c }))
    .sort((a, b) => b.count - a.count || a.topicId.localeCompare(b.topicId));
}
