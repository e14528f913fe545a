import type { KnowledgeBase } from '../knowledge/model.js';
import { addDays, shiftYears } from './format.js';
import { perKnowledge } from './memo.js';

/** A date read from a question, the span it stands for, and the words it came from. */
export interface DateReading {
  date: string;
  /** First and last day the phrase covers ("in 2016" covers the whole year). */
  from: string;
  to: string;
  /** The matched text, so the matcher can ignore those words. */
  phrase: string;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const YEAR = "((?:19[4-9]\\d)|(?:20\\d\\d)|(?:'\\d\\d))";
const BEFORE = '(?:before|prior to|pre|until|up to|till)';
const AFTER = '(?:after|post)';
const SINCE = '(?:since|from|as of|starting|beginning)';

/** The month a part of the year stands for; a bare year stands for its middle. */
const PART_OF_YEAR: Record<string, number> = {
  start: 1,
  beginning: 1,
  q1: 2,
  early: 3,
  spring: 4,
  q2: 5,
  mid: 7,
  summer: 7,
  q3: 8,
  autumn: 10,
  fall: 10,
  late: 11,
  q4: 11,
  winter: 12,
  end: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function toYear(text: string): number {
  if (text.startsWith("'")) return 2000 + Number(text.slice(1));
  return Number(text);
}

function valid(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d &&
    y >= 1940 &&
    y <= 2100
  );
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function point(date: string, phrase: string): DateReading {
  return { date, from: date, to: date, phrase };
}

type Rule = { re: RegExp; read: (m: RegExpExecArray, today: string) => DateReading | undefined };

const bound = (body: string) => new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u');

/** Ordered: the most specific phrase wins. */
const RULES: Rule[] = [
  // 2016-05-01
  {
    re: bound('(\\d{4})-(\\d{2})-(\\d{2})'),
    read: (m) => {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return valid(y, mo, d) ? point(iso(y, mo, d), m[0]) : undefined;
    },
  },
  // before / after / since 1 April 2015
  {
    re: bound(
      `(?:(${BEFORE}|${AFTER}|${SINCE})[\\s-]+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}`,
    ),
    read: (m) => {
      const y = toYear(m[4] ?? '');
      const mo = MONTHS[m[3] ?? ''] ?? 0;
      const d = Number(m[2]);
      if (!valid(y, mo, d)) return undefined;
      return shift(iso(y, mo, d), iso(y, mo, d), iso(y, mo, d), m[1], m[0]);
    },
  },
  // April 1, 2015
  {
    re: bound(`${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}`),
    read: (m) => {
      const y = toYear(m[3] ?? '');
      const mo = MONTHS[m[1] ?? ''] ?? 0;
      const d = Number(m[2]);
      return valid(y, mo, d) ? point(iso(y, mo, d), m[0]) : undefined;
    },
  },
  // 01/04/2015 (UK order)
  {
    re: bound('(\\d{1,2})/(\\d{1,2})/(\\d{4})'),
    read: (m) => {
      const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return valid(y, mo, d) ? point(iso(y, mo, d), m[0]) : undefined;
    },
  },
  // financial years written short: FY16/17, fy 24-25
  {
    re: bound('fy\\s?(\\d\\d)\\s?[/-]\\s?(\\d\\d)'),
    read: (m) => {
      const y = 2000 + Number(m[1]);
      if (Number(m[2]) !== (Number(m[1]) + 1) % 100) return undefined;
      return { date: iso(y, 10, 1), from: iso(y, 4, 1), to: iso(y + 1, 3, 31), phrase: m[0] };
    },
  },
  // financial years: 2016/17, 2016-17, 2016/2017, fy2016/17
  {
    re: bound('(?:fy\\s?)?((?:19|20)\\d\\d)\\s?[/-]\\s?((?:19|20)?\\d\\d)'),
    read: (m) => {
      const y = Number(m[1]);
      const second = m[2] ?? '';
      const y2 = second.length === 4 ? Number(second) : Math.floor(y / 100) * 100 + Number(second);
      if (y2 !== y + 1 || !valid(y, 4, 1)) return undefined;
      return { date: iso(y, 10, 1), from: iso(y, 4, 1), to: iso(y + 1, 3, 31), phrase: m[0] };
    },
  },
  // (before|after|since) April 2015
  {
    re: bound(
      `(?:(${BEFORE}|${AFTER}|${SINCE})[\\s-]+)?(?:(?:the\\s+)?(?:start|end|beginning|middle)\\s+of\\s+)?${MONTH},?\\s+(?:of\\s+)?${YEAR}`,
    ),
    read: (m) => {
      const y = toYear(m[3] ?? '');
      const mo = MONTHS[m[2] ?? ''] ?? 0;
      if (!valid(y, mo, 1)) return undefined;
      const first = iso(y, mo, 1);
      const last = iso(y, mo, lastDayOfMonth(y, mo));
      return shift(first, first, last, m[1], m[0]);
    },
  },
  // (before|after|since|in) 2016; a bare year stands for the middle of it
  {
    re: bound(
      `(?:(${BEFORE}|${AFTER}|${SINCE})[\\s-]+)?(?:(?:the\\s+)?(early|late|mid|spring|summer|autumn|fall|winter|start|beginning|end|q1|q2|q3|q4)[\\s-]+(?:of\\s+)?)?${YEAR}`,
    ),
    read: (m) => {
      const y = toYear(m[3] ?? '');
      if (!valid(y, 1, 1)) return undefined;
      const month = PART_OF_YEAR[m[2] ?? 'mid'] ?? 7;
      return shift(iso(y, month, 1), iso(y, 1, 1), iso(y, 12, 31), m[1], m[0]);
    },
  },
];

/** Moves a reading for "before X" / "after X" / "since X". */
function shift(
  date: string,
  from: string,
  to: string,
  word: string | undefined,
  phrase: string,
): DateReading {
  if (!word) return { date, from, to, phrase };
  if (/^(before|prior|pre|until|up|till)/.test(word)) return point(addDays(from, -1), phrase);
  if (/^(after|post)/.test(word)) return point(addDays(to, 1), phrase);
  // "since 2015" asks about the year itself, like "in 2015"; "since April 2015" about its first day.
  return point(date, phrase);
}

const RELATIVE: { re: RegExp; read: (today: string, m: RegExpExecArray) => string }[] = [
  { re: bound('(?:last|previous) year'), read: (t) => shiftYears(t, -1) },
  { re: bound('next year'), read: (t) => shiftYears(t, 1) },
  {
    re: bound('(\\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) years ago'),
    read: (t, m) => {
      const words: Record<string, number> = {
        two: 2,
        three: 3,
        four: 4,
        five: 5,
        six: 6,
        seven: 7,
        eight: 8,
        nine: 9,
        ten: 10,
      };
      const n = words[m[1] ?? ''] ?? Number(m[1]);
      return shiftYears(t, -n);
    },
  },
];

const NOW = bound(
  '(?:currently|current|now|nowadays|today|at present|presently|these days|at the moment|this year|right now|as things stand)',
);

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Per body with dates: patterns for "before X", "after X", "in the X era", compiled once per knowledge base. */
const bodyEraPatterns = perKnowledge((kb) =>
  [...kb.bodies.values()]
    .filter((body) => body.from || body.to)
    .map((body) => {
      const alt = [body.short, ...body.aliases]
        .filter((n): n is string => Boolean(n))
        .map((n) => n.toLowerCase())
        .filter((n) => n.length >= 3)
        .map(escapeRe)
        .join('|');
      return {
        body,
        before: bound(`(?:before|prior to|pre)[\\s-]+(?:the\\s+)?(?:${alt})`),
        after: bound(
          `(?:after|post|since|once|now that)[\\s-]+(?:the\\s+)?(?:${alt})(?:\\s+(?:came in|started|began|were set up|was set up|took over|closed|was abolished|were abolished|went|ended|disappeared|(?:is|are|has|have) (?:been )?(?:gone|abolished|closed)))?`,
        ),
        during: bound(
          `(?:in\\s+(?:the\\s+)?(?:days of\\s+)?(?:${alt})\\s+(?:era|days|years|times)|(?:during|in)\\s+the\\s+(?:${alt})\\s+(?:era|years|days)|when\\s+(?:there were\\s+)?(?:${alt})\\s+(?:existed|were around|ran things|were in charge)|back when (?:${alt}))`,
        ),
      };
    })
    .filter((p) => p.body.short || p.body.aliases.length),
);

const ERA_WORDS =
  /(?<!\p{L})(before|prior|pre|after|post|since|once|now that|era|days|years|times|during|when)(?!\p{L})/u;

/** "before ICBs", "in the PCT era", "since CCGs": dates taken from the bodies' own start and end. */
function bodyEra(text: string, kb: KnowledgeBase, today: string): DateReading | undefined {
  // Most questions have none of the words these phrases need: skip the per-body patterns for them.
  if (!ERA_WORDS.test(text)) return undefined;
  for (const { body, before, after, during } of bodyEraPatterns(kb)) {
    const b = before.exec(text);
    if (b && body.from) return point(addDays(body.from, -1), b[0]);
    const a = after.exec(text);
    if (a) {
      if (/^(after|post|now that)/.test(a[0]) && body.to) return point(addDays(body.to, 1), a[0]);
      if (body.from) return point(body.from, a[0]);
    }
    const d = during.exec(text);
    if (d && body.from) {
      const to = body.to ?? today;
      const mid = new Date((Date.parse(body.from) + Date.parse(to)) / 2).toISOString().slice(0, 10);
      return { date: mid, from: body.from, to, phrase: d[0] };
    }
  }
  return undefined;
}

/**
 * Reads the as-of date from normalised question text. `today` is YYYY-MM-DD (injected, so tests pin it).
 * An explicit date beats "now": in "our CCG went delegated in April 2015 - who now signs off", now is then.
 */
export function readDate(text: string, today: string, kb: KnowledgeBase): DateReading | undefined {
  let best: { reading: DateReading; index: number } | undefined;
  for (const rule of RULES) {
    const m = rule.re.exec(text);
    if (!m) continue;
    const reading = rule.read(m, today);
    if (reading && (!best || m.index < best.index)) best = { reading, index: m.index };
    if (reading) break;
  }
  if (best) return best.reading;
  const era = bodyEra(text, kb, today);
  if (era) return era;
  for (const rel of RELATIVE) {
    const m = rel.re.exec(text);
    if (m) return point(rel.read(today, m), m[0]);
  }
  const now = NOW.exec(text);
  if (now) return point(today, now[0]);
  return undefined;
}
