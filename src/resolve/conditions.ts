import type { KnowledgeBase } from '../knowledge/model.js';
import { perKnowledge, phrasePattern } from './memo.js';

/** Conditions a question settles, e.g. { cocommissioning: 'delegated', region: 'midlands' }, and the words used. */
export interface ConditionReading {
  settled: Map<string, string>;
  /** condition id → the phrase that settled it */
  settledBy: Map<string, string>;
  /** Phrases that only say which condition holds ("fully delegated"), not which service. */
  phrases: string[];
}

/**
 * All condition phrases in one pattern, longest first, so at each place the longest phrase wins
 * ("not delegated" is not also read as "delegated"); and what each phrase settles. One phrase may
 * settle two conditions ("Midlands": a region, and a POD wave).
 */
const phraseIndex = perKnowledge((kb) => {
  const byPhrase = new Map<string, { condition: string; value: string }[]>();
  for (const condition of kb.conditions.values()) {
    for (const value of condition.values) {
      for (const phrase of value.phrases) {
        const key = phrase.toLowerCase();
        byPhrase.set(key, [...(byPhrase.get(key) ?? []), { condition: condition.id, value: value.id }]);
      }
    }
  }
  return { re: new RegExp(phrasePattern([...byPhrase.keys()]).source, 'gu'), byPhrase };
});

/** condition id → the value assumed when a question does not say. */
export const defaultConditions = perKnowledge((kb) => {
  const out = new Map<string, string>();
  for (const c of kb.conditions.values()) {
    const value = c.values.find((v) => v.default);
    if (value) out.set(c.id, value.id);
  }
  return out;
});

const NEGATED_BEFORE =
  /(?<!\p{L})(?:not|never|rather than|excluding|except)\s+(?:(?:in|for|to)\s+)?(?:an?\s+|the\s+)?$/u;

/** Reads the conditions a question settles. If it names two values of one condition, that one is not settled. */
export function readConditions(text: string, kb: KnowledgeBase): ConditionReading {
  const { re, byPhrase } = phraseIndex(kb);
  const found = new Map<string, Set<string>>();
  const phrases: string[] = [];
  const by = new Map<string, string>();
  for (const m of text.matchAll(re)) {
    // "(not a prisoner, just a normal patient)" rules a condition out, it does not state it.
    if (NEGATED_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    for (const c of byPhrase.get(m[0]) ?? []) {
      const values = found.get(c.condition) ?? new Set<string>();
      values.add(c.value);
      found.set(c.condition, values);
      if (!by.has(c.condition)) by.set(c.condition, m[0]);
      if (!kb.conditions.get(c.condition)?.namesTopics) phrases.push(m[0]);
    }
  }
  const settled = new Map<string, string>();
  const settledBy = new Map<string, string>();
  for (const [condition, values] of found) {
    if (values.size !== 1) continue;
    settled.set(condition, [...values][0] as string);
    settledBy.set(condition, by.get(condition) ?? '');
  }
  return { settled, settledBy, phrases };
}
