import type { KnowledgeBase } from '../knowledge/model.js';
import type { Situation } from './compose.js';
import { type ConditionReading, readConditions } from './conditions.js';
import type { Settings } from './config.js';
import { readDate } from './dates.js';
import { bodyNameTerms, prepare, questionTerms, toTerms } from './index.js';
import { askedKind, asksInPresent, questionWord } from './intent.js';
import { type Candidate, type QueryTerm, weighTerms } from './match.js';
import { perKnowledge, phraseAlternation } from './memo.js';
import { normalise, words } from './normalise.js';
import { type Unread, unreadWords } from './unread.js';

/** What the matcher looks for: weighted terms, and whether the message asks about a service or a change. */
export interface Query {
  terms: QueryTerm[];
  kind: 'service' | 'change';
  /** The asking clauses' text (dates and negated words removed), for splitting into parts. */
  asking: string;
  /** The asking words no span accounts for (src/resolve/unread.ts). */
  unread: Unread[];
}

/** Builds the query: asking words count in full; words only in context count as context. */
export function queryFor(
  kb: KnowledgeBase,
  asking: string,
  context: string,
  conditions: ConditionReading,
  fullText: string,
  settings?: Settings,
  howAsked: string = asking,
): Query {
  const prepared = prepare(kb);
  const asked = (howAsked || fullText).trim();
  // "Does the CQC commission anything?" asks about a body, whatever its verb.
  const kind = asksAboutABody(asked, kb) ? 'change' : askedKind(asked, kb);
  // A body's name says who, not what, in a question about a service; in one about a change it is the subject.
  const incidental = new Set([
    ...conditions.phrases.flatMap((p) => toTerms(p, prepared)),
    ...(kind === 'service' ? bodyNameTerms(`${asking} ${context}`, prepared) : []),
  ]);
  const askTerms = questionTerms(asking, prepared);
  const own = new Set(askTerms);
  const contextOnly = questionTerms(context, prepared).filter((t) => !own.has(t));
  const terms = weighTerms(
    [...askTerms, ...contextOnly],
    prepared,
    incidental,
    new Set(contextOnly),
    settings,
  );
  return { terms, kind, asking, unread: unreadWords(kb, asking) };
}

const bodySubject = perKnowledge((kb) => {
  const names = [...kb.bodies.values()]
    .flatMap((b) => [b.short ?? '', ...b.aliases])
    .filter((n) => n.length >= 2);
  return new RegExp(
    `^(?:does|did|do|is|was|has|have|can|could)\\s+(?:the\\s+)?(?:${phraseAlternation(names)})(?![\\p{L}\\p{N}])`,
    'u',
  );
});

function asksAboutABody(text: string, kb: KnowledgeBase): boolean {
  return bodySubject(kb).test(text);
}

/**
 * "the council does the testing", "our CCG keeps saying …", "we're a practice manager": a body (or
 * "we") followed by a verb states something; it is context, not a second thing asked.
 */
export const statementPattern = perKnowledge((kb) => {
  const names = [...kb.bodies.values()]
    .flatMap((b) => [b.short ?? '', ...b.aliases])
    .filter((n) => n.length >= 2);
  const subject = `(?:${phraseAlternation([...names, ...kb.reading.selfWords])})`;
  return new RegExp(
    `(?<![\\p{L}\\p{N}])${subject}(?:'re|'m|\\s+(?:\\p{L}+ly\\s+|still\\s+|just\\s+|always\\s+)?(?:does|do|did|is|are|am|was|were|has|have|had|holds|held|keeps|kept|says|said|reckons|thinks|commissions|commissioned|runs|ran|handles|handled|pays|paid))(?![\\p{L}])`,
    'u',
  );
});

/**
 * "Who does the contract?": the topic is found only through words that many topics share, so the words
 * do not say which service is meant.
 */
export function isVague(kb: KnowledgeBase, top: Candidate, terms: QueryTerm[], settings: Settings): boolean {
  const prepared = prepare(kb);
  const shared = Math.max(2, Math.round(prepared.entries.length * settings.genericShare));
  const own = terms.filter((t) => !t.context && !t.term.startsWith('@') && top.entry.terms.has(t.term));
  return own.length > 0 && own.every((t) => (prepared.postings.get(t.term)?.length ?? 0) > shared);
}

/**
 * Where one thing asked ends and the next begins: "A and B", "A vs B", "A, B", "A / B", "A or B", and
 * list markers: "(a) A (b) B", "1) A 2) B", "• A • B".
 */
// A slash between digits is a financial year ("14/15"), not two things asked.
export const COORDINATOR =
  /\s(?:and|vs|versus|v|plus|as well as)\s|(?<!\d)\/|\/(?!\d)|[+?•]|(?:^|\s)\(?(?:[a-f]|[1-6]|i{1,3}|iv)\)\s/u;

/**
 * "adult social care, district nursing and school nursing": before the last "and" of a list, its commas
 * part the items too, when the item before the "and" is a thing, not a clause that asks; they become
 * "and"s. A comma in a sentence with no "and" or "or" stays a pause.
 */
