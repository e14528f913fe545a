import { composeTopicAnswer, type Situation } from '../resolve/compose.js';
import { defaultConditions } from '../resolve/conditions.js';
import type { Answer } from '../schemas/answer.js';
import type { Body } from '../schemas/body.js';
import { type Era, NOT_LAW, type Role, type Topic } from '../schemas/topic.js';
import type { KnowledgeBase } from './model.js';

/**
 * Does an answer's text agree with what the answer lists? Two things a reader trusts at a glance and
 * the knowledge could make disagree: the bodies the text names as holding the service are the bodies
 * listed (in the same roles: a text that says "jointly" lists them jointly), and the era's text gives
 * no start date later than the era's own (an era from April 2013 whose text says "from 1 April 2014").
 * Checked for every topic, every era in law, and every value of every condition its holders depend on.
 */
export interface TextDisagreement {
  topic: string;
  /** 1-based, as `npm run report` numbers eras. */
  era: number;
  /** The conditions settled for this answer ("population=prisoners"), or "" for none. */
  when: string;
  message: string;
}

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);
const DATE = new RegExp(`\\b(?:(\\d{1,2}) )?(${MONTHS.join('|')}) (\\d{4})\\b`, 'g');
/** Words before a date that make it the start of something: "from", "since", "gives … as the start". */
const STARTS =
  /\b(?:from|since|starting|started|start|began|begins|took over on|takes over on)\s+(?:on\s+)?$/i;

/** In a change's or body's text "on 1 July 2022" is a start when its clause sets something up or starts it. */
const CHANGE_ON = /\bon\s+$/i;
const START_VERB =
  /\b(?:set up|started|starts|began|begins|established|created|took over|takes over|took on|replaced)\b/i;
/** "152 PCTs from October 2006", "42 ICBs from 1 July 2022": how many there were from then, not a start. */
const COUNT_FROM = /\b\d+\s+[A-Za-z]+\s+from\s+$/;

/** The clause a date stands in: from the last ",", ";", "." or " and " before it to the next after it. */
function clauseAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  // " and " ends a clause before the date ("started on 1 April 2002 and were renamed on …"), not after it
  // ("On 1 July 2022 it abolished CCGs and set up ICBs").
  const marks = [',', ';', '.', ' and '].map(
    (m) => before.lastIndexOf(m) + (before.lastIndexOf(m) < 0 ? 0 : m.length),
  );
  const from = Math.max(0, ...marks);
  const rest = text.slice(end).search(/[,;.]/);
  return text.slice(from, rest < 0 ? undefined : end + rest);
}

/** Dates the text gives as a start ("from 1 April 2014", "1 April 2014 as the start"), as YYYY-MM-DD. */
export function startDates(text: string, kind: Topic['kind'] = 'service'): { iso: string; said: string }[] {
  const out: { iso: string; said: string }[] = [];
  for (const m of text.matchAll(DATE)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 45), m.index);
    const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 20);
    const at = m.index ?? 0;
    const onAStart =
      kind !== 'service' &&
      CHANGE_ON.test(before) &&
      START_VERB.test(clauseAround(text, at, at + m[0].length));
    if (COUNT_FROM.test(before)) continue;
    if (!STARTS.test(before) && !onAStart && !/^ as the start\b/i.test(after)) continue;
    const month = String(MONTHS.indexOf(m[2] ?? '') + 1).padStart(2, '0');
    out.push({ iso: `${m[3]}-${month}-${(m[1] ?? '1').padStart(2, '0')}`, said: m[0] });
  }
  return out;
}

