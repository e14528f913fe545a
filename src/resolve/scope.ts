import type { KnowledgeBase } from '../knowledge/model.js';
import type { OutOfScope } from '../schemas/scope.js';
import { asksWhoCommissions } from './intent.js';
import { perKnowledge, phrasePattern } from './memo.js';

/** Each out-of-scope rule with its phrases compiled into one pattern. */
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
