import type { KnowledgeBase } from '../knowledge/model.js';
import type { Topic } from '../schemas/topic.js';
import { MATCHER } from './config.js';
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
  postings: Map<string, { index: number; weight: number }[]>;
  /** Every entry's phrases by term, so ranking checks a phrase only when all its words matched. */
  phrases: PhraseIndex;
  idf: Map<string, number>;
  unknownIdf: number;
  stop: Set<string>;
  /** Stems of body names and condition phrases: they rarely tell topics apart. */
  incidental: Set<string>;
  /** Every synonym variant in one pattern (longest first), and what each becomes. */
  synonyms: { re: RegExp; canonical: Map<string, string> };
  /** How to spot each body in a question (by name or alias). */
  bodyPatterns: { id: string; re: RegExp }[];
  /** Every word (before stemming) the knowledge and the stop list use: what a typo is corrected towards. */
  vocabulary: Set<string>;
  /** Near-word lookup for typo correction: every vocabulary word within the edit budget of a misspelt one. */
  typos: TypoIndex;
  typoCache: Map<string, string | null>;
}

type Rewriter = Pick<Prepared, 'synonyms' | 'stop'> & { correct?: (word: string) => string };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rewrites every synonym variant to its canonical form (longest variants first). Input: space-joined words. */
function applySynonyms(text: string, synonyms: Prepared['synonyms']): string {
  // One pass: at each word, the longest variant that matches there is rewritten.
  return ` ${text} `
    .replace(synonyms.re, (variant) => synonyms.canonical.get(variant) ?? variant)
    .replace(/\s+/g, ' ')
    .trim();
}

// Not "non": it makes terms ("non-mobilised reservists") rather than negating them.
const NEGATION = new Set(['not', 'never', 'except', 'excluding', 'rather']);

/** Drops the word after "not": "(not DMS)" must not count as asking about DMS. */
function dropNegated(list: string[]): string[] {
  return list.filter((_, i) => i === 0 || !NEGATION.has(list[i - 1] as string));
}

/** Text to stemmed content terms, in order, stop words dropped. */
export function toTerms(text: string, rewriter: Rewriter): string[] {
  const raw = dropNegated(words(normalise(text)));
  const fixed = rewriter.correct ? raw.map(rewriter.correct) : raw;
  return words(applySynonyms(fixed.join(' '), rewriter.synonyms))
    .map(stem)
    .filter((t) => !rewriter.stop.has(t));
}

function rawWords(text: string, synonyms: Prepared['synonyms']): string[] {
  const w = words(normalise(text));
  return [...w, ...words(applySynonyms(w.join(' '), synonyms))];
}

/** Everything the matcher needs from a knowledge base, built once per base. */
export const prepare = perKnowledge(build);

/** Synonyms and abbreviations as one pattern, each variant to its one form ("gos" → "general ophthalmic services"). */
function synonymsOf(kb: KnowledgeBase): Prepared['synonyms'] {
  const pairs = kb.synonyms
    .flatMap((s) => {
      const canonical = words(normalise(s.canonical)).join(' ');
      return s.variants.map((v) => ({ variant: words(normalise(v)).join(' '), canonical }));
    })
    .filter((s) => s.variant && s.variant !== s.canonical)
    .sort((a, b) => b.variant.length - a.variant.length);
  return {
    re: pairs.length
      ? new RegExp(`(?<= )(?:${pairs.map((p) => escapeRe(p.variant)).join('|')})(?= )`, 'g')
      : /(?!)/g,
    canonical: new Map(pairs.map((p) => [p.variant, p.canonical])),
  };
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

/** Which topics hold each term, and how rare each term is (idf). */
function postingsOf(entries: TopicEntry[]) {
  const postings = new Map<string, { index: number; weight: number }[]>();
  entries.forEach((entry, index) => {
    for (const [term, weight] of entry.terms) {
      const list = postings.get(term) ?? [];
      list.push({ index, weight });
      postings.set(term, list);
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
        for (const w of rawWords(text, synonyms)) vocabulary.add(w);
        const t = toTerms(text, base);
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

/** One-word body names (they count for little) and every body and condition word in the vocabulary. */
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

  return incidental;
}

function build(kb: KnowledgeBase): Prepared {
  const synonyms = synonymsOf(kb);
  const stop = new Set(kb.reading.stopWords.flatMap((w) => [w, stem(w)]));
  const base: Rewriter = { synonyms, stop };
  const vocabulary = new Set<string>(kb.reading.stopWords);
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
    typoCache: new Map(),
  };
}

/**
 * The knowledge word a misspelt word most likely meant (fewest edits, same first letter, length one
 * either side), or the word itself. Cached: the same typos recur.
 */
export function correct(word: string, prepared: Prepared): string {
  if (prepared.vocabulary.has(word) || word.length < MATCHER.minTypoLength || /\d/.test(word)) return word;
  const cached = prepared.typoCache.get(word);
  if (cached !== undefined) return cached ?? word;
  const best = prepared.typos.nearest(word);
  if (prepared.typoCache.size > MATCHER.typoCacheSize) prepared.typoCache.clear();
  prepared.typoCache.set(word, best);
  return best ?? word;
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
