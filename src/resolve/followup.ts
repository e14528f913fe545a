import type { KnowledgeBase } from '../knowledge/model.js';
import type { Answer } from '../schemas/answer.js';
import type { Recall } from '../schemas/recall.js';
import type { Topic } from '../schemas/topic.js';
import { dependsOn } from './compose.js';
import { longDate } from './format.js';
import { prepare, toTerms } from './index.js';
import { perKnowledge } from './memo.js';
import { opensAsFollowUp } from './message.js';
import { carryPlace, placeTurn, withPlace } from './place-followup.js';
import {
  answerTopics,
  decided,
  type Read,
  type ResolveOptions,
  readQuestion,
  resolveRead,
  type Trace,
} from './resolve.js';
import { outOfScope } from './scope.js';

/** An answer, and what to remember of its question for a follow-up (nothing when no topic was answered). */
export interface Turn {
  answer: Answer;
  recall?: Recall;
}

export interface TurnOptions extends ResolveOptions {
  /** The last question answered in this conversation, if it is still remembered. */
  previous?: Recall | undefined;
}

const FROM_BEFORE = '(from your last question)';

/**
 * One turn of a conversation. With no earlier question this is `resolve`. After one, a message that
 * opens as a follow-up ("and in 2016?", "what about dental?", "was it the same if we were joint?"),
 * or one that cannot be answered on its own, is read against it: the date, conditions or service
 * it states replace the earlier ones and the rest carries over, and the answer says what it took.
 * A message that states nothing new (or names something out of scope) is a new question.
 */
export function resolveTurn(kb: KnowledgeBase, question: string, options: TurnOptions): Turn {
  // A place named before carries to a follow-up naming none; a question about a local body is asked again.
  const r = carryPlace(kb, readQuestion(kb, question, options), options.previous);
  const local = placeTurn(kb, r, options.previous);
  if (local) return local;
  const fresh = decided(kb, r, options);
  // With a topicId (a "did you mean" option chosen), a follow-up keeps the date and conditions it
  // carried when it was asked.
  const previous = usable(kb, options.previous);
  const asFollowUp =
    previous !== undefined &&
    !outOfScope(r.message, kb) &&
    (opensAsFollowUp(r.text, kb) || fresh.status === 'unknown');
  const followed = asFollowUp ? followUp(kb, r, previous, options) : undefined;
  return withPlace(kb, r, followed ?? { answer: fresh, ...recallOf(r, fresh) });
}

/** The earlier question, without topics the knowledge no longer has (a reload may have removed them). */
function usable(kb: KnowledgeBase, previous: Recall | undefined): Recall | undefined {
  const topicIds = previous?.topicIds.filter((id) => kb.topicById.has(id)) ?? [];
  return previous && topicIds.length > 0 ? { ...previous, topicIds } : undefined;
}

interface Carried {
  topic: boolean;
  date: boolean;
  conditions: Set<string>;
}

/**
 * The message read against the last question, from the same reading (never read again): its own date,
 * conditions and service replace the earlier ones, the rest carries over.
 */
function followUp(kb: KnowledgeBase, r: Read, previous: Recall, options: ResolveOptions): Turn | undefined {
  const ownDate = r.asOfSource !== 'today';
  const carryDate = !ownDate && previous.asOf !== undefined;
  // A condition the message rules out or names two values of is not carried over.
  const keep = ([c, v]: [string, string]) =>
    !r.conditions.settled.has(c) && !r.conditions.excluded.get(c)?.has(v) && !r.conditions.several.has(c);
  const offered = Object.entries(previous.conditions).filter(keep);
  const merged: Read = {
    ...r,
    ...(carryDate ? { asOf: previous.asOf as string, asOfSource: previous.asOfSource ?? 'text' } : {}),
    ...(carryDate ? { datePhrase: previous.datePhrase, dateRead: undefined } : {}),
    followUp: { carried: new Map(offered) },
  };
  const trace: Trace = {};
  const own = resolveRead(kb, merged, options, trace);
  const newService = own.status !== 'unknown';
  // Nothing new stated ("and?"): not a follow-up that can be read, so a new question.
  if (!newService && !ownDate && r.conditions.settled.size === 0 && r.conditions.excluded.size === 0)
    return undefined;
  // Words that name nothing known ("what about zebras in 2016?"): not the last service, a new question.
  if (!newService && strayWords(kb, trace).length > 0) return undefined;
  const topics = newService ? topicsOf(kb, own) : previous.topicIds.map((id) => kb.topicById.get(id));
  // Only conditions the answered service depends on carry over: "joint" means nothing for school nursing.
  const relevant = new Set(topics.flatMap((t) => (t ? [...dependsOn(t)] : [])));
  const carriedConditions = offered.filter(([c]) => relevant.has(c));
  if (newService && !carryDate && carriedConditions.length === 0) return undefined;
  const answer = newService
    ? own
    : answerTopics(
        kb,
        merged,
        topics
          .filter((t): t is Topic => !!t)
          .map((topic) => ({ topic, confidence: previous.confidence, over: {} })),
      );
  const shown: Read = {
    ...merged,
    conditions: { ...r.conditions, settled: new Map([...carriedConditions, ...r.conditions.settled]) },
  };
  const carried: Carried = {
    topic: !newService,
    date: carryDate,
    conditions: new Set(carriedConditions.map(([c]) => c)),
  };
  return { answer: noted(kb, answer, shown, carried), ...recallOf(shown, answer) };
}

