import type { KnowledgeBase } from '../knowledge/model.js';
import type { Place, PlaceKind } from '../places/places.js';
import { editDistance } from './distance.js';
import { prepare } from './index.js';
import { perKnowledge, phraseAlternation } from './memo.js';
import { normalise, stem } from './normalise.js';
import { postcodeAt } from './place-postcode.js';

/** A place named in a message: which one, and the words it was read from (as written). */
export interface PlaceRead {
  code: string;
  kind: PlaceKind;
  name: string;
  /** The words as written in the message ("Leeds ICB", "E08000035", "LS6 1AA"). */
  words: string;
  /** Read from a postcode: its outward code ("LS6"); see place-postcode.ts. */
  postcode?: string;
  /** A postcode district split between councils: each council's code (`code` is the first). */
  councils?: string[];
}

interface Token {
  /** Lower case. */
  word: string;
  raw: string;
  start: number;
  end: number;
}

// A name that is a council, an ICB and a CCG ("Leeds") is read as the council: people name their area.
const KIND_ORDER: PlaceKind[] = ['council', 'icb', 'ccg', 'sub-icb', 'region'];

/** The place names by their first word, each as its words, longest first: built once per knowledge base. */
const nameIndex = perKnowledge((kb) => {
  const byFirst = new Map<string, string[][]>();
  for (const n of kb.places.names()) {
    const ws = n.normalised.split(' ');
    const first = ws[0] as string;
    const list = byFirst.get(first) ?? [];
    if (!list.some((l) => l.join(' ') === n.normalised)) list.push(ws);
    byFirst.set(first, list);
  }
  // Short names people use ("herts"), each read as the name it stands for.
  const aliases = new Map<string, string>();
  // A one-word short name for a one-word name also stands for that word inside a longer name: "Herts and
  // West Essex ICB" is NHS Hertfordshire and West Essex ICB, not Hertfordshire then West Essex.
  const wordFor = new Map<string, string>();
  for (const [short, name] of Object.entries(kb.reading.placeNames)) {
    // Split as the message's words are ("B&NES" is "b", "nes").
    const ws = short.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    if (!ws.length) continue;
    aliases.set(ws.join(' '), name);
    byFirst.set(ws[0] as string, [...(byFirst.get(ws[0] as string) ?? []), ws]);
    const full = name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    if (ws.length === 1 && full.length === 1) wordFor.set(ws[0] as string, full[0] as string);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  const lower = (list: string[]) => new Set(list.map((c) => c.toLowerCase()));
  return {
    byFirst,
    aliases,
    wordFor,
    cues: lower(kb.reading.placeCues),
    after: lower(kb.reading.placeAfter),
  };
});

function tokens(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    word: m[0].toLowerCase(),
    raw: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** An everyday word the knowledge or ordinary wording uses ("reading", "bath" as in "bath aids"). */
function everyday(word: string, kb: KnowledgeBase): boolean {
  const prepared = prepare(kb);
  return prepared.vocabulary.has(word) || prepared.stop.has(stem(word)) || prepared.idf.has(stem(word));
}

/**
 * Whether a one-word name is written as a place: after a place cue ("in Bath"), or capitalised where a
 * sentence does not start ("… in Reading"), or opening a sentence capitalised and standing alone or
 * followed by a place word ("Leeds here", "Wiltshire, …"), but not "Reading the guidance, …".
 */
function writtenAsPlace(ts: Token[], i: number, text: string, kb: KnowledgeBase): boolean {
  const t = ts[i] as Token;
  const index = nameIndex(kb);
  if (i > 0 && index.cues.has((ts[i - 1] as Token).word)) return true;
  if (!/^\p{Lu}/u.test(t.raw)) return false;
  const sentenceStart = /(?:^|[.?!:;\n-])\s*$/u.test(text.slice(0, t.start));
  if (!sentenceStart) return true;
  const next = ts[i + 1];
  if (!next || /[^\s]/u.test(text.slice(t.end, next.start)) || index.after.has(next.word)) return true;
  // "Southwark practice here", "Leeds GP here": a place word one word on says where too.
  const then = ts[i + 2];
  return !!then && /^\s+$/u.test(text.slice(next.end, then.start)) && index.after.has(then.word);
}

/** A code as written: an ONS (GSS) code, or an ODS code in capitals that is not a word the knowledge uses. */
function codeAt(t: Token, kb: KnowledgeBase): Place | undefined {
  const gss = /^[EW]\d{8}$/i.test(t.raw);
  const ods = /^(?=.*\d)[0-9A-Z]{3,5}$|^Q[A-Z0-9]{2}$/.test(t.raw) && !everyday(t.word, kb);
  return gss || ods ? pick(kb.places.find(t.raw)) : undefined;
}

function pick(found: Place[]): Place | undefined {
  return [...found].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))[0];
}

