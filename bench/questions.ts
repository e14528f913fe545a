import type { KnowledgeBase } from '../src/knowledge/model.js';
import { DEV_SET_PATH, type DevQuestion, readDevSet } from './dev-set.js';

export interface QuestionSet {
  /** Where the questions came from, as printed with the results. */
  source: string;
  items: { question: string; asOf?: string }[];
  /** The scored set, when ../shared/eval/dev.jsonl exists. */
  dev?: DevQuestion[];
}

/** The shared dev questions; without them, the knowledge's own examples and phrasings (timing only). */
export function benchQuestions(kb: KnowledgeBase): QuestionSet {
  const dev = readDevSet();
  if (dev) {
    return {
      source: `${dev.length} questions from ../shared/eval/dev.jsonl`,
      items: dev.map((q) => ({ question: q.question, ...(q.asOf ? { asOf: q.asOf } : {}) })),
      dev,
    };
  }
  const items = [
    ...kb.examples,
    ...kb.topics.flatMap((t) => t.phrasings.slice(0, 1).map((p) => `who commissions ${p}?`)),
  ];
  return {
    source: `${items.length} questions from the knowledge's examples and phrasings (${DEV_SET_PATH} not found: no accuracy)`,
    items: items.map((question) => ({ question })),
  };
}
