import type { KnowledgeBase } from '../knowledge/model.js';
import type { Topic } from '../schemas/topic.js';
import { MATCHER } from './config.js';
import { isCommonWord } from './english.js';
import { perKnowledge } from './memo.js';
import { normalise, stem, words } from './normalise.js';
import { buildPhraseIndex, type PhraseIndex } from './phrases.js';
import { buildTypoIndex, type TypoIndex } from './typo.js';

/** A topic reduced to what the matcher compares: stemmed terms (with field weight) and multi-word phrases. */
export interface TopicEntry {
  topic: Topic;
  terms: Map<string, number>;
  /** The title's terms: a question that names all of them names this topic. */
  titleTerms: string[];
  /** Conditions its answer depends on, e.g. "region". */
  conditions: Set<string>;
  phrases: string[][];
}

/** Everything derived from a knowledge base once, so answering a question does no set-up work. */
export interface Prepared {
  entries: TopicEntry[];
  /** term → the topics (entry indexes, ascending) that hold it, and the weight each gives it. */
  postings: Map<string, Posting>;
  /** Every entry's phrases by term, so ranking checks a phrase only when all its words matched. */
  phrases: PhraseIndex;
  idf: Map<string, number>;
  unknownIdf: number;
  stop: Set<string>;
  /** Stems of body names and condition phrases: they rarely tell topics apart. */
  incidental: Set<string>;
  /**
   * Every synonym variant by its first word (longest first), as words, and what it becomes: at each
   * word the longest variant that starts there is rewritten (one pattern of every variant did the same,
   * at several times the cost).
   */
  synonyms: Synonyms;
  /** How to spot each body in a question (by name or alias). */
  bodyPatterns: { id: string; re: RegExp }[];
  /** Every word (before stemming) the knowledge and the stop list use: what a typo is corrected towards. */
  vocabulary: Set<string>;
  /** Near-word lookup for typo correction: every vocabulary word within the edit budget of a misspelt one. */
  typos: TypoIndex;
  /** Vocabulary words by their letters without vowels ("hlth" → "health"); null where two words share one. */
  skeletons: Map<string, string | null>;
  typoCache: Map<string, string | null>;
}

type Rewriter = Pick<Prepared, 'synonyms' | 'stop'> & { correct?: (word: string) => string };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Synonyms {
  byFirst: Map<string, { variant: string[]; canonical: string[] }[]>;
}

/** Rewrites every synonym variant to its canonical form: at each word, the longest variant that starts there. */
function synonymWords(list: readonly string[], synonyms: Synonyms): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < list.length) {
    const found = synonyms.byFirst.get(list[i] as string)?.find(({ variant }) => startsAt(list, i, variant));
    if (found) {
      out.push(...found.canonical);
      i += found.variant.length;
    } else out.push(list[i++] as string);
  }
  return out;
}

function startsAt(list: readonly string[], at: number, variant: readonly string[]): boolean {
  if (at + variant.length > list.length) return false;
  for (let k = 1; k < variant.length; k++) if (list[at + k] !== variant[k]) return false;
  return true;
}

// Not "non": it makes terms ("non-mobilised reservists") rather than negating them.
const NEGATION = new Set(['not', 'never', 'except', 'excluding', 'rather']);

/** Drops the word after "not": "(not DMS)" must not count as asking about DMS. */
function dropNegated(list: string[]): string[] {
  return list.filter((_, i) => i === 0 || !NEGATION.has(list[i - 1] as string));
}

/** Text to stemmed content terms, in order, stop words dropped. */
export function toTerms(text: string, rewriter: Rewriter): string[] {
  return termsOfWords(words(normalise(text)), rewriter);
}

/** toTerms for a text already in words; `synonymised`, its words with synonyms rewritten, when known. */
function termsOfWords(
  plain: readonly string[],
  rewriter: Rewriter,
  synonymised?: readonly string[],
): string[] {
  const raw = dropNegated(plain as string[]);
  const fixed = rewriter.correct ? raw.map(rewriter.correct) : raw;
  const rewritten =
    synonymised && !rewriter.correct && raw.length === plain.length
      ? synonymised
      : synonymWords(fixed, rewriter.synonyms);
  return rewritten.map(stem).filter((t) => !rewriter.stop.has(t));
}

