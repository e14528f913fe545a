import type { KnowledgeBase } from '../src/knowledge/model.js';
import type { Topic } from '../src/schemas/topic.js';

/** Every generated topic id starts with this, so a synthetic topic can never pass for a real one. */
export const SYNTHETIC_PREFIX = 'synthetic-';

/** mulberry32: a small seeded generator, so every run grows the same knowledge. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const SYLLABLES = [
  'ka',
  'lo',
  'mer',
  'tis',
  'van',
  'dru',
  'pel',
  'sor',
  'nex',
  'qui',
  'bra',
  'fen',
  'gol',
  'hux',
  'jor',
  'wyn',
];

/** A made-up word for vocabulary index n: four syllables, so 65,536 distinct words. */
function pseudoWord(n: number): string {
  let word = '';
  for (let i = 0; i < 4; i++) word += SYLLABLES[(n >> (i * 4)) & 15];
  return word;
}

/**
 * Rewrites text keeping about half its longer words and replacing the rest with made-up words from a
 * vocabulary that grows with the knowledge, so a bigger knowledge base has both longer postings for
 * real words and new words of its own.
 */
function vary(text: string, next: () => number, vocabulary: number): string {
  return text
    .split(' ')
    .map((w) => (w.length >= 4 && next() < 0.5 ? pseudoWord(Math.floor(next() * vocabulary)) : w))
    .join(' ');
}

/**
 * The shipped knowledge grown to `factor` times its topics, in memory only: each real topic plus
 * factor - 1 synthetic variants (ids "synthetic-<n>-<id>", wording partly made up, same eras and
 * bodies). Only for timing: the variants are not knowledge.
 */
export function growKnowledge(kb: KnowledgeBase, factor: number, seed = 2026): KnowledgeBase {
  if (factor <= 1) return kb;
  const next = random(seed);
  const vocabulary = Math.min(65_536, 200 * factor);
  const topics: Topic[] = [...kb.topics];
  for (let k = 1; k < factor; k++) {
    for (const t of kb.topics) {
      topics.push({
        ...t,
        id: `${SYNTHETIC_PREFIX}${k}-${t.id}`,
        title: `${vary(t.title, next, vocabulary)} ${pseudoWord(k)}`,
        phrasings: t.phrasings.map((p) => vary(p, next, vocabulary)),
        keywords: t.keywords.map((w) => vary(w, next, vocabulary)),
        related: [],
      });
    }
  }
  return { ...kb, topics, topicById: new Map(topics.map((t) => [t.id, t])) };
}
