import type { KnowledgeBase } from '../knowledge/model.js';
import { askStrength } from './intent.js';
import { perKnowledge, phraseAlternation, phrasePattern } from './memo.js';
import { words } from './normalise.js';

/** One sentence of a message, and whether it is a question (or a fragment standing for one). */
export interface Clause {
  text: string;
  asks: boolean;
  /** How plainly this clause asks which body (see MessageReading.strength). */
  strength: 0 | 1 | 2;
  /** Names bodies as alternatives or as a guess ("ICB or NHSE?", "is it the council?"). */
  shaped: boolean;
  /** Asks only as what a later "each" or "both" asks of: it names the things, the later clause asks. */
  pulled?: true;
}

/** A message read as clauses: what asks, what is context, and how plainly it asks which body. */
export interface MessageReading {
  clauses: Clause[];
  /** The asking clauses joined: where topic evidence and coverage are measured. */
  asking: string;
  /** Clauses that do not ask (context); greetings and sign-offs are dropped altogether. */
  context: string;
  /** 0: asks nothing about bodies; 1: "who …" or "is it …"; 2: plainly which body. */
  strength: 0 | 1 | 2;
  /**
   * A question asks the same of each thing the sentence before it names ("… and one in 2015. Who was it
   * at each date?"): that sentence asks too, and its statements ("we did X and Y") name things asked.
   */
  distributes: boolean;
  /**
   * Clauses after the question that refer back to it ("was it the same in 2014 as in 2023?"): context for
   * what is asked, but the dates they give are dates asked.
   */
  referring: string;
}

