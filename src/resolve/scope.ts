import type { KnowledgeBase } from '../knowledge/model.js';
import type { OutOfScope } from '../schemas/scope.js';
import { asksWhoCommissions } from './intent.js';
import { perKnowledge, phrasePattern } from './memo.js';

const NEGATED =
  /(?<!\p{L})(?:not|rather than|excluding|except|other than)\s+(?:in\s+)?(?:the\s+)?\p{L}+(?:\s+\p{L}+)?/gu;

/** Each out-of-scope rule with its phrases compiled into one pattern. */
const scopeRules = perKnowledge((kb) =>
  kb.outOfScope.map((rule) => ({ rule, re: phrasePattern(rule.phrases) })),
);

/** The out-of-scope rule a question falls under, if any (from knowledge/scope.yaml). */
export function outOfScope(question: string, kb: KnowledgeBase): OutOfScope | undefined {
  // "in England (not Northern Ireland)" rules a place out; it does not ask about it.
  const text = question.replace(NEGATED, ' ');
  const cue = asksWhoCommissions(text);
  for (const { rule, re } of scopeRules(kb)) {
    if (rule.unlessCommissioning && cue) continue;
    if (re.test(text)) return rule;
  }
  return undefined;
}
