import type { KnowledgeBase } from '../knowledge/model.js';
import type { PlaceKind } from '../places/places.js';
import { prepare, toTerms } from './index.js';
import { perKnowledge, prefixAlternation } from './memo.js';
import { type Clause, REFERRING, readMessage } from './message.js';
import { normalise } from './normalise.js';
import { NUMBER_WORDS } from './number-words.js';
import { nameWords, type PlaceRead, readPlace, withoutPlace } from './place.js';
import { type Read, withoutDates } from './resolve.js';

/**
 * What a message asks about a local body itself (reading.yaml `placeAsks`): which body of a kind a place
 * has, what a body became or was formed from, when bodies merged, started or ended, whether one still
 * exists. Read only when the message names a place and no service: "which ICB covers mental health in
 * Leeds?" is a service question, answered by the topics with Leeds's bodies named.
 */
export type AskKind = 'which' | 'became' | 'formedFrom' | 'merged' | 'started' | 'ended' | 'still';

export interface PlaceAsk {
  ask: AskKind;
  /** The kind of body asked about ("which ICB", "our PCT"), if one is named outside the place's own words. */
  kind?: AskedKind | undefined;
  /** Every place named, first as written first (two for "when did X and Y merge?"). */
  places: PlaceRead[];
}

/**
 * A kind of body the tables list, a PCT (before 1 April 2013, which they do not), or the local NHS body of
 * whatever kind held at the date.
 */
export type AskedKind = PlaceKind | 'pct' | 'local-nhs';

/** Checked in this order: what a body became is asked before whether it merged ("merged into" is both). */
const ASKS: Exclude<AskKind, 'which'>[] = ['became', 'formedFrom', 'merged', 'started', 'ended', 'still'];

const wordsRe = (list: readonly string[]) =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${prefixAlternation(list)})(?![\\p{L}\\p{N}])`, 'gu');

const cues = perKnowledge((kb) => {
  const w = kb.reading.placeAsks;
  const aliases = (id: string) => {
    const b = kb.bodies.get(id);
    return b ? [b.short ?? '', ...b.aliases].map((a) => normalise(a)).filter(Boolean) : [];
  };
  // Sub-ICB before ICB, so "sub-ICB location" is not read as an ICB.
  const lists: [AskedKind, string[]][] = [
    ['sub-icb', w.kinds['sub-icb'].map(normalise)],
    ['region', w.kinds.region.map(normalise)],
    ['ccg', aliases('ccg')],
    ['icb', aliases('icb')],
    ['council', [...aliases('local-authority'), ...w.kinds.council.map(normalise)]],
    ['pct', aliases('pct')],
    ['local-nhs', w.kinds['local-nhs'].map(normalise)],
  ];
  const kinds = lists.map(([k, list]) => [k, wordsRe(list)] as [AskedKind, RegExp]);
  const asks = ASKS.map((a) => [a, wordsRe(w[a].map(normalise))] as const);
  // Every cue of every kind of ask: where none is in a text, no kind's pattern need be run over it.
  const anyAsk = new RegExp(wordsRe(ASKS.flatMap((a) => w[a].map(normalise))).source, 'u');
  // "Which CCG or CCGs covered X", "what ICB serves X": a kind asked, then a word of asking which, then the place.
  const kind = prefixAlternation(lists.flatMap(([, list]) => list));
  const whichKind = `(?:which|what)\\s+(?:${kind})s?(?:\\s+or\\s+(?:${kind})s?)?\\s+(?:${prefixAlternation(w.which.map(normalise))})\\s+(?:the\\s+)?`;
  return {
    kinds,
    asks,
    anyAsk,
    whichKind,
    // The same, without the place: where it is nowhere in a message, no place's words can follow it.
    whichKindAnywhere: new RegExp(`(?<![\\p{L}\\p{N}])${whichKind}`, 'u'),
    which: wordsRe(w.which.map(normalise)),
    filler: wordsRe(w.filler.map(normalise)),
    located: wordsRe(w.located.map(normalise)),
    // "we're a pharmacy in …": up to three words after a self-introduction, up to a place cue.
    self: new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${prefixAlternation(w.self.map(normalise))})((?:\\s+[\\p{L}\\p{N}'-]+){1,3}?)(?=\\s+(?:${prefixAlternation(kb.reading.placeCues.map(normalise))})(?![\\p{L}\\p{N}]))`,
      'gu',
    ),
  };
});

