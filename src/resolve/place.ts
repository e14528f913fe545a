import type { KnowledgeBase } from '../knowledge/model.js';
import { type Place, type PlaceKind, type PlaceName, normalise as placeNormalise } from '../places/places.js';
import { editDistance } from './distance.js';
import { prepare } from './index.js';
import { lastFew, perKnowledge, phraseAlternation } from './memo.js';
import { normalise, stem } from './normalise.js';
import { postcodeAt } from './place-postcode.js';

/** A place named in a message: which one, and the words it was read from (as written). */
export interface PlaceRead {
  code: string;
  kind: PlaceKind;
  name: string;
  /** The words as written in the message ("Leeds ICB", "E08000035", "LS6 1AA"). */
  words: string;
  /** A word read through a slip or a clipping ("Kings Lyn"): as written, and the name's word it was read as. */
  fuzzy?: Fuzzy;
  /** Read from a postcode: its outward code ("LS6"); see place-postcode.ts. */
  postcode?: string;
  /** A postcode district split between councils: each council's code (`code` is the first). */
  councils?: string[];
  /** Read from an ODS or ONS code: the code as written ("06L"). */
  byCode?: string;
  /** Read from a town's name (towns.csv) as the council it lies in: the town ("Ilkeston"). */
  town?: string;
}

export interface Fuzzy {
  written: string;
  read: string;
}

interface Token {
  /** Lower case. */
  word: string;
  raw: string;
  start: number;
  end: number;
  /** What the knowledge base `readBy` says of the word (see `readOf`), worked out on first use. */
  read?: WordRead | undefined;
  readBy?: KnowledgeBase | undefined;
}

/** What a written word is to the place names: the names' words it stands for, and whether it is everyday. */
interface WordRead {
  /** Itself, the word its short name stands for, linking words it may be, the name's word it is a slip of. */
  nameWords: readonly string[];
  everyday: boolean;
}

// A name that is a council, an ICB and a CCG ("Leeds") is read as the council: people name their area.
const KIND_ORDER: PlaceKind[] = ['council', 'icb', 'ccg', 'sub-icb', 'region'];

/** A name's words as the message's tokens are read: "&" is the word "and" ("B&NES" is "b and nes"). */
export const nameWords = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}]+|&/gu) ?? []).map(andWord);
const andWord = (w: string) => (w === '&' ? 'and' : w);

