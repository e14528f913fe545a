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
  changes: Map<Era | undefined, string[]>;
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

/** The "what changed" lines around an era of the topic, made by `make` the first time. */
export function changesOnce(
  kb: KnowledgeBase,
  topic: Topic,
  era: Era | undefined,
  make: () => string[],
): string[] {
  const { changes } = linesOf(kb, topic);
  let out = changes.get(era);
  if (!out) {
    out = make();
    changes.set(era, out);
  }
  return [...out];
}
