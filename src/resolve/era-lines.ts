import type { KnowledgeBase } from '../knowledge/model.js';
import type { Answer } from '../schemas/answer.js';
import type { Era, Topic } from '../schemas/topic.js';
import { perKnowledge } from './memo.js';

/**
 * An answer's timeline depends on its topic alone, and its "what changed" lines on the topic and the
 * era that answers: worked out once per knowledge base and era, not per question. Callers get a copy
 * of the list, so an answer never shares an array with another.
 */
interface Lines {
  timeline?: Answer['timeline'];
  /** By era, then by which statuses the answer has already labelled (they shorten a later mention). */
  changes: Map<Era | undefined, Map<string, string[]>>;
}

const byTopic = perKnowledge(() => new WeakMap<Topic, Lines>());

function linesOf(kb: KnowledgeBase, topic: Topic): Lines {
  const cache = byTopic(kb);
  let lines = cache.get(topic);
  if (!lines) {
    lines = { changes: new Map() };
    cache.set(topic, lines);
  }
  return lines;
}

/** The topic's timeline, made by `make` the first time it is asked for. */
export function timelineOnce(
  kb: KnowledgeBase,
  topic: Topic,
  make: () => Answer['timeline'],
): Answer['timeline'] {
  const lines = linesOf(kb, topic);
  lines.timeline ??= make();
  return [...lines.timeline];
}

/** The "what changed" lines around an era of the topic, given the labels already said, made by `make` the first time. */
export function changesOnce(
  kb: KnowledgeBase,
  topic: Topic,
  era: Era | undefined,
  labelled: string,
  make: () => string[],
): string[] {
  const { changes } = linesOf(kb, topic);
  let variants = changes.get(era);
  if (!variants) {
    variants = new Map();
    changes.set(era, variants);
  }
  let out = variants.get(labelled);
  if (!out) {
    out = make();
    variants.set(labelled, out);
  }
  return [...out];
}
