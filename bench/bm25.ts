import MiniSearch from 'minisearch';
import type { KnowledgeBase } from '../src/knowledge/model.js';
import { MATCHER } from '../src/resolve/config.js';
import { prepare, toTerms } from '../src/resolve/index.js';
import { resolve } from '../src/resolve/resolve.js';
import type { Answer } from '../src/schemas/answer.js';

/**
 * The baseline a capable engineer would build in an afternoon: MiniSearch (BM25) over each topic's
 * title, phrasings and keywords, tokenised by the project's own rules (normalising, synonyms,
 * stemming, stop words: `toTerms`), fields weighted as the resolver weights them, MiniSearch's own
 * fuzzy matching for typos. The top hit at or above one score threshold is answered by the project's
 * own code (date reading, conditions, answer composition); below it, or no hit, is "unknown".
 *
 * The threshold was chosen once, on ../shared/eval/dev.jsonl only, by `npm run bench:threshold`
 * (bench/bm25-threshold.ts): a threshold halfway between each two neighbouring top scores seen on dev
 * was tried, and the one with the highest accuracy won, ties to fewer wrong answers, then to the lower
 * threshold. It is not
 * re-tuned per run; run the script again only when the knowledge changes a lot, and say so.
 * Chosen 2 December 2026 on the knowledge of commit 43e1f65: 15.68 gave 48/56 correct, 7 wrong,
 * 1 abstained on dev (no threshold: 45/56, 11 wrong).
 */
export const BM25_THRESHOLD = 15.68;

/** MiniSearch's documented example fuzziness: a fifth of a term's length in edits. */
const FUZZY = 0.2;

interface Doc {
  id: string;
  title: string;
  phrasings: string;
  keywords: string;
}

export function bm25Baseline(kb: KnowledgeBase, today: Date, threshold = BM25_THRESHOLD) {
  const prepared = prepare(kb);
  const tokenize = (text: string) => toTerms(text, prepared);
  const search = new MiniSearch<Doc>({
    fields: ['title', 'phrasings', 'keywords'],
    tokenize,
    // The tokenizer already normalises and stems; MiniSearch's own lower-casing is left as it is.
    searchOptions: {
      boost: {
        title: MATCHER.fieldWeight.title,
        phrasings: MATCHER.fieldWeight.phrasing,
        keywords: MATCHER.fieldWeight.keyword,
      },
      fuzzy: FUZZY,
    },
  });
  search.addAll(
    kb.topics.map((t) => ({
      id: t.id,
      title: t.title,
      // Joined with a full stop: each phrasing stays its own stretch of text for the tokenizer.
      phrasings: t.phrasings.join(' . '),
      keywords: t.keywords.join(' . '),
    })),
  );
  return {
    documents: kb.topics.length,
    /** The top hit's id and BM25 score, or undefined: for choosing the threshold. */
    top(question: string): { id: string; score: number } | undefined {
      const hit = search.search(question)[0];
      return hit ? { id: String(hit.id), score: hit.score } : undefined;
    },
    ask(question: string, asOf?: string): Pick<Answer, 'status' | 'commissioners'> {
      const hit = search.search(question)[0];
      if (!hit || !(hit.score >= threshold)) return { status: 'unknown', commissioners: [] };
      return resolve(kb, question, { asOf, today, topicId: String(hit.id) });
    },
  };
}