function listCommas(text: string, question: RegExp): string {
  return text
    .split(/(?<=[.?!])/u)
    .map((sentence) => {
      const last = /\s(?:and|or)\s(?!.*\s(?:and|or)\s)/u.exec(sentence);
      if (!last) return sentence;
      // "A, B, and C": the serial comma leaves an empty last piece.
      const before = sentence.slice(0, last.index).replace(/,\s*$/u, '').split(/,\s*/u);
      const item = before[before.length - 1] ?? '';
      // A list's items are things, not clauses: "…, who did GP contracts and dental" is one question.
      if (before.length < 2 || !item.trim() || question.test(item)) return sentence;
      return `${before.join(' and ')}${sentence.slice(last.index)}`;
    })
    .join('');
}

/**
 * A segment that starts "is that …", "like …" or "who holds it …" refers to what came before; it is not a
 * new thing asked (its verb is how it asks, not what about). "Is that the same body that commissions
 * bowel screening?" names another thing, asked beside the first.
 */
const REFERS_BACK =
  /^\s*(?:(?:is|was|are|were|does|did|do|has|had)\s+(?:it|that|this|they|those|these)(?!\s+(?:the\s+)?same\s+(?:\p{L}+\s+)?(?:that|as|who|which)\s)|(?:who|which\s+bod(?:y|ies))\s+\p{L}+\s+(?:it|them|that|this)|like|as part of|such as|similar to|same as|unlike|under|including)(?![\p{L}])/u;

/**
 * A segment that states before it asks ("the council does the testing, so who …") is context; one that
 * asks first ("who commissioned the tests we do …") only has a relative clause.
 */
export function statesFirst(statement: RegExp, text: string, question: RegExp): boolean {
  const stated = statement.exec(text);
  if (!stated) return false;
  const asked = question.exec(text);
  return !asked || stated.index < asked.index;
}

/**
 * A message that asks about two or more things ("HIV testing vs HIV treatment", "did dental and pharmacy
 * move?"): the asking words are cut where one thing ends and the next begins, each segment is ranked on
 * its own words, and two or more segments led by different topics are two or more things asked. Each
 * part keeps its own date when its words give one.
 */
export function splitParts(
  kb: KnowledgeBase,
  r: {
    today: string;
    asOf: string;
    settled: ReadonlyMap<string, string>;
    several: ReadonlyMap<string, string[]>;
    /** The question asks of "each" thing a statement names: statements name things asked. */
    distributes: boolean;
  },
  query: Query,
  best: Candidate,
  settings: Settings,
  rankAgain: (q: Query) => Candidate[],
): { candidate: Candidate; over: Partial<Situation> }[] | undefined {
  const strong = new Map(
    query.terms.filter((t) => !t.context && t.weight >= 1 && !t.term.startsWith('@')).map((t) => [t.term, t]),
  );
  const segments = askedSegments(kb, query.asking, strong, r.distributes);
  if (segments.length < 2) return undefined;
  const parts: { candidate: Candidate; texts: string[] }[] = [{ candidate: best, texts: [] }];
  for (const segment of segments) {
    const terms = [...new Set(segment.terms)].map((t) => strong.get(t) as QueryTerm);
    const ranked = rankAgain({ ...query, terms });
    const top = ranked[0];
    // Words the best topic already explains ("GP and dental care for serving soldiers") add no new part,
    // unless on their own they name another topic much better ("… and who commissioned HIV treatment?"
    // after sexual health services, whose words include "HIV" and "treatment").
    const own = ranked.find((c) => c.entry === best.entry)?.score ?? 0;
    const better = top && top.entry !== best.entry && top.score >= own * settings.compound.otherTopicRatio;
    // "CHC for (1) a veteran and (2) a serving officer": a group of people the best topic depends on is
    // the same service for another group (one part per condition value, later), not another service.
    const sameServiceOtherGroup = [...readConditions(segment.text, kb).settled.keys()].some(
      (c) => r.several.has(c) && best.entry.conditions.has(c),
    );
    if ((segment.terms.every((t) => best.entry.terms.has(t)) && !better) || sameServiceOtherGroup) {
      parts[0]?.texts.push(segment.text);
      continue;
    }
    if (!top || top.evidence < settings.compound.minEvidence || top.coverage < settings.compound.minCoverage)
      continue;
    if (isVague(kb, top, terms, settings) || !namesTopic(kb, top, segment.terms)) continue;
    const same = parts.find((p) => p.candidate.entry === top.entry);
    if (same) same.texts.push(segment.text);
    else parts.push({ candidate: top, texts: [segment.text] });
  }
  if (parts.length < 2) return undefined;
  return partPlans(kb, r, parts.slice(0, settings.compound.maxParts), leadIn(kb, query.asking));
}

/**
 * The asking words cut where one thing asked ends and the next begins, each with the words the knowledge
 * knows that can name a part. A segment that refers back, or states before it asks, names none, unless
 * the question asks of "each" thing a statement names (`distributes`).
 */