/** The place names by their first word, each as its words, longest first: built once per knowledge base. */
const nameIndex = perKnowledge((kb) => {
  const byFirst = new Map<string, string[][]>();
  const add = (ws: string[]) => {
    const list = byFirst.get(ws[0] as string) ?? [];
    if (!list.some((l) => l.join(' ') === ws.join(' '))) list.push(ws);
    byFirst.set(ws[0] as string, list);
  };
  const notTowns = new Set(kb.reading.notTowns.map(placeNormalise));
  for (const n of kb.places.names())
    if (!(n.town && notTowns.has(n.normalised))) add(n.normalised.split(' '));
  // Short names people use ("herts"), each read as the name it stands for.
  const aliases = new Map<string, string>();
  // A one-word short name for a one-word name also stands for that word inside a longer name: "Herts and
  // West Essex ICB" is NHS Hertfordshire and West Essex ICB, not Hertfordshire then West Essex.
  const wordFor = new Map<string, string>();
  for (const [short, name] of Object.entries(kb.reading.placeNames)) {
    const ws = nameWords(short);
    if (!ws.length) continue;
    aliases.set(ws.join(' '), name);
    add(ws);
    const full = nameWords(name);
    if (ws.length === 1 && full.length === 1) wordFor.set(ws[0] as string, full[0] as string);
    // A short name for a longer name stands for it inside other names too: "Hampshire and IOW ICB".
    if (full.length > 1) for (const [variant, whole] of within(kb, full, ws)) aliases.set(variant, whole);
  }
  for (const variant of aliases.keys()) add(variant.split(' '));
  const acronyms = acronymIndex(kb, aliases);
  for (const [variant, whole] of acronyms) {
    aliases.set(variant, whole);
    add(variant.split(' '));
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  const lower = (list: string[]) => new Set(list.map((c) => c.toLowerCase()));
  return {
    byFirst,
    bySecond: bySecondWord(byFirst),
    aliases,
    wordFor,
    acronyms: new Set(acronyms.keys()),
    cues: lower(kb.reading.placeCues),
    cuesThe: lower(kb.reading.placeCuesThe),
    after: lower(kb.reading.placeAfter),
    // Who lives there also says where, after a name opening a sentence: "Redditch resident - …".
    locators: lower(kb.reading.placeLocators.after),
    townWords: new Set(kb.reading.townWords.map(placeNormalise)),
    // Suburbs' names, read only as written: no slip, clipping or loose word ("the lines" is not The Lings).
    suburbs: new Set(kb.places.names().flatMap((n) => (n.suburb ? [n.normalised] : []))),
    frameBefore: lower(kb.reading.placeFrames.before),
    frameAfter: kb.reading.placeFrames.after.map(nameWords).filter((ws) => ws.length > 0),
  };
});

// A first word that starts this many names or more ("nhs" 474, "north" 127) has them filed by second word.
const MANY_NAMES = 16;

/** Long lists of names sharing a first word (by the list), their positions by second word ("" for none). */
function bySecondWord(byFirst: Map<string, string[][]>): Map<string[][], Map<string, number[]>> {
  const out = new Map<string[][], Map<string, number[]>>();
  for (const list of byFirst.values()) {
    if (list.length < MANY_NAMES) continue;
    const groups = new Map<string, number[]>();
    list.forEach((ws, n) => {
      const key = ws[1] ?? '';
      groups.set(key, [...(groups.get(key) ?? []), n]);
    });
    out.set(list, groups);
  }
  return out;
}

/**
 * A one-word town name that is also an ordinary word ("Sale", "Street", "Wells": reading.yaml townWords, or a
 * word the knowledge uses) is read only capitalised after a place cue, not before a number: "a practice in
 * Sale", never "for sale" or "Street lighting".
 */
function townAsWord(ts: Token[], i: number, kb: KnowledgeBase): boolean | undefined {
  const t = ts[i] as Token;
  const index = nameIndex(kb);
  if (!kb.places.town(t.word) || !(index.townWords.has(t.word) || everyday(t.word, kb))) return undefined;
  return capitalisedAfterCue(ts, i, kb);
}

/** Capitalised after a place cue, not before a number: "a practice in Sale", not "Sale 2019". */
function capitalisedAfterCue(ts: Token[], i: number, kb: KnowledgeBase): boolean {
  const t = ts[i] as Token;
  const cue = i > 0 && nameIndex(kb).cues.has((ts[i - 1] as Token).word);
  return cue && CAPITAL.test(t.raw) && !DIGIT.test(ts[i + 1]?.word ?? '');
}

/** The names that hold `full` as words, each with `short` in its place: variant → the name it stands for. */
function within(kb: KnowledgeBase, full: string[], short: string[]): [string, string][] {
  const out: [string, string][] = [];
  const whole = ` ${full.join(' ')} `;
  for (const n of kb.places.names()) {
    const padded = ` ${n.normalised} `;
    if (padded === whole || !padded.includes(whole)) continue;
    out.push([padded.replace(whole, ` ${short.join(' ')} `).trim(), n.normalised]);
  }
  return out;
}

// Words no initial is taken from: "Cornwall and the Isles of Scilly" is CIOS.
const LINKS = new Set(['and', 'nhs', 'the']);

/**
 * The initials people write for an ICB ("NCL" for North Central London, "BNSSG", "HIOW", "LLR", "BOB",
 * "C&M") or a CCG ("VOY CCG"): the first letters of its name's words without "and"; of its listed parts
 * where it lists three or more ("Buckinghamshire, Oxfordshire and Berkshire West"); for an ICB named by two
 * one-word parts, "x and y" ("C&M"). Only initials that stand for one body of the kind are kept, and none
 * that is a word the knowledge uses, a place's name or a short name already. An ICB's initials stand alone
 * or before "ICB"; a CCG's only before "CCG", since short capitals are often something else ("CPR", "CSR").
 * Read only in capitals (src/resolve/place.ts placeOf).
 */
export function acronymIndex(kb: KnowledgeBase, taken: ReadonlyMap<string, string>): Map<string, string> {
  // By kind, each set of initials → the full names of the bodies they stand for (a body ONS recoded keeps
  // its name, so it counts once).
  const byKind = { icb: new Map<string, Set<string>>(), ccg: new Map<string, Set<string>>() };
  const full = (n: PlaceName) => / (Integrated Care Board|CCG)$/.test(n.name) && n.name.startsWith('NHS ');
  for (const kind of ['icb', 'ccg'] as const)
    for (const p of kb.places.names().filter((n) => n.kind === kind && full(n))) {
      const core = coreWords(p.name);
      if (!core) continue;
      for (const a of initials(core, p.name, kind)) {
        if (everyday(a.replaceAll(' ', ''), kb) || kb.places.find(a).length || taken.has(a)) continue;
        byKind[kind].set(a, (byKind[kind].get(a) ?? new Set()).add(p.normalised));
      }
    }
  const out = new Map<string, string>();
  for (const kind of ['ccg', 'icb'] as const)
    for (const [a, names] of byKind[kind]) {
      const [name] = names;
      if (names.size !== 1 || !name) continue;
      if (kind === 'icb') out.set(a, name);
      out.set(`${a} ${kind}`, name);
    }
  return out;
}

/**
 * Initials written with a linking word's in lower case ("HaRD" for Harrogate and Rural District, "HaWE"):
 * the casing marks them as initials, so they are read though they spell a word. Each stands for one body;
 * a CCG's only before "CCG", as other initials.
 */
const mixedInitials = perKnowledge((kb) => {
  const byKind = { icb: new Map<string, Set<string>>(), ccg: new Map<string, Set<string>>() };
  for (const kind of ['icb', 'ccg'] as const)
    for (const n of kb.places.names().filter((p) => p.kind === kind && p.name.startsWith('NHS '))) {
      const core = coreWords(n.name);
      if (!core || !core.some((w) => LINKS.has(w)) || core.some((w) => /^\d/.test(w))) continue;
      const a = core.map((w) => (LINKS.has(w) ? w[0] : w[0]?.toUpperCase())).join('');
      if (a.replace(/\p{Ll}/gu, '').length < 3) continue;
      byKind[kind].set(a, (byKind[kind].get(a) ?? new Set()).add(n.code));
    }
  const one = (m: Map<string, Set<string>>) =>
    new Map([...m].flatMap(([a, codes]) => (codes.size === 1 ? [[a, [...codes][0] as string]] : [])));
  return { icb: one(byKind.icb), ccg: one(byKind.ccg) };
});

function mixedInitialsAt(ts: Token[], i: number, kb: KnowledgeBase): Place | undefined {
  const t = ts[i] as Token;
  if (!LOWER.test(t.raw) || !TWO_CAPITALS.test(t.raw)) return undefined;
  const index = mixedInitials(kb);
  const icb = index.icb.get(t.raw);
  const ccg = ts[i + 1]?.word.startsWith('ccg') ? index.ccg.get(t.raw) : undefined;
  const code = icb ?? ccg;
  return code ? kb.places.get(code, { kind: icb ? 'icb' : 'ccg' }) : undefined;
}

/** A CCG or ICB's name without "NHS" and its kind's words: "north central london". */
function coreWords(name: string): string[] | undefined {
  const core = placeNormalise(name)
    .replace(/^nhs /, '')
    .replace(/ (integrated care board|icb|ccg|clinical commissioning group)$/, '');
  return core ? core.split(' ') : undefined;
}

function initials(core: string[], name: string, kind: 'icb' | 'ccg'): string[] {
  const out: string[] = [];
  const letters = core.filter((w) => !LINKS.has(w) && !/^\d/.test(w)).map((w) => w[0]);
  if (letters.length >= 3) out.push(letters.join(''));
  // Listed parts: split at commas and "and" as written.
  const parts = name
    .replace(/^NHS\s+/i, '')
    .replace(/\s+(Integrated Care Board|ICB|CCG)$/i, '')
    .split(/\s*,\s*|\s+and\s+|\s*&\s*/i)
    .filter(Boolean);
  if (parts.length >= 3) out.push(parts.map((p) => p[0]?.toLowerCase()).join(''));
  if (kind === 'icb' && parts.length === 2 && parts.every((p) => !/\s/.test(p)))
    out.push(parts.map((p) => p[0]?.toLowerCase()).join(' and '));
  return [...new Set(out)];
}

// Remembered for the last few texts: a resolve reads the same question for a place and for a council
// outside England (readPlace, readOutside). Callers only read the tokens, but for `read` (readOf).
const tokens = lastFew(4, (text: string): Token[] =>
  // "&" is read as "and", as names are: "Norfolk & Waveney ICB" is NHS Norfolk and Waveney ICB.
  [...text.matchAll(/[\p{L}\p{N}]+|&/gu)].map((m) => ({
    word: andWord(m[0].toLowerCase()),
    raw: m[0],
    start: m.index,
    end: m.index + m[0].length,
  })),
);

// Patterns of the per-word checks below, built once: a regex literal inside a function is a new object
// each time it runs, and these run for many words of every message.
const CAPITAL = /^\p{Lu}/u;
const SENTENCE_END = /(?:^|[.?!:;\n-])\s*$/u;
const NOT_SPACE = /[^\s]/u;
const SPACES = /^\s+$/u;
const BLANK = /^\s*$/u;
const DASH_OR_COLON = /^\s*[-–—:]/u;
const YEAR = /^(?:19|20)\d\d$/;
const GSS = /^[EW]\d{8}$/i;
const ODS = /^(?=.*\d)[0-9A-Z]{3,5}$|^Q[A-Z0-9]{2}$/;
// A code in any case, of letters and a figure ("06l"), read beside the word for a CCG or ICB.
const CODE_LIKE = /^(?=.*\d)(?=.*\p{L})[\p{L}\p{N}]{3,5}$/u;
// Initials written in mixed case ("BaNES"): a small letter and two capitals.
const LOWER = /\p{Ll}/u;
const TWO_CAPITALS = /\p{Lu}.*\p{Lu}/u;
const DIGIT = /\d/;
const KIND_WORD = / (icb|ccg)$/;

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
  // "on the wirral", "in the fylde": a place cue, then "the".
  if (i > 1 && ts[i - 1]?.word === 'the' && index.cuesThe.has(ts[i - 2]?.word ?? '')) return true;
  if (!CAPITAL.test(t.raw)) return heading(ts, i, text, kb);
  const sentenceStart = SENTENCE_END.test(text.slice(0, t.start));
  if (!sentenceStart) return true;
  // Heading the message, as in lower case: "MK health visitors - …", but not "Reading the guidance".
  if (i === 0 && heading(ts, i, text, kb)) return true;
  const next = ts[i + 1];
  if (!next || NOT_SPACE.test(text.slice(t.end, next.start))) return true;
  if (index.after.has(next.word) || index.locators.has(next.word)) return true;
  // A year after it places it in time, as people place an area: "Hartlepool 2019", "Babergh in 2019".
  if (YEAR.test(ts[i + 1]?.word ?? '') || (next.word === 'in' && YEAR.test(ts[i + 2]?.word ?? '')))
    return true;
  // "Southwark practice here", "Leeds GP here": a place word one word on says where too.
  const then = ts[i + 2];
  return !!then && SPACES.test(text.slice(next.end, then.start)) && index.after.has(then.word);
}

