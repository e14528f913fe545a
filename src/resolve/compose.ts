import type { KnowledgeBase } from '../knowledge/model.js';
import type { Answer } from '../schemas/answer.js';
import { type Era, type Holder, PENDING, type Role, type Topic } from '../schemas/topic.js';
import { changesOnce, timelineOnce } from './era-lines.js';
import { eraRange, longDate, ROLE_TEXT, readAs, STATUS_TEXT } from './format.js';
import type { PlaceRead } from './place.js';
import { type LocalNames, localNames } from './place-names.js';
import {
  asksAboutPlanDate,
  liveTopic,
  pendingRoleText,
  pendingTail,
  planSentence,
  reviewNote,
  timelineLabel,
  withPlans,
} from './plans.js';

const SECONDARY: ReadonlySet<Role> = new Set(['accountable', 'advises']);

export interface Situation {
  question: string;
  asOf: string;
  asOfSource: Answer['asOfSource'];
  /** YYYY-MM-DD: decides whether an arrangement reads as current or ended. */
  today: string;
  /** condition id → value id read from the question */
  settled: ReadonlyMap<string, string>;
  /** condition id → values the question rules out ("we're not delegated") */
  excluded?: ReadonlyMap<string, ReadonlySet<string>>;
  /** How an approximate or named date was read, said in the answer. */
  dateRead?: string | undefined;
  /** condition id → value assumed when the question does not say ("the general population") */
  defaults: ReadonlyMap<string, string>;
  /** roles the question asks about explicitly (accountable, advises) */
  askedRoles: ReadonlySet<Role>;
  /** the question asks about a planned or proposed change ("who would commission it under the Bill?") */
  asksAboutPending: boolean;
  /**
   * Conditions carried from the last question in a conversation: each applies to a topic only where the
   * topic depends on it ("fully delegated" carries to dental, not to school nursing).
   */
  carried?: ReadonlyMap<string, string> | undefined;
  /** The place the question names: its council, CCG or ICB is named in the answer. */
  place?: PlaceRead | undefined;
  confidence: number;
}

/** The conditions a topic's answer can depend on ("cocommissioning", "region"). */
export function dependsOn(topic: Topic): Set<string> {
  return new Set(topic.eras.flatMap((e) => e.holders.flatMap((h) => Object.keys(h.when ?? {}))));
}

/** The situation with the carried conditions this topic depends on settled too (the question's own win). */
function withCarried(topic: Topic, situation: Situation): Situation {
  if (!situation.carried?.size) return situation;
  const depends = dependsOn(topic);
  const carried = [...situation.carried].filter(([c]) => depends.has(c) && !situation.settled.has(c));
  return { ...situation, settled: new Map([...carried, ...situation.settled]) };
}

function covers(era: Era, date: string): boolean {
  return (!era.from || era.from <= date) && (!era.to || date <= era.to);
}

/** The era that answers: the law in force on the date; for a change or body, the nearest era. */
function pickEra(topic: Topic, date: string): Era | undefined {
  const law = topic.eras.filter((e) => !PENDING.has(e.status));
  const inForce = law.find((e) => covers(e, date));
  if (inForce) return inForce;
  if (topic.kind === 'service' && law.length > 0) return undefined;
  const any = topic.eras.find((e) => covers(e, date));
  if (any) return any;
  const started = topic.eras.filter((e) => !e.from || e.from <= date);
  return started.at(-1) ?? topic.eras[0];
}

