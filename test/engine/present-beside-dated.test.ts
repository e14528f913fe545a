import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { readMessage } from '../../src/resolve/message.js';
import { normalise } from '../../src/resolve/normalise.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// A question with no date of its own, in the present or future tense ("who commissions it locally"),
// beside another question that gives a date, asks about now: both are answered, each at its own date.
// A list item with the date ("HV and school nursing in 2014") or a past-tense question keeps the date.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const today = TODAY.toISOString().slice(0, 10);
const partsOf = (q: string) => {
  const a = Answer.parse(resolve(kb, q, { today: TODAY }));
  const parts = a.parts ?? [a];
  return parts.map((p) => [p.topic?.id ?? '', p.asOf, p.commissioners.map((c) => c.body).sort()] as const);
};

describe('an undated present-tense question beside a dated one asks about now', () => {
  it.each([
    [
      'who commissions the adult mental health crisis service locally, and who would have been responsible for it in 2010?',
      [
        ['mental-health-services', today, ['icb']],
        ['mental-health-services', '2010-07-01', ['pct']],
      ],
    ],
    [
      'who paid for IVF the year before CCGs were abolished, and who does it now?',
      [
        ['fertility-services', '2021-06-30', ['ccg']],
        ['fertility-services', today, ['icb']],
      ],
    ],
    [
      'who commissions health visiting, is that the same as in 2014?',
      [
        ['health-visiting', today, ['local-authority']],
        ['health-visiting', '2014-07-01', ['nhs-england']],
      ],
    ],
    [
      'who commissioned health visiting in 2014, and who commissions school nursing?',
      [
        ['health-visiting', '2014-07-01', ['nhs-england']],
        ['school-nursing', today, ['local-authority']],
      ],
    ],
  ])('%s', (question, expected) => {
    expect(partsOf(question)).toEqual(expected);
  });
});

describe('a date said once for the whole question stays the date of every part', () => {
  it.each([
    // One question, two things listed, one date.
    [
      'who commissions health visiting and school nursing in 2014?',
      [
        ['health-visiting', '2014-07-01', ['nhs-england']],
        ['school-nursing', '2014-07-01', ['local-authority']],
      ],
    ],
    // A past-tense question takes the other question's date.
    [
      'who commissioned health visiting in 2014, and who ran school nursing?',
      [
        ['health-visiting', '2014-07-01', ['nhs-england']],
        ['school-nursing', '2014-07-01', ['local-authority']],
      ],
    ],
    // A span is one question, read at its start.
    ['who commissioned dental between 2013 and 2015?', [['dental-services', '2013-07-01', ['nhs-england']]]],
  ])('%s', (question, expected) => {
    expect(partsOf(question)).toEqual(expected);
  });
});

describe('a question after a span asks again', () => {
  it('"from April 2027, and who would it have been five years ago?" is two dates', () => {
    const dates = partsOf(
      'Who will be responsible for commissioning sexual assault referral centres from April 2027, and who would it have been five years ago?',
    ).map(([, asOf]) => asOf);
    expect(dates).toEqual(['2027-04-01', `${Number(today.slice(0, 4)) - 5}${today.slice(4)}`]);
  });
});

describe('"is that the same body that commissions X?" names another thing asked', () => {
  it('chlamydia screening and bowel cancer screening are two parts', () => {
    const topics = partsOf(
      'who commissions chlamydia screening, and is that the same body that commissions the bowel cancer screening programme?',
    ).map(([topic]) => topic);
    expect(topics.sort()).toEqual(['screening-programmes', 'sexual-health-services']);
  });
});

describe('"… or stay with NHSE?" puts a body forward as where a responsibility sits', () => {
  it.each([
    ['did dental and pharmacy come to us as well or stay with NHSE?', 2],
    ['has school nursing moved to the council?', 2],
    // A statement about moving, not a question about a body.
    ['we moved to the ICB offices last year', 0],
  ])('%s → strength %i', (question, strength) => {
    expect(readMessage(normalise(question), kb).strength).toBe(strength);
  });
});

describe('"now" in the question beats a date in a sentence of context, not one in the question', () => {
  it.each([
    ["I'm a veteran, left the army in 2015. Who commissions my hospital treatment now?", today],
    ['we went fully delegated in April 2015 - who handles breach notices now?', '2015-04-01'],
  ])('%s → %s', (question, asOf) => {
    expect(Answer.parse(resolve(kb, question, { today: TODAY })).asOf).toBe(asOf);
  });
});

describe('a number of one or two figures names no service alone', () => {
  it('"the 6 new ICBs" is not year 6 of the child measurement programme', () => {
    const a = Answer.parse(resolve(kb, 'which were the 6 new ICBs from april 2026?', { today: TODAY }));
    expect(a.topic?.id).not.toBe('national-child-measurement-programme');
  });
});