/**
 * A name in lower case that heads the message ("ealing - which ICB now?", "maldon icb now?", "droitwich
 * health visitors in 2019 …"), or stands between the words of reading.yaml placeFrames ("what ICB is alnwick
 * in"), reads as a place unless it is an everyday word ("bath - …") or a town's name that is one (townWords).
 */
function heading(ts: Token[], i: number, text: string, kb: KnowledgeBase): boolean {
  const t = ts[i] as Token;
  // A short name of reading.yaml placeNames is a name, though its place's words are in the vocabulary.
  const short = nameIndex(kb).aliases.has(t.word);
  if ((everyday(t.word, kb) && !short) || nameIndex(kb).townWords.has(t.word)) return false;
  if (framed(ts, i, kb)) return true;
  if (i !== 0 || !BLANK.test(text.slice(0, t.start))) return false;
  // Set off by a dash or colon, or the word for a CCG or ICB; else before a word the knowledge uses or a
  // year ("droitwich health visitors", "guildford borough 2023"), not one such as "the" ("reading the
  // guidance …") or a word it never uses ("Angus asked me …").
  const next = ts[i + 1];
  if (DASH_OR_COLON.test(text.slice(t.end)) || kindWord(next, kb) || !next) return true;
  return !stopWord(next.word, kb) && (prepare(kb).vocabulary.has(next.word) || /\d/u.test(next.word));
}

