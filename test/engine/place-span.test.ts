import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { readQuestion } from '../../src/resolve/resolve.js';
import { shippedKnowledge, TODAY } from './helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const placeIn = (q: string) => readQuestion(kb, q, { today: TODAY }).place;

describe('a place named in a message is read as a span', () => {
  it.each([
    ['who commissions health visiting in Leeds?', 'council', 'E08000035', 'Leeds'],
    ['who commissions health visiting in leeds', 'council', 'E08000035', 'leeds'],
    ["we're in Wiltshire, who does school nursing?", 'council', 'E06000054', 'Wiltshire'],
    ['Leeds ICB here - who does dental?', 'council', 'E08000035', 'Leeds ICB'],
    ['who commissions wheelchairs in Reading?', 'council', 'E06000038', 'Reading'],
    ['who commissions CHC in North Yorkshire?', 'council', 'E06000065', 'North Yorkshire'],
    ['E08000035 health visiting', 'council', 'E08000035', 'E08000035'],
    ['NHS Frimley ICB here, who does IVF?', 'icb', 'E54000034', 'NHS Frimley ICB here'],
    ['who commissions sexual health in Kent and Medway', 'icb', 'E54000032', 'Kent and Medway'],
    ['who did IVF for NHS Vale of York CCG in 2018', 'ccg', 'E38000188', 'NHS Vale of York CCG'],
    ['QWO dental', 'icb', 'E54000054', 'QWO'],
  ])('%s → %s %s', (q, kind, code, words) => {
    expect(placeIn(q)).toMatchObject({ kind, code, words });
  });

  it.each([
    'who commissions bath aids?',
    'who commissions derby hats?',
    'Reading the guidance, who commissions wheelchairs?',
    'is it the ICB or NHSE for dental?',
    'who commissions health visiting?',
    'who commissions Leedsy things?',
  ])('reads no place in %s', (q) => {
    expect(placeIn(q)).toBeUndefined();
  });

  it('reads a lower-case one-word name only after a place cue', () => {
    expect(placeIn('who commissions wheelchairs in derby')?.name).toBe('Derby');
    expect(placeIn('who commissions derby hats?')).toBeUndefined();
  });

  it('never matches inside another word', () => {
    expect(placeIn('who commissions it in Yorkshireish areas?')).toBeUndefined();
  });

  it("keeps the place's words out of the topic and out of the unread words", async () => {
    const { explain } = await import('../../src/resolve/resolve.js');
    const e = explain(kb, 'who commissions health visiting in Reading?', { today: TODAY });
    expect(e.terms.join(' ')).not.toMatch(/reading/);
  });
});