function askedSegments(
  kb: KnowledgeBase,
  asking: string,
  strong: ReadonlyMap<string, QueryTerm>,
  distributes: boolean,
): { text: string; terms: string[] }[] {
  const prepared = prepare(kb);
  const statement = statementPattern(kb);
  return (
    listCommas(asking, questionWord(kb))
      .split(COORDINATOR)
      .filter(
        (text) => !REFERS_BACK.test(text) && (distributes || !statesFirst(statement, text, questionWord(kb))),
      )
      // Only words the knowledge knows can name a part; an unknown word ("ops", "refer") names none.
      .map((text) => ({
        text,
        terms: questionTerms(text, prepared).filter((t) => strong.has(t) && prepared.idf.has(t)),
      }))
      .filter((s) => s.terms.length > 0)
  );
}

/** Each topic's one-word keywords as terms ("dental"): a word that names the topic on its own. */
const oneWordKeywords = perKnowledge((kb) => {
  const prepared = prepare(kb);
  const fillers = new Set(kb.reading.keywordFillers.flatMap((w) => words(normalise(w))));
  return new Map(
    prepared.entries.map((e) => [
      e,
      new Set(
        e.topic.keywords
          .filter((k) => words(normalise(k)).filter((w) => !fillers.has(w)).length === 1)
          .flatMap((k) => toTerms(k, prepared)),
      ),
    ]),
  );
});

/**
 * Whether words name a topic, not just touch it: two of its words, a word of its title, or one of its
 * one-word keywords. One word borrowed from a longer phrasing ("same" from "the same body", "power" from
 * "powered wheelchairs", "six" from "six-to-eight-week check") is ordinary wording, not a second thing
 * asked. Strictly (`titleWords` false), a title word alone does not name it: "stop" is a word of "Stop
 * smoking services" but names nothing alone.
 */
export function namesTopic(
  kb: KnowledgeBase,
  top: Candidate,
  terms: readonly string[],
  titleWords = true,
): boolean {
  const own = new Set(terms.filter((t) => top.entry.terms.has(t)));
  if (own.size >= 2) return true;
  const [term] = own;
  if (term === undefined) return false;
  if (titleWords && top.entry.titleTerms.includes(term)) return true;
  return oneWordKeywords(kb).get(top.entry)?.has(term) ?? false;
}

/** "Midlands ICB area, October 2022: who …": what the asking words say before their first question word. */
export function leadIn(kb: KnowledgeBase, asking: string): string {
  const at = questionWord(kb).exec(asking)?.index ?? 0;
  return asking.slice(0, at);
}

/** Each part with its own date and conditions where its own words give them. */
function partPlans(
  kb: KnowledgeBase,
  r: { today: string; settled: ReadonlyMap<string, string> },
  kept: { candidate: Candidate; texts: string[] }[],
  lead: string,
): { candidate: Candidate; over: Partial<Situation> }[] {
  // The words before the first question ("Midlands ICB, October 2022: who …") are said of every part.
  const ownText = (texts: string[]) =>
    texts.map((t) => (lead && t.startsWith(lead) ? t.slice(lead.length) : t)).join(' ');
  const own = kept.map((p) => readConditions(ownText(p.texts), kb).settled);
  const dates = kept.map((p) => readDate(ownText(p.texts), r.today, kb));
  // Another part asks with its own date in a question of its own ("… and who did X in 2014?"), not as a
  // list item ("who commissions HV and SN in 2014?" asks both in 2014).
  const asked = kept.map((p) => questionWord(kb).test(p.texts.join(' ')));
  const anotherDated = (i: number) => dates.some((d, j) => j !== i && d && !d.now && asked[j]);
  return kept.map(({ candidate, texts }, i) => {
    const date = dates[i];
    const settled = partConditions(r.settled, own, i);
    // "who commissioned HV in 2014, and who commissions school nursing?": a present-tense question with
    // no date of its own, beside a dated one, asks about now.
    const now = !date && anotherDated(i) && asksInPresent(ownText(texts), kb);
    return {
      candidate,
      over: {
        ...(date && !date.now ? { asOf: date.date, asOfSource: 'text' as const, dateRead: date.how } : {}),
        ...(now ? { asOf: r.today, asOfSource: 'today' as const, dateRead: undefined } : {}),
        ...(settled ? { settled } : {}),
      },
    };
  });
}

/**
 * A condition one part's own words settle belongs to that part: in "the community service, and the one
 * inside the local prison" only the second part is about prisons. Undefined when the message's hold.
 */
function partConditions(
  message: ReadonlyMap<string, string>,
  own: ReadonlyMap<string, string>[],
  i: number,
): Map<string, string> | undefined {
  const mine = own[i] ?? new Map<string, string>();
  const others = own.filter((_, j) => j !== i);
  const out = new Map(message);
  let changed = false;
  for (const [condition, value] of message) {
    if (mine.has(condition) || !others.some((o) => o.get(condition) === value)) continue;
    out.delete(condition);
    changed = true;
  }
  for (const [condition, value] of mine) {
    if (out.get(condition) === value) continue;
    out.set(condition, value);
    changed = true;
  }
  return changed ? out : undefined;
}
