import type { KnowledgeBase } from '../knowledge/model.js';
import { perKnowledge, phrasePattern } from '../resolve/memo.js';
import { words } from '../resolve/normalise.js';
import { namesTopic } from '../resolve/query.js';
import type { Read, Trace } from '../resolve/resolve.js';
import type { Answer } from '../schemas/answer.js';
import type { Component } from './text-classifier.js';

/**
 * What the decision knows of one reading, as numbers: how well the best topic explains the asking words,
 * how close the runner-up is, what was left unread (a time phrase, a second service, words the knowledge
 * never uses), and what the answer rests on. The names are the model file's column names: a model
 * trained on other names is refused, so model and code never disagree silently.
 */
export const FEATURES = [
  'bias',
  'coverage',
  'evidence',
  'margin',
  'strength0',
  'strength2',
  'askChange',
  'parts',
  'dateFromText',
  'dateGiven',
  'dateApprox',
  'timeCueUnread',
  'numberUnread',
  'unknownWords',
  'offTopicShare',
  'residualEvidence',
  'joiners',
  'questionMarks',
  'lengthLog',
  'conditionsOpen',
  'conditionalHolders',
  'conditionsStated',
  'notInForce',
  'holders',
  // The best topic is only touched, not named: no one-word keyword and only one of its words ("old" from
  // "40 to 74 year olds", "stop" from "Stop smoking services").
  'topicUnnamed',
  // The component classifiers' probabilities (src/decide/text-classifier.ts), and where the reading
  // disagrees with them (two things asked but one part answered, a date stated but none read, a
  // condition stated but none settled) or agrees.
  'outOfScope',
  'multi',
  'dated',
  'conditioned',
  'misread',
  'multiOnePart',
  'datedUnread',
  'conditionUnread',
  'multiInParts',
  'datedRead',
] as const;
export type FeatureName = (typeof FEATURES)[number];
export type Features = Record<FeatureName, number>;

/** The component classifiers' probabilities for one message. */
export type ComponentProbabilities = Record<Component, number>;
type Derived = 'multiOnePart' | 'datedUnread' | 'conditionUnread' | 'multiInParts' | 'datedRead';
/** The features of the reading alone, before the component classifiers have looked at the text. */
export type ReadingFeatures = Omit<Features, keyof ComponentProbabilities | Derived>;

const cues = perKnowledge((kb) => ({
  joiners: new RegExp(phrasePattern(kb.reading.joiners).source, 'gu'),
}));

/** The query's own words (not context, not body names): what a topic must explain, and can be named by. */
const askingTerms = (trace: Trace) =>
  trace.query?.terms.filter((t) => !t.context && !t.term.startsWith('@')) ?? [];

/** How much of the query the chosen topic leaves unexplained, and how strongly another topic claims it. */
function offTopic(trace: Trace): { share: number; residual: number } {
  const best = trace.ranked?.[0];
  const terms = askingTerms(trace);
  if (!best || terms.length === 0) return { share: 0, residual: 0 };
  const left = terms.filter((t) => !best.entry.terms.has(t.term));
  let residual = 0;
  for (const other of trace.ranked?.slice(1, 6) ?? []) {
    const claimed = left.filter((t) => other.entry.terms.has(t.term)).reduce((s, t) => s + t.weight, 0);
    residual = Math.max(residual, claimed);
  }
  return { share: left.length / terms.length, residual };
}

/** The features of one message's reading and the answer the resolver made of it. */
export function featuresOf(kb: KnowledgeBase, r: Read, trace: Trace, answer: Answer): ReadingFeatures {
  const ranked = trace.ranked ?? [];
  const best = ranked[0];
  const second = ranked[1];
  const asking = r.message.asking || r.text;
  const unread = trace.query?.unread ?? [];
  const { joiners } = cues(kb);
  const { share, residual } = offTopic(trace);
  const parts = answer.parts?.length ?? 1;
  const commissioners = answer.parts ? answer.parts.flatMap((p) => p.commissioners) : answer.commissioners;
  const settled = r.conditions.settled;
  const topicConditions = best?.entry.conditions ?? new Set<string>();
  return {
    bias: 1,
    coverage: best?.coverage ?? 0,
    evidence: Math.min(best?.evidence ?? 0, 8) / 8,
    margin: best && second ? second.score / best.score : 0,
    strength0: r.message.strength === 0 ? 1 : 0,
    strength2: r.message.strength === 2 ? 1 : 0,
    askChange: trace.query?.kind === 'change' ? 1 : 0,
    parts: parts - 1,
    dateFromText: r.asOfSource === 'text' ? 1 : 0,
    dateGiven: r.asOfSource === 'given' ? 1 : 0,
    dateApprox: r.dateRead ? 1 : 0,
    timeCueUnread: r.asOfSource === 'today' && unread.some((u) => u.kind === 'time') ? 1 : 0,
    numberUnread: unread.some((u) => u.kind === 'number') ? 1 : 0,
    unknownWords: Math.min(unread.filter((u) => u.kind === 'unknown').length, 6) / 6,
    offTopicShare: share,
    residualEvidence: Math.min(residual, 4) / 4,
    joiners: Math.min((asking.match(joiners) ?? []).length, 4) / 4,
    questionMarks: Math.min((r.question.match(/\?/g) ?? []).length, 3) / 3,
    lengthLog: Math.log1p(words(r.text).length) / 5,
    conditionsOpen: [...topicConditions].filter((c) => !settled.has(c)).length > 0 ? 1 : 0,
    conditionalHolders: commissioners.some((c) => c.condition) ? 1 : 0,
    conditionsStated: Math.min(settled.size + r.conditions.several.size, 3) / 3,
    notInForce: answer.eraStatus && answer.eraStatus !== 'in-force' ? 1 : 0,
    holders: Math.min(new Set(commissioners.map((c) => c.body)).size, 4) / 4,
    topicUnnamed:
      best &&
      !namesTopic(
        kb,
        best,
        askingTerms(trace).map((t) => t.term),
        false,
      )
        ? 1
        : 0,
  };
}

/** All the features: the reading's, the components' probabilities, and where the two disagree. */
export function withComponents(f: ReadingFeatures, p: ComponentProbabilities): Features {
  return {
    ...f,
    ...p,
    multiOnePart: f.parts === 0 ? p.multi : 0,
    datedUnread: f.dateFromText + f.dateGiven === 0 ? p.dated : 0,
    conditionUnread: f.conditionsStated === 0 ? p.conditioned : 0,
    // Where they agree: two things asked and answered in parts, a date stated and read.
    multiInParts: f.parts > 0 ? p.multi : 0,
    datedRead: f.dateFromText > 0 ? p.dated : 0,
  };
}

/** The features as a row in FEATURES order. */
export function featureRow(f: Features): number[] {
  return FEATURES.map((name) => f[name]);
}
