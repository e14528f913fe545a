import { z } from 'zod';
import { FEATURES, type Features, featureRow } from './features.js';

/**
 * The decision model as stored in knowledge/decision-model.yaml (written by `npm run train`): the
 * weights of a logistic regression over FEATURES that estimates the probability an answer is right,
 * and the threshold below which the bot asks back instead of answering.
 */
export const DecisionModel = z.strictObject({
  kind: z.literal('whocommissions-decision'),
  features: z.array(z.string()),
  weights: z.array(z.number()),
  threshold: z.number().min(0).max(1),
  /** Each component classifier's learnt counts (wink-naive-bayes-text-classifier's export), as JSON text. */
  classifiers: z.strictObject({
    outOfScope: z.string().min(2),
    multi: z.string().min(2),
    dated: z.string().min(2),
    conditioned: z.string().min(2),
    misread: z.string().min(2),
  }),
  /** What it was trained on, for the person reading the file and for the staleness test. */
  trainedOn: z.strictObject({
    sets: z.array(z.string()),
    messages: z.number().int(),
    answered: z.number().int(),
    maxWrongShare: z.number(),
  }),
});
export type DecisionModel = z.infer<typeof DecisionModel>;

/** Training settings, in one place: the learning rate and steps suit features scaled to about 0..1. */
export const TRAINING = Object.freeze({
  /** "Today" while reading the labelled sets: the date their labels were written for. */
  today: '2026-12-04',
  steps: 1500,
  /** The gradient is summed over rows, so the rate is divided by the row count. */
  rate: 2,
  /** The threshold is chosen for at most this share of all training messages answered wrongly. */
  maxWrongShare: 0.015,
  /** Never answer below this probability, whatever the training folds allow. */
  floor: 0.5,
});

export interface Example {
  features: Features;
  /** Whether the resolver's answer was right (an answered message), by the set's labels. */
  right: boolean;
}

/**
 * Fits the weights of P(right) by batch gradient ascent on the log-likelihood (deterministic: zero start,
 * fixed steps, rows summed in order). Written out rather than through ml-logistic-regression, which does
 * the same arithmetic but trains one classifier per class, transposes the matrix on every step and took
 * most of `npm run train`'s time.
 */
export function fitWeights(examples: readonly Example[]): number[] {
  if (examples.length === 0) return FEATURES.map(() => 0);
  const rows = examples.map((e) => featureRow(e.features));
  const target = examples.map((e) => (e.right ? 1 : 0));
  const rate = TRAINING.rate / examples.length;
  const weights = new Float64Array(FEATURES.length);
  const gradient = new Float64Array(FEATURES.length);
  for (let step = 0; step < TRAINING.steps; step++) {
    gradient.fill(0);
    rows.forEach((row, i) => {
      const error = (target[i] as number) - sigmoid(dot(weights, row));
      for (let j = 0; j < row.length; j++) gradient[j] = (gradient[j] as number) + (row[j] as number) * error;
    });
    for (let j = 0; j < weights.length; j++)
      weights[j] = (weights[j] as number) + rate * (gradient[j] as number);
  }
  return [...weights].map((v) => Math.round(v * 1e6) / 1e6 || 0);
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function dot(weights: ArrayLike<number>, row: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < row.length; i++) z += (weights[i] ?? 0) * (row[i] ?? 0);
  return z;
}

/** The probability that an answer with these features is right. */
export function probabilityRight(weights: readonly number[], features: Features): number {
  return sigmoid(dot(weights, featureRow(features)));
}

/**
 * The lowest threshold at which the answered-and-wrong messages above it are at most `maxWrongShare`
 * of all `total` messages: the most answers the training data allows for that error rate.
 */
export function chooseThreshold(scored: readonly { p: number; right: boolean }[], total: number): number {
  const byP = [...scored].sort((a, b) => b.p - a.p);
  const allowed = Math.floor(TRAINING.maxWrongShare * total);
  let wrong = 0;
  let threshold = 1;
  for (const s of byP) {
    if (!s.right) wrong++;
    if (wrong > allowed) break;
    threshold = s.p;
  }
  return Math.max(TRAINING.floor, threshold);
}