/** A text's words as written and as its synonyms rewrite them: what the vocabulary holds of it. */
function rawWords(text: string, synonyms: Synonyms): string[] {
  const w = words(normalise(text));
  return [...w, ...synonymWords(w, synonyms)];
}

/** Everything the matcher needs from a knowledge base, built once per base. */
export const prepare = perKnowledge(build);

/** Synonyms and abbreviations by first word, each variant to its one form ("gos" → "general ophthalmic services"). */
function synonymsOf(kb: KnowledgeBase): Synonyms {
  const pairs = kb.synonyms
    .flatMap((s) => {
      const canonical = words(normalise(s.canonical)).join(' ');
      return s.variants.map((v) => ({ variant: words(normalise(v)).join(' '), canonical }));
    })
    .filter((s) => s.variant && s.variant !== s.canonical)
    .sort((a, b) => b.variant.length - a.variant.length);
  // A variant written twice becomes what it was last given as.
  const canonical = new Map(pairs.map((p) => [p.variant, p.canonical]));
  const byFirst: Synonyms['byFirst'] = new Map();
  for (const [variant, to] of canonical) {
    const list = variant.split(' ');
    const entry = { variant: list, canonical: to ? to.split(' ') : [] };
    const first = list[0] as string;
    const filed = byFirst.get(first);
    if (filed) filed.push(entry);
    else byFirst.set(first, [entry]);
  }
  // Longest first: of the variants that start at a word, the one of most words is rewritten.
  for (const filed of byFirst.values()) filed.sort((a, b) => b.variant.length - a.variant.length);
  return { byFirst };
}

