import type { Topic } from '../schemas/topic.js';
import { MATCHER, type Settings } from './config.js';
import type { Prepared, TopicEntry } from './index.js';
import { wholePhrases } from './phrases.js';

export interface QueryTerm {
  term: string;
  weight: number;
  /** Only in clauses that do not ask: counts as evidence, never against coverage. */
  context?: boolean;
}

export interface Candidate {
  entry: TopicEntry;
  /** Sum of the matched words' weight: how much the question says about this topic. */
  evidence: number;
  /** Share of the question's words this topic explains, 0..1. */
  coverage: number;
  score: number;
}

/** Weighs the question's terms: names of bodies and conditions count for less. */
export function weighTerms(
  terms: string[],
  prepared: Prepared,
  incidentalWords: Set<string>,
  contextWords: Set<string> = new Set(),
  settings: Settings = MATCHER,
): QueryTerm[] {
  const out = new Map<string, QueryTerm>();
  for (const term of terms) {
    const base =
      prepared.incidental.has(term) || incidentalWords.has(term) ? settings.incidentalWordWeight : 1;
    const context = contextWords.has(term);
    const weight = context ? base * settings.contextWeight : base;
    const seen = out.get(term);
    if (!seen || seen.weight < weight) out.set(term, { term, weight, ...(context ? { context } : {}) });
  }
  return [...out.values()];
}

/**
 * Ranks topics by idf-weighted evidence (times where the topic has the word), plus a bonus for whole
 * phrases, scaled by coverage and by whether the question asks about a service or a change. Best first.
 */
export interface RankContext {
  asksAbout: Topic['kind'];
  /** Conditions the question settles, with the terms of the phrases that settled them. */
  settled: ReadonlyMap<string, string[]>;
  /** The as-of date when the question or the caller gave one (not "today"). */
  statedDate?: string | undefined;
}

function coversDate(topic: Topic, date: string): boolean {
  return topic.eras.some((e) => (!e.from || e.from <= date) && (!e.to || date <= e.to));
}

/** Per-topic sums for one ranking, kept with the index and reused: three arrays per ranking at 100 times the knowledge were most of what a message allocated. */
interface Sums {
  evidence: Float64Array;
  matched: Float64Array;
  contextMatched: Float64Array;
  /** The topics the last ranking wrote to: set back to 0 before the next one uses the arrays. */
  touched: number[];
}

const sumsOf = new WeakMap<Prepared, Sums>();

/** The index's sum arrays, all zero (what the last ranking wrote is cleared first). */
function freshSums(prepared: Prepared): Sums {
  const size = prepared.entries.length;
  let sums = sumsOf.get(prepared);
  if (!sums || sums.evidence.length !== size) {
    sums = {
      evidence: new Float64Array(size),
      matched: new Float64Array(size),
      contextMatched: new Float64Array(size),
      touched: [],
    };
    sumsOf.set(prepared, sums);
  }
  for (const i of sums.touched) {
    sums.evidence[i] = 0;
    sums.matched[i] = 0;
    sums.contextMatched[i] = 0;
  }
  sums.touched = [];
  return sums;
}

/** Each topic's evidence from the query's words, in one pass over their postings. */
function accumulate(query: QueryTerm[], prepared: Prepared, asksAbout: Topic['kind']) {
  const { evidence, matched, contextMatched, touched } = freshSums(prepared);
  let total = 0;
  for (const q of query) {
    // Naming a body helps find a topic about that body; in "who commissions dental care - is it the CQC?" it must not.
    if (asksAbout === 'service' && q.term.startsWith('@')) continue;
    const w = q.weight;
    const idf = prepared.idf.get(q.term) ?? prepared.unknownIdf;
    // Naming a body only counts for topics about that body; it never counts against the others; nor does context.
    if (!q.term.startsWith('@') && !q.context) total += w * idf;
    const posting = prepared.postings.get(q.term);
    if (!posting) continue;
    for (let k = 0; k < posting.length; k++) {
      const index = posting.index[k] as number;
      if (evidence[index] === 0) touched.push(index);
      evidence[index] = (evidence[index] ?? 0) + w * idf * (posting.weight[k] as number);
      matched[index] = (matched[index] ?? 0) + (q.context ? 0 : w * idf);
      contextMatched[index] = (contextMatched[index] ?? 0) + (q.context ? w * idf : 0);
    }
  }
  return { evidence, matched, contextMatched, touched, total };
}

/** What scoring one topic needs besides the topic: the query's words and what the message settles. */
interface Scoring {
  prepared: Prepared;
  context: RankContext;
  settings: Settings;
  present: Map<string, number>;
  phraseWeight: Map<number, number>;
  total: number;
  settledConditions: string[];
  /** The bodies the asking clauses name ("@nhs-improvement"); a body named in passing is not asked about. */
  askedBodies: string[];
}

