import type { TopicEntry } from './index.js';

/**
 * Every topic's phrases (a phrasing or keyword as terms), each filed under one of its words, its anchor:
 * the word that fewest phrases hold. A phrase is whole in a question only if its anchor is there, so
 * ranking checks the phrases filed under the question's words and no others. Filing each phrase under
 * every one of its words, and counting, visited every phrase holding a common word ("service") on every
 * question: at 100 times the knowledge, most of ranking.
 */
export interface PhraseIndex {
  /** anchor term → ids of the phrases filed under it. */
  byAnchor: Map<string, number[]>;
  /** phrase id → the entry it belongs to. */
  entry: Int32Array;
  /** phrase id → its distinct terms. */
  distinct: string[][];
  /** phrase id → its terms as written (repeats count in its weight). */
  terms: string[][];
}

export function buildPhraseIndex(entries: readonly TopicEntry[]): PhraseIndex {
  const entryOf: number[] = [];
  const distinct: string[][] = [];
  const terms: string[][] = [];
  // How many phrases hold each term: the anchor is the rarest (the first of the rarest, in phrase order).
  const holding = new Map<string, number>();
  entries.forEach((e, index) => {
    for (const phrase of e.phrases) {
      // Most phrases repeat no term: their distinct terms are the phrase itself, not a copy.
      const set = new Set(phrase);
      const own = set.size === phrase.length ? phrase : [...set];
      for (const t of own) holding.set(t, (holding.get(t) ?? 0) + 1);
      entryOf.push(index);
      distinct.push(own);
      terms.push(phrase);
    }
  });
  const byAnchor = new Map<string, number[]>();
  distinct.forEach((own, id) => {
    let anchor = own[0] as string;
    for (const t of own) if ((holding.get(t) ?? 0) < (holding.get(anchor) ?? 0)) anchor = t;
    const list = byAnchor.get(anchor);
    if (list) list.push(id);
    else byAnchor.set(anchor, [id]);
  });
  return { byAnchor, entry: Int32Array.from(entryOf), distinct, terms };
}

/**
 * The weight of each entry's heaviest phrase that the question holds whole (sum of its terms' idf times
 * the question's weight for them), by entry index; entries with none are absent.
 */
export function wholePhrases(
  index: PhraseIndex,
  present: ReadonlyMap<string, number>,
  idf: ReadonlyMap<string, number>,
): Map<number, number> {
  const best = new Map<number, number>();
  for (const term of present.keys()) {
    const filed = index.byAnchor.get(term);
    if (!filed) continue;
    next: for (const id of filed) {
      for (const t of index.distinct[id] as string[]) if (!present.has(t)) continue next;
      const weight = (index.terms[id] as string[]).reduce(
        (sum, t) => sum + (idf.get(t) ?? 0) * (present.get(t) ?? 0),
        0,
      );
      const e = index.entry[id] as number;
      if (weight > (best.get(e) ?? Number.NEGATIVE_INFINITY)) best.set(e, weight);
    }
  }
  return best;
}
