import { normaliseQuestion, type ReportSource } from '../../cli/report.js';
import type { KnowledgeBase } from '../../knowledge/model.js';
import { outOfScopeRule } from '../../resolve/scope.js';
import type { FeedbackEntry, UnansweredEntry } from '../../schemas/feedback.js';
import type { Ticket } from '../../schemas/ticket.js';
import type { TicketDesk } from '../../tickets/desk.js';
import { locateTopics, type TopicPlace } from './locate.js';
import { type OverdueEra, overdueEras } from './review.js';

/** Rows per list: the page shows the top of each, as `npm run report` does. */
const TOP = 25;

export interface UnansweredRow {
  count: number;
  /** The commonest wording of the question. */
  question: string;
  statuses: string[];
  /** Topics a clarify offered, for a maintainer to look at first. */
  options: string[];
  /**
   * The knowledge/scope.yaml rule the question falls under today, if any: refused by design, so there
   * is no phrasing to add (judged against the knowledge being served, so a new rule shows at once).
   */
  outOfScope?: { id: string; reason: string };
}

export interface NotHelpfulRow {
  topicId?: string;
  question: string;
  notHelpful: number;
  helpful: number;
}

/** Everything the maintainers' page shows, read when it is asked for. */
export interface MaintainersData {
  today: string;
  knowledgeUpdated: string;
  logLabel: string;
  tickets: Ticket[];
  /** Tickets an expert answered that nobody has closed yet. */
  answeredTickets: Ticket[];
  unanswered: UnansweredRow[];
  unansweredTotal: number;
  notHelpful: NotHelpfulRow[];
  overdue: OverdueEra[];
  anyReviewDates: boolean;
  places: Map<string, TopicPlace>;
  titles: Map<string, string>;
  skipped: string[];
}

export interface DataSources {
  tickets: TicketDesk;
  log: ReportSource;
  kb: KnowledgeBase;
  knowledgeDir: string;
  today: string;
}

export async function readMaintainersData(from: DataSources): Promise<MaintainersData> {
  const [tickets, answeredTickets, unanswered, feedback, places] = await Promise.all([
    from.tickets.list(['open']),
    from.tickets.list(['answered']),
    from.log.unanswered(),
    from.log.feedback(),
    locateTopics(from.knowledgeDir),
  ]);
  const { overdue, anyDates } = overdueEras(from.kb, from.today);
  return {
    today: from.today,
    knowledgeUpdated: from.kb.updated,
    logLabel: from.log.label,
    tickets,
    answeredTickets,
    unanswered: unansweredRows(unanswered.entries, from.kb),
    unansweredTotal: unanswered.entries.length,
    notHelpful: notHelpfulRows(feedback.entries),
    overdue,
    anyReviewDates: anyDates,
    places,
    titles: new Map(from.kb.topics.map((t) => [t.id, t.title])),
    skipped: [...unanswered.skipped, ...feedback.skipped],
  };
}

function commonest(wordings: Map<string, number>): string {
  return [...wordings].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function unansweredRows(entries: UnansweredEntry[], kb: KnowledgeBase): UnansweredRow[] {
  const groups = new Map<
    string,
    { count: number; wordings: Map<string, number>; statuses: Set<string>; options: Set<string> }
  >();
  for (const entry of entries) {
    const key = normaliseQuestion(entry.question);
    const group = groups.get(key) ?? {
      count: 0,
      wordings: new Map(),
      statuses: new Set(),
      options: new Set(),
    };
    group.count += 1;
    const wording = entry.question.trim();
    group.wordings.set(wording, (group.wordings.get(wording) ?? 0) + 1);
    group.statuses.add(entry.status);
    for (const option of entry.options) group.options.add(option);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .slice(0, TOP)
    .map(([, g]) => {
      const question = commonest(g.wordings);
      const rule = outOfScopeRule(question, kb);
      return {
        count: g.count,
        question,
        statuses: [...g.statuses],
        options: [...g.options],
        ...(rule ? { outOfScope: { id: rule.id, reason: rule.reason } } : {}),
      };
    });
}

function notHelpfulRows(entries: FeedbackEntry[]): NotHelpfulRow[] {
  const groups = new Map<
    string,
    { topicId?: string; wordings: Map<string, number>; bad: number; good: number }
  >();
  for (const entry of entries) {
    const key = entry.topicId ?? `question:${normaliseQuestion(entry.question)}`;
    const group = groups.get(key) ?? {
      ...(entry.topicId ? { topicId: entry.topicId } : {}),
      wordings: new Map(),
      bad: 0,
      good: 0,
    };
    if (entry.helpful) group.good += 1;
    else {
      group.bad += 1;
      const wording = entry.question.trim();
      group.wordings.set(wording, (group.wordings.get(wording) ?? 0) + 1);
    }
    groups.set(key, group);
  }
  return [...groups.entries()]
    .filter(([, g]) => g.bad > 0)
    .sort((a, b) => b[1].bad - a[1].bad || a[0].localeCompare(b[0]))
    .slice(0, TOP)
    .map(([, g]) => ({
      ...(g.topicId ? { topicId: g.topicId } : {}),
      question: commonest(g.wordings),
      notHelpful: g.bad,
      helpful: g.good,
    }));
}