/** One topic's candidate: its evidence, the share of the asking words it explains, and its score. */
function scored(
  entry: TopicEntry,
  i: number,
  ev: number,
  matchedWords: number,
  inContext: number,
  s: Scoring,
): Candidate {
  const { prepared, context, settings, present } = s;
  // A whole phrasing or keyword in the question ("GP services" is all of "gp") is strong evidence.
  const bonus = Math.max(0, settings.phraseBonus * (s.phraseWeight.get(i) ?? 0));
  // The words that settled a condition this topic depends on ("serving RAF officer") are about this topic.
  let m = matchedWords;
  for (const [condition, terms] of context.settled) {
    if (!entry.conditions.has(condition)) continue;
    for (const t of terms) {
      if (!entry.terms.has(t) && present.has(t))
        m += (present.get(t) ?? 0) * (prepared.idf.get(t) ?? prepared.unknownIdf);
    }
  }
  // Coverage is measured on the asking clauses: context words that match help, unmatched ones do not hurt.
  const c = inContext;
  const coverage = Math.min(1, (m + c) / (m + c + settings.unmatchedPenalty * Math.max(0, s.total - m)));
  const kindFactor =
    (context.asksAbout === 'service') === (entry.topic.kind === 'service') ? 1 : settings.otherKindFactor;
  let titleHeld = 0;
  for (const t of entry.titleTerms) if (present.has(t)) titleHeld++;
  const titleShare = entry.titleTerms.length ? titleHeld / entry.titleTerms.length : 0;
  const conditionFactor =
    entry.topic.kind === 'service' && s.settledConditions.some((k) => entry.conditions.has(k))
      ? settings.conditionFactor
      : 1;
  // "Was NHS Improvement a legal body?" is not about NHS England's legal name: a question about a body it
  // names is not about a body it does not name.
  const bodyFactor = asksAboutOtherBody(entry, s) ? settings.otherBodyFactor : 1;
  // "Who oversaw trusts in 2017?" is not about a body that was gone by then.
  const dateFactor =
    context.statedDate && !coversDate(entry.topic, context.statedDate) ? settings.outOfDateFactor : 1;
  const score =
    (ev + bonus) *
    (0.5 + coverage / 2) *
    kindFactor *
    conditionFactor *
    dateFactor *
    bodyFactor *
    (1 + settings.titleBonus * titleShare);
  return { entry, evidence: m + c, coverage, score };
}

/** A question about a change or body whose asking words name bodies, none of them the ones this topic's title names. */
function asksAboutOtherBody(entry: TopicEntry, s: Scoring): boolean {
  if (s.context.asksAbout === 'service' || entry.topic.kind === 'service' || s.askedBodies.length === 0)
    return false;
  const own = entry.titleTerms.filter((t) => t.startsWith('@'));
  return own.length > 0 && !own.some((b) => s.present.has(b));
}

export function rank(
  query: QueryTerm[],
  prepared: Prepared,
  context: RankContext,
  settings: Settings = MATCHER,
): Candidate[] {
  const { evidence, matched, contextMatched, touched, total } = accumulate(
    query,
    prepared,
    context.asksAbout,
  );
  // Topics with a small share of the best evidence cannot come near the top: skip the costly part for them.
  let most = 0;
  for (const i of touched) most = Math.max(most, evidence[i] ?? 0);
  const present = new Map(query.map((q) => [q.term, q.weight]));
  const phraseWeight = wholePhrases(prepared.phrases, present, prepared.idf);
  const settledConditions = [...context.settled.keys()];
  const askedBodies = query.filter((q) => !q.context && q.term.startsWith('@')).map((q) => q.term);
  const scoring: Scoring = {
    prepared,
    context,
    settings,
    present,
    phraseWeight,
    total,
    settledConditions,
    askedBodies,
  };
  const keep = new TopFew(Math.max(settings.rankKeep, settings.maxOptions, 2));
  // The most any factor of a score can multiply it by: once the few kept are chosen, a topic whose
  // evidence times this cannot reach the last of them is not scored at all (the kept few, and so the
  // answer, are the same; at 100 times the knowledge most topics a common word touches stop here).
  const ceiling = scoreCeiling(settings, settledConditions.length > 0);
  for (const i of touched) {
    const ev = evidence[i] ?? 0;
    const entry = prepared.entries[i];
    if (!entry || ev < most * settings.pruneBelow) continue;
    if (ceiling !== undefined && keep.full) {
      const reach = ev + Math.max(0, settings.phraseBonus * (phraseWeight.get(i) ?? 0));
      if (reach >= 0 && reach * ceiling < (keep.last as Candidate).score) continue;
    }
    keep.offer(scored(entry, i, ev, matched[i] ?? 0, contextMatched[i] ?? 0, scoring));
  }
  return keep.best;
}

/**
 * An upper bound of a score over its evidence and phrase bonus: the product of each factor's largest
 * value (coverage's is 1), with a margin for rounding. Undefined when a setting makes a factor negative,
 * where no such bound holds.
 */
function scoreCeiling(settings: Settings, conditionsSettled: boolean): number | undefined {
  const factors = [
    settings.otherKindFactor,
    conditionsSettled ? settings.conditionFactor : 1,
    settings.outOfDateFactor,
    settings.otherBodyFactor,
    1 + settings.titleBonus,
  ];
  if (factors.some((f) => !(f >= 0)) || !(settings.phraseBonus >= 0)) return undefined;
  return factors.reduce((product, f) => product * Math.max(1, f), 1) * (1 + 1e-9);
}

/** Best first: higher score, then topic id, so equal scores rank the same on every run. */
function before(a: Candidate, b: Candidate): boolean {
  if (a.score !== b.score) return a.score > b.score;
  return a.entry.topic.id < b.entry.topic.id;
}

/** The best few candidates, kept in order as they are offered: no sort of every candidate. */
class TopFew {
  readonly best: Candidate[] = [];
  constructor(private readonly size: number) {}
  get full(): boolean {
    return this.best.length === this.size;
  }
  get last(): Candidate | undefined {
    return this.best[this.best.length - 1];
  }
  offer(c: Candidate): void {
    const list = this.best;
    if (list.length === this.size && !before(c, list[list.length - 1] as Candidate)) return;
    let at = list.length;
    while (at > 0 && before(c, list[at - 1] as Candidate)) at--;
    list.splice(at, 0, c);
    if (list.length > this.size) list.pop();
  }
}
