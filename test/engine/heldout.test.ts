import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { resolve } from '../../src/resolve/resolve.js';
import { shippedKnowledge, TODAY } from './helpers.js';

interface Line {
  id: string;
  question: string;
  asOf?: string;
  expect: { status: 'answered' | 'unknown'; must?: string[]; mustNot?: string[] };
}

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

/** The scoring rules of the shared evaluation: a wrong answer is worse than an abstention. */
function verdict(line: Line): 'correct' | 'wrong' | 'abstained' {
  const a = resolve(kb, line.question, { asOf: line.asOf, today: TODAY });
  if (line.expect.status === 'unknown')
    return a.status === 'unknown' ? 'correct' : a.status === 'clarify' ? 'abstained' : 'wrong';
  if (a.status !== 'answered') return 'abstained';
  const bodies = new Set(a.commissioners.map((c) => c.body));
  const ok =
    (line.expect.must ?? []).every((b) => bodies.has(b)) &&
    !(line.expect.mustNot ?? []).some((b) => bodies.has(b));
  return ok ? 'correct' : 'wrong';
}

describe.each(['questions.jsonl', 'holdout-2.jsonl', 'holdout-3.jsonl', 'holdout-4.jsonl'])(
  'the held-out questions in test/golden/%s',
  (file) => {
    const lines: Line[] = readFileSync(`test/golden/${file}`, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));

    it('get no confidently wrong answer', () => {
      const wrong = lines.filter((l) => verdict(l) === 'wrong').map((l) => `${l.id}: ${l.question}`);
      expect(wrong).toEqual([]);
    });

    it('are answered correctly at least nine times in ten', () => {
      const correct = lines.filter((l) => verdict(l) === 'correct').length;
      expect(correct / lines.length).toBeGreaterThanOrEqual(0.9);
    });
  },
);
