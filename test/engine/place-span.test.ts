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
    // A place word one word on makes a capitalised opening word a place: "Camden practice here".
    ['Camden practice here, who was our CCG in 2017?', 'council', 'E09000007', 'Camden'],
    ['Leeds surgery here, which ICB are we under?', 'council', 'E08000035', 'Leeds'],
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
    const { resolveTraced } = await import('../../src/resolve/resolve.js');
    const unread = (q: string) => resolveTraced(kb, q, { today: TODAY }).trace.query?.unread ?? [];
    expect(unread('who commissions health visiting in Wokingham?').map((u) => u.text)).not.toContain(
      'wokingham',
    );
  });
});

describe('answers name the body for the place read', () => {
  const ask = async (q: string) => {
    const { answer } = await import('../../src/resolve/resolve.js');
    return answer(kb, q, { today: TODAY });
  };

  it('leads with the council for a council service, and keeps body as the kind', async () => {
    const a = await ask('who commissions health visiting in Leeds?');
    expect(a.commissioners[0]).toMatchObject({ body: 'local-authority', localName: 'Leeds City Council' });
    expect(a.text).toMatch(/^Leeds City Council \(the local authority\) commissions health visiting/);
    expect(a.text).toMatch(/as of the table of/);
  });

  it('names the CCG at the date, and a district by its county for council services', async () => {
    expect((await ask('who commissioned IVF in Leeds in 2018?')).commissioners[0]?.localName).toBe(
      'NHS Leeds CCG',
    );
    expect(
      (await ask('who commissions school nursing in Harrogate in 2020?')).commissioners[0]?.localName,
    ).toBe('North Yorkshire County Council');
  });

  it('gives shares and asks for a postcode where the area is split', async () => {
    const a = await ask('who commissions IVF in North Yorkshire in 2027?');
    expect(a.commissioners[0]?.localName).toMatch(/\(\d+%\), .*\(\d+%\)/);
    expect(a.text).toMatch(/split between \d ICBs: give a postcode or GP practice/);
  });

  it('says the local body was a PCT before April 2013', async () => {
    expect((await ask('who commissioned health visiting in Leeds in 2010?')).text).toMatch(
      /primary care trust/,
    );
  });
});
