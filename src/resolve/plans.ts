import type { KnowledgeBase } from '../knowledge/model.js';
import type { Answer } from '../schemas/answer.js';
import { type Era, PENDING, type Topic } from '../schemas/topic.js';
import { longDate, STATUS_TEXT } from './format.js';
import { perKnowledge, phrasePattern } from './memo.js';
import { normalise } from './normalise.js';

/**
 * Plans, bills and announcements around an answer: which eras an answer may rest on (never a
 * superseded plan), when a future date asks about a plan, and the "not confirmed; last checked"
 * words every answer resting on one carries. Kept apart from compose.ts so that file stays about law.
 */

const live = new WeakMap<Topic, Topic>();

/** The topic without superseded eras: a superseded plan is never answered as the holder. */
export function liveTopic(topic: Topic): Topic {
  let out = live.get(topic);
  if (!out) {
    const eras = topic.eras.filter((e) => e.status !== 'superseded');
    out = eras.length === topic.eras.length ? topic : { ...topic, eras };
    live.set(topic, out);
  }
  return out;
}

const covers = (era: Era, date: string) => (!era.from || era.from <= date) && (!era.to || date <= era.to);

/** A date after today that a live plan covers ("who will commission it in April 2027?") asks about that plan. */
export function asksAboutPlanDate(topic: Topic, asOf: string, today: string): boolean {
  return asOf > today && topic.eras.some((e) => PENDING.has(e.status) && covers(e, asOf));
}

/** "not confirmed; last checked 1 December 2026" for an era that is not law. */
export function reviewNote(kb: KnowledgeBase, era: Era): string {
  if (!PENDING.has(era.status) && era.status !== 'superseded') return '';
  return `Not confirmed; last checked ${longDate(era.checked ?? kb.updated)}.`;
}

const planWords = perKnowledge((kb) => phrasePattern(kb.reading.plans.map((w) => normalise(w))));

/** Superseded plans, said as such, only when the question asks about plans. */
function supersededLines(kb: KnowledgeBase, topic: Topic, question: string): string[] {
  if (!planWords(kb).test(normalise(question))) return [];
  return topic.eras
    .filter((e) => e.status === 'superseded')
    .map((e) => {
      const note = e.note.replace(/^superseded:\s*/i, '');
      const when = e.from ? ` (was to start ${longDate(e.from)})` : '';
      return `${STATUS_TEXT.superseded}${when}: ${note.charAt(0).toUpperCase()}${note.slice(1)} ${reviewNote(kb, e)}`;
    });
}

/** Topics the knowledge says people confuse with this one, offered as "see also". */
function seeAlso(kb: KnowledgeBase, topic: Topic): Answer['seeAlso'] {
  const out = topic.related
    .map((id) => kb.topicById.get(id))
    .filter((t): t is Topic => Boolean(t))
    .map((t) => ({ topicId: t.id, title: t.title }));
  return out.length ? out : undefined;
}

/** What a plan adds to a composed answer: superseded plans when asked about, and related topics. */
export function withPlans(kb: KnowledgeBase, topic: Topic, question: string, answer: Answer): Answer {
  const superseded = answer.status === 'unknown' ? [] : supersededLines(kb, topic, question);
  const also = answer.status === 'answered' ? seeAlso(kb, topic) : undefined;
  return {
    ...answer,
    ...(superseded.length ? { changes: [...answer.changes, ...superseded] } : {}),
    ...(also ? { seeAlso: also } : {}),
  };
}