/** The ways a body is named in text: its name, short name and aliases, longest first. */
function namesOf(body: Body): string[] {
  const names = [body.name, body.short, ...body.aliases].filter((n): n is string => Boolean(n));
  return [...new Set(names)].sort((a, b) => b.length - a.length);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * "It is commissioned by X", "they are held by the X": the passive names the holder after "by" when its
 * subject is the service itself. With another subject ("specialised services commissioned by NHS England",
 * "the GP contract held by NHS England") it says who holds something else.
 */
const HELD_BY = String.raw`\b(?:it|they|these|this(?: service)?|which)\s+(?:is|are|was|were|has been|have been)\s+(?:still\s+|now\s+|also\s+)?(?:commissioned|held|kept|taken over)\s+(?:jointly\s+|locally\s+|nationally\s+)?by\s+(?:the\s+)?`;
/**
 * For a change or a body, its holders are the bodies it happens to ("subject"): the text names one as
 * such when the body acts in the change ("ICBs took over", "X replaced", "X was abolished", "X was set up")
 * or the change is done to it ("abolished CCGs", "set up 42 integrated care boards"). What a body replaced or
 * absorbed is named as what it took over, not as a holder ("ICBs replaced CCGs" names ICBs).
 */
const CHANGED = String.raw`(?:\s+(?:also|then|itself|has|have|had)){0,2}\s+(?:took over|takes over|replaced|replaces|absorbed|(?:was|were|is|are)\s+(?:abolished|set up|established|created|dissolved|renamed|merged))\b`;
const CHANGES_IT = String.raw`\b(?:abolished|abolishes|set up|sets up|established|created|dissolved)\s+(?:the\s+|all\s+|\d+\s+)?`;
/** "X commissions", "X still commissions", "X has commissioned", "X took over": X named as holding it. */
const HOLDS = String.raw`(?:\s+(?:still|now|also|itself|themselves|has|have|had|alone|locally|nationally)){0,2}\s+(?:commissions?|commissioned|took over|takes over|keeps|kept|holds|held)\b`;
/** A sentence about another time, a plan, or what a body does not do names no holder of this answer. */
const ASIDE =
  /\b(?:before|until|previously|formerly|used to|would|will|could|proposed|planned|if|not|never|no longer|kept back|except)\b|\bin (?:\w+ )?\d{4}\b/i;
const JOINTLY = /\bjointly\b|\bco-commission/i;
const DELEGATED = /\bunder delegation\b|\bdelegated\b/i;

/** A holder the text names: the body, the role its words give, and for whom or where the sentence says. */
interface Claim {
  body: string;
  role?: Role;
  sentence: string;
  /** condition id → the values the sentence names ("for the general population", "prisoners"). */
  about: Map<string, Set<string>>;
  /** "for most of England", "elsewhere": true of part of the country only, so checked with conditions open. */
  partial: boolean;
}

const PARTIAL = /\b(?:most|elsewhere|in the other|some of|a few|for the rest|kept the rest)\b/i;

/** The condition values a sentence names, by their labels and phrases in conditions.yaml. */
function valuesNamed(kb: KnowledgeBase, sentence: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const condition of kb.conditions.values())
    for (const value of condition.values) {
      const words = [value.label, ...(value.phrases ?? [])];
      if (!words.some((w) => new RegExp(`(?<![\\w-])${escapeRe(w)}(?![\\w-])`, 'i').test(sentence))) continue;
      const set = out.get(condition.id) ?? new Set<string>();
      set.add(value.id);
      out.set(condition.id, set);
    }
  return out;
}

/** Bodies the text names as holding it, with the role its words give ("jointly", "under delegation"). */
export function holdersNamed(kb: KnowledgeBase, text: string, kind: Topic['kind'] = 'service'): Claim[] {
  const out: Claim[] = [];
  for (const sentence of text.split(/(?<=[.;])\s+/)) {
    if (ASIDE.test(sentence)) continue;
    for (const body of kb.bodies.values()) {
      if (!namesHolder(sentence, namesOf(body), kind)) continue;
      const role: Role | undefined = JOINTLY.test(sentence)
        ? 'jointly'
        : DELEGATED.test(sentence)
          ? 'delegated'
          : undefined;
      const about = valuesNamed(kb, sentence);
      out.push({
        body: body.id,
        ...(role ? { role } : {}),
        sentence,
        about,
        partial: PARTIAL.test(sentence),
      });
    }
  }
  return out;
}

/** Whether a sentence names a body (by any of its names) as holding it: actively, passively, or in a change. */
function namesHolder(sentence: string, names: string[], kind: Topic['kind']): boolean {
  const forms = kind === 'service' ? [HOLDS] : [HOLDS, CHANGED];
  return names.some((n) => {
    const name = `${escapeRe(n)}(?![\\w-])`;
    if (forms.some((f) => new RegExp(`(?<![\\w-])${escapeRe(n)}${f}`, 'i').test(sentence))) return true;
    if (new RegExp(`${HELD_BY}${name}`, 'i').test(sentence)) return true;
    return kind !== 'service' && new RegExp(`${CHANGES_IT}${name}`, 'i').test(sentence);
  });
}

/** Whether a claim is about the situation: a sentence about prisoners says nothing of the general population. */
function applies(claim: Claim, settled: Map<string, string>, defaults: ReadonlyMap<string, string>): boolean {
  if (claim.partial && settled.size > 0) return false;
  for (const [condition, values] of claim.about) {
    const value = settled.get(condition) ?? defaults.get(condition);
    if (value && !values.has(value)) return false;
  }
  return true;
}

