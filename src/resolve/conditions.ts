import type { KnowledgeBase } from '../knowledge/model.js';

/** Conditions a question settles, e.g. { cocommissioning: 'delegated', region: 'midlands' }, and the words used. */
export interface ConditionReading {
  settled: Map<string, string>;
  /** condition id → the phrase that settled it */
  settledBy: Map<string, string>;
  /** Phrases that only say which condition holds ("fully delegated"), not which service. */
  phrases: string[];
}

const boundary = (phrase: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');

/**
 * Longest phrases first, and within one condition a matched span is masked, so "not delegated" is not
 * also read as "delegated". One phrase may settle two conditions ("Midlands": a region, and a POD wave).
 * If a question names two values of one condition it does not settle it.
 */
export function readConditions(text: string, kb: KnowledgeBase): ConditionReading {
  const candidates: { condition: string; value: string; phrase: string }[] = [];
  for (const condition of kb.conditions.values()) {
    for (const value of condition.values) {
      for (const phrase of value.phrases)
        candidates.push({ condition: condition.id, value: value.id, phrase: phrase.toLowerCase() });
    }
  }
  candidates.sort((a, b) => b.phrase.length - a.phrase.length);
  const masked = new Map<string, string>();
  const found = new Map<string, Set<string>>();
  const phrases: string[] = [];
  const by = new Map<string, string>();
  for (const c of candidates) {
    const current = masked.get(c.condition) ?? text;
    const m = boundary(c.phrase).exec(current);
    if (!m) continue;
    masked.set(
      c.condition,
      current.slice(0, m.index) + ' '.repeat(m[0].length) + current.slice(m.index + m[0].length),
    );
    const values = found.get(c.condition) ?? new Set<string>();
    values.add(c.value);
    found.set(c.condition, values);
    if (!by.has(c.condition)) by.set(c.condition, c.phrase);
    if (!kb.conditions.get(c.condition)?.namesTopics) phrases.push(c.phrase);
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
