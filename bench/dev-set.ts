import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One line of ../shared/eval/dev.jsonl. */
export interface DevQuestion {
  id: string;
  question: string;
  asOf?: string;
  expect: { status: 'answered' | 'unknown'; must?: string[]; mustNot?: string[] };
  category?: string;
}

export const DEV_SET_PATH = fileURLToPath(new URL('../../shared/eval/dev.jsonl', import.meta.url));

/** The shared dev questions, or undefined when the file is not there (the bench then says so). */
export function readDevSet(path = DEV_SET_PATH): DevQuestion[] | undefined {
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const q = JSON.parse(line) as DevQuestion;
      return { ...q, id: String(q.id) };
    });
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