const stopWord = (word: string, kb: KnowledgeBase) => prepare(kb).stop.has(stem(word));

/** Whether token i stands between the words of a frame ("is alnwick in", "was waverley borough under"). */
function framed(ts: Token[], i: number, kb: KnowledgeBase): boolean {
  const index = nameIndex(kb);
  if (i === 0 || !index.frameBefore.has((ts[i - 1] as Token).word)) return false;
  const from = index.after.has(ts[i + 1]?.word ?? '') ? i + 2 : i + 1;
  return index.frameAfter.some((ws) => ws.every((w, k) => ts[from + k]?.word === w));
}

/**
 * A code as written: an ONS (GSS) code, or an ODS code in capitals that is not a word the knowledge uses; in
 * lower case too beside the word for a CCG or ICB ("ccg 06l"), where it holds a figure.
 */
function codeAt(ts: Token[], i: number, kb: KnowledgeBase): Place | undefined {
  const t = ts[i] as Token;
  const gss = GSS.test(t.raw);
  const capitals = ODS.test(t.raw);
  const beside = CODE_LIKE.test(t.raw) && !!(kindBefore(ts, i, kb) || kindWord(ts[i + 1], kb));
  const ods = (capitals || beside) && !everyday(t.word, kb);
  return gss || ods ? pick(kb.places.find(t.raw.toUpperCase())) : undefined;
}

/** The word for a CCG, ICB or sub-ICB location ("CCG", "ICB"), from the bodies' own short names. */
const kindWords = perKnowledge((kb) => {
  const names = ['ccg', 'icb'].flatMap((id) => {
    const b = kb.bodies.get(id);
    return b ? [b.short ?? '', ...b.aliases] : [];
  });
  return new Set([...names.map((n) => n.toLowerCase()).filter((n) => /^[\p{L}-]+$/u.test(n)), 'sub-icb']);
});

const kindWord = (t: Token | undefined, kb: KnowledgeBase) => !!t && kindWords(kb).has(t.word);

