import type { KnowledgeBase } from '../knowledge/model.js';
import type { Answer } from '../schemas/answer.js';
import { IsoDate } from '../schemas/common.js';
import type { Topic } from '../schemas/topic.js';
import { answerKey, composeTopicAnswer, type Situation } from './compose.js';
import { type ConditionReading, defaultConditions, readConditions } from './conditions.js';
import { MATCHER } from './config.js';
import { readDate } from './dates.js';
import { longDate } from './format.js';
import { bodyNameTerms, namesABody, prepare, questionTerms, toTerms } from './index.js';
import {
  askedKind,
  askedRoles,
  askingSentence,
  askStrength,
  asksAboutPending,
  asksWhoCommissions,
} from './intent.js';
import { rank, weighTerms } from './match.js';
import { normalise } from './normalise.js';
import { outOfScope } from './scope.js';

export interface ResolveOptions {
  /** YYYY-MM-DD given by the caller; beats any date in the text. */
  asOf?: string | undefined;
  /** Answer this topic (a clicked clarify option) instead of matching. */
  topicId?: string | undefined;
  /** The clock, injected so tests pin "today". */
  today: Date;
}

const GENERAL_LOOK =
  'Try naming the service and a year, e.g. "who commissioned health visiting in 2014?". For anything else, NHS England\'s "Who commissions NHS services" page is the place to start.';

function isIsoDate(value: string | undefined): value is string {
  return IsoDate.safeParse(value).success;
}

function unknown(
  question: string,
  asOf: string,
  asOfSource: Answer['asOfSource'],
  text: string,
  look?: string,
): Answer {
  return {
    status: 'unknown',
    question,
    asOf,
    asOfSource,
    asOfText: longDate(asOf),
    commissioners: [],
    text,
    changes: [],
    conditionsAsked: [],
    sources: [],
    options: [],
    timeline: [],
    ...(look ? { lookInstead: look } : {}),
    confidence: 0,
  };
}

/** The matcher's view of a question: ranked candidate topics (used by resolve and by `npm run ask -- --explain`). */
function rankQuestion(
  kb: KnowledgeBase,
  rest: string,
  text: string,
  conditions: ConditionReading,
  statedDate?: string,
) {
  const prepared = prepare(kb);
  const kind = askedKind(askingSentence(text)?.trim() ?? text);
  // A body's name says who, not what, in a question about a service; in one about a change it is the subject.
  const incidentalWords = new Set([
    ...conditions.phrases.flatMap((p) => toTerms(p, prepared)),
    ...(kind === 'service' ? bodyNameTerms(rest, prepared) : []),
  ]);
  const terms = questionTerms(rest, prepared);
  const query = weighTerms(terms, prepared, incidentalWords, contextTerms(rest, terms, prepared));
  const settled = new Map([...conditions.settledBy].map(([c, phrase]) => [c, toTerms(phrase, prepared)]));
  return rank(query, prepared, { asksAbout: kind, settled, statedDate });
}

/**
 * In "I moved teams in 2019. Who commissioned school nurses back then?" the sentence that asks is
 * the one that matters: words only in the other sentences are context and count for less.
 */
function contextTerms(rest: string, terms: string[], prepared: ReturnType<typeof prepare>): Set<string> {
  // Sentences only: in "GP performers list in 2024 - is that with the ICB?" both halves are the question.
  const focus = askingSentence(rest);
  if (!focus) return new Set();
  const focusTerms = new Set(questionTerms(focus, prepared));
  return new Set(terms.filter((t) => !focusTerms.has(t)));
}

/** A question read: its normalised text, its date, the rest of its words, and the conditions it states. */
function readQuestion(kb: KnowledgeBase, rawQuestion: string, options: ResolveOptions) {
  const question = typeof rawQuestion === 'string' ? rawQuestion.slice(0, 2000) : '';
  const today = options.today.toISOString().slice(0, 10);
  const text = normalise(question);
  const dateReading = readDate(text, today, kb);
  const given = isIsoDate(options.asOf) ? options.asOf : undefined;
  const asOf = given ?? dateReading?.date ?? today;
  const asOfSource: Answer['asOfSource'] = given ? 'given' : dateReading ? 'text' : 'today';
  // Every time phrase is about when, not what ("In February 2022, … after PHE closed").
  let rest = text;
  for (let reading = dateReading, n = 0; reading && n < 5; n++) {
    rest = rest.replace(reading.phrase, ' ');
    reading = readDate(rest, today, kb);
  }
  return { question, today, text, asOf, asOfSource, rest, conditions: readConditions(rest, kb) };
}

