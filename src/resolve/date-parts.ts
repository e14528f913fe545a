import type { KnowledgeBase } from '../knowledge/model.js';
import type { Situation } from './compose.js';
import { type DateReading, readDate } from './dates.js';
import { perKnowledge, phraseAlternation } from './memo.js';
import { COORDINATOR, statementPattern } from './query.js';

/** Where one date asked ends and the next begins: the coordinators that separate things asked, and the knowledge's date separators. */
const separator = perKnowledge(
  (kb) =>
    new RegExp(
      `${COORDINATOR.source}|(?<![\\p{L}\\p{N}])(?:${phraseAlternation(kb.reading.dateSeparators)})(?![\\p{L}\\p{N}])`,
      'u',
    ),
);

/** "between 2013", "from April 2013": a span word at most three words before the end of the date. */
const spanOpener = perKnowledge(
  (kb) =>
    new RegExp(`(?<![\\p{L}\\p{N}])(?:${phraseAlternation(kb.reading.spans)})(?:\\s+[^\\s]+){1,3}\\s*$`, 'u'),
);

function opensSpan(text: string, date: DateReading, kb: KnowledgeBase): boolean {
  const phrase = date.phrase.trim();
  const at = text.indexOf(phrase);
  return spanOpener(kb).test(at < 0 ? text : text.slice(0, at + phrase.length));
}

/** The situation a part is answered in: its own date ("now" is today, said as today). */
function dated(date: DateReading, today: string): Partial<Situation> {
  return date.now
    ? { asOf: today, asOfSource: 'today', dateRead: undefined }
    : { asOf: date.date, asOfSource: 'text', dateRead: date.how };
}

/**
 * One service asked about at two or more dates ("dental in 2010 vs now", "school nursing: 2012 vs 2019"):
 * the asking words are cut where things asked are separated, each segment's date is read on its own, and
 * two or more different dates make one situation per date, in the order asked. A segment without a date
 * adds nothing; a date said twice counts once; a statement ("we went delegated in 2015 and …") is context.
 * A span ("between 2013 and 2015") is one question, read at its start as a single date is, so its end
 * makes no part. Undefined when the message gives fewer than two different dates.
 */
export function dateSituations(
  kb: KnowledgeBase,
  r: { today: string; asOfSource: Situation['asOfSource'] },
  asking: string,
  maxParts: number,
): Partial<Situation>[] | undefined {
  // A date chosen by the caller (a clarify option, a --date) is the date asked.
  if (r.asOfSource === 'given') return undefined;
  const statement = statementPattern(kb);
  const dates = new Map<string, DateReading>();
  let spanEnd = false;
  for (const text of asking.split(separator(kb))) {
    const date = text.trim() ? readDate(text, r.today, kb) : undefined;
    if (!date) continue;
    if (spanEnd) {
      spanEnd = false;
      continue;
    }
    spanEnd = opensSpan(text, date, kb);
    if (statement.test(text) || dates.has(date.date)) continue;
    dates.set(date.date, date);
  }
  if (dates.size < 2) return undefined;
  return [...dates.values()].slice(0, maxParts).map((d) => dated(d, r.today));
}
