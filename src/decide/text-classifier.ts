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

function wrap(nb: ReturnType<typeof naiveBayes>): TextClassifier {
  return {
    probability(text) {
      const odds = nb.computeOdds(text).find(([label]) => label === 'yes')?.[1] ?? 0;
      return 1 / (1 + 2 ** -odds);
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
