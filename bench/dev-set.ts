import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { IsoDate } from '../src/schemas/common.js';

/**
 * One question line, as in ../shared/eval/dev.jsonl and test/regression/*.jsonl: what is asked, and what
 * a right answer names (`must`) and must not name (`mustNot`).
 */
export const QuestionLine = z.strictObject({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string(),
  asOf: IsoDate.optional(),
  expect: z.strictObject({
    status: z.enum(['answered', 'unknown']),
    must: z.array(z.string()).optional(),
    mustNot: z.array(z.string()).optional(),
  }),
  /** Why the expectation holds, for the person reading a failure. */
  fact: z.string().optional(),
  category: z.string().optional(),
  /**
   * Per-component labels (sets written from December 2026 on): the intent, why a message is out of
   * scope, and per part the service in the writer's words, the date and the conditions stated.
   */
  labels: z
    .strictObject({
      intent: z.enum(['which-body', 'about-body', 'out-of-scope']),
      scopeReason: z.string().optional(),
      parts: z.array(
        z.strictObject({
          service: z.string(),
          date: z.string(),
          conditions: z.array(z.string()).default([]),
        }),
      ),
    })
    .optional(),
});
export type DevQuestion = z.output<typeof QuestionLine>;

/** The question lines of a JSON-lines text; throws naming the file and line of the first bad one. */
export function parseQuestionLines(text: string, source: string): DevQuestion[] {
  const questions: DevQuestion[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`${source}:${i + 1}: not JSON (${(error as Error).message})`);
    }
    const parsed = QuestionLine.safeParse(json);
    if (!parsed.success) throw new Error(`${source}:${i + 1}: ${z.prettifyError(parsed.error)}`);
    questions.push(parsed.data);
  });
  return questions;
}

export const DEV_SET_PATH = fileURLToPath(new URL('../../shared/eval/dev.jsonl', import.meta.url));

/** The shared dev questions, or undefined when the file is not there (the bench then says so). */
export function readDevSet(path = DEV_SET_PATH): DevQuestion[] | undefined {
  if (!existsSync(path)) return undefined;
  return parseQuestionLines(readFileSync(path, 'utf8'), path);
}

export type Verdict = 'correct' | 'abstained' | 'wrong';

/** What score.mjs needs of an answer. */
export interface Scored {
  status: string;
  commissioners: readonly { body: string }[];
}

/**
 * The rules of ../shared/eval/score.mjs, for one question: an out-of-scope question is correct when
 * unknown, wrong when answered; an in-scope one is correct when answered naming every `must` body and
 * no `mustNot` body; clarify and unknown abstain.
 */
export function verdict(q: DevQuestion, answer: Scored): Verdict {
  if (q.expect.status === 'unknown') {
    if (answer.status === 'answered') return 'wrong';
    return answer.status === 'unknown' ? 'correct' : 'abstained';
  }
  if (answer.status !== 'answered') return 'abstained';
  const bodies = new Set(answer.commissioners.map((c) => c.body));
  const ok =
    (q.expect.must ?? []).every((b) => bodies.has(b)) && !(q.expect.mustNot ?? []).some((b) => bodies.has(b));
  return ok ? 'correct' : 'wrong';
}

export interface Tally {
  n: number;
  correct: number;
  wrong: number;
  abstained: number;
  accuracy: number;
}

export function tally(questions: readonly DevQuestion[], answer: (q: DevQuestion) => Scored): Tally {
  const t = { n: questions.length, correct: 0, wrong: 0, abstained: 0, accuracy: 0 };
  for (const q of questions) t[verdict(q, answer(q))]++;
  t.accuracy = t.n ? t.correct / t.n : 0;
  return t;
}