function conditionLabel(kb: KnowledgeBase, holder: Holder): string | undefined {
  const parts: string[] = [];
  for (const [conditionId, value] of Object.entries(holder.when ?? {})) {
    const condition = kb.conditions.get(conditionId);
    const ids = Array.isArray(value) ? value : [value];
    const labels = ids.map((id) => condition?.values.find((v) => v.id === id)?.label ?? id);
    parts.push(
      labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}` : (labels[0] ?? ''),
    );
  }
  return parts.length ? parts.join('; ') : undefined;
}

/** Whether a body existed on a date (bodies without dates always did). */
function existed(kb: KnowledgeBase, id: string, date: string): boolean {
  const body = kb.bodies.get(id);
  return !body || ((!body.from || body.from <= date) && (!body.to || date <= body.to));
}

/**
 * Holders that apply in the situation: settled conditions filter, ruled-out values drop their holders,
 * unsettled ones stay, labelled. A body that did not exist on the date is never named as holding it.
 */
function applicableHolders(era: Era, situation: Situation, kb?: KnowledgeBase): Holder[] {
  const byCondition = era.holders.filter(
    (h) =>
      Object.entries(h.when ?? {}).every(([conditionId, value]) => {
        const values = Array.isArray(value) ? value : [value];
        const out = situation.excluded?.get(conditionId);
        if (out && values.every((v) => out.has(v))) return false;
        const asked = situation.settled.get(conditionId) ?? situation.defaults.get(conditionId);
        if (!asked) return true;
        return values.includes(asked);
      }) &&
      (!kb || h.role === 'subject' || existed(kb, h.body, situation.asOf)),
  );
  const primary = byCondition.filter((h) => !SECONDARY.has(h.role) || situation.askedRoles.has(h.role));
  return primary.length > 0 ? primary : byCondition;
}

function unsettled(holder: Holder, situation: Situation): Holder['when'] {
  const rest = Object.entries(holder.when ?? {}).filter(
    ([c]) => !situation.settled.has(c) && !situation.defaults.has(c),
  );
  return rest.length ? Object.fromEntries(rest) : undefined;
}

function bodyName(kb: KnowledgeBase, id: string): string {
  return kb.bodies.get(id)?.name ?? id;
}

function shortName(kb: KnowledgeBase, id: string): string {
  const body = kb.bodies.get(id);
  return body?.short ?? body?.name ?? id;
}

function primaryBodies(kb: KnowledgeBase, era: Era): string[] {
  const ids = era.holders.filter((h) => !SECONDARY.has(h.role)).map((h) => shortName(kb, h.body));
  return [...new Set(ids)];
}

function eraSummary(kb: KnowledgeBase, era: Era): string {
  const names = primaryBodies(kb, era);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '');
}

/**
 * An answer in force names the next change not yet law, so "who commissions CHIS now?" says what is
 * planned for April 2027 in its text, not only under "what changed": "Planned in NHS England's Direct
 * commissioning update (PRN02352): to move to the ICB from 1 April 2027. It needs Parliament and …".
 */
function comingChange(kb: KnowledgeBase, topic: Topic, era: Era, asOf: string): string {
  if (era.status !== 'in-force') return '';
  const next = topic.eras.find(
    (e) => PENDING.has(e.status) && e.from && e.from > asOf && eraSummary(kb, e) !== eraSummary(kb, era),
  );
  return next ? planSentence(kb, next, movesTo(kb, next, era)) : '';
}

/** The bodies a change moves a service to: those that do not hold it already ("the ICB", not "the ICB or NHS England"). */
function movesTo(kb: KnowledgeBase, next: Era, era: Era): string {
  const now = new Set(primaryBodies(kb, era));
  const names = primaryBodies(kb, next).filter((name) => !now.has(name));
  if (names.length === 0) return eraSummary(kb, next);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

/** "Before 1 July 2022 this was the CCG." and "From 1 April 2025 …" around the as-of date. */
/** " — Integrated care boards replace CCGs": the timeline event that made an era start, if there is one. */
function cause(kb: KnowledgeBase, era: Era): string {
  const bodies = new Set(era.holders.map((h) => h.body));
  const onDay = kb.events.filter((e) => e.date === era.from && !PENDING.has(e.status));
  const event = onDay.find((e) => e.bodies.some((b) => bodies.has(b))) ?? onDay[0];
  // The instrument ("Health and Care Act 2022") tells a reader where to look the change up.
  return event ? ` (${event.title}${event.instrument ? `: ${event.instrument}` : ''})` : '';
}

function changesAround(
  kb: KnowledgeBase,
  topic: Topic,
  era: Era | undefined,
  labelled: ReadonlySet<Era['status']> = new Set(),
): string[] {
  const out: string[] = [];
  const law = topic.eras.filter((e) => !PENDING.has(e.status));
  const index = era ? law.indexOf(era) : -1;
  const previous = index > 0 ? law[index - 1] : undefined;
  const next = index >= 0 ? law[index + 1] : undefined;
  // A change of era that keeps the same bodies (say, only who advises changed) is not news here.
  const same = (a: Era | undefined, b: Era | undefined) => a && b && eraSummary(kb, a) === eraSummary(kb, b);
  if (era?.from && previous && !same(previous, era))
    out.push(`Before ${longDate(era.from)}: ${eraSummary(kb, previous)}${cause(kb, era)}.`);
  if (next?.from && !same(next, era))
    out.push(`From ${longDate(next.from)}: ${eraSummary(kb, next)}${cause(kb, next)}.`);
  for (const pending of topic.eras.filter((e) => PENDING.has(e.status) && e !== era)) {
    // A planned change takes effect on its date; a proposal or announcement was made on it.
    const when = pending.from
      ? ` (${pending.status === 'planned' ? 'from' : 'since'} ${longDate(pending.from)})`
      : '';
    const label = STATUS_TEXT[pending.status] ?? '';
    // A status label the answer already gives (its own, or a would-be holder's) is said once: here, its word.
    const said = labelled.has(pending.status)
      ? `${pending.status.charAt(0).toUpperCase()}${pending.status.slice(1)}`
      : label;
    const note = pending.note.startsWith(`${label}:`)
      ? pending.note.slice(label.length + 1).trim()
      : pending.note;
    const review = reviewNote(kb, pending);
    out.push(
      `${said}${when}: ${eraSummary(kb, pending)}. ${note.charAt(0).toUpperCase()}${note.slice(1)}${review ? ` ${review}` : ''}`,
    );
  }
  return out;
}

function sourcesOf(kb: KnowledgeBase, eras: Era[]): Answer['sources'] {
  const ids = [...new Set(eras.flatMap((e) => e.sources))];
  return ids.map((id) => {
    const s = kb.sources.get(id);
    const what = s ? { publisher: s.publisher, date: s.date } : {};
    if (s?.url) return { id, title: s.title, url: s.url, ...what };
    return { id, title: s?.title ?? id, ...what, ...(s?.offline ? { where: s.offline } : {}) };
  });
}

function timeline(kb: KnowledgeBase, topic: Topic): Answer['timeline'] {
  return topic.eras.map((e) => {
    const label = timelineLabel(e);
    return {
      ...(e.from ? { from: e.from } : {}),
      ...(e.to ? { to: e.to } : {}),
      status: e.status,
      bodies: primaryBodies(kb, e),
      range: eraRange(e.from, e.to),
      ...(label ? { statusText: label } : {}),
    };
  });
}

/** Marks the era in law on the as-of date and the one in law today, so a timeline can show both. */
function marked(eras: Answer['timeline'], asOf: string, today: string): Answer['timeline'] {
  const inLaw = (e: Answer['timeline'][number], date: string) =>
    !PENDING.has(e.status) && (!e.from || e.from <= date) && (!e.to || date <= e.to);
  return eras.map((e) => ({
    ...e,
    ...(inLaw(e, asOf) ? { asOf: true } : {}),
    ...(inLaw(e, today) ? { today: true } : {}),
  }));
}

/**
 * The bodies (with their conditions) a topic's answer would name in this situation, as one string,
 * or '' when it has no record then: enough to tell whether two readings of a question agree.
 */
export function answerKey(kb: KnowledgeBase, anyTopic: Topic, situation: Situation): string {
  const topic = liveTopic(anyTopic);
  const era = pickEra(topic, situation.asOf);
  if (!era || (topic.kind === 'service' && !era.holders.some((h) => existed(kb, h.body, situation.asOf))))
    return '';
  return applicableHolders(era, situation, lifetimes(kb, topic))
    .map((h) => `${h.body}|${conditionLabel(kb, { ...h, when: unsettled(h, situation) }) ?? ''}`)
    .sort()
    .join(',');
}

/** Lifetimes apply to services: a topic about a change or a body may name one that has since gone. */
const lifetimes = (kb: KnowledgeBase, topic: Topic) => (topic.kind === 'service' ? kb : undefined);

/**
 * Builds the answer for one topic at one date. A superseded plan never answers; a date after today
 * that a plan covers asks about the plan too (plans.ts).
 */
export function composeTopicAnswer(kb: KnowledgeBase, topic: Topic, asked: Situation): Answer {
  const situation = withCarried(topic, asked);
  const current = liveTopic(topic);
  const asksAboutPending =
    situation.asksAboutPending || asksAboutPlanDate(current, situation.asOf, situation.today);
  const answer = withPlans(
    kb,
    topic,
    situation.question,
    composeLive(kb, current, { ...situation, asksAboutPending }),
  );
  const read = readAs(answer);
  return read ? { ...answer, readAs: read } : answer;
}

/** What every answer about a topic at a date carries, whether or not anything held it then. */
function answerBase(kb: KnowledgeBase, topic: Topic, situation: Situation) {
  const conditionsAsked = [...situation.settled].map(
    ([c, v]) => kb.conditions.get(c)?.values.find((x) => x.id === v)?.label ?? v,
  );
  return {
    question: situation.question,
    asOf: situation.asOf,
    asOfSource: situation.asOfSource,
    asOfText: longDate(situation.asOf),
    topic: { id: topic.id, title: topic.title },
    conditionsAsked,
    options: [],
    timeline: marked(
      timelineOnce(kb, topic, () => timeline(kb, topic)),
      situation.asOf,
      situation.today,
    ),
    today: situation.today,
    todayText: longDate(situation.today),
  };
}

/** No era holds on the date (or none of its bodies existed then): say where the record starts or ends. */
function noRecord(
  kb: KnowledgeBase,
  topic: Topic,
  situation: Situation,
  base: ReturnType<typeof answerBase>,
): Answer {
  const law = topic.eras.filter((e) => !PENDING.has(e.status));
  const last = law.at(-1);
  const after = Boolean(last?.to && situation.asOf > last.to);
  const nearest = after ? last : law[0];
  const starts =
    nearest?.from ??
    nearest?.holders
      .map((h) => kb.bodies.get(h.body)?.from)
      .filter((d): d is string => Boolean(d))
      .sort()[0];
  const bound = after
    ? `The record ends on ${longDate(last?.to ?? '')}: it has not been checked since.`
    : starts
      ? `The record starts on ${longDate(starts)}.`
      : 'That date is outside what it records.';
  return {
    ...base,
    status: 'unknown',
    commissioners: [],
    text: `The knowledge base has no record of who held this on ${longDate(situation.asOf)}. ${bound}`,
    changes: changesOnce(kb, topic, nearest, '', () => changesAround(kb, topic, nearest)),
    sources: sourcesOf(kb, nearest ? [nearest] : []),
    lookInstead: after
      ? 'NHS England and the relevant ICB publish current commissioning responsibilities.'
      : 'For earlier years, the Commons Library briefings on NHS commissioning history are a good start.',
    confidence: situation.confidence,
  };
}

/**
 * Adds to `commissioners` the bodies a change not yet law would make holders ("would commission it from
 * 1 April 2027, if the plan takes effect"), marks their statuses as said, and returns those changes.
 */
function addPendingHolders(
  kb: KnowledgeBase,
  topic: Topic,
  situation: Situation,
  commissioners: Answer['commissioners'],
  labelled: Set<Era['status']>,
): Era[] {
  const planEras: Era[] = [];
  for (const pending of topic.eras.filter((e) => PENDING.has(e.status))) {
    for (const h of applicableHolders(pending, situation, lifetimes(kb, topic))) {
      if (commissioners.some((c) => c.body === h.body)) continue;
      // The condition is only a real condition: "where planned" read like a place.
      const condition = conditionLabel(kb, { ...h, when: unsettled(h, situation) });
      commissioners.push({
        body: h.body,
        name: bodyName(kb, h.body),
        role: h.role,
        roleText: pendingRoleText(pending),
        ...(condition ? { condition } : {}),
        ...(h.note ? { note: h.note } : {}),
      });
      if (!planEras.includes(pending)) planEras.push(pending);
      labelled.add(pending.status);
    }
  }
  return planEras;
}

/**
 * Where the question names a place, the text leads with the named body ("Leeds City Council (the local
 * authority) commissions health visiting.") and what the tables add (a split area, the table's date).
 */
function namedLead(topic: Topic, commissioners: Answer['commissioners'], local: LocalNames): string {
  const { notes, unnamed = [] } = local;
  const named = commissioners.filter((c) => c.localName);
  if (!named.length) return [...notes.filter((n) => n.startsWith('Before')), ...unnamed].join(' ');
  // "Local authority (council)" reads "the local authority"; "IVF" keeps its capitals.
  const kind = (name: string) => name.replace(/\s*\(.*\)$/u, '').toLowerCase();
  const who = named.map((c) => `${c.localName} (the ${kind(c.name)})`).join(' and ');
  const what = /^\p{Lu}\p{Ll}/u.test(topic.title)
    ? `${topic.title.charAt(0).toLowerCase()}${topic.title.slice(1)}`
    : topic.title;
  const role = (named[0] as Answer['commissioners'][number]).roleText.replace(/ it(?= |$)/u, ` ${what}`);
  return [`${who} ${role}.`, ...notes].join(' ');
}

function composeLive(kb: KnowledgeBase, topic: Topic, situation: Situation): Answer {
  const era = pickEra(topic, situation.asOf);
  const base = answerBase(kb, topic, situation);
  // A PCT cannot hold anything in 1995: an era whose bodies did not exist on the date is no answer.
  const holders = era ? applicableHolders(era, situation, lifetimes(kb, topic)) : [];
  if (!era || holders.length === 0) return noRecord(kb, topic, situation, base);
  // The title is shown above the text on every surface, so the text starts with who. A date before
  // today is told in the past tense ("last year, the ICB commissioned it").
  const past = Boolean((era.to && era.to < situation.today) || situation.asOf < situation.today);
  const local = localNames(kb, situation.place, situation.asOf);
  const commissioners = holders.map((h) => {
    const condition = conditionLabel(kb, { ...h, when: unsettled(h, situation) });
    const roleText = ROLE_TEXT[h.role][past ? 1 : 0];
    const localName = local.names.get(h.body);
    return {
      body: h.body,
      name: bodyName(kb, h.body),
      ...(localName ? { localName } : {}),
      role: h.role,
      roleText,
      ...(condition ? { condition } : {}),
      ...(h.note ? { note: h.note } : {}),
    };
  });
  const labelled = new Set<Era['status']>(STATUS_TEXT[era.status] ? [era.status] : []);
  // "Who would commission it under the Bill?": name the pending arrangement too, labelled as not law.
  const planEras =
    situation.asksAboutPending && !PENDING.has(era.status)
      ? addPendingHolders(kb, topic, situation, commissioners, labelled)
      : [];
  // Every surface shows the as-of date, the status label and the commissioners above the text, so the
  // text says only what they do not: repeating them read as the same line twice. What it adds for an
  // arrangement not yet law is when the knowledge last checked it.
  const reviews = [pendingTail(kb, era), ...planEras.map((p) => planSentence(kb, p, movesTo(kb, p, era)))];
  const dateNote = situation.dateRead ? `(I ${situation.dateRead}.)` : '';
  const ended = era.to && era.to < situation.asOf ? ` This held until ${longDate(era.to)}.` : '';
  // Only for today or later: a question about 2016 is not about a plan for 2027.
  const coming =
    planEras.length || situation.asOf < situation.today ? '' : comingChange(kb, topic, era, situation.asOf);
  return {
    ...base,
    status: 'answered',
    commissioners,
    text: [namedLead(topic, commissioners, local), `${era.note}${ended}`, ...reviews, coming, dateNote]
      .filter(Boolean)
      .join(' '),
    ...(situation.dateRead ? { dateRead: situation.dateRead } : {}),
    changes: changesOnce(kb, topic, era, [...labelled].sort().join(), () =>
      changesAround(kb, topic, era, labelled),
    ),
    eraStatus: era.status,
    ...(STATUS_TEXT[era.status] ? { statusText: STATUS_TEXT[era.status] } : {}),
    sources: sourcesOf(kb, [era, ...planEras]),
    confidence: situation.confidence,
  };
}
