import type { KnowledgeBase } from '../knowledge/model.js';
import type { Answer } from '../schemas/answer.js';
import { type Era, PENDING, type Status, type Topic } from '../schemas/topic.js';
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

/** What a change not yet in effect is not, said plainly ("not confirmed in effect", "not law"). */
const NOT_YET: Partial<Record<Status, string>> = {
  planned: 'not confirmed in effect',
  approved: 'not confirmed in effect',
  proposed: 'not law',
  announced: 'not in effect',
};

const checkedOn = (kb: KnowledgeBase, era: Era) => longDate(era.checked ?? kb.updated);

/** "Not confirmed in effect; last checked 1 December 2026." for an era that is not law, after its own note. */
export function reviewNote(kb: KnowledgeBase, era: Era): string {
  if (era.status === 'superseded') return `Last checked ${checkedOn(kb, era)}.`;
  const not = NOT_YET[era.status];
  return not ? `${not.charAt(0).toUpperCase()}${not.slice(1)}; last checked ${checkedOn(kb, era)}.` : '';
}

/** "It needs Parliament and is not confirmed in effect; last checked 1 December 2026.": what is not yet so. */
export function pendingTail(kb: KnowledgeBase, era: Era): string {
  const not = NOT_YET[era.status];
  if (!not) return reviewNote(kb, era);
  return `It ${era.needs ? `needs ${era.needs} and ` : ''}is ${not}; last checked ${checkedOn(kb, era)}.`;
}

/**
 * A change not yet in effect in a careful person's words: what it is, by which instrument, from when,
 * what it still needs, and that it is not confirmed: "Planned in NHS England's Direct commissioning update
 * (PRN02352): to move to the ICB from 1 April 2027. It needs Parliament and is not confirmed in effect; …".
 * A planned change takes effect on its date; a proposal or announcement was made on it.
 */
export function planSentence(kb: KnowledgeBase, era: Era, bodies: string): string {
  const takesEffect = era.status === 'planned' || era.status === 'approved';
  const from = era.from && takesEffect ? ` from ${longDate(era.from)}` : '';
  const made = era.from && !takesEffect ? ` on ${longDate(era.from)}` : '';
  const label = `${era.status.charAt(0).toUpperCase()}${era.status.slice(1)}`;
  return `${label}${era.by ? ` in ${era.by}` : ''}${made}: to move to the ${bodies}${from}. ${pendingTail(kb, era)}`;
}

/** How a would-be holder's role reads: "would commission it from 1 April 2027, if the plan takes effect". */
export function pendingRoleText(era: Era): string {
  if ((era.status === 'planned' || era.status === 'approved') && era.from)
    return `would commission it from ${longDate(era.from)}, if the plan takes effect`;
  if (era.status === 'proposed')
    return `would commission it under ${era.by ?? 'the proposal'}, if it becomes law`;
  return 'would commission it, if the announced change is made';
}

/**
 * An era's label on a timeline: "planned, not yet in effect; needs Parliament". Shorter than the answer's
 * own label ("Planned, not confirmed in effect"), which every surface shows once, above.
 */
export function timelineLabel(era: Era): string | undefined {
  if (!NOT_YET[era.status]) return undefined;
  return `${era.status}, not yet in effect${era.needs ? `; needs ${era.needs}` : ''}`;
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
