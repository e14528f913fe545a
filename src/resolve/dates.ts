// The English locale alone: the package's index loads every language's parsers (about 200 ms of CPU at
// start) and only en-GB is used.
import * as chronoEn from 'chrono-node/en';
import type { KnowledgeBase } from '../knowledge/model.js';
import { addDays, longDate, shiftMonths, shiftYears } from './format.js';
import { lastFew, perKnowledge, phraseAlternation, phrasePattern } from './memo.js';
import { momentsNamed, nameIndex } from './moment-names.js';
import { NUMBER_WORDS, TENS_WORDS, wordsToNumber } from './number-words.js';

/** A date read from a question, the span it stands for, and the words it came from. */
export interface DateReading {
  date: string;
  /** First and last day the phrase covers ("in 2016" covers the whole year). */
  from: string;
  to: string;
  /** The matched text, so the matcher can ignore those words. */
  phrase: string;
  /** Set when the date is an estimate or comes from a named moment: the answer says how it was read. */
  how?: string;
  /** Read from "now", "currently": any other date in the message says when "now" is. */
  now?: true;
  /** Read from a named moment ("when PCTs were abolished"): its words also say what is asked about. */
  anchor?: true;
  /** The moment was a body's lifetime, not a dated event ("when Lansley's reforms landed"). */
  anchorBody?: true;
  /** Read from the words for a body's start ("when was UKHSA set up"): that body's id. */
  startOf?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const bound = (body: string, flags = 'u') =>
  new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, flags);

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

function point(date: string, phrase: string, how?: string): DateReading {
  return { date, from: date, to: date, phrase, ...(how ? { how } : {}) };
}

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
const YEAR = "((?:19[4-9]\\d)|(?:20\\d\\d)|(?:'\\d\\d))";
const toYear = (text: string) => (text.startsWith("'") ? 2000 + Number(text.slice(1)) : Number(text));

/** Words before a date that move it: "before April 2013" is 31 March 2013. */
type Shift = 'before' | 'after' | 'since' | undefined;

function shift(reading: DateReading, how: Shift): DateReading {
  if (how === 'before') return point(addDays(reading.from, -1), reading.phrase);
  if (how === 'after') return point(addDays(reading.to, 1), reading.phrase);
  // "since 2015" asks about the year itself, like "in 2015"; "since April 2015" about its first day.
  return reading;
}

/**
 * An event's names with each body name in them also written the other ways people name that body:
 * "nhs england is abolished" is also "nhse is abolished". Lower case, as phrases are matched.
 */
function withBodyAliases(names: readonly string[], kb: KnowledgeBase): string[] {
  const out = new Set(names.map((n) => n.toLowerCase()));
  for (const body of kb.bodies.values()) {
    const all = [body.short ?? '', ...body.aliases].map((a) => a.toLowerCase()).filter((a) => a.length >= 2);
    for (const name of [...out])
      for (const a of all) {
        if (!` ${name} `.includes(` ${a} `)) continue;
        for (const b of all) out.add(` ${name} `.replace(` ${a} `, ` ${b} `).trim());
      }
  }
  return [...out];
}

/** Every moment a date can be named by: public events, the knowledge's events, bodies' lifetimes. */
function namedMoments(kb: KnowledgeBase) {
  // Events first: their names are longer and more specific ("after NHS England is abolished" must not
  // stop at the body "NHS England").
  return [
    // A public event is a point in time: "during" or "the year of" it is its own date.
    ...kb.reading.publicEvents.map((e) => ({
      names: e.names,
      from: e.date,
      to: e.date,
      label: e.names[0] ?? '',
      public: true,
    })),
    ...kb.events
      .filter((e) => e.aliases.length > 0)
      .map((e) => ({
        names: withBodyAliases(e.aliases, kb),
        from: e.date,
        to: undefined,
        label: e.aliases[0] ?? e.title,
      })),
    ...[...kb.bodies.values()]
      .filter((b) => b.from || b.to)
      .map((b) => ({
        names: [b.short ?? '', ...b.aliases],
        from: b.from,
        to: b.to,
        label: b.short ?? b.name,
        body: b.id,
      })),
  ];
}

