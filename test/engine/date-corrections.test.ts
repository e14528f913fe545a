import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { withoutCorrectedDates } from '../../src/resolve/corrections.js';
import { readDate } from '../../src/resolve/dates.js';
import { normalise } from '../../src/resolve/normalise.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// Dates as people give them in passing: taken back and given again, by who was Prime Minister, between
// the lockdowns, and in a second sentence that refers back to the question.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const today = TODAY.toISOString().slice(0, 10);
const ask = (q: string) => Answer.parse(resolve(kb, q, { today: TODAY }));

describe('a date taken back is not asked', () => {
  it.each([
    ['in 2013 - sorry, 2018 - who held school nursing?', 'in 2018 - who held school nursing?'],
    ['dental in 2011, no wait, I mean 2016', 'dental in 2016'],
    ['who did pharmacy in 2015 or rather 2019', 'who did pharmacy in 2019'],
    // Not between two dates: left alone.
    ['sorry, who commissions dental in 2016?', 'sorry, who commissions dental in 2016?'],
    ['dental in 2010 and 2016, sorry to ask', 'dental in 2010 and 2016, sorry to ask'],
  ])('%s', (question, expected) => {
    expect(withoutCorrectedDates(normalise(question), today, kb)).toBe(normalise(expected));
  });

  it('answers for the date given last', () => {
    const answer = ask('In 2011 — sorry, 2020 — who was commissioning school nurses?');
    expect(answer.asOf).toBe('2020-07-01');
    expect(answer.parts).toBeUndefined();
  });
});

describe('dates by public events', () => {
  it.each([
    ['who did it when Gordon Brown was PM', '2008-11-01'],
    ['commissioner while Theresa May was prime minister?', '2018-01-18'],
    ['under Liz Truss', '2022-09-30'],
    ['between the two lockdowns', '2020-08-15'],
  ])('%s → %s', (text, date) => {
    expect(readDate(normalise(text), today, kb)?.date).toBe(date);
  });
});

describe('a second sentence that refers back gives dates asked', () => {
  it('answers now and at the date the second sentence gives', () => {
    const answer = ask('who commissions school nursing now? was it the same in 2012?');
    expect(answer.parts?.map((p) => [p.asOf, p.commissioners.map((c) => c.body)])).toEqual([
      [today, ['local-authority']],
      ['2012-07-01', ['pct']],
    ]);
  });

  it('answers once when the second sentence gives no date', () => {
    expect(
      ask('Who does school nursing? Is that a national programme like bowel screening?').parts,
    ).toBeUndefined();
  });
});

describe('OHID is part of DHSC', () => {
  it.each(['where does OHID sit?', 'is the Office for Health Improvement and Disparities its own agency?'])(
    '%s',
    (question) => {
      const answer = ask(question);
      expect(answer.topic?.id).toBe('ohid');
      expect(answer.commissioners.map((c) => c.body)).toEqual(['dhsc']);
    },
  );
});