const patterns = perKnowledge((kb) => {
  const names = [...kb.bodies.values()]
    .flatMap((b) => [b.short ?? '', ...b.aliases])
    .filter((n) => n.length >= 2);
  const body = `(?:${phraseAlternation([...names, ...kb.reading.selfWords])})`;
  const art = '(?:(?:the|a|an|our|your|their|my)\\s+)?';
  const b = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}])${s}(?![\\p{L}\\p{N}])`, 'u');
  return {
    greeting: new RegExp(
      `^(?:(?:${phraseAlternation(kb.reading.greetings)})(?![\\p{L}\\p{N}])[\\s,!.]*)+$`,
      'u',
    ),
    /** Body names (or "us") offered as alternatives, or put forward as the answer: "ICB or NHSE?", "is it us?". */
    whichBody: [
      b(`${art}${body}\\s*(?:\\([^)]*\\)\\s*)?(?:or|vs|versus|/|nor)\\s*${art}(?:still\\s+)?${body}`),
      b(
        `(?:is|was|are|were)\\s+(?:it|that|this|they)\\s+(?:(?:still|now|always|ever|just|then|definitely)\\s+)*${art}${body}`,
      ),
      b(
        `(?:it's|its|it is|it was|that's|thats|that is|that was)\\s+(?:(?:still|now|always|just|then|definitely)\\s+)*${art}${body}`,
      ),
      b(`(?:still|ever|definitely|surely|presumably|assume|reckon)\\s+${art}${body}`),
      b(`${art}${body}\\s+(?:money|budget|job|responsibility|remit|thing|patch|problem|call)`),
      b(`${body}[\\s,]+(?:right|correct|yeah|yes)\\s*\\?`),
      b(`(?:or|-|–)\\s*${art}(?:still\\s+)?${body}\\s*\\?`),
      // "… come to us or stay with NHSE?": where a responsibility went, put as the question.
      b(`(?:${phraseAlternation(kb.reading.intent.movesTo)})\\s+${art}${body}\\s*\\?`),
    ],
  };
});

const SENTENCE = /[^.?!;\n]+[.?!;\n]*/g;

/** "Is that …?", "does it …?" after another question asks about the thing already named: it is context. */
export const REFERRING =
  /^(?:(?:and|so|or|but)\s+)?(?:is|was|are|were|does|did|do|has|had|would|could|will|can)\s+(?:it|that|this|they|those|these)(?![\p{L}])/u;

const distributiveWords = perKnowledge((kb) => ({
  word: phrasePattern(kb.reading.distributive),
  not: new RegExp(phrasePattern(kb.reading.notDistributive).source, 'gu'),
}));

/** A sentence naming two or more things: "March 2012 and 2015", "cataracts, and cardiac work", "A / B". */
const NAMES_SEVERAL = /\s(?:and|or|vs|versus|&)\s|,|\//u;

/**
 * "One death in March 2012 and one in 2015. Who commissioned it at each date?": the sentence just before a
 * question that asks of "each" or "both" holds the things asked, so it asks too. Only a context sentence
 * that names two or more things is pulled in; the first clause pulled in is the one just before.
 */
function pullDistributed(clauses: Clause[], kb: KnowledgeBase): { clauses: Clause[]; distributes: boolean } {
  const { word, not } = distributiveWords(kb);
  const pulled = new Set<number>();
  clauses.forEach((c, i) => {
    const before = clauses[i - 1];
    const distributes = c.asks && word.test(c.text.replace(not, ' '));
    if (distributes && before && !before.asks && NAMES_SEVERAL.test(before.text)) pulled.add(i - 1);
  });
  return {
    clauses: clauses.map((c, i) => (pulled.has(i) ? { ...c, asks: true, pulled: true } : c)),
    distributes: pulled.size > 0,
  };
}

const followUpOpener = perKnowledge(
  (kb) => new RegExp(`^(?:${phraseAlternation(kb.reading.followUps)})(?![\\p{L}\\p{N}])`, 'u'),
);

/**
 * Whether a normalised message reads as a follow-up to the question before it in the same
 * conversation: it opens with a follow-up word ("and in 2016?", "what about dental?") or refers to
 * what was asked ("was it the same in 2016?"), as REFERRING does for a second clause in one message.
 */
export function opensAsFollowUp(text: string, kb: KnowledgeBase): boolean {
  const first = text.replace(/^[^\p{L}\p{N}]+/u, '');
  return followUpOpener(kb).test(first) || REFERRING.test(first);
}

/** Splits a normalised message into clauses and says which ones ask. */
export function readMessage(text: string, kb: KnowledgeBase): MessageReading {
  const p = patterns(kb);
  const parts = (text.match(SENTENCE) ?? [text]).map((s) => s.trim()).filter((s) => words(s).length > 0);
  const content = parts.filter((s) => !p.greeting.test(s.replace(/[^\p{L}\p{N}\s',!.]/gu, ' ').trim()));
  // A which-body shape asks only in a question ("I assume it's the council…?"), not in a claim
  // ("the school nurse reckons it's the council"), unless the message has no question mark at all.
  const anyQuestionMark = content.some((s) => s.includes('?'));
  const shapedAt = (s: string) =>
    (s.endsWith('?') || !anyQuestionMark) && p.whichBody.some((re) => re.test(s));
  let clauses = content.map((s) => {
    const shaped = shapedAt(s);
    const strength: 0 | 1 | 2 = shaped ? 2 : askStrength(s, kb);
    return { text: s, asks: s.endsWith('?') || strength > 0, strength, shaped };
  });
  // A message with no question mark and no asking words is a fragment ("HV 2014"): all of it asks.
  if (!clauses.some((c) => c.asks)) clauses = clauses.map((c) => ({ ...c, asks: true }));
  // A follow-up ("… in 2016? Is that a national programme like bowel?") is about the question before it.
  const firstAsking = clauses.findIndex((c) => c.asks);
  const refers = (c: Clause, i: number) => i > firstAsking && c.asks && REFERRING.test(c.text);
  const referring = clauses.filter(refers).map((c) => c.text);
  clauses = clauses.map((c, i) => (refers(c, i) ? { ...c, asks: false } : c));
  const distributed = pullDistributed(clauses, kb);
  clauses = distributed.clauses;
  const asking = clauses.filter((c) => c.asks).map((c) => c.text);
  const strength = clauses.reduce<0 | 1 | 2>(
    (s, c) => (c.asks ? (Math.max(s, c.strength) as 0 | 1 | 2) : s),
    0,
  );
  return {
    clauses,
    asking: asking.join(' '),
    context: clauses
      .filter((c) => !c.asks)
      .map((c) => c.text)
      .join(' '),
    strength,
    distributes: distributed.distributes,
    referring: referring.join(' '),
  };
}