/** Each body's names as one pattern, to find "@body" terms. */
function bodyPatternsOf(kb: KnowledgeBase): Prepared['bodyPatterns'] {
  return [...kb.bodies.values()].map((b) => ({
    id: b.id,
    re: new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${[b.name.replace(/\s*\(.*\)$/, ''), b.short ?? '', ...b.aliases]
        .map((n) => words(normalise(n)).join(' '))
        .filter((n) => n.length >= 2)
        .sort((x, y) => y.length - x.length)
        .map(escapeRe)
        .join('|')})(?![\\p{L}\\p{N}])`,
      'u',
    ),
  }));
}

/** The topics that hold a term: entry indexes and, at the same place, the term's weight in each. */
export interface Posting {
  index: Int32Array;
  weight: Float64Array;
  length: number;
}

/** Which topics hold each term, and how rare each term is (idf). */
function postingsOf(entries: TopicEntry[]) {
  // Counted first, then filled: two typed arrays per term, not an object per topic and term.
  const count = new Map<string, number>();
  for (const entry of entries)
    for (const term of entry.terms.keys()) count.set(term, (count.get(term) ?? 0) + 1);
  const postings = new Map<string, Posting>();
  for (const [term, n] of count)
    postings.set(term, { index: new Int32Array(n), weight: new Float64Array(n), length: 0 });
  entries.forEach((entry, index) => {
    for (const [term, weight] of entry.terms) {
      const list = postings.get(term) as Posting;
      list.index[list.length] = index;
      list.weight[list.length] = weight;
      list.length++;
    }
  });
  const n = entries.length || 1;
  const idf = new Map<string, number>();
  for (const [term, list] of postings) idf.set(term, Math.log(1 + n / list.length));
  return { postings, idf, unknownIdf: Math.log(1 + n) };
}

/** Each topic as the matcher sees it: weighted terms, whole phrases, title terms and conditions. */
function entriesOf(
  kb: KnowledgeBase,
  base: Rewriter,
  vocabulary: Set<string>,
  bodyPatterns: Prepared['bodyPatterns'],
): TopicEntry[] {
  const synonyms = base.synonyms;
  return kb.topics.map((topic) => {
    const terms = new Map<string, number>();
    const phrases: string[][] = [];
    const fields: [string[], number][] = [
      [[topic.title], MATCHER.fieldWeight.title],
      [topic.phrasings, MATCHER.fieldWeight.phrasing],
      [topic.keywords, MATCHER.fieldWeight.keyword],
    ];
    // A change or a body topic is about its bodies: "@nhs-england" lets "what happened to NHS England" find it.
    if (topic.kind !== 'service') {
      for (const era of topic.eras)
        for (const h of era.holders) terms.set(`@${h.body}`, MATCHER.fieldWeight.body);
    }
    for (const [texts, weight] of fields) {
      for (const text of texts) {
        // Each text is put into words and its synonyms rewritten once, for the vocabulary and its terms.
        const plain = words(normalise(text));
        const synonymised = synonymWords(plain, synonyms);
        for (const w of plain) vocabulary.add(w);
        for (const w of synonymised) vocabulary.add(w);
        const t = termsOfWords(plain, base, synonymised);
        for (const term of t) terms.set(term, Math.max(terms.get(term) ?? 0, weight));
        if (t.length >= 1) phrases.push(t);
      }
    }
    const conditions = new Set(
      topic.eras.flatMap((e) => e.holders.flatMap((h) => Object.keys(h.when ?? {}))),
    );
    // A body named in the title ("Abolition of NHS England") is what the topic is about.
    const titleBodies = topic.kind === 'service' ? [] : mentionedBodies(topic.title, bodyPatterns);
    for (const b of titleBodies) terms.set(b, MATCHER.fieldWeight.title);
    const titleTerms = [...new Set([...toTerms(topic.title, base), ...titleBodies])];
    return { topic, terms, phrases, titleTerms, conditions };
  });
}

/** One-word body names and short numbers (they count for little); every body and condition word joins the vocabulary. */
function incidentalOf(kb: KnowledgeBase, base: Rewriter, vocabulary: Set<string>): Set<string> {
  const synonyms = base.synonyms;
  // One-word names of bodies ("CCG", "council") say who, not what: they count for little.
  const incidental = new Set<string>();
  const bodyNames = [...kb.bodies.values()].flatMap((b) => [b.short ?? '', ...b.aliases]);
  const conditionPhrases = [...kb.conditions.values()].flatMap((c) => c.values.flatMap((v) => v.phrases));
  for (const text of [...bodyNames, ...conditionPhrases])
    for (const w of rawWords(text, synonyms)) vocabulary.add(w);
  for (const name of bodyNames) {
    const t = toTerms(name, base);
    if (t.length === 1 && words(normalise(name)).length === 1) incidental.add(t[0] as string);
  }
  // A number of one or two figures ("the 6 new ICBs", "year 6") says how many or which, not what: alone it
  // names no service. "111" and "999" do.
  for (const w of vocabulary) if (/^\d{1,2}$/u.test(w)) incidental.add(w);

  return incidental;
}

/**
 * Every word of the reading lists (anchors, intent, time cues, greetings, …): ordinary wording the reader
 * knows, so never "corrected" into a topic's word ("cease" is not a typo of "case").
 */
function readingWords(kb: KnowledgeBase, synonyms: Prepared['synonyms']): Set<string> {
  const lists: unknown[] = Object.values(kb.reading);
  const texts: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') texts.push(v.replace(/\*$/, ''));
    else if (Array.isArray(v)) for (const x of v) collect(x);
    else if (v && typeof v === 'object' && !('date' in v)) for (const x of Object.values(v)) collect(x);
  };
  collect(lists);
  const vocabulary = new Set<string>(kb.reading.stopWords);
  for (const text of texts) for (const w of rawWords(text, synonyms)) vocabulary.add(w);
  return vocabulary;
}

function build(kb: KnowledgeBase): Prepared {
  const synonyms = synonymsOf(kb);
  const stop = new Set(kb.reading.stopWords.flatMap((w) => [w, stem(w)]));
  const base: Rewriter = { synonyms, stop };
  const vocabulary = readingWords(kb, synonyms);
  const bodyPatterns = bodyPatternsOf(kb);
  const entries = entriesOf(kb, base, vocabulary, bodyPatterns);
  const { postings, idf, unknownIdf } = postingsOf(entries);
  const incidental = incidentalOf(kb, base, vocabulary);
  return {
    entries,
    postings,
    phrases: buildPhraseIndex(entries),
    idf,
    unknownIdf,
    stop,
    incidental,
    synonyms,
    bodyPatterns,
    vocabulary,
    typos: buildTypoIndex(vocabulary, MATCHER),
    skeletons: skeletonsOf(vocabulary),
    typoCache: new Map(),
  };
}

/** A word without its vowels after the first letter, doubled letters once: "health" → "hlth". */
const skeleton = (word: string) =>
  word[0] +
  word
    .slice(1)
    .replace(/[aeiou]/g, '')
    .replace(/(.)\1+/g, '$1');
const VOWEL = /[aeiouy]/;

function skeletonsOf(vocabulary: Iterable<string>): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const w of vocabulary) {
    if (w.length < 4 || /[^a-z]/.test(w)) continue;
    const k = skeleton(w);
    if (k.length < 3) continue;
    out.set(k, out.has(k) && out.get(k) !== w ? null : w);
  }
  return out;
}

/**
 * Text-speak drops vowels ("whos in chrg of hlth visitors"): a word with none, not a word itself, is the one
 * vocabulary word with its letters, where only one has them.
 */
function unvowelled(word: string, prepared: Prepared): string | null {
  if (VOWEL.test(word) || /[^a-z]/.test(word) || word.length < 3 || isCommonWord(word)) return null;
  return prepared.skeletons.get(skeleton(word)) ?? null;
}

/**
 * The knowledge word a misspelt word most likely meant (fewest edits, same first letter, length one
 * either side), or the word itself. Cached: the same typos recur.
 */
export function correct(word: string, prepared: Prepared): string {
  if (prepared.vocabulary.has(word) || /\d/.test(word)) return word;
  if (word.length < MATCHER.minTypoLength) return unvowelled(word, prepared) ?? word;
  const cached = prepared.typoCache.get(word);
  if (cached !== undefined) return cached ?? word;
  const nearest = prepared.typos.nearest(word) ?? unvowelled(word, prepared);
  // A common English word is what was meant ("strike" is not "stroke", "doing" not "dying"), unless the
  // knowledge word is another form of it ("approval", "approved").
  const best = nearest && isCommonWord(word) && !sameRoot(word, nearest) ? null : nearest;
  if (prepared.typoCache.size > MATCHER.typoCacheSize) prepared.typoCache.clear();
  prepared.typoCache.set(word, best);
  return best ?? word;
}

/** Two forms of one word: all but the last two letters of the shorter one alike, five letters at least. */
function sameRoot(a: string, b: string): boolean {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n >= 5 && n >= Math.min(a.length, b.length) - 2;
}

/** The question's terms, typo-corrected towards the knowledge vocabulary, plus "@body" for each body named. */
export function questionTerms(text: string, prepared: Prepared): string[] {
  // Bodies are found after typo correction too: "NHS Improvment" names NHS Improvement.
  const fixed = words(normalise(text))
    .map((w) => correct(w, prepared))
    .join(' ');
  const terms = toTerms(fixed, prepared);
  return [...terms, ...mentionedBodies(fixed, prepared.bodyPatterns)];
}

/** The words of body names a text uses ("UK Health Security Agency"): they say who, not what. */
export function bodyNameTerms(text: string, prepared: Prepared): string[] {
  const plain = words(normalise(text)).join(' ');
  return prepared.bodyPatterns.flatMap(({ re }) => {
    const m = re.exec(plain);
    return m ? toTerms(m[0], prepared) : [];
  });
}

/** Whether a text names any body ("PHE", "the council"). */
export function namesABody(text: string, prepared: Prepared): boolean {
  return mentionedBodies(text, prepared.bodyPatterns).length > 0;
}

/** "@nhs-england" for each body a text names. */
function mentionedBodies(text: string, patterns: Prepared['bodyPatterns']): string[] {
  const plain = dropNegated(words(normalise(text))).join(' ');
  return patterns.filter(({ re }) => re.test(plain)).map(({ id }) => `@${id}`);
}
