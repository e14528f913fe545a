import type { KnowledgeBase } from '../knowledge/model.js';
import type { Role } from '../schemas/topic.js';
import { perKnowledge, phrasePattern } from './memo.js';

/** What a question's wording says about what it asks, apart from its topic. */

/** Words that show a question asks who holds a responsibility. */
const COMMISSIONING_CUE =
  /(?<![\p{L}])(?<!co[- ])(who|whose|which (?:body|organisation|organization|nhs body)|(?<!(?:quality|pay|european|law|royal|planning) )commission(?:s|ed|ing|ers?)|commision\p{L}*|responsib\p{L}*|accountab\p{L}*|in charge|(?:sits?|sat|lies?|rests?|falls?|fell) (?:with|to|under)|held by)(?![\p{L}])/u;

/** The words that open a question about a body: "who", "whose", "which". */
export const QUESTION_WORD = /(?<![\p{L}])(?:who|whom|whose|which)(?![\p{L}])/u;

export function asksWhoCommissions(text: string): boolean {
  return COMMISSIONING_CUE.test(text);
}

/** Words that plainly ask who holds a responsibility (more than a bare "who"). */
const STRONG_CUE =
  /(?<![\p{L}])(?<!co[- ])((?<!(?:quality|pay|european|law|royal|planning) )commission(?:s|ed|ing|ers?)|commision\p{L}*|comission\p{L}*|responsib\p{L}*|accountab\p{L}*|whose (?:job|budget|responsibility)|which (?:body|organisation|organization|nhs body)|who (?:runs|ran|pays|paid|funds|funded|buys|bought|holds|held|manages|managed|approves|approved|decides|decided|signs|issues|organises|leads|led|provides|provided|oversees|oversaw|handles|handled|sets|does|did))(?![\p{L}])/u;

/** "is it the council?", "do the CCG do that?", "is that still PHE?": asking which body, in other words. */
const WHICH_BODY = /(?<![\p{L}])(?:is|was|are|were|does|do|did)\s+(?:it|that|this|they|the)(?![\p{L}])/u;

/** 2: plainly asks who commissions; 1: asks "who" or "is it the …"; 0: no such wording. */
export function askStrength(text: string): 0 | 1 | 2 {
  if (STRONG_CUE.test(text)) return 2;
  return COMMISSIONING_CUE.test(text) || WHICH_BODY.test(text) ? 1 : 0;
}

const CHANGE_CUE =
  /^(when|what did|what was|what were|what is|what are|what does|how many|why|did|was|were|is it true)\b|\b(announc\p{L}*|set up|replac\p{L}*|abolish\p{L}*|legal name|renamed|creat\p{L}*|establish\p{L}*|into force|came in|merg\p{L}*|bring together|brought together|what changed|proposal\p{L}*|bill|get rid of|got rid of|did away with|scrap\p{L}*)\b/u;

/** Whether the wording asks about a change or a body ("when did …") or, as most questions do, a service. */
export function askedKind(text: string): 'service' | 'change' {
  // "Was it PHE that commissioned screening?" asks about a service, whatever its first word.
  if (/^(?:was|is|were|are|did|does) (?:it|that|this)\b/.test(text)) return 'service';
  if (
    /^(when|has|have|is|are|was|were|will|did|what did|what was|what were|what is|what does|what happened|what replaced|what became|how many)\b/.test(
      text,
    )
  ) {
    return 'change';
  }
  if (/\bwho\b|commission/.test(text)) return 'service';
  return CHANGE_CUE.test(text) ? 'change' : 'service';
}

/** Roles shown only when asked about: "who is legally accountable", "who advised". */
const ROLE_CUES: [Role, RegExp][] = [
  ['accountable', /(?<!\p{L})(accountab|liab|legally|in law|legal responsib)/u],
  ['advises', /(?<!\p{L})(advis|advice|expert)/u],
];

export function askedRoles(text: string): Set<Role> {
  return new Set(ROLE_CUES.filter(([, re]) => re.test(text)).map(([role]) => role));
}

const pendingAsks = perKnowledge((kb) => phrasePattern(kb.reading.pendingAsks));

/** "Who would commission it under the Bill?": about a change not yet in effect (reading.pendingAsks). */
export function asksAboutPending(text: string, kb: KnowledgeBase): boolean {
  return pendingAsks(kb).test(text);
}
