import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { asOfOption, hugeText, questionText } from './helpers/arbitraries.js';
import { isRealIsoDate, shippedKnowledge } from './helpers/knowledge.js';
import { TODAY } from './helpers/server.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

/** Everything an answer must be, whatever the question: valid, on a real date, consistent with its status. */
function expectSound(question: string, options: { asOf?: string; topicId?: string } = {}) {
  const answer = resolve(kb, question, { ...options, today: TODAY });
  const parsed = Answer.safeParse(answer);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  expect(isRealIsoDate(answer.asOf), `asOf ${answer.asOf} is not a real date`).toBe(true);
  expect(answer.text.trim().length).toBeGreaterThan(0);
  for (const c of answer.commissioners) expect(kb.bodies.has(c.body), `unknown body ${c.body}`).toBe(true);
  for (const o of answer.options)
    expect(kb.topicById.has(o.topicId), `unknown option ${o.topicId}`).toBe(true);
  if (answer.status === 'answered') {
    expect(answer.topic && kb.topicById.has(answer.topic.id)).toBe(true);
  }
  if (answer.status === 'clarify') expect(answer.options.length).toBeGreaterThanOrEqual(2);
  if (answer.status === 'unknown') expect(answer.commissioners).toEqual([]);
  return answer;
}

describe('The resolver on any input', () => {
  it('returns a valid, consistent answer for any text (unicode, control characters, emoji, digits, injections)', () => {
    fc.assert(
      fc.property(questionText, (question) => {
        expectSound(question);
      }),
      { numRuns: 600 },
    );
  });

  it('returns a valid answer for 100 kB of text', () => {
    fc.assert(
      fc.property(hugeText, (question) => {
        expectSound(question);
      }),
      { numRuns: 25 },
    );
  });

  it('returns a valid answer whatever asOf and topicId a caller sends', () => {
    const topicIds = fc.option(
      fc.oneof(fc.constantFrom(...kb.topics.map((t) => t.id)), fc.string({ maxLength: 30 })),
      {
        nil: undefined,
      },
    );
    fc.assert(
      fc.property(questionText, asOfOption, topicIds, (question, asOf, topicId) => {
        expectSound(question, { asOf, topicId });
      }),
      { numRuns: 400 },
    );
  });

  it('answers a clicked topic with that topic, at the given date', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kb.topics), fc.integer({ min: 2003, max: 2026 }), (topic, year) => {
        const asOf = `${year}-06-01`;
        const answer = expectSound('', { topicId: topic.id, asOf });
        expect(answer.topic?.id).toBe(topic.id);
        expect(answer.asOf).toBe(asOf);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the answer the same when a question is wrapped in Slack mrkdwn or HTML', () => {
    const plain = resolve(kb, 'who commissions health visiting in 2017?', { today: TODAY });
    const wrapped = resolve(kb, '*who commissions* _health visiting_ in 2017? <b></b>', { today: TODAY });
    expect(plain.status).toBe('answered');
    expect(wrapped.topic?.id).toBe(plain.topic?.id);
    expect(wrapped.commissioners.map((c) => c.body)).toEqual(plain.commissioners.map((c) => c.body));
  });
});