/** Every way of settling the conditions an era's holders depend on: none settled, then each value alone. */
function settlings(era: Era): Map<string, string>[] {
  const out: Map<string, string>[] = [new Map()];
  const values = new Map<string, Set<string>>();
  for (const h of era.holders)
    for (const [condition, value] of Object.entries(h.when ?? {}))
      for (const v of Array.isArray(value) ? value : [value]) {
        const set = values.get(condition) ?? new Set<string>();
        set.add(v);
        values.set(condition, set);
      }
  for (const [condition, set] of values) for (const v of set) out.push(new Map([[condition, v]]));
  return out;
}

function answerAt(kb: KnowledgeBase, topic: Topic, era: Era, settled: Map<string, string>): Answer {
  const asOf = era.from ?? era.to ?? kb.updated;
  const situation: Situation = {
    question: '',
    asOf,
    asOfSource: 'given',
    today: kb.updated,
    settled,
    defaults: new Map([...defaultConditions(kb)].filter(([c]) => !settled.has(c))),
    askedRoles: new Set(),
    asksAboutPending: false,
    confidence: 1,
  };
  return composeTopicAnswer(kb, topic, situation);
}

const SECONDARY_ROLES: ReadonlySet<Role> = new Set(['accountable', 'advises']);

/** A sentence that dates itself after the era ("ICBs replaced them on 1 July 2022") is about a later time. */
function afterEra(sentence: string, era: Era): boolean {
  if (!era.to) return false;
  const to = era.to;
  return startDatesAny(sentence).some((iso) => iso > to);
}

/** Every date a sentence gives, as YYYY-MM-DD. */
function startDatesAny(text: string): string[] {
  return [...text.matchAll(DATE)].map((m) => {
    const month = String(MONTHS.indexOf(m[2] ?? '') + 1).padStart(2, '0');
    return `${m[3]}-${month}-${(m[1] ?? '1').padStart(2, '0')}`;
  });
}

function eraDisagreements(kb: KnowledgeBase, topic: Topic, era: Era, index: number): TextDisagreement[] {
  const out: TextDisagreement[] = [];
  const at = { topic: topic.id, era: index + 1 };
  const held = new Set(
    era.holders
      .flatMap((h) => (h.note ? [h.note] : []))
      .join(' ')
      .match(DATE) ?? [],
  );
  for (const start of startDates(era.note, topic.kind)) {
    // A date a holder's own note gives too is modelled (that holder holds it from then); one only in
    // the text contradicts the era's start.
    if (era.from && start.iso > era.from && (!era.to || start.iso <= era.to) && !held.has(start.said))
      out.push({
        ...at,
        when: '',
        message: `the text gives ${start.said} as a start, but the era starts ${era.from}`,
      });
  }
  for (const settled of settlings(era)) {
    const answer = answerAt(kb, topic, era, settled);
    if (answer.status !== 'answered') continue;
    const when = [...settled].map(([c, v]) => `${c}=${v}`).join(', ');
    const defaults = defaultConditions(kb);
    const claims = holdersNamed(kb, answer.text, topic.kind).filter(
      (c) => applies(c, settled, defaults) && !afterEra(c.sentence, era),
    );
    for (const claim of claims) {
      // A body the era holds as accountable or adviser is left out of the list unless asked about, but the
      // text may still say what it does.
      const secondary = era.holders
        .filter((h) => h.body === claim.body && SECONDARY_ROLES.has(h.role))
        .map((h) => ({ body: h.body, role: h.role }));
      const listed = [...answer.commissioners.filter((c) => c.body === claim.body), ...secondary];
      const roles = listed.map((c) => c.role).join(', ') || 'not listed';
      // A change's or body's holders are its subjects: "jointly" or "by delegation" in its text describes
      // what a body was given, not its role in the change, so only being listed is checked.
      const roleDiffers =
        topic.kind === 'service' && claim.role && !listed.some((c) => c.role === claim.role);
      if (listed.length === 0 || roleDiffers)
        out.push({
          ...at,
          when,
          message: `the text names ${claim.body}${claim.role ? ` (${claim.role})` : ''} as holding it ("${claim.sentence}"), but the answer lists ${claim.body}: ${roles}`,
        });
    }
  }
  return out;
}

/** Every disagreement between an answer's text and its bodies or dates, over the whole knowledge. */
export function textDisagreements(kb: KnowledgeBase): TextDisagreement[] {
  return kb.topics.flatMap((topic) =>
    topic.eras.flatMap((era, i) => (NOT_LAW.has(era.status) ? [] : eraDisagreements(kb, topic, era, i))),
  );
}