/** How the matcher read and ranked a question, for maintainers (`npm run ask -- --explain`). */
export function explain(kb: KnowledgeBase, question: string, options: ResolveOptions) {
  const q = readQuestion(kb, question, options);
  const ranked = rankQuestion(
    kb,
    q.rest,
    q.text,
    q.conditions,
    q.asOfSource === 'today' ? undefined : q.asOf,
  );
  return {
    asOf: q.asOf,
    conditions: Object.fromEntries(q.conditions.settled),
    asks: { kind: askedKind(q.text), strength: askStrength(q.text) },
    terms: questionTerms(q.rest, prepare(kb)),
    ranked: ranked.slice(0, 8).map((c) => ({
      topic: c.entry.topic.id,
      score: Math.round(c.score * 100) / 100,
      evidence: Math.round(c.evidence * 100) / 100,
      coverage: Math.round(c.coverage * 100) / 100,
    })),
  };
}

/** Question text in, Answer out. Pure over a loaded knowledge base; never throws on any string. */
export function resolve(kb: KnowledgeBase, rawQuestion: string, options: ResolveOptions): Answer {
  const { question, today, text, asOf, asOfSource, rest, conditions } = readQuestion(
    kb,
    rawQuestion,
    options,
  );
  const situation = (confidence: number): Situation => ({
    question,
    asOf,
    asOfSource,
    today,
    settled: conditions.settled,
    defaults: defaultConditions(kb),
    askedRoles: askedRoles(text),
    asksAboutPending: asksAboutPending(text),
    confidence,
  });

  if (options.topicId) {
    const chosen = kb.topicById.get(options.topicId);
    if (chosen) return composeTopicAnswer(kb, chosen, situation(1));
    // A button from before a knowledge update may name a topic that has since gone: say so, never guess.
    return unknown(
      question,
      asOf,
      asOfSource,
      'That option is no longer in the knowledge base: it was renamed or removed since the question was asked. Please ask again.',
    );
  }

  const scope = outOfScope(text, kb);
  if (scope) return unknown(question, asOf, asOfSource, scope.reason, scope.lookInstead);

  const ranked = rankQuestion(kb, rest, text, conditions, asOfSource === 'today' ? undefined : asOf);
  const best = ranked[0];
  // The plainer the question asks who commissions, the less of its wording must match a topic.
  // "What happened to PHE?" asks about a body without asking who commissions: that counts as asking.
  const aboutABody =
    askedKind(askingSentence(text)?.trim() ?? text) === 'change' && namesABody(rest, prepare(kb));
  const gate = MATCHER.gate[Math.max(askStrength(text), aboutABody ? 1 : 0)] ?? MATCHER.gate[0];
  if (!best || best.coverage < gate.minCoverage || best.evidence < gate.minEvidence) {
    const message = asksWhoCommissions(text)
      ? 'I could not match that to a commissioning responsibility I know about, so I will not guess.'
      : 'That does not look like a question about who commissions NHS services in England, so I will not guess.';
    return unknown(question, asOf, asOfSource, message, GENERAL_LOOK);
  }
  const close = ranked
    .filter((c) => c.score >= best.score * MATCHER.clarifyRatio)
    .slice(0, MATCHER.maxOptions);
  // Two near topics that give the same bodies in this situation are not worth asking back about.
  // A near topic with no record at that date is not a plausible reading of the question.
  const sameAnswer = (topic: Topic) => answerKey(kb, topic, situation(0));
  const bestKey = close.length > 1 ? sameAnswer(best.entry.topic) : '';
  const rivals = close.slice(1).filter((c) => sameAnswer(c.entry.topic) !== '');
  if (close.length > 1 && (!bestKey || rivals.some((c) => sameAnswer(c.entry.topic) !== bestKey))) {
    return {
      ...unknown(
        question,
        asOf,
        asOfSource,
        'Your question could mean more than one thing. Which of these did you mean?',
      ),
      status: 'clarify',
      options: close.map((c) => ({ topicId: c.entry.topic.id, title: c.entry.topic.title })),
      confidence: Math.min(0.5, best.coverage / 2),
    };
  }
  const second = ranked[1]?.score ?? 0;
  const confidence = Math.round(Math.min(1, best.coverage * (1 - (second / best.score) * 0.5)) * 100) / 100;
  return composeTopicAnswer(kb, best.entry.topic, situation(confidence));
}
