import type { KnowledgeBase } from '../knowledge/model.js';
import { perKnowledge, phraseAlternation } from './memo.js';

/**
 * One negation mechanism for conditions, scope and topic words: a negation word (knowledge/reading.yaml)
 * rules out up to four following words, stopping at punctuation or a word that starts a new clause
 * ("not delegated", "not in the first wave", "not the highly specialised ones", "(not Scotland)").
 */
const CLAUSE_BREAK = new Set([
  'who',
  'whom',
  'whose',
  'which',
  'what',
  'when',
  'where',
  'whether',
  'if',
  'how',
  'but',
  'and',
  'or',
  'so',
  'because',
  'as',
  'than',
  'though',
  'although',
  'while',
  'just',
  'only',
  'is',
  'was',
  'are',
  'were',
]);
const MAX_WORDS = 4;

const patterns = perKnowledge((kb) => ({
  negation: new RegExp(
    `(?<![\\p{L}\\p{N}'])(?:${phraseAlternation(kb.reading.negations)})(?![\\p{L}\\p{N}'])`,
    'gu',
  ),
  hedge: new RegExp(
    `(?<![\\p{L}\\p{N}'])(?:${phraseAlternation(kb.reading.hedges)})(?![\\p{L}\\p{N}'])`,
    'gu',
  ),
}));

/** [start, end) character ranges of normalised text that a negation rules out. */
export function negatedSpans(text: string, kb: KnowledgeBase): [number, number][] {
  const { negation, hedge } = patterns(kb);
  const hedged = [...text.matchAll(hedge)].map((m) => [m.index, m.index + m[0].length] as const);
  const spans: [number, number][] = [];
  for (const m of text.matchAll(negation)) {
    if (hedged.some(([s, e]) => m.index >= s && m.index < e)) continue;
    const start = m.index + m[0].length;
    let end = start;
    let count = 0;
    const word = /\s*([\p{L}\p{N}'-]+)/uy;
    word.lastIndex = start;
    for (let w = word.exec(text); w && count < MAX_WORDS; w = word.exec(text)) {
      if (CLAUSE_BREAK.has(w[1] as string)) break;
      end = word.lastIndex;
      count++;
    }
    if (end > start) spans.push([m.index, end]);
  }
  return spans;
}

/** The text with every negated stretch (the negation word included) blanked out, same length. */
export function withoutNegated(text: string, kb: KnowledgeBase): string {
  let out = text;
  for (const [s, e] of negatedSpans(text, kb)) out = out.slice(0, s) + ' '.repeat(e - s) + out.slice(e);
  return out;
}

/** Whether a character position lies in a negated stretch. */
export function isNegatedAt(spans: readonly [number, number][], index: number): boolean {
  return spans.some(([s, e]) => index >= s && index < e);
}