/** The word for a body's kind just before token i ("CCG 06L"): it says what the code is. */
const kindBefore = (ts: Token[], i: number, kb: KnowledgeBase) => {
  const before = ts[i - 1];
  return i > 0 && kindWord(before, kb) ? before : undefined;
};

function pick(found: Place[]): Place | undefined {
  return [...found].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))[0];
}

// Typo tolerance: one slip (Damerau-Levenshtein 1) in a place-name word of this many letters or more.
const TYPO_MIN_NAME = 6;

/** Place-name words long enough to forgive a slip in, by first letter (a slip rarely hits the first). */
const slipIndex = perKnowledge((kb) => {
  const byFirst = new Map<string, Set<string>>();
  // A suburb's name is read as written only: thousands of them would make most slips fit two places.
  for (const n of kb.places.names())
    if (!n.suburb)
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
  // Asked once per name that might start at a word ("NHS …" starts hundreds): remembered, within a bound.
  const memo = slipMemo(kb);
  if (memo.has(word)) return memo.get(word);
  if (memo.size >= SLIP_MEMO_SIZE) memo.clear();
  const found = nearestPlaceWord(word, kb);
  memo.set(word, found);
  return found;
}

const SLIP_MEMO_SIZE = 5000;
const slipMemo = perKnowledge(() => new Map<string, string | undefined>());

function nearestPlaceWord(word: string, kb: KnowledgeBase): string | undefined {
  const words = [...(slipIndex(kb).get(word[0] as string) ?? [])];
  const near = words.filter((w) => Math.abs(w.length - word.length) <= 1 && editDistance(word, w, 1) <= 1);
  if (near.length) return near.length === 1 ? near[0] : undefined;
  const clipped = words.filter((w) => clipOf(word, w));
  return clipped.length === 1 ? clipped[0] : undefined;
}

// A clipped name keeps most of its letters and seven at least: "peterboro", "scarboro"; never a short stem
// that is a word of its own ("in bright sunshine" is not Brighton).
const CLIP_SHARE = 0.7;
const CLIP_LETTERS = 7;

/** Whether a written word is a name's word cut short ("peterboro" for "peterborough"). */
const clipOf = (word: string, name: string) =>
  word.length >= CLIP_LETTERS &&
  name.length >= word.length + 2 &&
  name.startsWith(word) &&
  word.length >= CLIP_SHARE * name.length;

/**
 * Whether a written token is a name's word by a looser match, allowed for one word of a name of two words
 * or more whose others are exact: one slip in a word of four letters or more ("Kings Lyn"), or a clipping.
 */
const looseWord = (t: Token | undefined, w: string, kb: KnowledgeBase) =>
  !!t &&
  w.length >= 4 &&
  !DIGIT.test(w) &&
  !readOf(t, kb).everyday &&
  (clipOf(t.word, w) || (Math.abs(w.length - t.word.length) <= 1 && editDistance(t.word, w, 1) <= 1));

/**
 * Whether a written token is a name's word: exactly, by its short name ("herts"), as a linking word written
 * short ("u" in "Newcastle-u-Lyme"), or one slip from it.
 */
const isWord = (t: Token | undefined, w: string, kb: KnowledgeBase) =>
  !!t && readOf(t, kb).nameWords.includes(w);

/**
 * A token's word as the place names read it, worked out once per token (and knowledge base), not once per
 * name tried: "nhs" starts hundreds of names, and each of their words is checked against the next tokens.
 */
function readOf(t: Token, kb: KnowledgeBase): WordRead {
  if (t.read && t.readBy === kb) return t.read;
  const nameWords = [t.word];
  const short = nameIndex(kb).wordFor.get(t.word);
  if (short !== undefined) nameWords.push(short);
  // Own keys only: a message word such as "constructor" must not find Object's prototype.
  if (Object.hasOwn(kb.reading.placeNameLinks, t.word))
    nameWords.push(...(kb.reading.placeNameLinks[t.word] ?? []));
  // A slip is forgiven only into a name's word of TYPO_MIN_NAME letters or more.
  const slip = placeWordFor(t.word, kb);
  if (slip !== undefined && slip.length >= TYPO_MIN_NAME) nameWords.push(slip);
  t.read = { nameWords, everyday: everyday(t.word, kb) };
  t.readBy = kb;
  return t.read;
}

/** The names that may start at a word: its own, and those of the word a short name stands for. */
function namesFrom(word: string, kb: KnowledgeBase): string[][] | undefined {
  const index = nameIndex(kb);
  const own = index.byFirst.get(word);
  const full = index.wordFor.get(word);
  if (!full) return own;
  return [...(own ?? []), ...(index.byFirst.get(full) ?? [])].sort((a, b) => b.length - a.length);
}

/**
 * The longest place name starting at token i, as its places, and how many tokens it takes. Plain loops,
 * no closure or array per candidate: a first word such as "nhs" starts hundreds of names, every message.
 */
function nameAt(ts: Token[], i: number, text: string, kb: KnowledgeBase) {
  const first = ts[i] as Token;
  const exact = namesFrom(first.word, kb);
  const fixed = exact ? undefined : placeWordFor(first.word, kb);
  // A name read through a slip in its first word must be written as a place ("in Shropshre", "Wiltshre").
  if (fixed && !writtenAsPlace(ts, i, text, kb)) return undefined;
  const candidates = viable(ts, i, exact ?? nameIndex(kb).byFirst.get(fixed ?? '') ?? [], kb);
  const suburbs = nameIndex(kb).suburbs;
  for (const ws of candidates) {
    if (missedWords(ts, i, ws, kb, 0) !== 0) continue;
    const fuzzy = fuzzyIn(ts, i, ws, kb);
    if (fuzzy && suburbs.has(ws.join(' '))) continue;
    const found = placeOf(ts, i, ws, text, kb);
    if (found) return { ...found, fuzzy };
  }
  if (fixed) return undefined;
  // A name of two words or more with one word loosely written, where written as a place ("Kings Lyn").
  if (writtenAsPlace(ts, i, text, kb))
    for (const ws of candidates) {
      if (ws.length < 2 || suburbs.has(ws.join(' ')) || missedWords(ts, i, ws, kb, 1) !== 1) continue;
      const found = placeOf(ts, i, ws, text, kb);
      if (found) return { ...found, fuzzy: fuzzyIn(ts, i, ws, kb) };
    }
  return realWordSlip(ts, i, candidates, text, kb);
}

/**
 * The names of a long list (bySecondWord) that could be read at token i at all, in the list's order: those
 * of one word, and those whose second word the next token is, or is loosely (looseWord) or by one slip
 * (slipOf), which is what each pass of nameAt and realWordSlip asks of it. Every other name fails every
 * pass, so the reading is the same; the next token is checked once per second word, not once per name.
 */
function viable(ts: Token[], i: number, list: string[][], kb: KnowledgeBase): string[][] {
  const groups = nameIndex(kb).bySecond.get(list);
  if (!groups) return list;
  const next = ts[i + 1];
  const at: number[] = [];
  for (const [second, ns] of groups) {
    const fits =
      second === '' ||
      (!!next && (isWord(next, second, kb) || looseWord(next, second, kb) || slipOf(next.word, second, kb)));
    if (fits) at.push(...ns);
  }
  return at.sort((a, b) => a - b).map((n) => list[n] as string[]);
}

// A slip into another real word is forgiven only in a name of this many words or more, its others as written.
const REAL_SLIP_WORDS = 3;

/**
 * A name of three words or more written exactly but for one later word, one slip away even where that slip
 * makes another real word ("isle of white"): the name's other words say which place it is. Only where
 * the names that fit are one place, so look-alike phrases of ordinary words read as nothing.
 */
function realWordSlip(ts: Token[], i: number, candidates: string[][], text: string, kb: KnowledgeBase) {
  const suburbs = nameIndex(kb).suburbs;
  const fits = candidates.filter((ws) => !suburbs.has(ws.join(' ')) && laterSlip(ts, i, ws, kb));
  // Names that fit are one place or none: "vale of yolk ccg" fits "vale of york ccg" and "vale of york".
  const found = fits.flatMap((ws) => {
    const f = placeOf(ts, i, ws, text, kb);
    return f ? [{ ...f, fuzzy: fuzzyIn(ts, i, ws, kb) }] : [];
  });
  return new Set(found.map((f) => f.place.code)).size === 1 ? found[0] : undefined;
}

/**
 * Whether a name of REAL_SLIP_WORDS words or more is written at token i exactly but for one word after its
 * first, and that word by one slip (slipOf). A plain loop: this runs for every name a first word starts.
 */
function laterSlip(ts: Token[], i: number, ws: string[], kb: KnowledgeBase): boolean {
  if (ws.length < REAL_SLIP_WORDS) return false;
  let miss = -1;
  for (let k = 0; k < ws.length; k++) {
    if (isWord(ts[i + k], ws[k] as string, kb)) continue;
    if (miss >= 0) return false;
    miss = k;
  }
  const t = ts[i + miss];
  return miss > 0 && !!t && slipOf(t.word, ws[miss] as string, kb);
}

/**
 * Whether a written word is a name's word of four letters or more by one slip (not in the first letter), or
 * sounds like it (reading.yaml placeSounds): "white" for "wight".
 */
const slipOf = (written: string, w: string, kb: KnowledgeBase) =>
  w.length >= 4 &&
  !DIGIT.test(w) &&
  written[0] === w[0] &&
  ((Math.abs(w.length - written.length) <= 1 && editDistance(written, w, 1) <= 1) ||
    soundOf(written, kb) === soundOf(w, kb));

/** The spellings that sound alike as one pattern, longest first, and what each sounds like. */
const sounds = perKnowledge((kb) => {
  const map = new Map(Object.entries(kb.reading.placeSounds).map(([k, v]) => [k.toLowerCase(), v]));
  const keys = [...map.keys()].sort((a, b) => b.length - a.length);
  return {
    map,
    re: keys.length ? new RegExp(keys.map((k) => k.replace(/[^\p{L}]/gu, '')).join('|'), 'gu') : undefined,
  };
});

/** How a word sounds, roughly: alike spellings made one, a final "e" and doubled letters dropped. */
function soundOf(word: string, kb: KnowledgeBase): string {
  const { map, re } = sounds(kb);
  const alike = re ? word.replace(re, (m) => map.get(m) ?? m) : word;
  return alike.replace(/(.)\1+/gu, '$1').replace(/(?<=..)e$/u, '');
}

/**
 * How many of a name's words at token i are not the name's word (isWord) but loosely written (looseWord);
 * -1 as soon as one is neither or more than `allowed` are loose, so most candidates stop at a word.
 */
function missedWords(ts: Token[], i: number, ws: string[], kb: KnowledgeBase, allowed: number): number {
  let misses = 0;
  for (let k = 0; k < ws.length; k++) {
    const w = ws[k] as string;
    if (isWord(ts[i + k], w, kb)) continue;
    if (++misses > allowed || !looseWord(ts[i + k], w, kb)) return -1;
  }
  return misses;
}

/** The first of a name's words written otherwise than as the word or a short name for it, if any. */
function fuzzyIn(ts: Token[], i: number, ws: string[], kb: KnowledgeBase): Fuzzy | undefined {
  const k = ws.findIndex(
    (w, n) => ts[i + n]?.word !== w && nameIndex(kb).wordFor.get(ts[i + n]?.word ?? '') !== w,
  );
  const t = ts[i + k];
  return k >= 0 && t ? { written: t.raw, read: ws[k] as string } : undefined;
}

/** The place a name's words at token i stand for, if written as one: initials only in capitals ("NCL"). */
function placeOf(ts: Token[], i: number, ws: string[], text: string, kb: KnowledgeBase) {
  const key = ws.join(' ');
  const index = nameIndex(kb);
  // Initials in capitals are written as a name wherever they stand ("HIOW still going?").
  const initials = index.acronyms.has(key);
  if (initials) {
    const letters = ts.slice(i, i + ws.length - (KIND_WORD.test(key) ? 1 : 0));
    if (!letters.every((t) => t.raw === '&' || t.raw === t.raw.toUpperCase())) return undefined;
  } else if (ws.length === 1 && !(townAsWord(ts, i, kb) ?? writtenAsPlace(ts, i, text, kb))) return undefined;
  const target = index.aliases.get(key) ?? key;
  const place = pick(kb.places.find(target));
  const town = kb.places.town(target)?.name;
  return place ? { place, length: ws.length, ...(town ? { town } : {}) } : undefined;
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
    const code = codeAt(ts, i, kb) ?? mixedInitialsAt(ts, i, kb);
    const named: { place: Place; length: number; fuzzy?: Fuzzy | undefined; town?: string } | undefined = code
      ? { place: code, length: 1 }
      : nameAt(ts, i, text, kb);
    if (!named) continue;
    // "Leeds ICB here", "Wiltshire council": the body word after the name is part of saying where.
    const after = ts[i + named.length];
    const more =
      after &&
      nameIndex(kb).after.has(after.word) &&
      SPACES.test(text.slice(ts[i + named.length - 1]?.end, after.start));
    const last = ts[i + named.length - (more ? 0 : 1)] as Token;
    const { code: c, kind, name } = named.place;
    // "CCG 06L": the word for the kind before a code is part of saying which body.
    const first = (code && kindBefore(ts, i, kb)) || t;
    const byCode = code && codeAt(ts, i, kb) ? { byCode: t.raw } : {};
    const words = text.slice(first.start, last.end);
    return {
      code: c,
      kind,
      name,
      words,
      ...(named.fuzzy ? { fuzzy: named.fuzzy } : {}),
      ...(named.town ? { town: named.town } : {}),
      ...byCode,
    };
  }
  return undefined;
}

