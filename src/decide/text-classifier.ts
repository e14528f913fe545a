import naiveBayes from 'wink-naive-bayes-text-classifier';
import { lastFew } from '../resolve/memo.js';
import { normalise, stem, words } from '../resolve/normalise.js';

/**
 * A yes/no text classifier: naive Bayes over stemmed words and word pairs, trained on labelled messages.
 * Each reading component the labels cover has one ("is it out of scope?", "does it ask two things?",
 * "does it state a date?", "does it state a condition?"), and one learns wording the reader has misread
 * before ("was the reader's answer wrong?"); their probabilities are features of the decision, never
 * rules on their own.
 */
export interface TextClassifier {
  /** The probability that the text is a "yes", 0..1. */
  probability(text: string): number;
  toJSON(): string;
}

/** The components learnt from labels, each a yes/no question about a message. */
export const COMPONENTS = ['outOfScope', 'multi', 'dated', 'conditioned', 'misread'] as const;
export type Component = (typeof COMPONENTS)[number];

/**
 * Stems and adjacent pairs: "write a letter" and "who commissions" say more as pairs than as words.
 * Remembered for the last message: every classifier asks for them, once per label.
 */
export const textTokens = lastFew(2, (text: string): string[] => {
  const stems = words(normalise(text)).map(stem);
  const pairs = stems.slice(1).map((s, i) => `${stems[i]}_${s}`);
  return [...stems, ...pairs];
});

/**
 * wink's model as a table: for each known token, log2 P(token | yes) − log2 P(token | no), smoothed as wink
 * smooths, and the prior. The sum over a message's tokens is exactly wink's two-label odds, computed
 * with one lookup per token instead of wink's per-label scans (the decision runs on every message).
 */
function oddsTable(nb: ReturnType<typeof naiveBayes>): { prior: number; weights: Map<string, number> } {
  const [config, samples, count, words, voc] = JSON.parse(nb.exportJSON()) as [
    { smoothingFactor: number },
    Record<string, number>,
    Record<string, Record<string, number>>,
    Record<string, number>,
    string[],
  ];
  const sf = config.smoothingFactor;
  const denominator = (label: string) => Math.log2((words[label] ?? 0) + voc.length * sf);
  const [yesDen, noDen] = [denominator('yes'), denominator('no')];
  const weights = new Map<string, number>();
  for (const token of voc) {
    const yes = Math.log2((count.yes?.[token] ?? 0) + sf) - yesDen;
    const no = Math.log2((count.no?.[token] ?? 0) + sf) - noDen;
    weights.set(token, yes - no);
  }
  return { prior: Math.log2(samples.yes ?? 1) - Math.log2(samples.no ?? 1), weights };
}

function wrap(nb: ReturnType<typeof naiveBayes>): TextClassifier {
  const { prior, weights } = oddsTable(nb);
  return {
    probability(text) {
      let odds = 0;
      let known = false;
      for (const token of textTokens(text)) {
        const w = weights.get(token);
        if (w === undefined) continue;
        odds += w;
        known = true;
      }
      // As wink: a message with no known token has no odds either way.
      return known ? 1 / (1 + 2 ** -(odds + prior)) : 0.5;
    },
    toJSON: () => nb.exportJSON(),
  };
}

function fresh() {
  const nb = naiveBayes();
  nb.definePrepTasks([textTokens]);
  nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
  return nb;
}

export interface TextExample {
  text: string;
  yes: boolean;
}

/** Trains on labelled messages (both answers must occur). Deterministic for the same examples in order. */
export function trainText(examples: readonly TextExample[]): TextClassifier {
  const nb = fresh();
  for (const e of examples) nb.learn(e.text, e.yes ? 'yes' : 'no');
  nb.consolidate();
  return wrap(nb);
}

/** A classifier from its exported JSON (the model file), with more labelled messages learnt on top. */
export function loadText(json: string, more: readonly TextExample[] = []): TextClassifier {
  const nb = fresh();
  nb.importJSON(json);
  for (const e of more) nb.learn(e.text, e.yes ? 'yes' : 'no');
  nb.consolidate();
  return wrap(nb);
}
