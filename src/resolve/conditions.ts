import type { KnowledgeBase } from '../knowledge/model.js';
import { perKnowledge, phrasePattern } from './memo.js';
import { isNegatedAt, negatedSpans } from './negation.js';

/** Conditions a question settles, e.g. { cocommissioning: 'delegated', region: 'midlands' }, and the words used. */
export interface ConditionReading {
  settled: Map<string, string>;
  /** condition id → the phrase that settled it */
  settledBy: Map<string, string>;
  /** condition id → values the question rules out ("we're not delegated") */
  excluded: Map<string, Set<string>>;
  /** condition id → two or more values the question names ("prisoners and the general population"): one part each. */
  several: Map<string, string[]>;
  /** Phrases that only say which condition holds ("fully delegated"), not which service. */
  phrases: string[];
  /** condition id → every phrase that names one of its values, settled or several ("veteran", "serving officer"). */
  statedBy: Map<string, string[]>;
}

/**
 * All condition phrases in one pattern, longest first, so at each place the longest phrase wins; and
 * what each phrase settles. One phrase may settle two conditions ("Midlands": a region, and a POD wave).
 */
const phraseIndex = perKnowledge((kb) => {
  const byPhrase = new Map<string, { condition: string; value: string; decides: boolean }[]>();
  for (const condition of kb.conditions.values()) {
    for (const value of condition.values) {
      const phrases = [
        ...value.phrases.map((p) => [p, false] as const),
        ...value.decides.map((p) => [p, true] as const),
      ];
      for (const [phrase, decides] of phrases) {
        for (const key of withPlural(phrase.toLowerCase())) {
          const known = byPhrase.get(key) ?? [];
          if (!known.some((k) => k.condition === condition.id && k.value === value.id))
            byPhrase.set(key, [...known, { condition: condition.id, value: value.id, decides }]);
        }
      }
    }
  }
  return { re: new RegExp(phrasePattern([...byPhrase.keys()]).source, 'gu'), byPhrase };
});

/** A phrase and its plural ("hmp", "hmps"): people write either, and the lists name one. */
function withPlural(phrase: string): string[] {
  if (!/\p{L}{3}$/u.test(phrase) || phrase.endsWith('s')) return [phrase];
  return [phrase, /(?:x|ch|sh)$/u.test(phrase) ? `${phrase}es` : `${phrase}s`];
}

/** condition id → the value assumed when a question does not say. */
export const defaultConditions = perKnowledge((kb) => {
  const out = new Map<string, string>();
  for (const c of kb.conditions.values()) {
    const value = c.values.find((v) => v.default);
    if (value) out.set(c.id, value.id);
  }
  return out;
});

/**
 * Reads the conditions a text settles (typo-corrected by the caller). A negated phrase rules its value
 * out; when all values but one are ruled out, that one is settled. Two stated values are kept apart.
 */
export function readConditions(text: string, kb: KnowledgeBase): ConditionReading {
  const { re, byPhrase } = phraseIndex(kb);
  const negated = negatedSpans(text, kb);
  const found = new Map<string, Set<string>>();
  const excluded = new Map<string, Set<string>>();
  const phrases: string[] = [];
  const statedBy = new Map<string, string[]>();
  const decided = new Map<string, Set<string>>();
  for (const m of text.matchAll(re)) {
    const ruledOut = isNegatedAt(negated, m.index);
    for (const c of byPhrase.get(m[0]) ?? []) {
      const target = ruledOut ? excluded : found;
      target.set(c.condition, (target.get(c.condition) ?? new Set()).add(c.value));
      if (c.decides && !ruledOut)
        decided.set(c.condition, (decided.get(c.condition) ?? new Set()).add(c.value));
      if (!ruledOut) statedBy.set(c.condition, [...(statedBy.get(c.condition) ?? []), m[0]]);
      if (!kb.conditions.get(c.condition)?.namesTopics) phrases.push(m[0]);
    }
  }
  const settled = new Map<string, string>();
  const settledBy = new Map<string, string>();
  const several = new Map<string, string[]>();
  for (const [condition, values] of found) {
    const named = [...values].filter((v) => !excluded.get(condition)?.has(v));
    // One value named by a deciding phrase settles it over the others named ("a sailor's wife, registered
    // with an ordinary NHS GP").
    const deciding = named.filter((v) => decided.get(condition)?.has(v));
    const left = deciding.length === 1 ? deciding : named;
    if (left.length === 1) {
      settled.set(condition, left[0] as string);
      settledBy.set(condition, statedBy.get(condition)?.[0] ?? '');
    } else if (left.length > 1) several.set(condition, left);
    else {
      // "when I'm mobilised, and when I'm not mobilised": a value both said and denied asks about it
      // and about the usual case beside it.
      const usual = defaultConditions(kb).get(condition);
      const asked = [...values];
      if (usual && !asked.includes(usual) && !excluded.get(condition)?.has(usual))
        several.set(condition, [...asked, usual]);
    }
  }
  // "not in the first wave": every value but one ruled out settles the one left; "a reservist, not
  // mobilised" rules one out and names none, which leaves the usual case.
  for (const [condition, out] of excluded) {
    if (settled.has(condition) || several.has(condition)) continue;
    const all = kb.conditions.get(condition)?.values.map((v) => v.id) ?? [];
    const left = all.filter((v) => !out.has(v));
    const usual = defaultConditions(kb).get(condition);
    if (left.length === 1) settled.set(condition, left[0] as string);
    else if (usual && left.includes(usual) && !found.has(condition)) settled.set(condition, usual);
  }
  for (const c of statedBy.keys()) if (!settled.has(c) && !several.has(c)) statedBy.delete(c);
  return { settled, settledBy, excluded, several, phrases, statedBy };
}
