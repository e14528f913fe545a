import { decide } from '../decide/decision.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import type { Answer, AnswerPart } from '../schemas/answer.js';
import { isIsoDate } from '../schemas/common.js';
import { PENDING, type Topic } from '../schemas/topic.js';
import { withAlternatives } from './alternatives.js';
import { answerKey, composeTopicAnswer, type Situation } from './compose.js';
import { defaultConditions, readConditions } from './conditions.js';
import { type Settings, type SettingsOverrides, settingsWith } from './config.js';
import { withoutCorrectedDates } from './corrections.js';
import {
  changeAsks,
  changeInYear,
  changeSituations,
  dateSituations,
  historySituations,
} from './date-parts.js';
import { type DateReading, readDate } from './dates.js';
import { longDate } from './format.js';
import { correct, namesABody, prepare, questionTerms } from './index.js';
import {
  askedRoles,
  asksAboutPending,
  asksWhoCommissions,
  questionWord,
  whichBodyPhrases,
} from './intent.js';
import { type Candidate, rank } from './match.js';
import { perKnowledge, phrasePattern } from './memo.js';
import { type MessageReading, readMessage } from './message.js';
import { withoutNegated } from './negation.js';
import { normalise } from './normalise.js';
import { type PlaceRead, readOutside, readPlace, withoutPlace } from './place.js';
import { placeGuard } from './place-guard.js';
import { withoutBodyName, withoutOfferedBodies } from './place-names.js';
import { asCouncilName } from './place-postcode.js';
import { isLocalBodies, placeQuestion } from './place-questions.js';
import { isVague, type Query, queryFor, splitParts } from './query.js';
import { askedInstead, outOfScope } from './scope.js';
import { joinSpelt } from './spelt.js';

export interface ResolveOptions {
  /** YYYY-MM-DD given by the caller; beats any date in the text. */
  asOf?: string | undefined;
  /** Answer this topic (a clicked clarify option) instead of matching. */
  topicId?: string | undefined;
  /** The clock, injected so tests pin "today". */
  today: Date;
  /** Overrides of the resolver's settings (src/resolve/config.ts), merged over the defaults. */
  settings?: SettingsOverrides | undefined;
}

const GENERAL_LOOK =
  'Try naming the service and a year, e.g. "who commissioned health visiting in 2014?". For anything else, NHS England\'s "Who commissions NHS services" page (https://www.england.nhs.uk/commissioning/who-commissions-nhs-services/) is the place to start.';