// Typo tolerance: one slip (Damerau-Levenshtein 1) in a place-name word of this many letters or more.
const TYPO_MIN_NAME = 6;

/** Place-name words long enough to forgive a slip in, by first letter (a slip rarely hits the first). */
const slipIndex = perKnowledge((kb) => {
  const byFirst = new Map<string, Set<string>>();
  for (const n of kb.places.names())
    for (const w of n.normalised.split(' '))
      if (w.length >= TYPO_MIN_NAME && !/\d/.test(w))
        byFirst.set(w[0] as string, (byFirst.get(w[0] as string) ?? new Set()).add(w));
  return byFirst;
});

/**
 * The place-name word a written word is one slip from ("shropshre" → "shropshire"), if exactly one; never
 * for a word the reader knows ("wilts" or "ealing" as written, "reading", "bath") or a name itself.
 */
export function placeWordFor(word: string, kb: KnowledgeBase): string | undefined {
  if (word.length < TYPO_MIN_NAME - 1 || nameIndex(kb).byFirst.has(word) || everyday(word, kb))
    return undefined;
  const near = [...(slipIndex(kb).get(word[0] as string) ?? [])].filter(
    (w) => Math.abs(w.length - word.length) <= 1 && editDistance(word, w, 1) <= 1,
  );
  return near.length === 1 ? near[0] : undefined;
}

/** Whether a written token is a name's word: exactly, by its short name ("herts"), or one slip from it. */
const isWord = (t: Token | undefined, w: string, kb: KnowledgeBase) =>
  !!t &&
  (t.word === w ||
    nameIndex(kb).wordFor.get(t.word) === w ||
    (w.length >= TYPO_MIN_NAME && placeWordFor(t.word, kb) === w));

/** The names that may start at a word: its own, and those of the word a short name stands for. */
function namesFrom(word: string, kb: KnowledgeBase): string[][] | undefined {
  const index = nameIndex(kb);
  const own = index.byFirst.get(word);
  const full = index.wordFor.get(word);
  if (!full) return own;
  return [...(own ?? []), ...(index.byFirst.get(full) ?? [])].sort((a, b) => b.length - a.length);
}

/** The longest place name starting at token i, as its places, and how many tokens it takes. */
function nameAt(ts: Token[], i: number, text: string, kb: KnowledgeBase) {
  const first = ts[i] as Token;
  const exact = namesFrom(first.word, kb);
  const fixed = exact ? undefined : placeWordFor(first.word, kb);
  // A name read through a slip in its first word must be written as a place ("in Shropshre", "Wiltshre").
  if (fixed && !writtenAsPlace(ts, i, text, kb)) return undefined;
  for (const ws of exact ?? nameIndex(kb).byFirst.get(fixed ?? '') ?? []) {
    if (!ws.every((w, k) => isWord(ts[i + k], w, kb))) continue;
    if (ws.length === 1 && !writtenAsPlace(ts, i, text, kb)) continue;
    const key = ws.join(' ');
    const place = pick(kb.places.find(nameIndex(kb).aliases.get(key) ?? key));
    if (place) return { place, length: ws.length };
  }
  return undefined;
}

