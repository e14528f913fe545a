import type { KnowledgeBase } from '../knowledge/model.js';

/** Conditions a question settles, e.g. { cocommissioning: 'delegated', region: 'midlands' }, and the words used. */
export interface ConditionReading {
  settled: Map<string, string>;
  phrases: string[];
}

const boundary = (phrase: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');

/**
 * Longest phrases first, and a matched span is masked, so "not delegated" is not also read as "delegated".
 * If a question names two values of one condition it does not settle it.
 */
export function readConditions(text: string, kb: KnowledgeBase): ConditionReading {
  const candidates: { condition: string; value: string; phrase: string }[] = [];
  for (const condition of kb.conditions.values()) {
    for (const value of condition.values) {
      for (const phrase of value.phrases) candidates.push({ condition: condition.id, value: value.id, phrase: phrase.toLowerCase() });
    }
  }
  candidates.sort((a, b) => b.phrase.length - a.phrase.length);
  let masked = text;
  const found = new Map<string, Set<string>>();
  const phrases: string[] = [];
  for (const c of candidates) {
    const re = boundary(c.phrase);
    const m = re.exec(masked);
    if (!m) continue;
    masked = masked.slice(0, m.index) + ' '.repeat(m[0].length) + masked.slice(m.index + m[0].length);
    const values = found.get(c.condition) ?? new Set<string>();
    values.add(c.value);
    found.set(c.condition, values);
    phrases.push(c.phrase);
  }
  const settled = new Map<string, string>();
  for (const [condition, values] of found) {
    if (values.size === 1) settled.set(condition, [...values][0] as string);
  }
  return { settled, phrases };
}
