import { FEATURES, type ReadingFeatures, withComponents } from './features.js';
import {
  chooseThreshold,
  type DecisionModel,
  type Example,
  fitWeights,
  probabilityRight,
  TRAINING,
} from './model.js';
import { COMPONENTS, type Component, type TextClassifier, textTokens, trainText } from './text-classifier.js';

/** One labelled message as training sees it: its text, its labels, and the resolver's answer judged. */
export interface LabelledReading {
  text: string;
  /** Per component, the label where the set gives one (out of scope, asks two things, …). */
  labels: Partial<Record<Component, boolean>>;
  /** The resolver answered (the decision only ever withholds an answer). */
  answered: boolean;
  /** The answer was right by the message's labels. */
  right: boolean;
  /**
   * From a set the resolver was never tuned on: only these choose the threshold, since a set tuned against
   * is answered better than unseen wording ever will be.
   */
  calibrates: boolean;
  features: ReadingFeatures;
}

export type Classifiers = Record<Component, TextClassifier>;

export interface Trained {
  classifiers: Classifiers;
  weights: number[];
  threshold: number;
}

/** Folds for the classifiers' out-of-fold probabilities (stacking): fixed, so training is deterministic. */
const INNER_FOLDS = 5;

type Tokens = (text: string) => string[];

function trainComponent(
  rows: readonly LabelledReading[],
  component: Component,
  tokens: Tokens,
): TextClassifier {
  return trainText(
    rows.flatMap((r) => {
      const yes = r.labels[component];
      return yes === undefined ? [] : [{ text: r.text, yes }];
    }),
    tokens,
  );
}

/** Each message's tokens worked out once: training builds 30 classifiers over the same messages. */
function tokensOnce(rows: readonly LabelledReading[]): Tokens {
  const known = new Map(rows.map((r) => [r.text, textTokens(r.text)]));
  return (text) => known.get(text) ?? textTokens(text);
}

export function trainClassifiers(rows: readonly LabelledReading[], tokens = tokensOnce(rows)): Classifiers {
  return Object.fromEntries(COMPONENTS.map((c) => [c, trainComponent(rows, c, tokens)])) as Classifiers;
}

/**
 * Each message's component probabilities from classifiers that never saw it, so the decision learns how
 * far to trust them on unseen wording rather than on their own training lines.
 */
function outOfFold(rows: readonly LabelledReading[], tokens: Tokens): Record<Component, number>[] {
  const out = rows.map(() => ({}) as Record<Component, number>);
  for (let fold = 0; fold < INNER_FOLDS; fold++) {
    const classifiers = trainClassifiers(
      rows.filter((_, i) => i % INNER_FOLDS !== fold),
      tokens,
    );
    rows.forEach((r, i) => {
      if (i % INNER_FOLDS !== fold) return;
      for (const c of COMPONENTS)
        (out[i] as Record<Component, number>)[c] = classifiers[c].probability(r.text);
    });
  }
  return out;
}

/** Trains the component classifiers and the decision model, and chooses the threshold. */
export function train(rows: readonly LabelledReading[]): Trained {
  const tokens = tokensOnce(rows);
  const classifiers = trainClassifiers(rows, tokens);
  const oof = outOfFold(rows, tokens);
  const examples: (Example & { calibrates: boolean })[] = [];
  rows.forEach((r, i) => {
    const features = withComponents(r.features, oof[i] as Record<Component, number>);
    if (r.answered) examples.push({ features, right: r.right, calibrates: r.calibrates });
  });
  const weights = fitWeights(examples);
  const calibration = examples.filter((e) => e.calibrates);
  const scored = calibration.map((e) => ({ p: probabilityRight(weights, e.features), right: e.right }));
  const total = rows.filter((r) => r.calibrates).length;
  return { classifiers, weights, threshold: chooseThreshold(scored, total) };
}

/** The model file's content for what was trained: the weights, threshold, classifiers and what they saw. */
export function modelOf(
  trained: Trained,
  sets: readonly string[],
  rows: readonly LabelledReading[],
): DecisionModel {
  return {
    kind: 'whocommissions-decision',
    features: [...FEATURES],
    weights: trained.weights,
    threshold: Math.round(trained.threshold * 1e4) / 1e4,
    classifiers: Object.fromEntries(
      COMPONENTS.map((c) => [c, trained.classifiers[c].toJSON()]),
    ) as DecisionModel['classifiers'],
    trainedOn: {
      sets: [...sets],
      messages: rows.length,
      answered: rows.filter((r) => r.answered).length,
      maxWrongShare: TRAINING.maxWrongShare,
    },
  };
}
