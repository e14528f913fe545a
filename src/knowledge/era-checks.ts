import type { Body } from '../schemas/body.js';
import type { TimelineEvent } from '../schemas/event.js';
import type { Source } from '../schemas/source.js';
import { type Era, NOT_LAW, PENDING, type Role, type Status, type Topic } from '../schemas/topic.js';
import type { KnowledgeProblem } from '../service.js';
import type { ParsedFile, PathKey } from './parse.js';
import { formatPath } from './parse.js';
import { messages } from './problems.js';

type At = { file: ParsedFile; path: PathKey[] };

/**
 * `line` worked out when first read, not at load: finding a line parses the file a second time with
 * \`yaml\` (js-yaml keeps no positions), which would cost every start several hundred milliseconds
 * for lines only the maintainers' page and an overdue review show.
 */
function withLine<T extends object>(item: T, file: ParsedFile, path: PathKey[]): T & { line: number } {
  let line: number | undefined;
  return Object.defineProperty(item, 'line', {
    enumerable: true,
    get: () => {
      line ??= file.locate(path).line;
      return line;
    },
  }) as T & { line: number };
}
type Report = (at: At, path: PathKey[], message: string) => void;

/** An era or event that is not yet law (or a superseded plan): it must be checked again by `reviewBy`. */
export interface ReviewItem {
  kind: 'era' | 'event';
  /** topic id (with the era's number) or event id */
  id: string;
  title: string;
  status: Status;
  reviewBy: string;
  checked?: string | undefined;
  file: string;
  line: number;
}

/** Roles that say a body commissions: a body with `commissioner: false` never holds one. */
const COMMISSIONING: ReadonlySet<Role> = new Set(['commissions', 'jointly', 'delegated', 'retains']);

/**
 * The era's holders must have existed for the whole era (a PCT cannot hold anything in 2014), and a
 * body marked `commissioner: false` (the CQC) is never named as commissioning. An era open at one end
 * is checked only at the end it gives; a `subject` is what a change is about, so it may have ended.
 */
export function checkHolders(
  at: At,
  topic: Topic,
  bodies: ReadonlyMap<string, { item: Body }>,
  report: Report,
): void {
  topic.eras.forEach((era, i) => {
    era.holders.forEach((holder, h) => {
      const body = bodies.get(holder.body)?.item;
      if (!body || holder.role === 'subject') return;
      const path = [...at.path, 'eras', i, 'holders', h, 'body'];
      if (!body.commissioner && COMMISSIONING.has(holder.role))
        report(at, path, messages.notACommissioner(body.id, holder.role));
      const clash = lifetimeClash(era, body);
      if (clash) report(at, path, clash);
    });
  });
}

function lifetimeClash(era: Era, body: Body): string | undefined {
  if (body.from && era.from && era.from < body.from)
    return messages.anachronism(body.id, eraSpan(era), `starts ${era.from}`, `from ${body.from}`);
  if (body.to && era.to && era.to > body.to)
    return messages.anachronism(body.id, eraSpan(era), `runs until ${era.to}`, `until ${body.to}`);
  if (body.to && !era.to && !NOT_LAW.has(era.status))
    return messages.anachronism(body.id, eraSpan(era), 'is still open (no "to")', `until ${body.to}`);
  return undefined;
}

const eraSpan = (era: Era) => `${era.from ?? 'the start'} to ${era.to ?? 'now'}`;

/** A plan, bill or announcement without a date to check it again would go stale unnoticed. */
export function checkReviewBy(at: At, topic: Topic, report: Report, out: ReviewItem[]): void {
  topic.eras.forEach((era, i) => {
    if (!NOT_LAW.has(era.status)) return;
    const path = [...at.path, 'eras', i];
    // An answer says what is planned by which instrument ("by the Health Bill 2026-27"): it needs the name.
    if (PENDING.has(era.status) && !era.by) report(at, path, messages.missingBy(era.status));
    if (!era.reviewBy) {
      report(at, path, messages.missingReviewBy(era.status));
      return;
    }
    const item = {
      kind: 'era' as const,
      id: `${topic.id} (era ${i + 1})`,
      title: topic.title,
      status: era.status,
      reviewBy: era.reviewBy,
      checked: era.checked,
      file: at.file.file,
    };
    out.push(withLine(item, at.file, path));
  });
}

export function checkEventReviewBy(at: At, event: TimelineEvent, report: Report, out: ReviewItem[]): void {
  if (!NOT_LAW.has(event.status)) return;
  if (!event.reviewBy) {
    report(at, at.path, messages.missingReviewBy(event.status));
    return;
  }
  const item = {
    kind: 'event' as const,
    id: event.id,
    title: event.title,
    status: event.status,
    reviewBy: event.reviewBy,
    file: at.file.file,
  };
  out.push(withLine(item, at.file, at.path));
}

/** Warnings: true of the knowledge whatever the day (a source no one can open). */
export function sourceWarnings(sources: Iterable<{ item: Source } & At>): KnowledgeProblem[] {
  const out: KnowledgeProblem[] = [];
  for (const s of sources) {
    if (s.item.url || s.item.offline) continue;
    const path = [...s.path, 'url'];
    out.push({
      file: s.file.file,
      ...s.file.locate(s.path),
      field: formatPath(path),
      message: messages.sourceWithoutUrl(s.item.id),
    });
  }
  return out;
}

/** Review dates that have passed on `today` (YYYY-MM-DD): warnings, not errors, with file:line. */
export function overdueReviews(reviews: readonly ReviewItem[], today: string): KnowledgeProblem[] {
  return reviews
    .filter((r) => r.reviewBy < today)
    .map((r) => ({
      file: r.file,
      line: r.line,
      column: 1,
      field: r.id,
      message: messages.reviewPassed(r.status, r.reviewBy),
    }));
}
