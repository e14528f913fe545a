import { featuresOf } from '../src/decide/features.js';
import type { Component } from '../src/decide/text-classifier.js';
import type { LabelledReading } from '../src/decide/train.js';
import type { KnowledgeBase } from '../src/knowledge/model.js';
import { type Read, resolveTraced, type Trace } from '../src/resolve/resolve.js';
import type { Answer } from '../src/schemas/answer.js';
import { type DevQuestion, type Verdict, verdict } from './dev-set.js';
import { type QuestionFile, questionFiles } from './sets.js';

/** The shared dev sets are checks, never training data: the corpus is every other labelled set. */
export const isTrainingSet = (f: QuestionFile) => f.name !== 'dev' && f.name !== 'dev-chat';

/** One labelled message read by the resolver (before the decision): its training row and how it scored. */
export interface CorpusLine {
  set: string;
  question: DevQuestion;
  /** The message as the reader read it, and what the matcher saw: the decision weighs both. */
  read: Read;
  trace: Trace;
  answer: Answer;
  /** The resolver's own answer, judged by the set's labels. */
  raw: Verdict;
  row: LabelledReading;
}

/**
 * Each component's label where the line gives one. Sets written before per-component labels still say
 * whether a message is in scope, and their "compound" category says it asks two things.
 */
export function componentLabels(q: DevQuestion): Partial<Record<Component, boolean>> {
  const out = { outOfScope: q.expect.status === 'unknown' };
  const parts = q.labels?.parts;
  if (!parts) return q.category ? { ...out, multi: q.category === 'compound' } : out;
  return {
    ...out,
    multi: parts.length > 1,
    // A date the caller gave is not in the text, so such a line says nothing of how dates are written.
    ...(q.asOf ? {} : { dated: parts.some((p) => /^\d{4}/.test(p.date)) }),
    conditioned: parts.some((p) => p.conditions.length > 0),
  };
}

/** Every message of the given sets, read once (the resolver is deterministic, so folds share the reading). */
export function readCorpus(kb: KnowledgeBase, today: Date, files = questionFiles().filter(isTrainingSet)) {
  return files.flatMap((f) =>
    f.questions.map((q): CorpusLine => {
      const { read, trace, answer } = resolveTraced(kb, q.question, { asOf: q.asOf, today });
      const raw = verdict(q, answer);
      const row = {
        text: q.question,
        // Whether the reader got it wrong is a label too, on the lines it answered.
        labels: {
          ...componentLabels(q),
          ...(answer.status === 'answered' ? { misread: raw !== 'correct' } : {}),
        },
        answered: answer.status === 'answered',
        right: raw === 'correct',
        calibrates: !f.name.startsWith('regression/'),
        features: featuresOf(kb, read, trace, answer),
      };
      return { set: f.name, question: q, read, trace, answer, raw, row };
    }),
  );
}