/**
 * Other places the words read through a slip or clipping may have meant ("another reading is close"):
 * names whose other words are the span's own and whose word in the loose one's place is no farther from
 * what was written than the word read plus one edit (a clipping: two edits).
 */
export function rivalPlaces(kb: KnowledgeBase, read: PlaceRead): string[] {
  const fuzzy = read.fuzzy;
  if (!fuzzy) return [];
  const written = fuzzy.written.toLowerCase();
  const ws = nameWords(read.words);
  const at = ws.indexOf(written);
  const reach = clipOf(written, fuzzy.read) ? 2 : editDistance(written, fuzzy.read, 2) + 1;
  const close = (n: string[]) =>
    n.length > at &&
    n.every((w, k) =>
      k === at ? w !== fuzzy.read && editDistance(written, w, reach) <= reach : w === ws[k],
    );
  // A town's name is a rival only with as many words as were read: "nottinghan city" is not Cottingham.
  const found = kb.places
    .names()
    .filter(
      (n) =>
        n.code !== read.code &&
        !n.suburb &&
        close(n.normalised.split(' ')) &&
        (!n.town || n.normalised.split(' ').length === ws.length),
    );
  // Named as places of the kind read where there are any ("Luton", not also "NHS Luton CCG").
  const same = found.filter((n) => n.kind === read.kind);
  // A town is named as the town ("Alton"), not its council.
  const names = (same.length ? same : found).map((n) =>
    n.town ? n.name : (kb.places.get(n.code, { kind: n.kind })?.name ?? n.name),
  );
  return at < 0 ? [] : [...new Set(names)].slice(0, 3);
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
  return text.replace((kb ? placeWithLocators(kb) : placeAlone)(ws.join(' ')), ' ');
}

