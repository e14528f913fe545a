import type { KnowledgeBase } from '../knowledge/model.js';
import type { OutOfScope } from '../schemas/scope.js';

/** Words that show a question asks who holds a responsibility. */
const COMMISSIONING_CUE =
  /(?<![\p{L}])(who|whose|which (?:body|organisation|organization|nhs body)|commission\p{L}*|commision\p{L}*|responsib\p{L}*|accountab\p{L}*|in charge)(?![\p{L}])/u;

const boundary = (phrase: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');

export function asksWhoCommissions(text: string): boolean {
  return COMMISSIONING_CUE.test(text);
}

/** The out-of-scope rule a question falls under, if any (from knowledge/scope.yaml). */
export function outOfScope(text: string, kb: KnowledgeBase): OutOfScope | undefined {
  const cue = asksWhoCommissions(text);
  for (const rule of kb.outOfScope) {
    if (rule.unlessCommissioning && cue) continue;
    if (rule.phrases.some((p) => boundary(p.toLowerCase()).test(text))) return rule;
  }
  return undefined;
}
