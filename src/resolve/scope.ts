import type { KnowledgeBase } from '../knowledge/model.js';
import type { OutOfScope } from '../schemas/scope.js';
import { perKnowledge, phrasePattern } from './memo.js';

/** Words that show a question asks who holds a responsibility. */
const COMMISSIONING_CUE =
  /(?<![\p{L}])(who|whose|which (?:body|organisation|organization|nhs body)|commission\p{L}*|commision\p{L}*|responsib\p{L}*|accountab\p{L}*|in charge)(?![\p{L}])/u;

export function asksWhoCommissions(text: string): boolean {
  return COMMISSIONING_CUE.test(text);
}

/** Words that plainly ask who holds a responsibility (more than a bare "who"). */
const STRONG_CUE =
  /(?<![\p{L}])(commission\p{L}*|commision\p{L}*|comission\p{L}*|responsib\p{L}*|accountab\p{L}*|whose (?:job|budget|responsibility)|which (?:body|organisation|organization|nhs body)|who (?:runs|ran|pays|paid|funds|funded|buys|bought|holds|held|manages|managed|approves|approved|decides|decided|signs|issues|organises|leads|led|provides|provided|oversees|oversaw|handles|handled|sets|does|did))(?![\p{L}])/u;

/** "is it the council?", "do the CCG do that?", "is that still PHE?": asking which body, in other words. */
const WHICH_BODY = /(?<![\p{L}])(?:is|was|are|were|does|do|did)\s+(?:it|that|this|they|the)(?![\p{L}])/u;

/** 2: plainly asks who commissions; 1: asks "who" or "is it the …"; 0: no such wording. */
export function askStrength(text: string): 0 | 1 | 2 {
  if (STRONG_CUE.test(text)) return 2;
  return COMMISSIONING_CUE.test(text) || WHICH_BODY.test(text) ? 1 : 0;
}

/** The out-of-scope rule a question falls under, if any (from knowledge/scope.yaml). */
const scopeRules = perKnowledge((kb) =>
  kb.outOfScope.map((rule) => ({ rule, re: phrasePattern(rule.phrases) })),
);

/** The out-of-scope rule a question falls under, if any (from knowledge/scope.yaml). */
export function outOfScope(text: string, kb: KnowledgeBase): OutOfScope | undefined {
  const cue = asksWhoCommissions(text);
  for (const { rule, re } of scopeRules(kb)) {
    if (rule.unlessCommissioning && cue) continue;
    if (re.test(text)) return rule;
  }
  return undefined;
}