/** One moment's patterns: its name after "before", "after", "since", "during", with a start or an end. */
function momentPatterns<M extends ReturnType<typeof namedMoments>[number]>(m: M, kb: KnowledgeBase) {
  const a = kb.reading.anchors;
  const names = phraseAlternation(m.names.filter((n) => n.length >= 2));
  const art = '(?:(?:a|an|the)\\s+)?';
  const period = phraseAlternation(kb.reading.periodWords);
  return {
    ...m,
    named: bound(`(?:${names})`),
    started: bound(
      `(?:${names})\\s+(?:(?:was|were|got|had|have|has)\\s+)?(?:${phraseAlternation(a.starting)})`,
    ),
    ended: bound(
      `(?:${names})\\s+(?:(?:was|were|got|had been|has been|have been|being)\\s+)?(?:${phraseAlternation(a.ending)})`,
    ),
    before: bound(`(?:${phraseAlternation(a.before)})[\\s-]+${art}(?:${names})`),
    after: bound(`(?:${phraseAlternation(a.after)})[\\s-]+${art}(?:${names})`),
    since: bound(`(?:${phraseAlternation(a.since)})\\s+${art}(?:${names})`),
    during: bound(
      `(?:(?:${phraseAlternation(a.during)})\\s+${art}(?:${names})|${art}(?:${names})\\s+(?:${phraseAlternation(a.duringAfter)}))`,
    ),
    // "the first year of CCGs", "the first year the 2012 Act was in force", "the last months of PCTs":
    // half a year in from the start or end.
    edge: bound(
      `(first|early|opening|last|final|closing)\\s+(?:(full\\s+)?(financial|fiscal)\\s+year|year|years|months|days)\\s+(?:(of|after|since|that|when)\\s+)?${art}(?:${names})`,
    ),
    // "the year of the London Olympics", "the month the Queen died", "the COVID year": public events only.
    period:
      'public' in m
        ? bound(
            `(?:(?:${period})\\s+(?:of\\s+|when\\s+|that\\s+)?${art}(?:${names})|${art}(?:${names})\\s+(?:${period})|(?:${phraseAlternation(a.atEvent)})\\s+${art}(?:${names}))`,
          )
        : undefined,
  };
}

