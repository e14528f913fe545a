import Fuse from 'fuse.js';
import type { KnowledgeBase } from '../src/knowledge/model.js';
import { resolve } from '../src/resolve/resolve.js';
import type { Answer } from '../src/schemas/answer.js';

/** One searchable line of the naive index: a topic's title or one of its phrasings. */
interface Line {
  text: string;
  topicId: string;
}

/**
 * What a quick build would do: fuse.js with its default options over one flat list of every title and
 * phrasing, the whole question as the pattern, the top hit taken as the answer. To compare matching
 * alone, the answer for the hit is composed by the project's own code (date reading, conditions,
 * commissioners at that date); no hit at all is "unknown".
 */
export function naiveBaseline(kb: KnowledgeBase, today: Date) {
  const lines: Line[] = kb.topics.flatMap((t) =>
    [t.title, ...t.phrasings].map((text) => ({ text, topicId: t.id })),
  );
  const fuse = new Fuse(lines, { keys: ['text'] });
  return {
    lines: lines.length,
    ask(question: string, asOf?: string): Pick<Answer, 'status' | 'commissioners'> {
      const hit = fuse.search(question, { limit: 1 })[0];
      if (!hit) return { status: 'unknown', commissioners: [] };
      return resolve(kb, question, { asOf, today, topicId: hit.item.topicId });
    },
  };
}