/**
 * The first place a message names, read from the text as written (case tells "Reading" the town from
 * "reading"): whole words only, longest name first.
 */
export function readPlace(kb: KnowledgeBase, text: string): PlaceRead | undefined {
  const ts = tokens(text);
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] as Token;
    const postcode = postcodeAt(kb, text, t.start);
    if (postcode) return postcode.read;
    const code = codeAt(t, kb);
    const named = code ? { place: code, length: 1 } : nameAt(ts, i, text, kb);
    if (!named) continue;
    // "Leeds ICB here", "Wiltshire council": the body word after the name is part of saying where.
    const after = ts[i + named.length];
    const more =
      after &&
      nameIndex(kb).after.has(after.word) &&
      /^\s+$/u.test(text.slice(ts[i + named.length - 1]?.end, after.start));
    const last = ts[i + named.length - (more ? 0 : 1)] as Token;
    const { code: c, kind, name } = named.place;
    return { code: c, kind, name, words: text.slice(t.start, last.end) };
  }
  return undefined;
}

const locators = perKnowledge((kb) => {
  const alt = (list: string[]) => (list.length ? phraseAlternation(list.map(normalise)) : '(?!)');
  return { before: alt(kb.reading.placeLocators.before), after: alt(kb.reading.placeLocators.after) };
});

/**
 * Takes a place's words out of (normalised) text, so they never pull a topic; given the knowledge, the
 * words beside it that say who lives there too ("people living in Chelmsford", "Cheshire East residents").
 */
export function withoutPlace(text: string, place: PlaceRead | undefined, kb?: KnowledgeBase): string {
  if (!place) return text;
  const ws = place.words.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!ws.length) return text;
  // Normalised text writes "&" as "and": "B&NES" is "b and nes" there.
  const gap = '[^\\p{L}\\p{N}]+(?:and[^\\p{L}\\p{N}]+)?';
  const around = kb ? locators(kb) : undefined;
  const before = around ? `(?:(?:${around.before})\\s+(?:the\\s+)?)?` : '';
  const after = around ? `(?:\\s+(?:${around.after}))?` : '';
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${before}${ws.join(gap)}${after}(?![\\p{L}\\p{N}])`, 'gu');
  return text.replace(re, ' ');
}

/** The names of councils outside England by their first word, each as its words, longest first. */
const outsideIndex = perKnowledge((kb) => {
  const byFirst = new Map<string, { ws: string[]; name: string; nation: string }[]>();
  for (const n of kb.places.outsideNames()) {
    const ws = n.normalised.split(' ');
    const list = byFirst.get(ws[0] as string) ?? [];
    list.push({ ws, name: n.name, nation: n.nation });
    byFirst.set(ws[0] as string, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.ws.length - a.ws.length);
  return byFirst;
});

/**
 * A council outside England named in a message ("in Aberdeen", "Cardiff practice here"), read as an English
 * place is (whole words; one word only where written as a place), but with no slip forgiven: undefined when
 * none. The caller reads it only where no place in England is named.
 */
export function readOutside(
  kb: KnowledgeBase,
  text: string,
): { name: string; nation: string; words: string } | undefined {
  const ts = tokens(text);
  for (let i = 0; i < ts.length; i++) {
    for (const n of outsideIndex(kb).get((ts[i] as Token).word) ?? []) {
      if (!n.ws.every((w, k) => ts[i + k]?.word === w)) continue;
      if (n.ws.length === 1 && !writtenAsPlace(ts, i, text, kb)) continue;
      const last = ts[i + n.ws.length - 1] as Token;
      return { name: n.name, nation: n.nation, words: text.slice((ts[i] as Token).start, last.end) };
    }
  }
  return undefined;
}
