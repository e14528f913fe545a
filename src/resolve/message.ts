import type { KnowledgeBase } from '../knowledge/model.js';
import { askStrength } from './intent.js';
import { perKnowledge, phraseAlternation } from './memo.js';
import { words } from './normalise.js';

/** One sentence of a message, and whether it is a question (or a fragment standing for one). */
export interface Clause {
  text: string;
  asks: boolean;
  /** How plainly this clause asks which body (see MessageReading.strength). */
  strength: 0 | 1 | 2;
  /** Names bodies as alternatives or as a guess ("ICB or NHSE?", "is it the council?"). */
  shaped: boolean;
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
    ],
  };
});

const SENTENCE = /[^.?!;\n]+[.?!;\n]*/g;

/** "Is that …?", "does it …?" after another question asks about the thing already named: it is context. */
export const REFERRING =
  /^(?:(?:and|so|or|but)\s+)?(?:is|was|are|were|does|did|do|has|had|would|could|will|can)\s+(?:it|that|this|they|those|these)(?![\p{L}])/u;

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
  clauses = clauses.map((c, i) =>
    i > firstAsking && c.asks && REFERRING.test(c.text) ? { ...c, asks: false } : c,
  );
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
  };
}
