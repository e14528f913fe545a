import type { KnowledgeBase } from '../knowledge/model.js';
import type { Role } from '../schemas/topic.js';
import { perKnowledge, phrasePattern, prefixAlternation } from './memo.js';

/**
 * What a question's wording says about what it asks, apart from its topic. The words are the knowledge's
 * (reading.yaml `intent`); here they become patterns, once per knowledge base.
 */
const cues = perKnowledge((kb) => {
  const w = kb.reading.intent;
  const word = (alternation: string, flags = 'u') =>
    new RegExp(`(?<![\\p{L}])(?:${alternation})(?![\\p{L}])`, flags);
  // "the Care Quality Commission", "co-commissioning": not asking who commissions.
  const notAfter = `(?<!(?:${prefixAlternation(w.notCommissioningAfter)})[- ])`;
  const cue = (list: readonly string[]) =>
    new RegExp(`(?<![\\p{L}])${notAfter}(?:${prefixAlternation(list)})(?![\\p{L}])`, 'u');
  const pair = (first: readonly string[], then: readonly string[]) =>
    `(?:${prefixAlternation(first)})\\s+(?:${prefixAlternation(then)})`;
  return {
    questionWord: word(prefixAlternation(w.questionWords)),
    asksWho: cue(w.asksWho),
    plainly: cue(w.plainlyAsksWho),
    whichBody: word(pair(w.whichBodyFirst, w.whichBodyThen)),
    whichBodyWords: word(prefixAlternation(w.whichBodyWords)),
    serviceOpening: new RegExp(`^${pair(w.serviceOpenersFirst, w.serviceOpenersThen)}(?![\\p{L}])`, 'u'),
    changeOpening: new RegExp(`^(?:${prefixAlternation(w.changeOpeners)})(?![\\p{L}])`, 'u'),
    // "When Lansley's reforms landed, who …": the time clause, up to its comma before a question word.
    timeClause: new RegExp(
      `^(?:${prefixAlternation(w.timeClauseOpeners)})(?![\\p{L}])[^,?]*,\\s*(?=(?:${prefixAlternation(w.questionWords)})(?![\\p{L}]))`,
      'u',
    ),
    lateChangeOpening: new RegExp(`^(?:${prefixAlternation(w.lateChangeOpeners)})(?![\\p{L}])`, 'u'),
    changeWords: word(prefixAlternation(w.changeWords)),
    present: word(prefixAlternation(w.presentAsks)),
    roles: Object.entries(w.roles).map(
      ([role, list]) =>
        [role as Role, new RegExp(`(?<![\\p{L}])(?:${prefixAlternation(list)})`, 'u')] as const,
    ),
  };
});

/** The words that open a question about a body ("who", "which"), as a pattern. */
export function questionWord(kb: KnowledgeBase): RegExp {
  return cues(kb).questionWord;
}

/**
 * "which agency", "what department": the phrases of several words that ask which body, global. They say
 * how a message asks, never what about: "health protection in 2019 and now, which agency?" asks about
 * one service, though "agency" is a word of the UK Health Security Agency's name.
 */
export const whichBodyPhrases = perKnowledge(
  (kb) =>
    new RegExp(
      phrasePattern(kb.reading.intent.whichBodyWords.filter((w) => /\s/u.test(w.trim()))).source,
      'gu',
    ),
);

/** "who", "which body": a clause names a body as what it asks about. */
export function namesWhichBody(text: string, kb: KnowledgeBase): boolean {
  return cues(kb).whichBodyWords.test(text);
}

/**
 * "who commissions it locally", "who will run it": a question in the present (or future) tense, which,
 * with no date of its own, asks about now even beside another question that gives a date.
 */
export function asksInPresent(text: string, kb: KnowledgeBase): boolean {
  const c = cues(kb);
  return c.questionWord.test(text) && c.present.test(text);
}

export function asksWhoCommissions(text: string, kb: KnowledgeBase): boolean {
  return cues(kb).asksWho.test(text);
}

/** 2: plainly asks who commissions; 1: asks "who" or "is it the …"; 0: no such wording. */
export function askStrength(text: string, kb: KnowledgeBase): 0 | 1 | 2 {
  const c = cues(kb);
  if (c.plainly.test(text)) return 2;
  return c.asksWho.test(text) || c.whichBody.test(text) ? 1 : 0;
}

/** Whether the wording asks about a change or a body ("when did …") or, as most questions do, a service. */
export function askedKind(asked: string, kb: KnowledgeBase): 'service' | 'change' {
  const c = cues(kb);
  const text = asked.replace(c.timeClause, '');
  // "Was it PHE that commissioned screening?" asks about a service, whatever its first word.
  if (c.serviceOpening.test(text)) return 'service';
  if (c.changeOpening.test(text)) return 'change';
  if (c.asksWho.test(text)) return 'service';
  return c.lateChangeOpening.test(text) || c.changeWords.test(text) ? 'change' : 'service';
}

/** Roles shown only when asked about: "who is legally accountable", "who advised". */
export function askedRoles(text: string, kb: KnowledgeBase): Set<Role> {
  return new Set(
    cues(kb)
      .roles.filter(([, re]) => re.test(text))
      .map(([role]) => role),
  );
}

const pendingAsks = perKnowledge((kb) => phrasePattern(kb.reading.pendingAsks));

/** "Who would commission it under the Bill?": about a change not yet in effect (reading.pendingAsks). */
export function asksAboutPending(text: string, kb: KnowledgeBase): boolean {
  return pendingAsks(kb).test(text);
}
