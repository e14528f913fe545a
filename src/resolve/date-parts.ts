import type { KnowledgeBase } from '../knowledge/model.js';
import { type Era, NOT_LAW, type Topic } from '../schemas/topic.js';
import type { Situation } from './compose.js';
import { type DateReading, readDate } from './dates.js';
import { addDays } from './format.js';
import { asksInPresent, asksWhoCommissions, questionWord } from './intent.js';
import { perKnowledge, phraseAlternation, phrasePattern } from './memo.js';
import { REFERRING } from './message.js';
import { COORDINATOR, leadIn, statementPattern, statesFirst } from './query.js';

/**
 * Where one date asked ends and the next begins: the coordinators that separate things asked, commas
 * ("in 2010, in 2014 and now"), and the knowledge's date separators.
 */
const separator = perKnowledge(
  (kb) =>
    new RegExp(
      `${COORDINATOR.source}|,|(?<![\\p{L}\\p{N}])(?:${phraseAlternation(kb.reading.dateSeparators)})(?![\\p{L}\\p{N}])`,
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
 * adds nothing, unless it is a question of its own in the present tense beside a dated question ("who
 * commissions it locally, and who would it have been in 2010?"): that asks about now. A date said twice
 * counts once; a statement ("we went delegated in 2015 and …") is context. A span ("between 2013 and
 * 2015") is one question, read at its start as a single date is, so its end makes no part. Undefined when
 * the message gives fewer than two different dates.
 */
export function dateSituations(
  kb: KnowledgeBase,
  r: { today: string; asOfSource: Situation['asOfSource']; message: { distributes: boolean } },
  asking: string,
  maxParts: number,
): Partial<Situation>[] | undefined {
  // A date chosen by the caller (a clarify option, a --date) is the date asked.
  if (r.asOfSource === 'given') return undefined;
  const read = datesInSegments(kb, r, asking);
  const dates = [...read.dates];
  // "who commissions it locally, and who did in 2010?": the undated question asks about today; a date
  // before the first question ("October 2022: who commissions A, and who commissions B?") is said of both.
  const lead = leadIn(kb, asking);
  const ledIn = lead.trim() !== '' && readDate(lead, r.today, kb) !== undefined;
  if (dates.length === 1 && read.questions >= 2 && read.nowAt !== undefined && !dates[0]?.now && !ledIn)
    dates.splice(read.nowAt, 0, { date: r.today, from: r.today, to: r.today, phrase: '', now: true });
  if (dates.length < 2) return undefined;
  return dates.slice(0, maxParts).map((d) => dated(d, r.today));
}

/**
 * The different dates the asking segments give, in order; how many segments are questions of their own
 * ("who commissions HV and SN in 2014?" is one question; "who commissions HV, and who did in 2014?" two);
 * and where an undated present-tense question stands.
 */
function datesInSegments(
  kb: KnowledgeBase,
  r: { today: string; message: { distributes: boolean } },
  asking: string,
): { dates: DateReading[]; questions: number; nowAt?: number } {
  const statement = statementPattern(kb);
  const question = questionWord(kb);
  const dates: DateReading[] = [];
  let spanEnd = false;
  let questions = 0;
  let nowAt: number | undefined;
  for (const text of asking.split(separator(kb))) {
    const date = text.trim()
      ? (readDate(text, r.today, kb) ?? elided(kb, text, dates.at(-1), r.today))
      : undefined;
    // A statement ("our CCG did it …") states first; "who commissioned it the year CCGs were abolished"
    // asks first, whatever words follow; the date's own words ("just before CCGs were scrapped") say when.
    const stated = statesFirst(statement, date ? text.replace(date.phrase, ' ') : text, question);
    // "… and who did it in 2010?", "… is that the same as in 2014?": a question of its own.
    if (question.test(text) || REFERRING.test(text.trim())) questions += 1;
    if (!date) {
      if (nowAt === undefined && !stated && asksInPresent(text, kb)) nowAt = dates.length;
      continue;
    }
    // "between 2013 and 2015": the span's end is not a date asked; "from April 2027, and who would it
    // have been five years ago?" asks again.
    const ended = spanEnd && !question.test(text);
    spanEnd = opensSpan(text, date, kb);
    if (ended) continue;
    // A date inside the span of one already read says the same time again ("in 2013/14, the first year
    // the 2012 Act was in force"): one date, not two.
    // "… at each date?" asks of the dates a statement gives ("we moved in 2012 and again in 2015").
    if ((!r.message.distributes && stated) || dates.some((d) => agree(d, date))) continue;
    // "… like who was doing it in 2023": the date said again, more exactly, replaces the one before.
    if (dates.length > 0 && restates(kb).test(text.trim())) dates.pop();
    dates.push(date);
  }
  return { dates, questions, ...(nowAt === undefined ? {} : { nowAt }) };
}

/**
 * "Just before CCGs were scrapped and just after": the moment named once, read again on the other side of
 * it. Undefined unless the text is only a before or after word (reading.anchors) and the date before it
 * was read from a moment named with one.
 */
function elided(kb: KnowledgeBase, text: string, last: DateReading | undefined, today: string) {
  if (!last?.anchor) return undefined;
  const said = text
    .replace(/^[\s,]*(?:and|or|then)\s+/u, '')
    .replace(/[\s?.!,;:]+$/u, '')
    .trim();
  const { before, after } = kb.reading.anchors;
  if (!before.includes(said) && !after.includes(said)) return undefined;
  const phrase = last.phrase.trim();
  const lead = [...before, ...after]
    .sort((a, b) => b.length - a.length)
    .find((w) => phrase.startsWith(`${w} `));
  return lead ? readDate(`${said} ${phrase.slice(lead.length).trim()}`, today, kb) : undefined;
}

/**
 * Two readings of one time: the same date, or either date inside the other's span. "Today" is its own
 * time beside a span that runs to today ("through the NHS England years, and today?").
 */
const agree = (a: DateReading, b: DateReading) =>
  a.date === b.date ||
  (!a.now && !b.now && ((a.from <= b.date && b.date <= a.to) || (b.from <= a.date && a.date <= b.to)));

/** Every "what changed" phrase (reading.changeAsks), global: the query takes them out of its words. */
export const changeAsks = perKnowledge((kb) => new RegExp(phrasePattern(kb.reading.changeAsks).source, 'gu'));

const holdersOf = (era: Era) =>
  era.holders
    .map((h) => h.body)
    .sort()
    .join();

/**
 * "Who held health visiting in 2014, and what changed after?": the service at the date asked, and again at
 * the next change of holder (planned ones included, labelled so by the answer); with no later change, at
 * the last change before. Undefined when the message does not ask what changed, or nothing did.
 */
export function changeSituations(
  kb: KnowledgeBase,
  r: { today: string; asOf: string; asOfSource: Situation['asOfSource']; dateRead: string | undefined },
  topic: Topic,
  asking: string,
): Partial<Situation>[] | undefined {
  // `asking` is the message's own asking text: the query's has the change words taken out.
  if (r.asOfSource === 'given' || topic.kind !== 'service' || asking.search(changeAsks(kb)) < 0)
    return undefined;
  if (!asksWhoCommissions(asking, kb)) return undefined;
  const eras = topic.eras.filter((e) => e.status !== 'superseded');
  const at = eras.findIndex((e) => (!e.from || e.from <= r.asOf) && (!e.to || r.asOf <= e.to));
  if (at < 0) return undefined;
  const held = holdersOf(eras[at] as Era);
  const next = eras.slice(at + 1).find((e) => e.from && holdersOf(e) !== held);
  const before = [...eras.slice(0, at)].reverse().find((e) => e.to && holdersOf(e) !== held);
  const other = next?.from ?? before?.to;
  if (!other) return undefined;
  const asked: Partial<Situation> = { asOf: r.asOf, asOfSource: r.asOfSource, dateRead: r.dateRead };
  const changed: Partial<Situation> = { asOf: other, asOfSource: 'text', dateRead: undefined };
  return next ? [asked, changed] : [changed, asked];
}

/** "walk me through …", or a span that ends today ("from 2010 to now"): a history asked. */
const historyAsks = perKnowledge((kb) => ({
  words: phrasePattern(kb.reading.historyAsks),
  toNow: new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${phraseAlternation(kb.reading.spans)})\\s+(?:\\S+\\s+){1,4}?(?:${phraseAlternation(kb.reading.historyEnds)})(?![\\p{L}\\p{N}])`,
    'u',
  ),
}));

/** "like …", "i.e. …" opening a clause (reading.restates). */
const restates = perKnowledge(
  (kb) => new RegExp(`^(?:${phraseAlternation(kb.reading.restates)})(?![\\p{L}\\p{N}])`, 'u'),
);

/**
 * "Walk me through who commissioned health visiting from 2010 to now", "how has pharmacy commissioning
 * changed since 2012?": the service at the date asked (its first era when none is) and at each later
 * change of holder in force up to today; with more changes than parts, the first and the latest.
 * Undefined when the message does not ask for a history, or the holder never changed in that time.
 */
export function historySituations(
  kb: KnowledgeBase,
  r: { today: string; asOfSource: Situation['asOfSource'] },
  topic: Topic,
  asking: string,
  maxParts: number,
): Partial<Situation>[] | undefined {
  const asks = historyAsks(kb);
  if (r.asOfSource === 'given' || topic.kind !== 'service') return undefined;
  if (!asks.words.test(asking) && !asks.toNow.test(asking)) return undefined;
  const asked = readDate(asking, r.today, kb);
  const eras = topic.eras.filter((e) => !NOT_LAW.has(e.status));
  const start = asked && !asked.now ? asked.from : (eras[0]?.from ?? eras[0]?.to);
  if (!start) return undefined;
  const starts: string[] = [];
  let last = '';
  for (const era of eras) {
    if ((era.to && era.to < start) || (era.from && era.from > r.today)) continue;
    const held = arrangement(era);
    if (held !== last) starts.push(era.from && era.from > start ? era.from : start);
    last = held;
  }
  if (starts.length < 2) return undefined;
  const kept = starts.length > maxParts ? [starts[0] as string, ...starts.slice(1 - maxParts)] : starts;
  return kept.map((asOf) => ({ asOf, asOfSource: 'text' as const, dateRead: undefined }));
}

/**
 * "Who commissions wheelchair services now, and what changed in 2022?": a change asked about in a year
 * is the change of holder in that year; the answer gives the day before it and the day it took effect.
 * Undefined when no segment asks what changed in a year, or the service changed no holder that year.
 */
export function changeInYear(
  kb: KnowledgeBase,
  today: string,
  topic: Topic,
  asking: string,
): { year: string; before: string; from: string } | undefined {
  if (topic.kind !== 'service') return undefined;
  for (const text of asking.split(separator(kb))) {
    if (text.search(changeAsks(kb)) < 0) continue;
    const date = readDate(text, today, kb);
    if (!date || date.now) continue;
    const year = date.date.slice(0, 4);
    const eras = topic.eras.filter((e) => e.status !== 'superseded');
    const at = eras.findIndex(
      (e, i) => i > 0 && e.from?.startsWith(year) && arrangement(e) !== arrangement(eras[i - 1] as Era),
    );
    const from = eras[at]?.from;
    if (from) return { year, before: addDays(from, -1), from };
  }
  return undefined;
}

/** Who holds an era, in which role and on which conditions: a change of any of them is a change. */
const arrangement = (era: Era) =>
  era.holders
    .map((h) => `${h.body}|${h.role ?? ''}|${JSON.stringify(h.when ?? {})}`)
    .sort()
    .join();
