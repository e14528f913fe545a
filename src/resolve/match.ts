import { MATCHER } from './config.js';
import { correct, type Prepared, type TopicEntry } from './index.js';

export interface QueryTerm {
  term: string;
  weight: number;
}

export interface Candidate {
  entry: TopicEntry;
  /** Sum of the matched words' weight: how much the question says about this topic. */
  evidence: number;
  /** Share of the question's words this topic explains, 0..1. */
  coverage: number;
  score: number;
}

/** Typo-corrects and weighs the question's terms. Unknown words stay, so they count against coverage. */
export function queryTerms(terms: string[], prepared: Prepared, incidentalWords: Set<string>): QueryTerm[] {
  const out = new Map<string, QueryTerm>();
  for (const raw of terms) {
    const fixed = correct(raw, prepared);
    const term = fixed ?? raw;
    if (prepared.stop.has(term)) continue;
    const weight =
      prepared.incidental.has(term) || incidentalWords.has(raw) ? MATCHER.incidentalWordWeight : 1;
    const seen = out.get(term);
    if (!seen || seen.weight < weight) out.set(term, { term, weight });
  }
  return [...out.values()];
}

/** Ranks topics by idf-weighted evidence plus a bonus for whole phrases; best first. */
export function rank(query: QueryTerm[], prepared: Prepared): Candidate[] {
  const evidence = new Map<number, number>();
  let total = 0;
  for (const q of query) {
    const idf = prepared.idf.get(q.term) ?? prepared.unknownIdf;
    total += q.weight * idf;
    for (const i of prepared.postings.get(q.term) ?? []) evidence.set(i, (evidence.get(i) ?? 0) + q.weight * idf);
  }
  const present = new Set(query.map((q) => q.term));
  const candidates: Candidate[] = [];
  for (const [i, ev] of evidence) {
    const entry = prepared.entries[i];
    if (!entry) continue;
    let bonus = 0;
    for (const phrase of entry.phrases) {
      if (phrase.every((t) => present.has(t))) {
        const weight = phrase.reduce((sum, t) => sum + (prepared.idf.get(t) ?? 0), 0);
        bonus = Math.max(bonus, MATCHER.phraseBonus * weight);
      }
    }
    const unmatched = Math.max(0, total - ev);
    const coverage = ev / (ev + MATCHER.unmatchedPenalty * unmatched);
    candidates.push({ entry, evidence: ev, coverage, score: (ev + bonus) * (0.5 + coverage / 2) });
  }
  return candidates.sort((a, b) => b.score - a.score || a.entry.topic.id.localeCompare(b.entry.topic.id));
}