function unknown(
  question: string,
  q: Pick<Read, 'asOf' | 'asOfSource'>,
  text: string,
  look?: string,
): Answer {
  return {
    status: 'unknown',
    question,
    asOf: q.asOf,
    asOfSource: q.asOfSource,
    asOfText: longDate(q.asOf),
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

/** A message read: its text, its clauses, its date, the conditions it states, and the rest of its words. */
export interface Read {
  question: string;
  today: string;
  text: string;
  message: MessageReading;
  asOf: string;
  asOfSource: Answer['asOfSource'];
  dateRead: string | undefined;
  /** The date as written ("2016", "April 2013"), when the text gave one. */
  datePhrase: string | undefined;
  conditions: ReturnType<typeof readConditions>;
  /** The body whose start the date was read from ("when was UKHSA set up"), if so. */
  startOf?: string | undefined;
  /** The place the message names ("in Leeds", "Frimley ICB here"), read from the question as written. */
  place?: PlaceRead | undefined;
  /** The place was carried from the last question (a follow-up that names none). */
  placeCarried?: boolean | undefined;
  /**
   * Set when the message is read as a follow-up: the conditions carried from the last question. The
   * service is then found in the words besides the conditions and the words any follow-up uses.
   */
  followUp?: { carried: ReadonlyMap<string, string> } | undefined;
}

/** Typo-corrects each word in place, keeping punctuation, so phrases ("fully delegted") match as written. */
function corrected(text: string, kb: KnowledgeBase): string {
  const prepared = prepare(kb);
  // A contraction is one word: "weren't" corrected as "weren" would become "were't" and lose its negation.
  return text.replace(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu, (w) =>
    w.includes("'") ? w : correct(w, prepared),
  );
}

/**
 * The stretch of the asking text that holds its last question word ("… but I'm writing a history -
 * who commissioned hip replacements in 2019/20?"): a date there is the date asked about.
 */
function questionPart(asking: string, kb: KnowledgeBase): string {
  const cues = [...asking.matchAll(new RegExp(questionWord(kb).source, 'gu'))];
  const last = cues.at(-1);
  if (!last) return '';
  const start = Math.max(...[...asking.slice(0, last.index).matchAll(/[-–—,;:]\s/gu)].map((m) => m.index), 0);
  return asking.slice(start);
}

export function readQuestion(kb: KnowledgeBase, rawQuestion: string, options: ResolveOptions): Read {
  const question = typeof rawQuestion === 'string' ? rawQuestion.slice(0, 2000) : '';
  const today = options.today.toISOString().slice(0, 10);
  const text = withoutCorrectedDates(joinSpelt(normalise(question), kb), today, kb);
  const message = readMessage(text, kb);
  // The date in the question beats a date in its context ("our ICB came in in July 2022 … who
  // commissioned it in 2019/20?"); an explicit date in the asking words beats "now", but a date in a
  // sentence of context does not ("I left the army in 2015. Who commissions my care now?").
  const inQuestion =
    readDate(questionPart(message.asking, kb), today, kb) ?? readDate(message.asking, today, kb);
  const dateReading = !inQuestion
    ? readDate(text, today, kb)
    : inQuestion.now
      ? (readDate(message.asking.replace(inQuestion.phrase, ' '), today, kb) ?? inQuestion)
      : inQuestion;
  const read = dateReading?.date ?? today;
  // A date given that is the one the words give anyway (a clarify option carries its answer's date) is
  // not a choice: the answer says "today" or reads the date from the question, as when typed.
  const given = isIsoDate(options.asOf) && options.asOf !== read ? options.asOf : undefined;
  const place = placeOf(kb, question);
  return {
    question,
    today,
    text,
    message,
    asOf: given ?? read,
    asOfSource: given ? 'given' : dateReading ? 'text' : 'today',
    dateRead: given ? undefined : dateReading?.how,
    datePhrase: given || !dateReading || dateReading.now ? undefined : dateReading.phrase.trim(),
    // A postcode says what its council's name says: "LS6" settles the region as "Leeds" does. A word of
    // the date phrase is the date's, not a condition: "the year Leicester won the league".
    conditions: readConditions(
      corrected(asCouncilName(withoutPhrase(text, dateReading?.phrase), place.place), kb),
      kb,
    ),
    ...(given || !dateReading?.startOf ? {} : { startOf: dateReading.startOf }),
    ...place,
  };
}

const withoutPhrase = (text: string, phrase: string | undefined) =>
  phrase?.trim() ? text.replace(phrase, ' ') : text;

/** The place a message names, if any: case matters ("Reading" the town), so it is read before normalising. */
function placeOf(kb: KnowledgeBase, question: string): { place?: PlaceRead } {
  const place = readPlace(kb, question);
  // A town in England gives way to a council outside it named too: "moving from Chester to Wrexham" asks
  // about Wrexham (a council's own name in England still wins, as before).
  if (place?.town && readOutside(kb, question)) return {};
  // A town whose council is named too ("a Chatham constituent … Medway patients"): the council's own words
  // are the place read, so they (and who lives there) never pull a topic.
  if (place?.town) {
    const council = readPlace(kb, question.replace(place.words, ' '.repeat(place.words.length)));
    if (council && !council.town && council.code === place.code) return { place: council };
  }
  return place ? { place } : {};
}

/** Every time phrase is about when, not what ("In February 2022, … after PHE closed"): removed before matching. */
export function withoutDates(
  text: string,
  today: string,
  kb: KnowledgeBase,
  events: string[] = [],
  kept: string[] = [],
): string {
  let rest = text;
  // A moment's words may say what is asked ("what happened after PHE closed?"). When the message asks
  // who commissions something, an event's words ("when Lansley's reforms landed") say when, and are set
  // aside in `events`: the caller weighs them as context, so "who got the power when the LRO came in?"
  // still finds the LRO while "who held GP contracts when Lansley's reforms landed?" finds GP contracts.
  const asksWho = asksWhoCommissions(text, kb);
  const removable = (r: DateReading) => !r.anchor || (asksWho && !r.anchorBody);
  let reading = readDate(rest, today, kb);
  for (let n = 0; reading && removable(reading) && n < 5; n++) {
    if (reading.anchor) events.push(reading.phrase);
    rest = rest.replace(reading.phrase, ' ');
    reading = readDate(rest, today, kb);
  }
  // A moment kept for its words ("after PHE closed") still says when, not how the message asks.
  if (reading?.anchor) kept.push(reading.phrase);
  return rest;
}

function situation(kb: KnowledgeBase, r: Read, confidence: number, over: Partial<Situation> = {}): Situation {
  return {
    question: r.question,
    asOf: r.asOf,
    asOfSource: r.asOfSource,
    today: r.today,
    settled: r.conditions.settled,
    excluded: r.conditions.excluded,
    defaults: defaultConditions(kb),
    askedRoles: askedRoles(r.text, kb),
    asksAboutPending: asksAboutPending(r.text, kb),
    dateRead: r.dateRead,
    carried: r.followUp?.carried,
    place: r.place,
    confidence,
    ...over,
  };
}

/** The matcher's query for a message: asking clauses count in full, context clauses as context. */
function messageQuery(kb: KnowledgeBase, r: Read): Query {
  // "Who … and what changed after?" asks for the next era of the same service (date-parts.ts), not for a
  // topic about a change; "what changed in 2013?" alone does ask about the change.
  const change = asksWhoCommissions(r.text, kb) ? changeAsks(kb) : /(?!)/gu;
  const events: string[] = [];
  const kept: string[] = [];
  // A follow-up names its service besides its conditions and the words any follow-up uses: "and if we
  // were fully delegated?" keeps the last service, though "delegated" alone would name a topic.
  const following = r.followUp ? followUpAside(kb, r) : (t: string) => t;
  // With a place named, "and what's the exact name of the body?" asks for the name the answer gives.
  const named = r.place ? (t: string) => following(withoutBodyName(kb, t)) : following;
  // "… the district, the county or the NHS?" offers bodies as the answer: no service words there.
  const aside = (t: string) => named(withoutOfferedBodies(kb, t));
  // A place's words say where, never what: "Bath" must not pull bath aids, nor "Leeds ICB" the ICB.
  const clean = (t: string) =>
    aside(
      withoutNegated(withoutDates(withoutPlace(t, r.place, kb), r.today, kb, events, kept), kb).replace(
        change,
        ' ',
      ),
    );
  const asking = clean(r.message.asking);
  // How the message asks (a service, or a change or body) is read without any date's words: "did that
  // move to the ICB when they came in?" asks about a service, though "came in" names a change.
  const howAsked = kept.reduce((t, phrase) => t.replace(phrase, ' '), asking);
  const context = `${clean(r.message.context)} ${events.join(' ')}`;
  const which = whichBodyPhrases(kb);
  const query = queryFor(kb, asking.replace(which, ' '), context, r.conditions, r.text, undefined, howAsked);
  // Parts are found in the asking words as written, dates included, so each part can keep its own date.
  return {
    ...query,
    asking: aside(withoutNegated(r.message.asking, kb).replace(change, ' ').replace(which, ' ')),
  };
}

/** Takes out of a follow-up's text the phrases that stated conditions and the words any follow-up uses. */
function followUpAside(kb: KnowledgeBase, r: Read): (text: string) => string {
  const phrases = [...r.conditions.settledBy.values(), ...r.conditions.phrases].filter(Boolean);
  const words = followUpWordPattern(kb);
  return (text) => phrases.reduce((t, phrase) => t.split(phrase).join(' '), text).replace(words, ' ');
}

const followUpWordPattern = perKnowledge(
  (kb) => new RegExp(phrasePattern(kb.reading.followUpWords).source, 'gu'),
);

function rankFor(kb: KnowledgeBase, r: Read, query: Query, settings: Settings): Candidate[] {
  // Every value named counts: "CHC for a veteran and a serving officer" is about CHC, for two groups.
  const settled = new Map(
    [...r.conditions.statedBy].map(([c, phrases]) => [c, questionTerms(phrases.join(' '), prepare(kb))]),
  );
  const statedDate = r.asOfSource === 'today' ? undefined : r.asOf;
  return rank(query.terms, prepare(kb), { asksAbout: query.kind, settled, statedDate }, settings);
}

/** How the matcher read and ranked a question, for maintainers (`npm run ask -- --explain`). */
export function explain(kb: KnowledgeBase, question: string, options: ResolveOptions) {
  const r = readQuestion(kb, question, options);
  const query = messageQuery(kb, r);
  const ranked = rankFor(kb, r, query, settingsWith(options.settings));
  return {
    asOf: r.asOf,
    dateRead: r.dateRead,
    conditions: Object.fromEntries(r.conditions.settled),
    excluded: Object.fromEntries([...r.conditions.excluded].map(([c, v]) => [c, [...v]])),
    clauses: r.message.clauses,
    asks: { kind: query.kind, strength: r.message.strength },
    terms: query.terms.map((t) => `${t.term}${t.context ? ' (context)' : ''}`),
    ranked: ranked.slice(0, 8).map((c) => ({
      topic: c.entry.topic.id,
      score: Math.round(c.score * 100) / 100,
      evidence: Math.round(c.evidence * 100) / 100,
      coverage: Math.round(c.coverage * 100) / 100,
    })),
  };
}

/** What the matcher saw on the way to an answer: the decision (src/decide) reads its features from it. */
export interface Trace {
  query?: Query;
  ranked?: Candidate[];
}

/**
 * Question text in, the reader's Answer out, before the decision (src/decide) weighs it: the stage the
 * reading tests check. Pure over a loaded knowledge base; never throws on any string. People get
 * `answer` (or a turn of `resolveTurn`), which adds the decision.
 */
export function resolve(kb: KnowledgeBase, rawQuestion: string, options: ResolveOptions): Answer {
  return resolveRead(kb, readQuestion(kb, rawQuestion, options), options);
}

/** Question text in, the Answer a person gets: the reader's answer, then the decision on giving it. */
export function answer(kb: KnowledgeBase, rawQuestion: string, options: ResolveOptions): Answer {
  return decided(kb, readQuestion(kb, rawQuestion, options), options);
}

/** The resolver's answer to a message read, then the decision on whether to give it (src/decide). */
export function decided(
  kb: KnowledgeBase,
  r: Read,
  options: Pick<ResolveOptions, 'topicId' | 'settings'>,
): Answer {
  const trace: Trace = {};
  const answer = resolveRead(kb, r, options, trace);
  // A chosen option is the asker's own reading: nothing left to decide. An answer from the place tables
  // rests on no reading of a topic for the decision to weigh; the place guard weighs its place instead, as it
  // does for a service answer naming a place's bodies.
  const given = options.topicId
    ? answer
    : placeGuard(kb, r, isLocalBodies(answer) ? answer : decide(kb, r, trace, answer));
  // What "Not what I asked" offers: the next-best readings, at the question's date and conditions.
  return withAlternatives(kb, given, trace.ranked ?? [], situation(kb, r, 0));
}

/** The reading, what the matcher saw, and the answer: everything the decision weighs. */
export function resolveTraced(
  kb: KnowledgeBase,
  rawQuestion: string,
  options: ResolveOptions,
): { read: Read; trace: Trace; answer: Answer } {
  const read = readQuestion(kb, rawQuestion, options);
  const trace: Trace = {};
  return { read, trace, answer: resolveRead(kb, read, options, trace) };
}

/** The answer to a message already read (its date and conditions may come from an earlier question). */
export function resolveRead(
  kb: KnowledgeBase,
  r: Read,
  options: Pick<ResolveOptions, 'topicId' | 'settings'>,
  trace?: Trace,
): Answer {
  const settings = settingsWith(options.settings);
  if (options.topicId) return chosenTopic(kb, r, options.topicId);

  // A question about a local body itself ("which ICB covers Shropshire?") is answered from the place tables.
  const local = placeQuestion(kb, r);
  if (local) return local;
  const scope = outOfScope(r.message, kb);
  if (scope) return unknown(r.question, r, scope.reason, scope.lookInstead);
  const outside = outsideEngland(kb, r);
  if (outside) return unknown(r.question, r, outside.reason, outside.lookInstead);

  const query = messageQuery(kb, r);
  const ranked = rankFor(kb, r, query, settings);
  const best = ranked[0];
  if (trace) Object.assign(trace, { query, ranked });
  // The plainer the message asks which body, the less of its asking clauses must match a topic.
  // "What happened to PHE?" asks about a body without asking who commissions: that counts as asking.
  const aboutABody = query.kind === 'change' && namesABody(r.message.asking, prepare(kb));
  const gate = settings.gate[Math.max(r.message.strength, aboutABody ? 1 : 0)] ?? settings.gate[0];
  if (!best || best.coverage < gate.minCoverage || best.evidence < gate.minEvidence) {
    const message = asksWhoCommissions(r.text, kb)
      ? 'I could not match that to a commissioning responsibility I know about, so I will not guess.'
      : 'That does not look like a question about who commissions NHS services in England, so I will not guess.';
    return unknown(r.question, r, message, GENERAL_LOOK);
  }

  const parts = splitParts(
    kb,
    {
      ...r,
      settled: r.conditions.settled,
      several: r.conditions.several,
      distributes: r.message.distributes,
    },
    query,
    best,
    settings,
    (q) => rankFor(kb, r, q, settings),
  );
  if (parts) return compound(kb, r, acrossDates(kb, r, query, parts, settings).map(planned));
  const several = severalSituations(r, ranked, settings);
  if (several) return compound(kb, r, several.map(planned));
  return rivalsAnswer(kb, r, query, ranked, settings) ?? bestAnswer(kb, r, query, ranked, settings);
}

/**
 * A place in Scotland, Wales or Northern Ireland named where none in England is ("who commissions health
 * visiting in Aberdeen?"): out of scope, with the reason of the scope rule that names its nation.
 */
function outsideEngland(kb: KnowledgeBase, r: Read): { reason: string; lookInstead?: string } | undefined {
  const place = r.place ? undefined : readOutside(kb, r.question);
  if (!place) return undefined;
  const nation = normalise(place.nation);
  const rule = kb.outOfScope.find((s) => s.phrases.some((p) => normalise(p) === nation));
  // "Moved from Glasgow … who commissions dentists here in England?": England is what is asked about.
  const asking = r.message.asking;
  if (rule && askedInstead(kb, rule, asking) && !asking.includes(normalise(place.words))) return undefined;
  const reason = `${place.name} is in ${place.nation}. ${rule?.reason ?? 'whocommissions covers the NHS in England only.'}`;
  return { reason, ...(rule?.lookInstead ? { lookInstead: rule.lookInstead } : {}) };
}

/** A "did you mean" option chosen: that topic, or a plain word that it has gone since. */
function chosenTopic(kb: KnowledgeBase, r: Read, topicId: string): Answer {
  const chosen = kb.topicById.get(topicId);
  if (chosen) return composeTopicAnswer(kb, chosen, situation(kb, r, 1));
  // A button from before a knowledge update may name a topic that has since gone: say so, never guess.
  return unknown(
    r.question,
    r,
    'That option is no longer in the knowledge base: it was renamed or removed since the question was asked. Please ask again.',
  );
}

/** The best topic answered: at each date asked (a part per date), or at the one date read. */
function bestAnswer(
  kb: KnowledgeBase,
  r: Read,
  query: Query,
  ranked: Candidate[],
  settings: Settings,
): Answer {
  const best = ranked[0] as Candidate;
  const second = ranked[1]?.score ?? 0;
  const confidence = Math.round(Math.min(1, best.coverage * (1 - (second / best.score) * 0.5)) * 100) / 100;
  // One service at two or more dates ("dental in 2010 vs now"): a complete answer per date.
  const dates = withChangeInYear(
    kb,
    r,
    best.entry.topic,
    historySituations(kb, r, best.entry.topic, r.message.asking, settings.compound.historyParts) ??
      dateSituations(kb, r, datesAsked(r, query), settings.compound.maxParts) ??
      changeSituations(kb, r, best.entry.topic, r.message.asking),
  );
  if (dates)
    return compound(
      kb,
      r,
      dates.map((over) => ({ topic: best.entry.topic, confidence, over })),
    );
  return composeTopicAnswer(
    kb,
    best.entry.topic,
    situation(kb, r, confidence, startingEra(best.entry.topic, r)),
  );
}

/**
 * "When was UKHSA set up?" read as UKHSA's first day may land in an era of the topic before UKHSA held
 * it (the PHE closure topic names PHE until October 2021): answer at the first era, from that day on,
 * in which the body asked about holds it.
 */
function startingEra(topic: Topic, r: Read): Partial<Situation> {
  if (!r.startOf) return {};
  const holds = (e: Topic['eras'][number]) => e.holders.some((h) => h.body === r.startOf);
  const at = topic.eras.find((e) => (!e.from || e.from <= r.asOf) && (!e.to || r.asOf <= e.to));
  if (!at || holds(at)) return {};
  // Only law in force: "in the year ICBs launched" is July 2022, not the ICBs' planned April 2027 role.
  const later = topic.eras.find((e) => e.from && e.from > r.asOf && holds(e) && !PENDING.has(e.status));
  return later?.from ? { asOf: later.from } : {};
}

/**
 * Asking back when the reading is not clear: near topics that would give different bodies in this
 * situation, or a best topic found only through words many topics share. Undefined when it is clear.
 */
function rivalsAnswer(
  kb: KnowledgeBase,
  r: Read,
  query: Query,
  ranked: Candidate[],
  settings: Settings,
): Answer | undefined {
  const best = ranked[0];
  if (!best) return undefined;
  const near = ranked.filter((c) => c.score >= best.score * settings.clarifyRatio);
  const close = near.slice(0, settings.maxOptions);
  // More near readings than options ("national health protection agency in 2010?" touches five topics
  // about equally): the words do not say which is meant, whatever the first few would answer.
  const crowded = near.length > settings.maxOptions;
  // Two near topics that give the same bodies in this situation are not worth asking back about.
  // A near topic with no record at that date is not a plausible reading of the question.
  const sameAnswer = (c: Candidate) => answerKey(kb, c.entry.topic, situation(kb, r, 0));
  const bestKey = close.length > 1 ? sameAnswer(best) : '';
  const rivals = close.slice(1).filter((c) => sameAnswer(c) !== '');
  const vague =
    isVague(kb, best, query.terms, settings) && (ranked[1]?.score ?? 0) >= best.score * settings.clarifyRatio;
  if (vague || crowded || (close.length > 1 && (!bestKey || rivals.some((c) => sameAnswer(c) !== bestKey)))) {
    const options = (vague ? ranked : close).slice(0, settings.maxOptions);
    return {
      ...unknown(r.question, r, 'Your question could mean more than one thing. Which of these did you mean?'),
      status: 'clarify',
      options: options.map((c) => ({ topicId: c.entry.topic.id, title: c.entry.topic.title })),
      confidence: Math.min(0.5, best.coverage / 2),
    };
  }
  return undefined;
}

/** The same service for two groups or places ("prisoners and everyone else"): one part per value named. */
function severalSituations(r: Read, ranked: Candidate[], settings: Settings): PartPlan[] | undefined {
  for (const [condition, values] of r.conditions.several) {
    // Two groups named ("a serving soldier and a veteran") ask one service for each: the service is a
    // near topic whose answer depends on the group, even where a topic about one group ranks first.
    const service = ranked
      .slice(0, settings.compound.severalRivals)
      .find((c) => c.entry.conditions.has(condition));
    if (!service) continue;
    return values.map((value) => ({
      candidate: service,
      over: { settled: new Map([...r.conditions.settled, [condition, value]]) },
    }));
  }
  return undefined;
}

/**
 * "Stop smoking and health checks: who commissioned them in 2011 and who does now?": two services asked at
 * two dates, the dates in a segment of their own, so no part's words give the other date. Each service is
 * then answered at each date asked. Parts whose own dates cover every date asked stay as they are
 * ("dental in 2010 and GP services in 2016").
 */
function acrossDates(
  kb: KnowledgeBase,
  r: Read,
  query: Query,
  parts: PartPlan[],
  settings: Settings,
): PartPlan[] {
  const dates = dateSituations(kb, r, datesAsked(r, query), settings.compound.maxParts);
  const own = new Set(parts.map((p) => p.over.asOf ?? r.asOf));
  if (!dates || dates.every((d) => d.asOf !== undefined && own.has(d.asOf))) return parts;
  return parts.flatMap((p) => dates.map((d) => ({ ...p, over: { ...p.over, ...d } })));
}

/** Where the dates asked are: the asking words, and a later clause that refers back ("was it the same in 2014?"). */
const datesAsked = (r: Read, query: Query) =>
  r.message.referring ? `${query.asking}? ${r.message.referring}` : query.asking;

/** "… and what changed in 2022?": the situation at that year becomes the day before the change and its first day. */
function withChangeInYear(
  kb: KnowledgeBase,
  r: Read,
  topic: Topic,
  dates: Partial<Situation>[] | undefined,
): Partial<Situation>[] | undefined {
  const change = dates && changeInYear(kb, r.today, topic, r.message.asking);
  if (!dates || !change) return dates;
  const around = [change.before, change.from].map((asOf) => ({ asOf, asOfSource: 'text' as const }));
  const rest = dates.filter((d) => !d.asOf?.startsWith(change.year));
  return [...rest, ...around];
}

export interface PartPlan {
  candidate: Candidate;
  over: Partial<Situation>;
}

/** One thing to answer in a compound answer: a topic, how sure the reading is, and its own situation. */
export interface TopicPlan {
  topic: Topic;
  confidence: number;
  over: Partial<Situation>;
}

const planned = ({ candidate, over }: PartPlan): TopicPlan => ({
  topic: candidate.entry.topic,
  confidence: Math.min(1, candidate.coverage),
  over,
});

/** The answer about topics already chosen (a follow-up carrying the last question's topics). */
export function answerTopics(kb: KnowledgeBase, r: Read, plans: TopicPlan[]): Answer {
  const only = plans.length === 1 ? plans[0] : undefined;
  if (only) return composeTopicAnswer(kb, only.topic, situation(kb, r, only.confidence, only.over));
  return compound(kb, r, plans);
}

/** One Answer with a part per thing asked; the union of their commissioners on top. */
function compound(kb: KnowledgeBase, r: Read, plans: TopicPlan[]): Answer {
  const parts: AnswerPart[] = plans.map(({ topic, confidence, over }) =>
    composeTopicAnswer(kb, topic, situation(kb, r, confidence, over)),
  );
  const first = parts[0] as AnswerPart;
  const seen = new Set<string>();
  const commissioners = parts
    .flatMap((p) => p.commissioners)
    .filter((c) => {
      const key = `${c.body}|${c.role}|${c.condition ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const sources = [...new Map(parts.flatMap((p) => p.sources).map((s) => [s.id, s])).values()];
  // "See also" never offers what this answer has just answered, in a part or on top.
  const answered = new Set(parts.flatMap((p) => (p.topic ? [p.topic.id] : [])));
  const unanswered = (options: AnswerPart['seeAlso']) => options?.filter((o) => !answered.has(o.topicId));
  const perPart = parts.map((p) => {
    const { seeAlso, ...rest } = p;
    const left = unanswered(seeAlso);
    return left?.length ? { ...rest, seeAlso: left } : rest;
  });
  // Each part carries its own timeline, "what changed" and not-yet-law label; the top shows none of
  // them, so no surface can show one part's history under another (or under the whole).
  const { seeAlso: _first, statusText: _label, ...whole } = first;
  return {
    ...whole,
    timeline: [],
    status: parts.every((p) => p.status === 'answered') ? 'answered' : 'clarify',
    commissioners,
    text: parts.map((p) => `${p.topic?.title ?? ''}: ${p.text}`).join('\n\n'),
    readAs: parts.map((p) => p.readAs ?? '').join(' + '),
    changes: [],
    sources,
    options: parts.some((p) => p.status !== 'answered')
      ? plans.map((p) => ({ topicId: p.topic.id, title: p.topic.title }))
      : [],
    confidence: Math.min(...parts.map((p) => p.confidence)),
    parts: perPart,
  };
}