function topicsOf(kb: KnowledgeBase, answer: Answer): (Topic | undefined)[] {
  const ids = (answer.parts ?? [answer]).flatMap((p) => (p.topic ? [p.topic.id] : []));
  const options = answer.status === 'clarify' ? answer.options.map((o) => o.topicId) : [];
  return [...ids, ...options].map((id) => kb.topicById.get(id));
}

/** Words of the follow-up's query besides the words any follow-up may use: they name something new. */
function strayWords(kb: KnowledgeBase, trace: Trace): string[] {
  const allowed = followUpStems(kb);
  return (trace.query?.terms ?? []).map((t) => t.term).filter((t) => !t.startsWith('@') && !allowed.has(t));
}

const followUpStems = perKnowledge(
  (kb) => new Set(kb.reading.followUpWords.flatMap((w) => toTerms(w, prepare(kb)))),
);

/** What to remember of a question answered; nothing when no topic was answered. */
function recallOf(r: Read, answer: Answer): { recall?: Recall } {
  const topicIds = (answer.parts ?? [answer]).flatMap((p) => (p.topic ? [p.topic.id] : []));
  if (topicIds.length === 0) return {};
  // "Today" is not something the person said; a date a clicked button carries is, unless it is today.
  const dated = r.asOfSource !== 'today' && r.asOf !== r.today;
  return {
    recall: {
      topicIds,
      ...(dated ? { asOf: r.asOf, asOfSource: r.asOfSource === 'given' ? 'given' : 'text' } : {}),
      ...(dated && r.datePhrase ? { datePhrase: r.datePhrase } : {}),
      conditions: Object.fromEntries(r.conditions.settled),
      confidence: answer.confidence,
    },
  };
}

/** Adds the line saying how the follow-up was read: "Dental services, in 2016 (from your last question)". */
function noted(kb: KnowledgeBase, answer: Answer, r: Read, carried: Carried): Answer {
  const titles = (answer.parts ?? [answer]).flatMap((p) => (p.topic ? [p.topic.title] : []));
  const pieces: { text: string; carried: boolean }[] = [];
  if (titles.length > 0) pieces.push({ text: titles.join(' and '), carried: carried.topic });
  if (r.asOfSource !== 'today') pieces.push({ text: dateText(r), carried: carried.date });
  for (const [c, v] of r.conditions.settled) {
    const label = kb.conditions.get(c)?.values.find((x) => x.id === v)?.label ?? v;
    pieces.push({ text: label, carried: carried.conditions.has(c) });
  }
  if (!pieces.some((p) => p.carried)) return answer;
  // Pieces carried over side by side share one "(from your last question)".
  const text = pieces
    .map((p, i) => (p.carried && !pieces[i + 1]?.carried ? `${p.text} ${FROM_BEFORE}` : p.text))
    .join(', ');
  return { ...answer, followUp: text.charAt(0).toUpperCase() + text.slice(1) };
}

/** "in 2016" for a year or month as written; otherwise the exact date read. */
function dateText(r: Read): string {
  const phrase = r.datePhrase;
  if (phrase && /\d{4}/.test(phrase) && !/^\d{1,2}\s/.test(phrase)) return `in ${phrase}`;
  return `as of ${longDate(r.asOf)}`;
}
