import type { KnowledgeBase } from '../../knowledge/model.js';
import type { Era } from '../../schemas/topic.js';

/** An era's review date (YYYY-MM-DD); only eras not yet law carry one. */
export function reviewByOf(era: Era): string | undefined {
  return era.reviewBy;
}

export interface OverdueEra {
  topicId: string;
  topicTitle: string;
  /** Position of the era in the topic's list, from 0. */
  index: number;
  from?: string;
  to?: string;
  status: string;
  reviewBy: string;
}

/** Eras whose review date is before `today` (YYYY-MM-DD), oldest first; and whether any era has one. */
export function overdueEras(kb: KnowledgeBase, today: string): { overdue: OverdueEra[]; anyDates: boolean } {
  const overdue: OverdueEra[] = [];
  let anyDates = false;
  for (const topic of kb.topics) {
    topic.eras.forEach((era, index) => {
      const reviewBy = reviewByOf(era);
      if (!reviewBy) return;
      anyDates = true;
      if (reviewBy >= today) return;
      overdue.push({
        topicId: topic.id,
        topicTitle: topic.title,
        index,
        ...(era.from ? { from: era.from } : {}),
        ...(era.to ? { to: era.to } : {}),
        status: era.status,
        reviewBy,
      });
    });
  }
  overdue.sort((a, b) => a.reviewBy.localeCompare(b.reviewBy) || a.topicId.localeCompare(b.topicId));
  return { overdue, anyDates };
}
