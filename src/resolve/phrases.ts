import type { TopicEntry } from './index.js';

/**
 * Every topic's phrases (a phrasing or keyword as terms), indexed by term, so ranking checks a phrase
 * only when each of its words is in the question: a count per phrase goes up once per question term
 * it holds, and a phrase whose count reaches its number of distinct terms is whole in the question.
 */
export interface PhraseIndex {
  /** term → ids of the phrases that hold it (each id once). */
  byTerm: Map<string, number[]>;
  /** phrase id → the entry it belongs to. */
  entry: Int32Array;
  /** phrase id → its distinct terms. */
  size: Uint16Array;
  /** phrase id → its terms as written (repeats count in its weight). */
  terms: string[][];
}

export function buildPhraseIndex(entries: readonly TopicEntry[]): PhraseIndex {
  const byTerm = new Map<string, number[]>();
  const entryOf: number[] = [];
  const size: number[] = [];
  const terms: string[][] = [];
  entries.forEach((e, index) => {
    for (const phrase of e.phrases) {
      const id = terms.length;
      const distinct = [...new Set(phrase)];
      for (const t of distinct) {
        const list = byTerm.get(t);
        if (list) list.push(id);
        else byTerm.set(t, [id]);
      }
      entryOf.push(index);
      size.push(distinct.length);
      terms.push(phrase);
    }
  });
  return { byTerm, entry: Int32Array.from(entryOf), size: Uint16Array.from(size), terms };
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
  const seen = new Map<number, number>();
  const best = new Map<number, number>();
  for (const term of present.keys()) {
    for (const id of index.byTerm.get(term) ?? []) {
      const count = (seen.get(id) ?? 0) + 1;
      seen.set(id, count);
      if (count !== index.size[id]) continue;
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
