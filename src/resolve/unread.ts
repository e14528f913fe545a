import type { KnowledgeBase } from '../knowledge/model.js';
import { prepare } from './index.js';
import { perKnowledge, phrasePattern } from './memo.js';
import { stem, words } from './normalise.js';

/**
 * A word of the asking clauses that no span accounts for: not part of a date read, a condition, a body's
 * name, a service's words or ordinary wording. What is left unread says how far the reading can be
 * trusted: an unread time phrase means the date was not understood; a number, a figure not read as a
 * date; an unknown word, something the knowledge does not know of.
 */
export interface Unread {
  text: string;
  kind: 'time' | 'number' | 'unknown';
}

// A cue with the few words after it ("back in the Blair years"), so the reply can quote what was not read.
const timeCues = perKnowledge(
  (kb) => new RegExp(`${phrasePattern(kb.reading.timeCues).source}(?:\\s+[\\p{L}\\p{N}'’]+){0,3}`, 'gu'),
);

/** A word the knowledge uses in some form ("approved" for "approve"), or ordinary wording. */
function known(word: string, prepared: ReturnType<typeof prepare>): boolean {
  const stemmed = stem(word);
  return prepared.vocabulary.has(word) || prepared.stop.has(stemmed) || prepared.idf.has(stemmed);
}

/**
 * The unread words of asking text from which the dates read, negated words and change words have been
 * taken out (the query's asking text before it is split into terms).
 */
export function unreadWords(kb: KnowledgeBase, asking: string): Unread[] {
  const prepared = prepare(kb);
  const out: Unread[] = [...asking.matchAll(timeCues(kb))].map((m) => ({
    text: m[0],
    kind: 'time' as const,
  }));
  const rest = asking.replace(timeCues(kb), ' ');
  for (const w of words(rest)) {
    if (/\d/.test(w)) {
      // Figures that name services ("111", "0-5") are known words.
      if (!prepared.vocabulary.has(w)) out.push({ text: w, kind: 'number' });
    } else if (w.length > 2 && !known(w, prepared)) out.push({ text: w, kind: 'unknown' });
  }
  return out;
}
