import type { KnowledgeBase } from '../knowledge/model.js';
import { MATCHER } from '../resolve/config.js';
import { asksAboutPending } from '../resolve/intent.js';
import type { Read, Trace } from '../resolve/resolve.js';
import type { Answer } from '../schemas/answer.js';
import type { ExampleMessage } from '../schemas/example.js';
import { featuresOf, withComponents } from './features.js';
import { type DecisionModel, probabilityRight } from './model.js';
import { COMPONENTS, type Component, loadText, type TextClassifier } from './text-classifier.js';

/** The learnt decision a knowledge base carries: the model file's weights and its component classifiers. */
export interface Decision {
  model: DecisionModel;
  classifiers: Record<Component, TextClassifier>;
}

/** Every threshold of the decision in one place, beside the trained one in the model file. */
export const DECIDE = Object.freeze({
  /** A withheld answer more likely out of scope than not is refused; otherwise the bot asks back. */
  refuseAbove: 0.5,
  /**
   * A service answered for today while the asking words hold a time phrase no date was read from ("back in
   * the Blair years"): the date was not understood, so the bot asks which date is meant.
   */
  askDateWhenTimeUnread: true,
});

/**
 * The last classifiers built, with what they were built from. A reload after an edit elsewhere (and
 * every run of the knowledge fuzz test) has the same model text and examples: reading a megabyte of
 * counts again would be most of the reload. One entry, so it holds at most one model's tables.
 */
let lastBuilt:
  | { texts: string[]; examples: string; classifiers: Record<Component, TextClassifier> }
  | undefined;

/** The model file's decision; the maintainers' labelled example messages are learnt by the scope classifier. */
export function buildDecision(model: DecisionModel, examples: readonly ExampleMessage[]): Decision {
  const scopeExamples = examples.map((e) => ({ text: e.text, yes: e.scope === 'out' }));
  const texts = COMPONENTS.map((c) => model.classifiers[c]);
  const examplesKey = JSON.stringify(scopeExamples);
  if (lastBuilt?.examples === examplesKey && lastBuilt.texts.every((t, i) => t === texts[i]))
    return { model, classifiers: lastBuilt.classifiers };
  const classifiers = Object.fromEntries(
    COMPONENTS.map((c) => [c, loadText(model.classifiers[c], c === 'outOfScope' ? scopeExamples : [])]),
  ) as Record<Component, TextClassifier>;
  lastBuilt = { texts, examples: examplesKey, classifiers };
  return { model, classifiers };
}

/** The topics a withheld answer offers: what it would have answered, then the runner-up readings. */
function optionsFor(kb: KnowledgeBase, trace: Trace, answer: Answer): Answer['options'] {
  const chosen = (answer.parts ?? [answer]).flatMap((p) => (p.topic ? [p.topic] : []));
  const rivals = (trace.ranked ?? []).map((c) => ({ id: c.entry.topic.id, title: c.entry.topic.title }));
  const seen = new Set<string>();
  return [...chosen, ...rivals]
    .filter((t) => kb.topicById.has(t.id) && !seen.has(t.id) && seen.add(t.id))
    .slice(0, MATCHER.maxOptions)
    .map((t) => ({ topicId: t.id, title: t.title }));
}

/** An answer the decision does not trust: refused when it looks out of scope, else asked back. */
function withhold(kb: KnowledgeBase, trace: Trace, answer: Answer, p: number, pOut: number): Answer {
  const base = { ...withheld(answer), confidence: round(p) };
  if (pOut >= DECIDE.refuseAbove)
    return {
      ...base,
      status: 'unknown',
      options: [],
      text: 'That does not look like a question about which body commissions an NHS service in England, so I will not guess.',
      lookInstead:
        'Ask which body commissions (plans and pays for) a service, at a date if it matters, e.g. "who commissioned health visiting in 2014?".',
    };
  const read = `I am not sure I read that right (I read it as: ${answer.readAs ?? 'no single service'}), so I will not guess.`;
  const options = optionsFor(kb, trace, answer);
  // Asking back needs a choice: with one reading only, say what was read and how to ask again.
  if (options.length < 2)
    return {
      ...base,
      status: 'unknown',
      options: [],
      text: read,
      lookInstead:
        'Ask again naming the service and the date, e.g. "who commissioned school nursing in 2016?".',
    };
  return {
    ...base,
    status: 'clarify',
    options,
    text: `${read} Which of these did you mean? You can also ask again, naming the service and the date.`,
  };
}

/** The time phrase left unread when a service is answered for today, if any (and the rule is on). */
function unreadTime(kb: KnowledgeBase, r: Read, trace: Trace, answer: Answer): string | undefined {
  if (!DECIDE.askDateWhenTimeUnread || r.asOfSource !== 'today' || asksAboutPending(r.text, kb))
    return undefined;
  const services = (answer.parts ?? [answer]).every(
    (p) => p.topic && kb.topicById.get(p.topic.id)?.kind === 'service',
  );
  return services ? trace.query?.unread.find((u) => u.kind === 'time')?.text : undefined;
}

/** Asks which date is meant, saying what was read and which words were not understood as a date. */
function askForDate(answer: Answer, time: string): Answer {
  return {
    ...withheld(answer),
    status: 'unknown',
    options: [],
    confidence: 0,
    text: `I read this as ${answer.readAs ?? 'a question about a service'}, but I could not tell which date "${time}" means, so I will not guess.`,
    lookInstead: 'Ask again with a year or a date, e.g. "who commissioned health visiting in 2014?".',
  };
}

/** An answer not given: what was read stays, the bodies, changes, sources, timeline and parts go. */
function withheld(answer: Answer): Omit<Answer, 'parts'> {
  const { parts: _, ...single } = answer;
  return { ...single, commissioners: [], changes: [], sources: [], timeline: [] };
}

const round = (p: number) => Math.round(p * 100) / 100;

/** The component classifiers' probabilities for a message. */
export function componentsOf(decision: Decision, text: string): Record<Component, number> {
  return Object.fromEntries(COMPONENTS.map((c) => [c, decision.classifiers[c].probability(text)])) as Record<
    Component,
    number
  >;
}

/**
 * The decision stage: the resolver's answer, given only when the model puts the chance it is right at or
 * above the trained threshold. Without a model file the answer passes unchanged.
 */
export function decide(kb: KnowledgeBase, r: Read, trace: Trace, answer: Answer): Answer {
  const decision = kb.decision;
  if (!decision || answer.status !== 'answered') return answer;
  const time = unreadTime(kb, r, trace, answer);
  if (time) return askForDate(answer, time);
  const components = componentsOf(decision, r.text);
  const p = probabilityRight(
    decision.model.weights,
    withComponents(featuresOf(kb, r, trace, answer), components),
  );
  return p >= decision.model.threshold ? answer : withhold(kb, trace, answer, p, components.outOfScope);
}
