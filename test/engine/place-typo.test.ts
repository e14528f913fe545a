import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { placeWordFor } from '../../src/resolve/place.js';
import { readQuestion } from '../../src/resolve/resolve.js';
import { shippedKnowledge, TODAY } from './helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const placeIn = (q: string) => readQuestion(kb, q, { today: TODAY }).place;

describe('place names are read through one slip', () => {
  it.each([
    ['which ICB covers Shropshre?', 'Shropshire', 'Shropshre'],
    ['who was our CCG in 2016, we are in Wiltshre', 'Wiltshire', 'Wiltshre'],
    ['Wiltshrie CCG in 2017?', 'NHS Wiltshire CCG', 'Wiltshrie CCG'],
    ['who does dental in Nottinghamshre', 'Nottinghamshire', 'Nottinghamshre'],
    ['which ICB covers cornwal', 'Cornwall', 'cornwal'],
    ['we are in Bradfrd, which ICB?', 'Bradford', 'Bradfrd'],
    ['who commissions IVF in Leeds?', 'Leeds', 'Leeds'],
  ])('%s → %s', (q, name, words) => {
    expect(placeIn(q)).toMatchObject({ name, words });
  });

  it.each([
    // A name under six letters is read only as written.
    'who commissions IVF in Leedz?',
    'who commissions IVF in Yrok?',
    // Words the reader knows are never place names, however near: Rother, Surrey.
    'in rather a hurry: who commissions IVF?',
    'Survey question: who commissions wheelchairs?',
    'who commissions the GP patient survey?',
    // A slip counts only where a place is written (after a place word, or capitalised).
    'who commissions shropshre things',
    // Two slips are not one.
    'which ICB covers Shrpshre?',
  ])('reads no place in %s', (q) => {
    expect(placeIn(q)).toBeUndefined();
  });

  it('forgives a slip only towards exactly one place-name word, and never in a known word', () => {
    expect(placeWordFor('shropshre', kb)).toBe('shropshire');
    expect(placeWordFor('rather', kb)).toBeUndefined();
    expect(placeWordFor('survey', kb)).toBeUndefined();
    expect(placeWordFor('leedz', kb)).toBeUndefined();
  });

  it('answers a question about a local body read through a slip', async () => {
    const { answer } = await import('../../src/resolve/resolve.js');
    const a = answer(kb, 'which ICB covers Shropshre?', { today: TODAY, asOf: '2025-01-10' });
    expect(a.commissioners.map((c) => c.name)).toEqual([
      'NHS Shropshire, Telford and Wrekin Integrated Care Board',
    ]);
  });
});

describe('short names people use for a place (reading.yaml placeNames)', () => {
  it('points every short name at a place in the tables', () => {
    const missing = Object.entries(kb.reading.placeNames).filter(
      ([, name]) => kb.places.find(name).length === 0,
    );
    expect(missing).toEqual([]);
  });

  it.each([
    ["we're in Herts, which ICB?", 'Hertfordshire', 'Herts'],
    ['Notts ICB?', 'Nottinghamshire', 'Notts ICB'],
    ['which ICB covers B&NES?', 'Bath and North East Somerset', 'B&NES'],
    ['who commissions IVF in hull', 'Kingston upon Hull', 'hull'],
    ['which CCG covered North Yorks in 2019', 'North Yorkshire', 'North Yorks'],
    // A one-word short name stands for its word inside a longer name.
    [
      'what replaced Herts and West Essex ICB?',
      'NHS Hertfordshire and West Essex Integrated Care Board',
      'Herts and West Essex ICB',
    ],
    [
      'is Lancs and South Cumbria ICB still around?',
      'NHS Lancashire and South Cumbria Integrated Care Board',
      'Lancs and South Cumbria ICB',
    ],
  ])('%s → %s', (q, name, words) => {
    expect(placeIn(q)).toMatchObject({ name, words });
  });

  it('reads a lower-case short name only after a place cue', () => {
    expect(placeIn('who commissions repairs to a boat hull')).toBeUndefined();
  });
});

describe('a later word of a name of three words or more, slipped into another real word that sounds like it', () => {
  it.each([
    ['which icb is isle of white under', 'Isle of Wight', 'isle of white'],
    ['which ICB covers isle of white now', 'Isle of Wight', 'isle of white'],
    ['Isle of White ICB?', 'Isle of Wight', 'Isle of White ICB'],
    ['is the vale of yolk ccg still going', 'NHS Vale of York CCG', 'vale of yolk ccg'],
  ])('%s → %s', (q, name, words) => {
    expect(placeIn(q)).toMatchObject({ name, words });
  });

  it.each([
    // The other words must be the name's: "sale of white goods" names nothing.
    'who commissions the sale of white goods?',
    // Not alike in sound, nor one slip: "what", "wait" are not "Wight".
    'the isle of what?',
    'isle of wait times in 2019',
    // Two words only: "white" beside "Isle" is no name.
    'white isle',
  ])('reads no place in %s', (q) => {
    expect(placeIn(q)).toBeUndefined();
  });

  it('answers which ICB covers it', async () => {
    const { answer } = await import('../../src/resolve/resolve.js');
    const a = answer(kb, 'which icb is isle of white under', { today: TODAY, asOf: '2025-01-10' });
    expect(a.commissioners.map((c) => c.name)).toEqual([
      'NHS Hampshire and Isle of Wight Integrated Care Board',
    ]);
  });
});
