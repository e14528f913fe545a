import type { Settings } from './config.js';
import { editDistance } from './distance.js';

/**
 * Typo correction by a deletion index (SymSpell's idea): every word of the vocabulary is stored under
 * each string left after deleting up to `maxEditsLong` of its letters, so all words within the edit
 * budget of a misspelt word are found by looking up the misspelt word's own deletions, instead of
 * searching the vocabulary. Only the first `typoPrefix` letters are indexed (deletions grow fast with
 * length); candidates are then checked with the full edit distance.
 */
export interface TypoIndex {
  /** The vocabulary word fewest edits from `word`, or null when none is within the budget. */
  nearest(word: string): string | null;
  /** How many deletion keys the index holds (for the benchmark's memory story). */
  keys: number;
}

type Typo = Pick<Settings, 'minTypoLength' | 'maxEditsShort' | 'maxEditsLong' | 'typoPrefix'>;

/** Every string left after deleting up to `edits` letters of `word`, past its first letter, `word` included. */
function deletions(word: string, edits: number): Set<string> {
  const out = new Set([word]);
  let frontier = [word];
  for (let e = 0; e < edits; e++) {
    const next: string[] = [];
    for (const w of frontier) {
      // The first letter stays: a slip rarely hits it, and keeping it keeps the index small.
      for (let i = 1; i < w.length; i++) {
        const d = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(d)) {
          out.add(d);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** The edit budget for a misspelt word of this length: 1 up to 7 letters, 2 from 8. */
export function editBudget(length: number, s: Typo): number {
  return length >= 8 ? s.maxEditsLong : s.maxEditsShort;
}

export function buildTypoIndex(vocabulary: Iterable<string>, s: Typo): TypoIndex {
  // Words that share their first typoPrefix letters and budget share their deletions: each such group's
  // deletions are worked out once and the group, not each word, is filed under them (at 100 times the
  // knowledge, a fifth as many deletions to work out and file).
  const groups = new Map<string, { prefix: string; edits: number; words: string[] }>();
  // A misspelt word is at least minTypoLength long and a correction changes the length by one at most.
  const shortest = s.minTypoLength - 1;
  for (const word of vocabulary) {
    if (word.length < shortest || /\d/.test(word)) continue;
    // The longest misspelt word that may reach this one is a letter longer, so its budget applies.
    const edits = editBudget(word.length + 1, s);
    const prefix = word.slice(0, s.typoPrefix);
    const key = `${edits} ${prefix}`;
    const group = groups.get(key);
    if (group) group.words.push(word);
    else groups.set(key, { prefix, edits, words: [word] });
  }
  const index = new Map<string, string[][]>();
  for (const { prefix, edits, words } of groups.values()) {
    for (const key of deletions(prefix, edits)) {
      const list = index.get(key);
      if (list) list.push(words);
      else index.set(key, [words]);
    }
  }
  return {
    keys: index.size,
    nearest(word) {
      const budget = editBudget(word.length, s);
      let best: string | null = null;
      let bestEdits = budget + 1;
      for (const key of deletions(word.slice(0, s.typoPrefix), budget)) {
        for (const group of index.get(key) ?? []) {
          for (const candidate of group) {
            // Same first letter (kept by the deletions) and a length one either side, as people slip.
            if (Math.abs(candidate.length - word.length) > 1 || candidate === best) continue;
            const edits = editDistance(word, candidate, budget);
            if (
              edits < bestEdits ||
              (edits === bestEdits && best !== null && closer(word, candidate, best))
            ) {
              best = candidate;
              bestEdits = edits;
            }
          }
        }
      }
      return best;
    },
  };
}

/** Between two words equally many edits away: the one of the same length, then the first alphabetically. */
function closer(word: string, a: string, b: string): boolean {
  const da = Math.abs(a.length - word.length);
  const db = Math.abs(b.length - word.length);
  return da !== db ? da < db : a < b;
}
