import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// A history asked ("walk me through who commissioned it from 2010 to now", "how has it changed since
// 2012?") is answered at the date asked and at each later change of holder in force up to today. Words
// said before the first question ("Midlands ICB area, October 2022: who …") are said of every part.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const partsOf = (q: string) => {
  const a = Answer.parse(resolve(kb, q, { today: TODAY }));
  return (a.parts ?? [a]).map((p) => [p.asOf, p.commissioners.map((c) => c.body).sort()] as const);
};

describe('a history asked is answered at each change of holder', () => {
  it.each([
    [
      'walk me through who commissioned health visiting from 2010 to now',
      [
        ['2010-01-01', ['pct']],
        ['2013-04-01', ['nhs-england']],
        ['2015-10-01', ['local-authority']],
      ],
    ],
    [
      'how has community pharmacy commissioning changed since 2012?',
      [
        ['2012-01-01', ['pct']],
        ['2013-04-01', ['nhs-england']],
        ['2022-07-01', ['icb', 'nhs-england']],
        ['2023-04-01', ['icb']],
      ],
    ],
  ])('%s', (question, expected) => {
    expect(partsOf(question)).toEqual(expected);
  });

  it('a question with no history words keeps its one date', () => {
    expect(partsOf('who commissioned health visiting in 2014?')).toEqual([['2014-07-01', ['nhs-england']]]);
  });
});

describe('"today" beside a span that runs to today is its own date', () => {
  it('through the NHS England years, and today', () => {
    const dates = partsOf(
      'who held specialised commissioning through the NHS England years, and who holds it today?',
    ).map(([asOf]) => asOf);
    expect(dates).toHaveLength(2);
    expect(dates[1]).toBe(TODAY.toISOString().slice(0, 10));
  });
});

describe('words before the first question are said of every part', () => {
  it('"Midlands ICB area, October 2022:" settles the POD wave for both services', () => {
    expect(
      partsOf('Midlands ICB area, October 2022: who commissioned community pharmacy and NHS dentistry?'),
    ).toEqual([
      ['2022-10-01', ['nhs-england']],
      ['2022-10-01', ['nhs-england']],
    ]);
  });
});

describe('a clause that says the time again, more exactly, replaces the date before it', () => {
  it('"after covid, … like who was doing it in 2023" asks about 2023 only', () => {
    const a = Answer.parse(
      resolve(kb, 'after covid, who ran national health protection? like who was doing it in 2023', {
        today: TODAY,
      }),
    );
    expect(a.parts).toBeUndefined();
    expect(a.asOf).toBe('2023-07-01');
  });
});

describe('a moment named once is read again on its other side', () => {
  it('"just before CCGs were scrapped and just after" is two dates', () => {
    expect(partsOf('just before CCGs were scrapped and just after, who commissioned NHS 111?')).toEqual([
      ['2022-06-30', ['ccg']],
      ['2022-07-01', ['icb']],
    ]);
  });
});
