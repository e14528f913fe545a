import type { KnowledgeBase } from '../knowledge/model.js';
import type { Situation } from './compose.js';
import type { ConditionReading } from './conditions.js';
import type { Settings } from './config.js';
import { readDate } from './dates.js';
import { bodyNameTerms, prepare, questionTerms, toTerms } from './index.js';
import { askedKind } from './intent.js';
import { type Candidate, type QueryTerm, weighTerms } from './match.js';

/** What the matcher looks for: weighted terms, and whether the message asks about a service or a change. */
export interface Query {
  terms: QueryTerm[];
  kind: 'service' | 'change';
  /** The asking clauses' text (dates and negated words removed), for splitting into parts. */
  asking: string;
}

/** Builds the query: asking words count in full; words only in context count as context. */
export function queryFor(
  kb: KnowledgeBase,
  asking: string,
  context: string,
  conditions: ConditionReading,
  fullText: string,
  settings?: Settings,
): Query {
  const prepared = prepare(kb);
  const kind = askedKind((asking || fullText).trim());
  // A body's name says who, not what, in a question about a service; in one about a change it is the subject.
  const incidental = new Set([
    ...conditions.phrases.flatMap((p) => toTerms(p, prepared)),
    ...(kind === 'service' ? bodyNameTerms(`${asking} ${context}`, prepared) : []),
  ]);
  const askTerms = questionTerms(asking, prepared);
  const own = new Set(askTerms);
  const contextOnly = questionTerms(context, prepared).filter((t) => !own.has(t));
  const terms = weighTerms([...askTerms, ...contextOnly], prepared, incidental, new Set(contextOnly), settings);
  return { terms, kind, asking };
}

/** Where one thing asked ends and the next begins: "A and B", "A vs B", "A, B", "A / B", "A or B". */
const COORDINATOR = /\s(?:and|vs|versus|v|plus|as well as)\s|[/+?]/u;

/** A segment that starts "is that …" or "like …" refers to what came before; it is not a new thing asked. */
const REFERS_BACK = /^\s*(?:(?:is|was|are|were|does|did|do|has|had)\s+(?:it|that|this|they|those|these)|like|as part of|such as|similar to|same as|unlike|under|including)(?![\p{L}])/u;

interface Segment {
  text: string;
  terms: Set<string>;
}

/** The segments whose words this topic explains (body names and incidental words aside). */
function segmentsOf(c: Candidate, segments: Segment[], query: Query): Set<number> {
  const strong = new Set(query.terms.filter((t) => t.weight >= 1 && !t.term.startsWith('@')).map((t) => t.term));
  const out = new Set<number>();
  segments.forEach((s, i) => {
    for (const t of s.terms) if (strong.has(t) && c.entry.terms.has(t)) out.add(i);
  });
  return out;
}

/**
 * A message that asks about two or more things: after the best topic, the asking words it leaves
 * unexplained are ranked again; another topic that explains them well, in a different part of the
 * sentence, is a second thing asked. Each part takes its own date when its words give one.
 */
export function splitParts(
  kb: KnowledgeBase,
  r: { today: string; asOf: string },
  query: Query,
  best: Candidate,
  _ranked: Candidate[],
  settings: Settings,
  rankAgain: (q: Query) => Candidate[],
): { candidate: Candidate; over: Partial<Situation> }[] | undefined {
  const prepared = prepare(kb);
  const segments = query.asking
    .split(COORDINATOR)
    .map((text) => ({ text, terms: new Set(REFERS_BACK.test(text) ? [] : questionTerms(text, prepared)) }))
    .filter((s) => s.terms.size > 0);
  if (segments.length < 2) return undefined;
  const chosen: { candidate: Candidate; segs: Set<number> }[] = [{ candidate: best, segs: segmentsOf(best, segments, query) }];
  while (chosen.length < settings.compound.maxParts) {
    const explained = (t: string) => chosen.some((c) => c.candidate.entry.terms.has(t));
    const residual = query.terms.filter((t) => !t.context && t.weight >= 1 && !t.term.startsWith('@') && !explained(t.term));
    if (residual.length === 0) break;
    const next = rankAgain({ ...query, terms: residual }).find(
      (c) => !chosen.some((x) => x.candidate.entry === c.entry),
    );
    if (
      !next ||
      next.evidence < settings.compound.minEvidence ||
      next.evidence < best.evidence * settings.compound.minShareOfBest ||
      next.coverage < settings.compound.minCoverage
    )
      break;
    const segs = segmentsOf(next, segments, query);
    const taken = new Set(chosen.flatMap((c) => [...c.segs]));
    // A different part of the sentence, not the same words read another way.
    if (![...segs].some((i) => !taken.has(i))) break;
    chosen.push({ candidate: next, segs });
  }
  if (chosen.length < 2) return undefined;
  return chosen.map(({ candidate, segs }) => {
    const own = [...segs].map((i) => segments[i]?.text ?? '').join(' ');
    const date = readDate(own, r.today, kb);
    return {
      candidate,
      over: date ? { asOf: date.date, asOfSource: 'text' as const, dateRead: date.how } : {},
    };
  });
}