/**
 * The pattern for a place's words (joined by spaces) and, given locator words, the words around it: built
 * once for the last few places, not for every stretch of text a message is read in. Global, but only
 * used by `replace`, which starts from the beginning and leaves no position behind.
 */
function placeWordsPattern(words: string, around?: { before: string; after: string }): RegExp {
  // Normalised text writes "&" as "and": "B&NES" is "b and nes" there.
  const gap = '[^\\p{L}\\p{N}]+(?:and[^\\p{L}\\p{N}]+)?';
  const before = around ? `(?:(?:${around.before})\\s+(?:the\\s+)?)?` : '';
  const after = around ? `(?:\\s+(?:${around.after}))?` : '';
  return new RegExp(
    `(?<![\\p{L}\\p{N}])${before}${words.split(' ').join(gap)}${after}(?![\\p{L}\\p{N}])`,
    'gu',
  );
}

const placeAlone = lastFew(8, (words: string) => placeWordsPattern(words));
const placeWithLocators = perKnowledge((kb) =>
  lastFew(8, (words: string) => placeWordsPattern(words, locators(kb))),
);

/**
 * The names of councils and towns outside England by their first word, each as its words, longest first;
 * a town in reading.yaml notTowns is left out.
 */
const outsideIndex = perKnowledge((kb) => {
  const byFirst = new Map<string, { ws: string[]; name: string; nation: string; town: boolean }[]>();
  const notTowns = new Set(kb.reading.notTowns.map(placeNormalise));
  for (const n of kb.places.outsideNames()) {
    if (n.town && notTowns.has(n.normalised)) continue;
    const ws = n.normalised.split(' ');
    const list = byFirst.get(ws[0] as string) ?? [];
    list.push({ ws, name: n.name, nation: n.nation, town: !!n.town });
    byFirst.set(ws[0] as string, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.ws.length - a.ws.length);
  return byFirst;
});

/**
 * A council or town outside England named in a message ("in Aberdeen", "Cardiff practice here", "in
 * Dumfries"), read as an English place is (whole words; one word only where written as a place; a town's
 * one-word name that is an ordinary word or a person's, reading.yaml townWords, only capitalised after a
 * place cue: "a practice in Keith", not "Keith asked"), but with no slip forgiven: undefined when none. The
 * caller reads it only where no place in England is named.
 */
export function readOutside(
  kb: KnowledgeBase,
  text: string,
): { name: string; nation: string; words: string } | undefined {
  const ts = tokens(text);
  for (let i = 0; i < ts.length; i++) {
    for (const n of outsideIndex(kb).get((ts[i] as Token).word) ?? []) {
      if (!n.ws.every((w, k) => ts[i + k]?.word === w)) continue;
      if (n.ws.length === 1 && !outsideWordAsPlace(ts, i, text, kb, n.town)) continue;
      // A longer name in England starting there is that place: "newport pagnell" is in Milton Keynes.
      if ((nameAt(ts, i, text, kb)?.length ?? 0) > n.ws.length) continue;
      const last = ts[i + n.ws.length - 1] as Token;
      return { name: n.name, nation: n.nation, words: text.slice((ts[i] as Token).start, last.end) };
    }
  }
  return undefined;
}

/** Whether a one-word name outside England is written as a place; a town's that is a word, as townAsWord. */
function outsideWordAsPlace(ts: Token[], i: number, text: string, kb: KnowledgeBase, town: boolean): boolean {
  const word = (ts[i] as Token).word;
  if (town && (nameIndex(kb).townWords.has(word) || everyday(word, kb)))
    return capitalisedAfterCue(ts, i, kb);
  return writtenAsPlace(ts, i, text, kb);
}