/** Per knowledge base: the anchor words as patterns, and every named moment (bodies' lifetimes, events). */
const anchorsOf = perKnowledge((kb) => {
  const a = kb.reading.anchors;
  const shiftRe = (words: string[]) =>
    new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${phraseAlternation(words)})[\\s-]+(?:the\\s+|of\\s+)?$`, 'u');
  const moments = namedMoments(kb).map((m) => momentPatterns(m, kb));
  const allNames = phraseAlternation(moments.flatMap((m) => m.names).filter((n) => n.length >= 2));
  const bodyNames = moments.flatMap((m) => ('body' in m ? m.names : [])).filter((n) => n.length >= 2);
  return {
    /** "they were scrapped", "it was set up": a moment named by a pronoun (see antecedent). */
    pronoun: bound(
      `(they|it)\\s+(?:(?:was|were|got|had been|has been|have been|being)\\s+)?(?:${phraseAlternation([...a.ending, ...a.starting])})`,
    ),
    bodyName: bound(`(?:${phraseAlternation(bodyNames)})`, 'gu'),
    /** Every moment name in one pattern: text naming none needs no moment tried. */
    anyName: bound(`(?:${allNames})`),
    anyNameAll: bound(`(?:${allNames})`, 'gu'),
    before: shiftRe(a.before),
    after: shiftRe(a.after),
    since: shiftRe(a.since),
    /** A phrase that starts with a word for before or after: "before PCTs were abolished". */
    leading: {
      before: new RegExp(`^(?:${phraseAlternation(a.before)})(?![\\p{L}\\p{N}])`, 'u'),
      after: new RegExp(`^(?:${phraseAlternation(a.after)})(?![\\p{L}\\p{N}])`, 'u'),
    },
    approximately: bound(`(?:${phraseAlternation(kb.reading.approximately)})`),
    moments,
    /** Which moments a text names, in one pass: what `anyName` and each moment's `named` test. */
    names: nameIndex(moments),
  };
});

function shiftBefore(text: string, index: number, kb: KnowledgeBase): Shift {
  const lead = text.slice(Math.max(0, index - 30), index);
  const { before, after, since } = anchorsOf(kb);
  if (before.test(lead)) return 'before';
  if (after.test(lead)) return 'after';
  if (since.test(lead)) return 'since';
  return undefined;
}

type Found = { reading: DateReading; index: number };

/** A figure as the patterns below mean it: `\d`, the ASCII digits, with or without the `u` flag. */
const DIGIT = /\d/;

// Patterns built once, not per message: each `new RegExp` (and each regex literal in a function) is a
// new object every time it runs, garbage for the young generation. None has the g flag, so sharing
// them keeps no state between texts.
const ISO_DATE = bound('(\\d{4})-(\\d{2})-(\\d{2})');
const FINANCIAL_YEARS = [
  bound('(?:fy\\s?)?((?:19|20)\\d\\d)\\s?[/-]\\s?((?:19|20)?\\d\\d)'),
  bound('(?:fy\\s?)?(\\d\\d)\\s?[/-]\\s?(\\d\\d)(?![/.]\\d)'),
];
const DECADE = bound("(?:the\\s+)?(early|mid|late)?[\\s-]*((?:19|20)\\d0)\\s?'?s");
const VAGUE_AGO = bound('(a decade|a couple of years|a few years|a couple of decades) ago');

/** 2016-05-01, and financial years (2016/17, FY16/17, 14/15): what chrono does not know. */
function numericForms(text: string): Found | undefined {
  // Each pattern here has a figure (\d): text without one has none of these forms.
  if (!DIGIT.test(text)) return undefined;
  const isoDate = ISO_DATE.exec(text);
  if (isoDate) {
    const [y, m, d] = [Number(isoDate[1]), Number(isoDate[2]), Number(isoDate[3])];
    if (valid(y, m, d)) return { reading: point(iso(y, m, d), isoDate[0]), index: isoDate.index };
  }
  for (const re of FINANCIAL_YEARS) {
    const m = re.exec(text);
    if (!m) continue;
    const first = m[1] ?? '';
    const second = m[2] ?? '';
    const y = first.length === 4 ? Number(first) : 2000 + Number(first);
    const y2 = second.length === 4 ? Number(second) : Math.floor(y / 100) * 100 + Number(second);
    if (y2 === y + 1 && valid(y, 4, 1) && (first.length === 4 || Number(first) <= 40))
      return {
        reading: { date: iso(y, 10, 1), from: iso(y, 4, 1), to: iso(y + 1, 3, 31), phrase: m[0] },
        index: m.index,
      };
  }
  return undefined;
}

/** Day and month dates, as people write them (14/2/14, 1.4.2014, 1st April 2013, Oct 21, 3 years ago): chrono's en-GB parser. */
const NEXT_BEFORE = /(?<![\p{L}])(?:next|this coming|coming)\s+$/u;

function chronoForms(text: string, today: string): Found | undefined {
  // Every reading kept below has a digit or a relative word, so text with neither needs no parse.
  if (!/\d|ago|last|previous|next/.test(text)) return undefined;
  const ref = new Date(`${today}T12:00:00Z`);
  for (const r of chronoEn.GB.parse(text, ref)) {
    // "now", "today", "tonight": read below as today, where an explicit date may override them.
    // "next April" is read by chrono as "April" of the coming twelve months: the word before says so.
    const coming =
      !r.start.isCertain('year') && r.start.isCertain('month') && NEXT_BEFORE.test(text.slice(0, r.index));
    if (!coming && !/\d/.test(r.text) && !/\b(ago|last|previous|next)\b/.test(r.text)) continue;
    const relative = coming || /\b(ago|last|previous|next)\b/.test(r.text);
    // A weekday or a bare month is no as-of date: nobody asks who commissioned it "on Friday".
    if (!relative && !(r.start.isCertain('year') && r.start.isCertain('month'))) continue;
    const d = r.start.date();
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    if (!valid(y, m, 1)) continue;
    if (relative) {
      const day =
        /year/.test(r.text) && !/years? ago/.test(r.text)
          ? shiftYears(today, y - Number(today.slice(0, 4)))
          : d.toISOString().slice(0, 10);
      if (coming) {
        const at = text.slice(0, r.index).search(NEXT_BEFORE);
        return { reading: point(day, text.slice(at, r.index + r.text.length).trim()), index: at };
      }
      return { reading: point(day, r.text), index: r.index };
    }
    if (r.start.isCertain('day'))
      return { reading: point(iso(y, m, d.getUTCDate()), r.text), index: r.index };
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return {
      reading: { date: iso(y, m, 1), from: iso(y, m, 1), to: iso(y, m, last), phrase: r.text },
      index: r.index,
    };
  }
  return undefined;
}

// A month named without its year; "may" and "march" are left out, being words too ("who may …").
const BARE_MONTH = bound(
  '(january|february|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?!\\s*\\d)',
);
/** A month's number from the first three letters of its name. */
const monthNumber = (name: string) =>
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(
    name.slice(0, 3),
  ) + 1;

/**
 * "In 2015, who commissioned it after October?": a month named without a year is in the year the text
 * gives, so a bare year and a bare month make one date, moved by "before" or "after" the month.
 */
function monthOfYear(found: Found, text: string, kb: KnowledgeBase): Found | undefined {
  const r = found.reading;
  if (r.from.slice(5) !== '01-01' || r.to.slice(5) !== '12-31' || r.from.slice(0, 4) !== r.to.slice(0, 4))
    return undefined;
  // Only a month said after the year is of that year: in "from January … for 2019" it is not.
  const after = found.index + r.phrase.length;
  const m = BARE_MONTH.exec(text.slice(after));
  const month = m ? monthNumber(m[1] as string) : 0;
  if (!m || !month) return undefined;
  const y = Number(r.from.slice(0, 4));
  const last = new Date(Date.UTC(y, month, 0)).getUTCDate();
  const reading = {
    date: iso(y, month, 1),
    from: iso(y, month, 1),
    to: iso(y, month, last),
    phrase: m[1] as string,
  };
  const at = after + m.index;
  const shifted = shift(reading, shiftBefore(text, at, kb));
  return { reading: { ...shifted, how: `read "${m[1]}" with ${y} as ${longDate(shifted.date)}` }, index: at };
}

const PART_YEAR = bound(
  `(?:(?:the\\s+)?(early|late|mid|spring|summer|autumn|fall|winter|start|beginning|end|q1|q2|q3|q4)[\\s-]+(?:of\\s+)?)?${YEAR}(\\s?-?ish)?`,
);

/** 2016, early 2019, Q3 2019, '15, 2016ish, the early 2010s, a decade ago. */
function yearForms(text: string, today: string): Found | undefined {
  // DECADE and PART_YEAR have a figure, VAGUE_AGO the word "ago": text with neither has none of these.
  if (!DIGIT.test(text) && !text.includes('ago')) return undefined;
  const decade = DECADE.exec(text);
  if (decade) {
    const start = Number(decade[2]);
    const y = start + (({ early: 2, mid: 5, late: 8 } as Record<string, number>)[decade[1] ?? 'mid'] ?? 5);
    const date = iso(y, 7, 1);
    return {
      reading: {
        date,
        from: iso(start, 1, 1),
        to: iso(start + 9, 12, 31),
        phrase: decade[0],
        how: `read "${decade[0].trim()}" as ${longDate(date)}`,
      },
      index: decade.index,
    };
  }
  const vague = VAGUE_AGO.exec(text);
  if (vague) {
    const years =
      { 'a decade': 10, 'a couple of years': 2, 'a few years': 3, 'a couple of decades': 20 }[
        vague[1] as string
      ] ?? 1;
    const date = shiftYears(today, -years);
    return { reading: point(date, vague[0], `read "${vague[0]}" as ${longDate(date)}`), index: vague.index };
  }
  const m = PART_YEAR.exec(text);
  if (!m) return undefined;
  const y = toYear(m[2] ?? '');
  if (!valid(y, 1, 1)) return undefined;
  const date = iso(y, PART_OF_YEAR[m[1] ?? 'mid'] ?? 7, 1);
  const reading: DateReading = { date, from: iso(y, 1, 1), to: iso(y, 12, 31), phrase: m[0] };
  return {
    reading: m[3] ? { ...reading, how: `read "${m[0].trim()}" as ${longDate(date)}` } : reading,
    index: m.index,
  };
}

const UNITS = NUMBER_WORDS.slice(1, 10);
const TEENS = NUMBER_WORDS.slice(10);
const TENS = TENS_WORDS.slice(2);
const TWO_DIGITS = `(?:${TEENS.join('|')}|(?:${TENS.join('|')})(?:[\\s-]+(?:${UNITS.join('|')}))?|(?:oh|o)[\\s-]+(?:${UNITS.join('|')}))`;
const WORD_YEAR = bound(
  `(?:(twenty|nineteen)[\\s-]+(${TWO_DIGITS})|two thousand(?:\\s+and)?(?:[\\s-]+(${TWO_DIGITS}|${UNITS.join('|')}))?)`,
);

const RELATIVE_FY = bound('(last|previous|this|current|next|coming)\\s+(?:(?:financial|fiscal)\\s+year|fy)');

/** "Last financial year", "this FY": the middle of that April-to-March year, counted from today. */
function relativeFinancialYear(text: string, today: string): Found | undefined {
  // RELATIVE_FY ends in "financial year", "fiscal year" or "fy": text with none of those has none.
  if (!text.includes('fy') && !text.includes('financial') && !text.includes('fiscal')) return undefined;
  const m = RELATIVE_FY.exec(text);
  if (!m) return undefined;
  const which = m[1] ?? '';
  const offset = /last|previous/.test(which) ? -1 : /next|coming/.test(which) ? 1 : 0;
  const date = financialYearMiddle(shiftYears(today, offset), false);
  const y = Number(date.slice(0, 4));
  return {
    reading: {
      date,
      from: `${y}-04-01`,
      to: `${y + 1}-03-31`,
      phrase: m[0],
      how: `read "${m[0]}" as ${y}/${String(y + 1).slice(2)}`,
    },
    index: m.index,
  };
}

/** A year in words: "twenty sixteen", "two thousand and nine", "nineteen ninety-nine". Read as the year. */
function wordYearForms(text: string): Found | undefined {
  // WORD_YEAR starts with "twenty", "nineteen" or "two thousand": text with none of those has none.
  if (!text.includes('twenty') && !text.includes('nineteen') && !text.includes('two thousand'))
    return undefined;
  const m = WORD_YEAR.exec(text);
  if (!m) return undefined;
  const y = m[1]
    ? (m[1] === 'twenty' ? 2000 : 1900) + wordsToNumber(m[2] ?? '')
    : 2000 + wordsToNumber(m[3] ?? '');
  // "twenty twenty" is 2020, "nineteen" alone or "twenty one" (a count) is no year.
  if (!valid(y, 1, 1) || (m[1] && !m[2])) return undefined;
  const date = iso(y, 7, 1);
  return {
    reading: { date, from: iso(y, 1, 1), to: iso(y, 12, 31), phrase: m[0], how: `read "${m[0]}" as ${y}` },
    index: m.index,
  };
}

/** "just before the 0-5 transfer", "in the CCG days", "when we were a PCT", "after PHE closed". */
function anchored(text: string, kb: KnowledgeBase, today: string): DateReading | undefined {
  const { names, moments } = anchorsOf(kb);
  // Each pattern below needs the moment's name, whole: most messages name no moment, or one.
  const named = momentsNamed(text, names);
  if (named.length === 0) return undefined;
  const ref = antecedent(text, kb);
  const read = ref?.text ?? text;
  for (const i of ref ? momentsNamed(read, names) : named) {
    const moment = moments[i] as Moment;
    const found = fromMoment(moment, read, today);
    if (!found) continue;
    // The phrase as written: "when they were scrapped", not the name put in for "they".
    const phrase =
      ref && !text.includes(found.phrase) ? found.phrase.replace(ref.name, ref.pronoun) : found.phrase;
    return yearShifted(
      { ...found, phrase, ...('body' in moment ? { anchorBody: true as const } : {}) },
      text,
      kb,
    );
  }
  return undefined;
}

/**
 * "Who took over from PCTs when they were scrapped?": "they" before a word for ending or starting stands for
 * the body named last before it. The text with the name put in, so the moment reads as if named.
 */
function antecedent(
  text: string,
  kb: KnowledgeBase,
): { text: string; name: string; pronoun: string } | undefined {
  const { pronoun, bodyName } = anchorsOf(kb);
  const p = pronoun.exec(text);
  if (!p) return undefined;
  const names = [...text.slice(0, p.index).matchAll(bodyName)];
  const name = names.at(-1)?.[0];
  if (!name) return undefined;
  const word = p[1] ?? '';
  const at = p.index + p[0].indexOf(word);
  return { text: `${text.slice(0, at)}${name}${text.slice(at + word.length)}`, name, pronoun: word };
}

type Moment = ReturnType<typeof anchorsOf>['moments'][number];

/** "Two years", "eighteen months", "a decade", "the year": an amount of time, by its unit. */
const shiftOf = perKnowledge((kb) => {
  const { years, months, decades, later, apart, counts } = kb.reading.anchors.shift;
  const amount = `\\d{1,2}|${phraseAlternation([...Object.keys(counts), ...NUMBER_WORDS.slice(1), ...TENS_WORDS.slice(2)])}`;
  const unit = `(?:(${phraseAlternation(years)})|(${phraseAlternation(months)})|(${phraseAlternation(decades)}))`;
  return {
    counts,
    // The amount before "before" or "after" a moment.
    lead: new RegExp(`(?:^|[^\\p{L}\\p{N}])(${amount})[\\s-]+${unit}\\s+$`, 'u'),
    // The amount after a date, moving it on: "in 2009 ... ten years later".
    later: later.length
      ? new RegExp(
          `(?:^|[^\\p{L}\\p{N}])(${amount})[\\s-]+${unit}\\s+(?:${phraseAlternation(later)})(?![\\p{L}\\p{N}])`,
          'u',
        )
      : undefined,
    apart: phrasePattern(apart),
  };
});

/** How many of a unit an amount says: "18", "eighteen", "a couple of". */
function amountOf(words: string, counts: Record<string, number>): number {
  if (/^\d+$/.test(words)) return Number(words);
  return counts[words] ?? wordsToNumber(words);
}

/** A date moved by an amount matched as `shiftOf` matches it, `direction` 1 (later) or -1 (earlier). */
function moved(date: string, m: RegExpExecArray, direction: number, counts: Record<string, number>): string {
  const amount = amountOf(m[1] ?? '', counts);
  if (m[3]) return shiftMonths(date, direction * amount);
  return shiftYears(date, direction * amount * (m[4] ? 10 : 1));
}

/** "The year before COVID", "two years after the 0-5 transfer", "eighteen months before ICBs": the moment moved. */
function yearShifted(reading: DateReading, text: string, kb: KnowledgeBase): DateReading {
  const { before, after } = anchorsOf(kb).leading;
  const phrase = reading.phrase.trim();
  const direction = before.test(phrase) ? -1 : after.test(phrase) ? 1 : 0;
  const at = text.indexOf(reading.phrase);
  const { lead, counts } = shiftOf(kb);
  const m = direction && at >= 0 ? lead.exec(text.slice(Math.max(0, at - 40), at)) : null;
  if (!m || !amountOf(m[1] ?? '', counts)) return reading;
  const date = moved(reading.date, m, direction, counts);
  const written = `${m[0].trim()} ${phrase}`;
  return {
    ...reading,
    date,
    from: date,
    to: date,
    phrase: `${m[0].trimStart()}${reading.phrase}`,
    how: `read "${written}" as ${longDate(date)}`,
  };
}

/** How far after a date "ten years later" may stand and still be said of it. */
const LATER_REACH = 80;

/** "I left the army in 2009. Ten years later, who …": the date said, moved on by the amount after it. */
function laterShifted(found: Found, text: string, kb: KnowledgeBase): DateReading {
  const { later, apart, counts } = shiftOf(kb);
  const end = found.index + found.reading.phrase.length;
  const m = later?.exec(text.slice(end, end + LATER_REACH));
  // "In 2014 and again two years later" asks at both dates: the second is a date of its own.
  if (!m || !amountOf(m[1] ?? '', counts) || apart.test(text.slice(end, end + m.index))) return found.reading;
  const date = moved(found.reading.date, m, 1, counts);
  const phrase = `${found.reading.phrase.trim()} … ${m[0].trim()}`;
  return point(date, found.reading.phrase, `read "${phrase}" as ${longDate(date)}`);
}

/** The date one named moment gives the text, if the text ties a date to it. */
function fromMoment(moment: Moment, text: string, today: string): DateReading | undefined {
  const how = (phrase: string, date: string) => `read "${phrase}" as ${longDate(date)}`;
  // "The first year after X" is more than "after X": the edge is tried first.
  const e = moment.edge.exec(text);
  if (e && moment.from && !('public' in moment)) {
    const start = /first|early|opening/.test(e[1] ?? '');
    // "The first year after PCTs were abolished" starts the day after they ended.
    const afterEnd = e[4] === 'after' && moment.to && moment.ended.test(text);
    const from = afterEnd ? addDays(moment.to as string, 1) : moment.from;
    const date = e[3]
      ? financialYearMiddle(start ? from : (moment.to ?? today), start ? Boolean(e[2]) : false)
      : start
        ? addDays(from, 182)
        : addDays(moment.to ?? today, -182);
    return point(date, e[0], how(e[0], date));
  }
  const b = moment.before.exec(text);
  const ended = moment.to ? moment.ended.exec(text) : null;
  if (b && moment.from) {
    // "before PCTs were abolished" is their last day; "before PCTs" the day before they began.
    const date = ended && moment.to ? moment.to : addDays(moment.from, -1);
    return point(date, b[0], how(b[0], date));
  }
  const a = moment.after.exec(text);
  const st = 'public' in moment ? null : moment.started.exec(text);
  // "(the year) after NHS Improvement was set up": after its start, not its end; the phrase keeps "after"
  // so that an amount before it moves the date.
  if (a && st && moment.from && st.index >= a.index) {
    const phrase = text.slice(a.index, st.index + st[0].length);
    return point(moment.from, phrase, how(phrase, moment.from));
  }
  // "After NHS England" means after it ends: for a body still in being that is no date read.
  if (a && (moment.to || (moment.from && !('body' in moment)))) {
    const date = moment.to ? addDays(moment.to, 1) : (moment.from as string);
    return point(date, a[0], how(a[0], date));
  }
  if (st && moment.from) {
    const start = point(moment.from, st[0], how(st[0], moment.from));
    return 'body' in moment ? { ...start, startOf: String(moment.body) } : start;
  }
  const s = moment.since.exec(text);
  // "when PCTs were abolished", "since PHE closed": the day after the end, not the start.
  const end = ended;
  if (end && moment.to) {
    const date = addDays(moment.to, 1);
    return point(date, s ? text.slice(s.index, end.index + end[0].length) : end[0], how(end[0], date));
  }
  if (s && moment.from) return point(moment.from, s[0], how(s[0], moment.from));
  const p = moment.period?.exec(text);
  if (p && moment.from) return point(moment.from, p[0], how(p[0].trim(), moment.from));
  const d = moment.during.exec(text);
  if (d && moment.from) {
    const to = moment.to ?? today;
    const mid = new Date((Date.parse(moment.from) + Date.parse(to)) / 2).toISOString().slice(0, 10);
    return { date: mid, from: moment.from, to, phrase: d[0], how: how(d[0].trim(), mid) };
  }
  return undefined;
}

/**
 * The middle (1 October) of the financial year (April to March) holding `day`, or of the next one when a
 * full year is asked for and `day` is not its first: "the first full financial year of ICBs" (from 1 July
 * 2022) is 2023/24.
 */
function financialYearMiddle(day: string, full: boolean): string {
  const y = Number(day.slice(0, 4));
  const startYear = day.slice(5) >= '04-01' ? y : y - 1;
  const first = full && day.slice(5) !== '04-01' ? startYear + 1 : startYear;
  return `${first}-10-01`;
}

const NOW = bound(
  '(?:currently|current|now|nowadays|today|at present|presently|these days|at the moment|this year|right now|as things stand)',
);

/**
 * Reads the as-of date from normalised question text. `today` is YYYY-MM-DD (injected, so tests pin it).
 * An explicit date beats "now": in "our CCG went delegated in April 2015 - who now signs off", now is then.
 * Order: dates written out (ISO, financial years, day and month forms, years), then named moments, then "now".
 */
export function readDate(text: string, today: string, kb: KnowledgeBase): DateReading | undefined {
  // One resolve reads the same stretch of text several times (question part, asking clauses, whole
  // message, then again to take dates out): remember the last few readings.
  return recentReadings(kb)(`${today}|${text}`);
}

/** Whether the first place `phrase` occurs in `text` covers character `index`. */
function within(text: string, phrase: string, index: number): boolean {
  const at = text.indexOf(phrase);
  return at >= 0 && at <= index && index < at + phrase.length;
}

const RECENT_READINGS = 8;
/** Readings by "today|text" (today has no "|"), the last few kept. */
const recentReadings = perKnowledge((kb) =>
  lastFew(RECENT_READINGS, (key: string) => {
    const bar = key.indexOf('|');
    return readDateOnce(key.slice(bar + 1), key.slice(0, bar), kb);
  }),
);

/**
 * The text with the figures inside named moments blanked: the year in "the Health and Social Care Act
 * 2012" is part of a name, not a date asked about. Same length, so indexes and phrases still line up.
 */
function namesMasked(text: string, kb: KnowledgeBase): string {
  if (!/\d/.test(text)) return text;
  const { anyNameAll } = anchorsOf(kb);
  return text.replace(anyNameAll, (name) => (/\d/.test(name) ? name.replace(/\d/g, '_') : name));
}

const ageWords = perKnowledge((kb) => {
  const { past, now } = kb.reading.ages;
  const age = '(\\d{1,2}|' + phraseAlternation([...NUMBER_WORDS.slice(1), ...TENS_WORDS.slice(2)]) + ')';
  return past.length && now.length
    ? {
        past: bound(`(?:${phraseAlternation(past)})\\s+${age}`),
        now: bound(`(?:${phraseAlternation(now)})\\s+${age}(?:\\s+(?:now|today))?`),
      }
    : undefined;
});

/** "When I was 15 (I'm 30 now)": the years between the two ages before today. */
function ageForms(text: string, today: string, kb: KnowledgeBase): Found | undefined {
  const words = ageWords(kb);
  const then = words?.past.exec(text);
  // The age now is said after the age then or before it ("she is 12 now; when she was 2 …").
  const rest = then && `${text.slice(0, then.index)} ${text.slice(then.index + then[0].length)}`;
  const now = rest && words?.now.exec(rest);
  if (!then || !now) return undefined;
  const years = amountOf(now[1] ?? '', {}) - amountOf(then[1] ?? '', {});
  if (!(years > 0 && years < 100)) return undefined;
  const date = shiftYears(today, -years);
  return {
    reading: point(date, then[0], `read "${then[0]}" and "${now[0]}" as ${longDate(date)}`),
    index: then.index,
  };
}

function readDateOnce(text: string, today: string, kb: KnowledgeBase): DateReading | undefined {
  const masked = namesMasked(text, kb);
  const found = [
    ageForms(masked, today, kb),
    numericForms(masked),
    relativeFinancialYear(masked, today),
    chronoForms(masked, today),
    yearForms(masked, today),
    wordYearForms(masked),
  ]
    .filter((f): f is Found => Boolean(f))
    .sort((x, y) => x.index - y.index || y.reading.phrase.length - x.reading.phrase.length)[0];
  // A year inside a moment's name ("the year the 2012 Act took effect") is part of the name, not the date.
  const era = anchored(text, kb, today);
  if (found && !(era && within(text, era.phrase, found.index))) {
    const inYear = monthOfYear(found, text, kb);
    if (inYear) return inYear.reading;
    const later = laterShifted(found, text, kb);
    if (later !== found.reading) return later;
    const shifted = shift(found.reading, shiftBefore(text, found.index, kb));
    const lead = text.slice(Math.max(0, found.index - 25), found.index);
    const approx = !shifted.how && anchorsOf(kb).approximately.test(lead + found.reading.phrase);
    return approx
      ? { ...shifted, how: `read "${found.reading.phrase.trim()}" as about ${longDate(shifted.date)}` }
      : shifted;
  }
  // A moment named with its year ("the 2012 Act") dates the question like the year would: its words
  // are about when, not what, so they are not kept as context.
  if (era) return found || /\d/.test(era.phrase) ? era : { ...era, anchor: true };
  const now = NOW.exec(text);
  if (now) return { ...point(today, now[0]), now: true };
  return undefined;
}

/**
 * The moments a text names, two ways: by each moment's own pattern (`named`, and `anyName` for none) and
 * by the one-pass index `anchored` uses. For the test that holds them equal.
 */
export function momentsNamedBoth(text: string, kb: KnowledgeBase): { patterns: number[]; index: number[] } {
  const { anyName, moments, names } = anchorsOf(kb);
  const patterns = anyName.test(text) ? moments.flatMap((m, i) => (m.named.test(text) ? [i] : [])) : [];
  return { patterns, index: momentsNamed(text, names) };
}
