import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { answer } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// "Not what I asked" offers the next-best readings: each keeps the question's date and conditions,
// says itself as the Read-as line does, and comes with a question that gets it when typed.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const ask = (question: string, asOf?: string) => Answer.parse(answer(kb, question, { asOf, today: TODAY }));

describe('alternative readings', () => {
  it.each([
    ['who commissions dental in prison?', 'dental-services'],
    ['who does sexual health?', 'sexual-assault-referral-centres'],
    ['who commissioned health visiting in 2014?', 'school-nursing'],
  ])('"%s" offers %s', (question, expected) => {
    const a = ask(question);
    expect(a.status).toBe('answered');
    const ids = (a.alternatives ?? []).map((alt) => alt.topicId);
    expect(ids).toContain(expected);
    expect(ids).not.toContain(a.topic?.id);
    expect(ids.length).toBeLessThanOrEqual(3);
  });

  it('keeps the date and the conditions in each reading, said as the Read-as line', () => {
    const a = ask('our CCG is fully delegated, who approves a GP practice merger in 2016?');
    const first = a.alternatives?.[0];
    expect(first?.readAs).toBe(`${first?.title} · 1 July 2016 · ${a.conditionsAsked.join(' · ')}`);
    expect(first?.ask).toMatch(/^who commissioned .* on 1 July 2016 \(.+\)\?$/);
  });

  it('gives questions that, typed, get the reading they offer', () => {
    for (const question of ['who commissions school nursing?', 'who commissioned health visiting in 2014?']) {
      for (const alt of ask(question).alternatives ?? []) {
        const again = ask(alt.ask);
        expect(again.topic?.id, alt.ask).toBe(alt.topicId);
        expect(again.readAs).toBe(alt.readAs);
      }
    }
  });

  it('has none for a question out of scope', () => {
    expect(ask('what is the capital of France?').alternatives).toBeUndefined();
  });
});
