import Fuse from 'fuse.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import type { Topic } from '../schemas/topic.js';
import { MATCHER } from './config.js';
import { normalise, STOP_WORDS, stem, words } from './normalise.js';

/** A topic reduced to what the matcher compares: stemmed terms and multi-word phrases. */
export interface TopicEntry {
  topic: Topic;
  terms: Set<string>;
  phrases: string[][];
}

/** Everything derived from a knowledge base once, so answering a question does no set-up work. */
export interface Prepared {
  entries: TopicEntry[];
  postings: Map<string, number[]>;
  idf: Map<string, number>;
  unknownIdf: number;
  stop: Set<string>;
  /** Stems of body names and condition phrases: they rarely tell topics apart. */
  incidental: Set<string>;
  synonyms: { re: RegExp; canonical: string }[];
  vocabulary: Set<string>;
  fuse: Fuse<{ word: string }>;
  typoCache: Map<string, string | null>;
}

const cache = new WeakMap<KnowledgeBase, Prepared>();

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rewrites every synonym variant to its canonical form (longest variants first). Input: space-joined words. */
export function applySynonyms(text: string, synonyms: Prepared['synonyms']): string {
  let out = ` ${text} `;
  for (const { re, canonical } of synonyms) out = out.replace(re, ` ${canonical} `);
  return out.replace(/\s+/g, ' ').trim();
}

/** Text to stemmed content terms, in order, stop words dropped. */
export function toTerms(text: string, prepared: Pick<Prepared, 'synonyms' | 'stop'>): string[] {
  const joined = words(normalise(text)).join(' ');
  return words(applySynonyms(joined, prepared.synonyms))
    .map(stem)
    .filter((t) => !prepared.stop.has(t));
}

export function prepare(kb: KnowledgeBase): Prepared {
  const hit = cache.get(kb);
  if (hit) return hit;

  const synonyms = kb.synonyms
    .flatMap((s) => {
      const canonical = words(normalise(s.canonical)).join(' ');
      return s.variants.map((v) => ({ variant: words(normalise(v)).join(' '), canonical }));
    })
    .filter((s) => s.variant && s.variant !== s.canonical)
    .sort((a, b) => b.variant.length - a.variant.length)
    .map(({ variant, canonical }) => ({ re: new RegExp(` ${escapeRe(variant)}(?= )`, 'g'), canonical }));

  const stop = new Set(STOP_WORDS.flatMap((w) => [w, stem(w)]));
  const base = { synonyms, stop };

  const entries: TopicEntry[] = kb.topics.map((topic) => {
    const texts = [topic.title, ...topic.phrasings, ...topic.keywords];
    const terms = new Set<string>();
    const phrases: string[][] = [];
    for (const text of texts) {
      const t = toTerms(text, base);
      for (const term of t) terms.add(term);
      if (t.length >= 2) phrases.push(t);
    }
    return { topic, terms, phrases };
  });

  const postings = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    for (const term of entry.terms) {
      const list = postings.get(term) ?? [];
      list.push(i);
      postings.set(term, list);
    }
  });
  const n = entries.length || 1;
  const idf = new Map<string, number>();
  for (const [term, list] of postings) idf.set(term, Math.log(1 + n / list.length));

  const incidental = new Set<string>();
  for (const body of kb.bodies.values()) {
    for (const name of [body.short ?? '', ...body.aliases]) for (const t of toTerms(name, base)) incidental.add(t);
  }
  for (const condition of kb.conditions.values()) {
    for (const value of condition.values) for (const p of value.phrases) for (const t of toTerms(p, base)) incidental.add(t);
  }

  const vocabulary = new Set<string>([...postings.keys(), ...stop, ...incidental]);
  const fuse = new Fuse(
    [...vocabulary].map((word) => ({ word })),
    { ...MATCHER.fuse, keys: MATCHER.fuse.keys.map((k) => ({ ...k })) },
  );

  const prepared: Prepared = {
    entries,
    postings,
    idf,
    unknownIdf: Math.log(1 + n),
    stop,
    incidental,
    synonyms,
    vocabulary,
    fuse,
    typoCache: new Map(),
  };
  cache.set(kb, prepared);
  return prepared;
}

/** The vocabulary word a misspelt term most likely meant, or null. Cached: the same typos recur. */
export function correct(term: string, prepared: Prepared): string | null {
  if (prepared.vocabulary.has(term)) return term;
  if (term.length < MATCHER.minTypoLength || /\d/.test(term)) return null;
  const cached = prepared.typoCache.get(term);
  if (cached !== undefined) return cached;
  const [best] = prepared.fuse.search(term, { limit: 1 });
  const similarity = best ? 1 - (best.score ?? 1) : 0;
  const result = best && similarity >= MATCHER.minTypoSimilarity ? best.item.word : null;
  if (prepared.typoCache.size > 5000) prepared.typoCache.clear();
  prepared.typoCache.set(term, result);
  return result;
}
