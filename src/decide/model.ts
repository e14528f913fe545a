import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
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
  /** ml-logistic-regression sums the gradient over rows, so the rate is divided by the row count. */
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

/** Fits the weights by gradient ascent (deterministic: zero start, fixed steps). */
export function fitWeights(examples: readonly Example[]): number[] {
  if (examples.length === 0) return FEATURES.map(() => 0);
  const X = new Matrix(examples.map((e) => featureRow(e.features)));
  // Class 0 is "right". ml-logistic-regression's first one-vs-rest classifier scores "not class 0",
  // the probability of a wrong answer, so its weights are negated to give P(right).
  const Y = Matrix.columnVector(examples.map((e) => (e.right ? 0 : 1)));
  const model = new LogisticRegression({
    numSteps: TRAINING.steps,
    learningRate: TRAINING.rate / examples.length,
  });
  model.train(X, Y);
  const json = model.toJSON() as { classifiers: { weights: Matrix | number[][] }[] };
  const w = json.classifiers[0]?.weights;
  const row = w instanceof Matrix ? w.to1DArray() : (w?.[0] ?? []);
  return row.map((v) => Math.round(-v * 1e6) / 1e6 || 0);
}

/** The probability that an answer with these features is right. */
export function probabilityRight(weights: readonly number[], features: Features): number {
  const row = featureRow(features);
  let z = 0;
  for (let i = 0; i < row.length; i++) z += (weights[i] ?? 0) * (row[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
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
