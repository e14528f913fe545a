import type { KnowledgeBase } from '../knowledge/model.js';
import type { OutOfScope } from '../schemas/scope.js';
import { perKnowledge, phrasePattern } from './memo.js';
import type { MessageReading } from './message.js';
import { withoutNegated } from './negation.js';

const WHICH_BODY_WORD =
  /(?<![\p{L}])(?:who|whom|whose|which (?:body|bodies|organisation|organization|team|nhs body))(?![\p{L}])/u;

/** Each out-of-scope rule with its phrases compiled into one pattern. */
const scopeRules = perKnowledge((kb) =>
  kb.outOfScope.map((rule) => ({ rule, re: phrasePattern(rule.phrases) })),
);

/**
 * The out-of-scope rule a message falls under, if any (from knowledge/scope.yaml), judged by what it asks.
 * A rule for a place or kind of thing (Scotland, insurance) holds wherever the message says it, unless
 * negated ("in England, not Scotland"). A rule for a kind of question (cost, eligibility, predictions)
 * holds only in a clause that asks, and not when that clause plainly asks which body holds something.
 */
export function outOfScope(message: MessageReading, kb: KnowledgeBase): OutOfScope | undefined {
  const whole = withoutNegated(message.clauses.map((c) => c.text).join(' '), kb);
  const asking = message.clauses
    .filter((c) => c.asks)
    .map((c) => ({ ...c, text: withoutNegated(c.text, kb) }));
  let hit: OutOfScope | undefined;
  let inScopeClause = false;
  for (const { text: clause, shaped } of asking) {
    // Only asking which body counts here: "what will GP commissioning look like?" names commissioning
    // but asks for a prediction.
    const cue = WHICH_BODY_WORD.test(clause) || shaped;
    const rule = scopeRules(kb).find(({ rule, re }) => rule.unlessCommissioning && !cue && re.test(clause));
    if (rule) hit ??= rule.rule;
    else if (cue) inScopeClause = true;
  }
  for (const { rule, re } of scopeRules(kb)) if (!rule.unlessCommissioning && re.test(whole)) return rule;
  return hit && !inScopeClause ? hit : undefined;
}
