import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DevQuestion, parseQuestionLines, verdict } from '../../bench/dev-set.js';
import { isPlaceSet } from '../../bench/sets.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { resolve } from '../../src/resolve/resolve.js';
import { shippedKnowledge, TODAY } from './helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

/** The shared evaluation's verdict on the resolver's answer: a wrong answer is worse than an abstention. */
const judge = (q: DevQuestion) => verdict(q, resolve(kb, q.question, { asOf: q.asOf, today: TODAY }));

/**
 * Every set in test/regression: sets written by people who had seen neither the code nor the knowledge,
 * each scored once when new and tuned against since, so now regression sets, not measures of the unseen.
 */
const SETS = readdirSync('test/regression')
  .filter((f) => f.endsWith('.jsonl') && !isPlaceSet(f))
  .sort();

describe.each(SETS)('the regression questions in test/regression/%s', (file) => {
  const path = `test/regression/${file}`;
  const lines = parseQuestionLines(readFileSync(path, 'utf8'), path);

  it('get no confidently wrong answer', () => {
    const wrong = lines.filter((l) => judge(l) === 'wrong').map((l) => `${l.id}: ${l.question}`);
    expect(wrong).toEqual([]);
  });

  it('are answered correctly at least nine times in ten', () => {
    const correct = lines.filter((l) => judge(l) === 'correct').length;
    expect(correct / lines.length).toBeGreaterThanOrEqual(0.9);
  });
});
