import { createRequire } from 'node:module';
import type naiveBayesType from 'wink-naive-bayes-text-classifier';
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

/** wink's exported model: its config, samples per label, token counts per label, tokens per label, vocabulary. */
type WinkModel = [
  { considerOnlyPresence?: boolean; smoothingFactor: number },
  Record<string, number>,
  Record<string, Record<string, number>>,
  Record<string, number>,
  string[],
];

/** A count from parsed JSON: a token such as "constructor" must not find Object's own members. */
const own = (counts: Record<string, number> | undefined, key: string): number =>
  counts && Object.hasOwn(counts, key) ? (counts[key] as number) : 0;

/**
 * wink's model as a table: for each known token, log2 P(token | yes) − log2 P(token | no), smoothed as wink
 * smooths, and the prior. The sum over a message's tokens is exactly wink's two-label odds, computed
 * with one lookup per token instead of wink's per-label scans (the decision runs on every message).
 */
function oddsTable([config, samples, count, words, voc]: WinkModel): {
  prior: number;
  weights: Map<string, number>;
} {
  const sf = config.smoothingFactor;
  const denominator = (label: string) => Math.log2(own(words, label) + voc.length * sf);
  const [yesDen, noDen] = [denominator('yes'), denominator('no')];
  const weights = new Map<string, number>();
  for (const token of voc) {
    const yes = Math.log2(own(count.yes, token) + sf) - yesDen;
    const no = Math.log2(own(count.no, token) + sf) - noDen;
    weights.set(token, yes - no);
  }
  return { prior: Math.log2(samples.yes ?? 1) - Math.log2(samples.no ?? 1), weights };
}

function wrap(model: WinkModel, toJSON: () => string): TextClassifier {
  const { prior, weights } = oddsTable(model);
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
    toJSON,
  };
}

/**
 * wink is needed only to train (npm run train, the tests): the server reads the model file straight into
 * odds tables (loadText), so it is required on first use rather than imported at every start.
 */
function fresh(tokens: (text: string) => string[]) {
  const naiveBayes = createRequire(import.meta.url)(
    'wink-naive-bayes-text-classifier',
  ) as typeof naiveBayesType;
  const nb = naiveBayes();
  nb.definePrepTasks([tokens]);
  nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
  return nb;
}

export interface TextExample {
  text: string;
  yes: boolean;
}

/**
 * Trains on labelled messages (both answers must occur). Deterministic for the same examples in order.
 * Training builds many classifiers over the same messages: it may pass their tokens, worked out once.
 */
export function trainText(
  examples: readonly TextExample[],
  tokens: (text: string) => string[] = textTokens,
): TextClassifier {
  const nb = fresh(tokens);
  for (const e of examples) nb.learn(e.text, e.yes ? 'yes' : 'no');
  nb.consolidate();
  const exported = nb.exportJSON();
  return wrap(JSON.parse(exported) as WinkModel, () => exported);
}

/**
 * A classifier from its exported JSON (the model file), with more labelled messages learnt on top as
 * wink learns them (each distinct token counted once per message). Done here rather than through
 * wink's import, learn, consolidate and export, which cost every start a few hundred milliseconds of
 * parsing and re-serialising the same megabyte; test/engine/text-classifier.test.ts checks the two agree.
 */
export function loadText(json: string, more: readonly TextExample[] = []): TextClassifier {
  // toJSON reads the text again rather than closing over the parsed model: only training and the tests
  // call it, and a closure over the model would keep every classifier's token counts and vocabulary
  // alive in the server beside the odds tables built from them (measured: 5.6 MiB of live heap).
  return wrap(learnOnTop(json, more), () =>
    more.length === 0 ? json : JSON.stringify(learnOnTop(json, more)),
  );
}

/** The model of an exported classifier's JSON with more labelled messages counted in, as wink counts them. */
function learnOnTop(json: string, more: readonly TextExample[]): WinkModel {
  const model = JSON.parse(json) as unknown;
  if (!isWinkModel(model)) throw new Error('the classifier is not a wink-naive-bayes-text-classifier export');
  const [, samples, count, words, vocList] = model;
  const voc = new Set(vocList);
  for (const e of more) {
    const label = e.yes ? 'yes' : 'no';
    samples[label] = own(samples, label) + 1;
    const counts = count[label] ?? {};
    count[label] = counts;
    for (const token of new Set(textTokens(e.text))) {
      counts[token] = own(counts, token) + 1;
      voc.add(token);
      words[label] = own(words, label) + 1;
    }
  }
  // wink refuses to consolidate a model like these: so does this.
  if (Object.keys(samples).length < 2) throw new Error('the classifier has fewer than two labels');
  if (voc.size < 10) throw new Error('the classifier has a vocabulary of fewer than 10 tokens');
  model[4] = [...voc];
  return model;
}

function isWinkModel(value: unknown): value is WinkModel {
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  return (
    Array.isArray(value) &&
    value.length === 5 &&
    value.slice(0, 4).every(isObject) &&
    Array.isArray(value[4]) &&
    typeof value[0].smoothingFactor === 'number'
  );
}