/**
 * The text without who it places ("the GP practices there", "Southwark practice here"), but not where a word
 * a topic uses follows: "GP practice mergers" asks about that service.
 */
function withoutLocated(kb: KnowledgeBase, text: string): string {
  const prepared = prepare(kb);
  // Who the asker says they are places them too: "we're a pharmacy in Haringey - who was our CCG?".
  const unselfed = text.replace(cues(kb).self, ' ');
  return unselfed.replace(cues(kb).located, (m: string, at: number) => {
    const next = /^[^\p{L}\p{N}]*([\p{L}\p{N}]+)/u.exec(unselfed.slice(at + m.length))?.[1] ?? '';
    return toTerms(next, prepared).some((t) => prepared.postings.has(t)) ? m : ' ';
  });
}

/**
 * The text without the words that ask about a body ("formed", "merged"), for the out-of-scope rules: "which
 * CCGs formed West Yorkshire ICB?" is not a patient asking about forms, but "my mum in Leeds" stays personal.
 */
export function withoutAskWords(kb: KnowledgeBase, text: string): string {
  return cues(kb).asks.reduce((t, [, re]) => t.replace(re, ' '), text);
}

// The most places a message is read for: four, and the bodies of a list that shares a name's words.
const MOST_PLACES = 6;

/** Every place a message names, in order: each one read, then blanked, then the next. */
export function readPlaces(kb: KnowledgeBase, question: string): PlaceRead[] {
  const out: PlaceRead[] = [];
  let text = question;
  const blank = (at: number, length: number) =>
    `${text.slice(0, at)}${' '.repeat(length)}${text.slice(at + length)}`;
  for (let n = 0; n < 4 && out.length < MOST_PLACES; n++) {
    const place = readPlace(kb, text);
    const at = place ? text.indexOf(place.words) : -1;
    if (!place || at < 0) break;
    const listed = listedBefore(kb, text.slice(0, at), place);
    out.push(...listed.map((l) => l.read), place);
    text = blank(at, place.words.length);
    for (const l of listed) text = blank(l.at, l.read.words.length);
  }
  return out.slice(0, MOST_PLACES);
}

/** "North, Central and " before a name: words each standing for the name's first word. */
const LIST_BEFORE = /(?<![\p{L}\p{N}])((?:\p{L}+\s*,\s*)*\p{L}+)\s*,?\s+(?:and|&)\s+$/u;

/**
 * The bodies a list before a name stands for, each with the rest of the name's words: "North, Central and
 * South Manchester CCGs" are NHS North Manchester CCG and NHS Central Manchester CCG before NHS South
 * Manchester CCG. A listed word counts only where it makes a name of the same kind; the list stops at the
 * first that does not.
 */
function listedBefore(
  kb: KnowledgeBase,
  before: string,
  place: PlaceRead,
): { read: PlaceRead; at: number }[] {
  const ws = nameWords(place.words);
  const m = ws.length >= 2 && place.kind !== 'council' ? LIST_BEFORE.exec(before) : null;
  if (!m) return [];
  const out: { read: PlaceRead; at: number }[] = [];
  let at = m.index;
  for (const word of (m[1] as string).split(/\s*,\s*/u)) {
    const found = kb.places.find([word, ...ws.slice(1)].join(' ')).find((p) => p.kind === place.kind);
    if (!found) return [];
    at = before.indexOf(word, at);
    out.push({ read: { code: found.code, kind: found.kind, name: found.name, words: word }, at });
    at += word.length;
  }
  return out;
}

/** The kinds of body named in the text, each once, in the order checked; the text with them blanked. */
function kindsIn(kb: KnowledgeBase, text: string): { kinds: AskedKind[]; rest: string } {
  const kinds: AskedKind[] = [];
  let rest = text;
  for (const [kind, re] of cues(kb).kinds) {
    // Replaced only where found: a replace runs its pattern over the whole text again.
    if (rest.search(re) < 0) continue;
    kinds.push(kind);
    rest = rest.replace(re, ' ');
  }
  return { kinds, rest };
}

/** A place span's trailing body word ("Leeds ICB") names the kind asked when the place is another kind. */
function spanKind(kb: KnowledgeBase, place: PlaceRead): AskedKind | undefined {
  const last = normalise(place.words).split(' ').at(-1) ?? '';
  const { kinds } = kindsIn(kb, last);
  return kinds.find((k) => k !== place.kind);
}

