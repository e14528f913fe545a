import { inWords } from '../resolve/number-words.js';
import type { Body, BodyCount } from '../schemas/body.js';
import type { Topic } from '../schemas/topic.js';
import type { KnowledgeProblem } from '../service.js';
import type { ParsedFile, PathKey } from './parse.js';
import { formatPath } from './parse.js';
import { messages } from './problems.js';

type At = { file: ParsedFile; path: PathKey[] };

/** A stretch of days, YYYY-MM-DD; a missing end is open. */
interface Span {
  from?: string | undefined;
  to?: string | undefined;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = `(${MONTHS.join('|')})`;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Every date a sentence names, each as the days it covers: "1 July 2022", "April 2023", "2021/22", "2013". */
export function datesIn(sentence: string): { from: string; to: string }[] {
  let rest = sentence.toLowerCase();
  const out: { from: string; to: string }[] = [];
  const take = (re: RegExp, make: (m: RegExpExecArray) => { from: string; to: string }) => {
    rest = rest.replace(re, (...args) => {
      out.push(make(args.slice(0, -2) as unknown as RegExpExecArray));
      return ' ';
    });
  };
  take(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => ({ from: m[0], to: m[0] }));
  take(new RegExp(`\\b(\\d{1,2}) ${MONTH} (\\d{4})\\b`, 'g'), (m) => {
    const d = `${m[3]}-${pad(MONTHS.indexOf(m[2] ?? '') + 1)}-${pad(Number(m[1]))}`;
    return { from: d, to: d };
  });
  take(new RegExp(`\\b${MONTH} (\\d{4})\\b`, 'g'), (m) => {
    const month = MONTHS.indexOf(m[1] ?? '') + 1;
    const year = Number(m[2]);
    return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
  });
  // A financial year, 2021/22: April to March.
  take(/\b(\d{4})\/(\d{2})\b/g, (m) => ({ from: `${m[1]}-04-01`, to: `${Number(m[1]) + 1}-03-31` }));
  take(/\b((?:19|20)\d{2})\b/g, (m) => ({ from: `${m[1]}-01-01`, to: `${m[1]}-12-31` }));
  return out;
}

/** Words that make a statement run on past its dates ("since", "now", "from X" with no end). */
const OPEN = /\b(since|now|currently|today|still|at present|remains?|from)\b/i;

function overlaps(a: Span, b: Span): boolean {
  return (!a.to || !b.from || b.from <= a.to) && (!b.to || !a.from || a.from <= b.to);
}

function within(inner: Span, outer: Span): boolean {
  const startsIn = Boolean(outer.from && inner.from && inner.from >= outer.from) || !outer.from;
  const endsIn = !outer.to || Boolean(inner.to && inner.to <= outer.to);
  return startsIn && endsIn;
}

/**
 * A sentence ties a count to its dates when it names a date inside them and, for a count that has ended,
 * either does not run on ("since", "now", "from …") or names the count's end as well.
 */
function tiedToItsDates(sentence: string, count: BodyCount): boolean {
  const dates = datesIn(sentence);
  if (!dates.some((d) => overlaps(d, count))) return false;
  if (!count.to || !OPEN.test(sentence)) return true;
  const end = count.to;
  return dates.some((d) => d.from <= end && end <= d.to);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "42 ICBs", "all 42 integrated care boards", "33 of the 42 ICB areas", "forty-two ICBs". */
function mentionPattern(body: Body, count: BodyCount): RegExp {
  const names = [...new Set([body.short, body.name.replace(/\s*\(.*\)$/, ''), ...body.aliases])]
    .filter((n): n is string => Boolean(n && n.length >= 2))
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  const word = inWords(count.number);
  const number = word ? `(?:${count.number}|${word})` : `${count.number}`;
  return new RegExp(`\\b${number}\\s+(?:[a-z-]+\\s+)?(?:${names.join('|')})`, 'i');
}

const sentences = (text: string) => text.split(/(?<=[.;!?])\s+/);

/** The texts answers show, each with the dates it is shown for and where it is written. */
function* texts(
  topics: Iterable<{ item: Topic } & At>,
  bodies: Iterable<{ item: Body } & At>,
): Generator<{ text: string; span: Span; at: At; path: PathKey[] }> {
  for (const b of bodies) {
    if (b.item.note) yield { text: b.item.note, span: {}, at: b, path: [...b.path, 'note'] };
  }
  for (const t of topics) {
    for (const [i, era] of t.item.eras.entries()) {
      const span = { from: era.from, to: era.to };
      const eraPath = [...t.path, 'eras', i];
      yield { text: era.note, span, at: t, path: [...eraPath, 'note'] };
      for (const [h, holder] of era.holders.entries()) {
        if (holder.note) yield { text: holder.note, span, at: t, path: [...eraPath, 'holders', h, 'note'] };
      }
    }
  }
}

/**
 * Warnings for a count stated in text shown outside its dates: "all 42 ICBs" in an era still open after
 * 31 March 2026. Text is fine when its era lies inside the count's dates, or when the sentence itself
 * ties the number to them ("42 ICBs on 1 July 2022"). Pure.
 */
export function countWarnings(
  topics: Iterable<{ item: Topic } & At>,
  bodies: Iterable<{ item: Body } & At>,
): KnowledgeProblem[] {
  const bodyList = [...bodies];
  // One entry per body and number: the same number may hold in more than one stretch of dates.
  const groups = new Map<string, { counts: BodyCount[]; pattern: RegExp }>();
  for (const b of bodyList) {
    for (const count of b.item.counts) {
      const key = `${b.item.id} ${count.number}`;
      const group = groups.get(key);
      if (group) group.counts.push(count);
      else groups.set(key, { counts: [count], pattern: mentionPattern(b.item, count) });
    }
  }
  const out: KnowledgeProblem[] = [];
  if (groups.size === 0) return out;
  for (const { text, span, at, path } of texts(topics, bodyList)) {
    for (const sentence of sentences(text)) {
      for (const { counts, pattern } of groups.values()) {
        const said = pattern.exec(sentence);
        if (!said || counts.some((c) => within(span, c) || tiedToItsDates(sentence, c))) continue;
        const first = counts[0] as BodyCount;
        out.push({
          file: at.file.file,
          ...at.file.locate(path),
          field: formatPath(path),
          message: messages.countOutlivesDates(said[0], first.from, first.to, span.from, span.to),
        });
      }
    }
  }
  return out;
}
