import type { KnowledgeBase } from '../knowledge/model.js';

/**
 * Work derived from a knowledge base (compiled patterns, lookups) done once per base, not per question.
 * Keyed weakly, so a base swapped out by a reload is freed with everything derived from it.
 */
export function perKnowledge<T>(derive: (kb: KnowledgeBase) => T): (kb: KnowledgeBase) => T {
  const cache = new WeakMap<KnowledgeBase, T>();
  return (kb) => {
    let value = cache.get(kb);
    if (value === undefined) {
      value = derive(kb);
      cache.set(kb, value);
    }
    return value;
  };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern for a list of lower-case phrases, each matched as whole words; longest first. */
export function phrasePattern(phrases: readonly string[]): RegExp {
  const alternatives = [...new Set(phrases.map((p) => p.toLowerCase()))].sort((a, b) => b.length - a.length);
  if (alternatives.length === 0) return /(?!)/u;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, 'u');
}

/**
 * Lower-case words and phrases as one alternation, where a trailing "*" stands for any letters
 * ("responsib*" is "responsible", "responsibility"): the knowledge's intent words are written so.
 */
export function prefixAlternation(phrases: readonly string[]): string {
  const list = [...new Set(phrases.map((p) => p.toLowerCase()).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  const one = (p: string) => (p.endsWith('*') ? `${escapeRe(p.slice(0, -1))}\\p{L}*` : escapeRe(p));
  return list.length ? list.map(one).join('|') : '(?!)';
}

/** Lower-case phrases as one regex alternation (longest first), for embedding in a larger pattern. */
export function phraseAlternation(phrases: readonly string[]): string {
  const list = [...new Set(phrases.map((p) => p.toLowerCase()).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  return list.length ? list.map(escapeRe).join('|') : '(?!)';
}

/**
 * A pure function of a string that remembers its last `size` results: one resolve passes the same
 * text through it several times (the message, its clauses, then each again on the way to terms).
 * Kept in two fixed arrays written in turn, not a Map: a Map that is added to and deleted from is
 * rehashed into a new table now and then, and the old table, already in the old generation, keeps
 * every result it held alive through young collections until a full one (so they are copied and
 * promoted, then collected there: the memory grew with messages though nothing was kept).
 */
export function lastFew<T>(size: number, fn: (text: string) => T): (text: string) => T {
  const keys: (string | undefined)[] = new Array(size).fill(undefined);
  const values: (T | undefined)[] = new Array(size).fill(undefined);
  let next = 0;
  return (text) => {
    const at = keys.indexOf(text);
    if (at >= 0) return values[at] as T;
    const value = fn(text);
    keys[next] = text;
    values[next] = value;
    next = (next + 1) % size;
    return value;
  };
}