/** A count of bodies ("the three Manchester CCGs", "the 2 ICBs"): a number word or a one- or two-digit figure. */
const COUNT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${NUMBER_WORDS.filter(Boolean).join('|')}|\\d{1,2})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Words left that name something the topics know: the message asks about a service, not a body. */
function namesAService(kb: KnowledgeBase, rest: string): boolean {
  const prepared = prepare(kb);
  return toTerms(rest, prepared).some((t) => prepared.postings.has(t));
}

/** The months' names, long and short ("april", "apr"), from the calendar rather than a list. */
const MONTHS = (() => {
  const names = (month: 'long' | 'short') =>
    Array.from({ length: 12 }, (_, m) =>
      new Intl.DateTimeFormat('en-GB', { month, timeZone: 'UTC' }).format(Date.UTC(2001, m, 1)).toLowerCase(),
    );
  return new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${[...names('long'), ...names('short')].join('|')})(?![\\p{L}\\p{N}])`,
    'gu',
  );
})();

/** An opening "ICB comms team here," or "Leeds GP here -": who asks, not what. */
const withoutAsker = (text: string) => text.replace(/^\s*(?:[\p{L}\p{N}'&]+\s+){1,4}here\b[\s,.:;!-]*/u, '');

/**
 * The words of a text left once the places, dates, kinds of body, who is placed, the ask's own words, filler
 * and words of asking which are taken out; the ask read (the longest cue, then the first kind of ask in
 * ASKS order: "took over from which" beats "took over from"), the kinds named, and whether it asks which.
 */
function rest(kb: KnowledgeBase, r: Read, places: PlaceRead[], from: string) {
  const placeless = places.reduce((t, p) => withoutPlace(t, p), from);
  // A month alone ("merged in April?") is no date read, but says when, never which service.
  let text = withoutDates(placeless, r.today, kb).replace(MONTHS, ' ');
  const found = kindsIn(kb, text);
  text = withoutLocated(kb, found.rest);
  // A cue of several words that holds a date's word ("what's it called now") is read before the dates go.
  const ask = longestAsk(kb, text) ?? longestAsk(kb, placeless, (cue) => cue.includes(' '));
  if (cues(kb).anyAsk.test(text)) for (const [, re] of cues(kb).asks) text = text.replace(re, ' ');
  // Filler first: "our practice" is filler, though "our" alone asks which.
  text = text.replace(cues(kb).filler, ' ');
  const which = cues(kb).which;
  const asksWhich = text.search(which) >= 0;
  if (asksWhich) text = text.replace(which, ' ');
  // With a kind of body named, a count counts bodies, not a service's word ("three" is in a topic's words).
  if (found.kinds.length) text = text.replace(COUNT, ' ');
  return { text, ask, found, asksWhich };
}

/** The kind of ask of the longest cue in a text (then the first in ASKS order), of the cues that pass `keep`. */
function longestAsk(
  kb: KnowledgeBase,
  text: string,
  keep: (cue: string) => boolean = () => true,
): AskKind | undefined {
  let ask: AskKind | undefined;
  let longest = 0;
  if (!cues(kb).anyAsk.test(text)) return undefined;
  for (const [name, re] of cues(kb).asks)
    for (const m of text.matchAll(re))
      if (keep(m[0]) && m[0].length > longest) {
        longest = m[0].length;
        ask = name;
      }
  return ask;
}

/** Whether the message asks "which <kind> covers <place>" of a place it names. */
function whichKindOf(kb: KnowledgeBase, r: Read, places: PlaceRead[]): boolean {
  // A pattern per place is built only where "which <kind> covers" is asked at all (few messages).
  if (!cues(kb).whichKindAnywhere.test(r.text)) return false;
  return places.some((p) => {
    const ws = normalise(p.words).split(' ').filter(Boolean);
    if (!ws.length) return false;
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])${cues(kb).whichKind}${ws.join('\\s+')}(?![\\p{L}\\p{N}])`,
      'u',
    );
    return re.test(r.text);
  });
}

/** A dash or colon between words: where a long message turns from who asks to what ("MP caseworker: which …?"). */
const TURN = /\s+[-–—]+\s+|:\s+/gu;

/** A message read in clauses split at each turn too: "Constituent refused IVF in 2019 - which CCG?" asks only the last. */
export const readTurns = (kb: KnowledgeBase, text: string) => readMessage(text.replace(TURN, '. '), kb);

/**
 * The clauses that ask, split at dashes and colons as well as sentences, without an opening "… here". A
 * clause that refers back ("… on the performers list - is that the ICB now?") asks about the one before it
 * too. A clause that asks only by its question mark and names no kind of body ("Someone said Frimley?"
 * after "which ICB covers us?") offers a guess: its words ("school gate") name no service asked about.
 */
function askingClauses(kb: KnowledgeBase, r: Read, places: PlaceRead[]): string {
  const clauses = readTurns(kb, r.text).clauses;
  const asking = clauses.flatMap((c, i) => {
    const before = clauses[i - 1];
    if (!c.asks) return [];
    // "… specialised services - ICB or NHSE?": bodies offered as the answer are about the part before too.
    const back = c.shaped || REFERRING.test(c.text);
    return before && !before.asks && back ? [{ ...c, text: `${before.text} ${c.text}` }] : [c];
  });
  const guess = (c: Clause) => {
    const read = rest(kb, r, places, c.text);
    return c.strength === 0 && read.found.kinds.length === 0 && !read.ask;
  };
  const kept = asking.some((c) => !guess(c)) ? asking.filter((c) => !guess(c)) : asking;
  return kept.map((c) => withoutAsker(c.text)).join(' ') || r.text;
}

/**
 * What the clauses that ask say, read as they stand; where that names a service, read again in the parts after
 * a dash or colon (askingClauses), if those ask on their own (a cue or a word asking which) and name none.
 */
function askingRest(kb: KnowledgeBase, r: Read, places: PlaceRead[]) {
  const plain = rest(kb, r, places, withoutAsker(r.message.asking) || r.text);
  if (!namesAService(kb, plain.text)) return plain;
  const turned = rest(kb, r, places, askingClauses(kb, r, places));
  return (turned.ask || turned.asksWhich) && !namesAService(kb, turned.text) ? turned : plain;
}

/**
 * The places the asking clauses name, where they name some and a sentence of context names others: in
 * "Which ICB are Glossop practices under? … it's so close to Manchester", Manchester is not asked about.
 */
function askedPlaces(r: Read, read: PlaceRead[]): PlaceRead[] {
  if (read.length < 2) return read;
  const asked = read.filter((p) => r.message.asking.includes(normalise(p.words)));
  return asked.length > 0 ? asked : read;
}

/**
 * What the message asks about a local body, or undefined when it asks something else. A follow-up ("and in
 * 2019?") that asks nothing of its own and names no service asks `carried`, the last question's ask.
 */
export function readPlaceAsk(
  kb: KnowledgeBase,
  r: Read,
  carried?: Pick<PlaceAsk, 'ask' | 'kind'>,
): PlaceAsk | undefined {
  if (!kb.reading.placeAsks) return undefined;
  const read = r.place ? askedPlaces(r, readPlaces(kb, r.question)) : [];
  // A place carried from the last question is not in this message's words.
  const places = read.length === 0 && r.place ? [r.place] : read;
  const first = places[0];
  if (!first) return undefined;
  const whole = rest(kb, r, places, r.text);
  // Where the clauses that ask name a kind of body or ask about one, only they say what is asked: "our
  // contract letters still say …" is context. An opening "ICB comms team here" says who asks. Otherwise
  // ("Devon, one of the specialised services … who commissions it now?") the context's service counts.
  const asking = askingRest(kb, r, places);
  const aboutBody = asking.found.kinds.length > 0 || !!asking.ask;
  const said = aboutBody ? asking.text : whole.text;
  if (namesAService(kb, said) && !whichKindOf(kb, r, places)) return undefined;
  const found = whole.found;
  // What the asking clauses ask beats a cue in the context ("used to be at Herts ICB - when did it merge?").
  let ask = asking.ask ?? whole.ask;
  // "Is Wakefield covered by West Yorkshire ICB?": a second place of another kind names the kind asked.
  const kind =
    found.kinds[0] ?? spanKind(kb, first) ?? places.slice(1).find((p) => p.kind !== first.kind)?.kind;
  // "Which CCG or CCGs covered High Peak?" asks which, whatever else the message says.
  if (whichKindOf(kb, r, places)) ask = 'which';
  const asksWhich = whole.asksWhich;
  if (!ask && kind && (asksWhich || toTerms(said, prepare(kb)).length === 0)) ask = 'which';
  // "Which CCGs formed West Yorkshire ICB?": a start asked with a kind named outside the place asks what
  // formed it ("which year was Essex ICB formed?" names none).
  if (ask === 'started' && asksWhich && found.kinds.length > 0) ask = 'formedFrom';
  if (!ask && carried) return { ask: carried.ask, kind: kind ?? carried.kind, places };
  return ask ? { ask, kind, places } : undefined;
}
