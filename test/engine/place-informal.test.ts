import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { placeWordFor } from '../../src/resolve/place.js';
import { answer, readQuestion } from '../../src/resolve/resolve.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// Places named the way people write them: "&", initials, short names inside longer names, clipped and
// misspelt words, a name opening a message placed by a year; each with look-alikes that must not match.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const placeIn = (q: string) => readQuestion(kb, q, { today: TODAY }).place;
const ask = (question: string, asOf?: string) =>
  answer(kb, question, { today: TODAY, ...(asOf ? { asOf } : {}) });
const names = (q: string, asOf?: string) => {
  const a = ask(q, asOf);
  return { status: a.status, names: a.commissioners.map((c) => c.name), text: a.text };
};

describe('"&" is read as "and", so a body named with it is the body, not two councils', () => {
  it.each([
    ['when did Norfolk & Waveney ICB merge?', 'icb', 'NHS Norfolk and Waveney Integrated Care Board'],
    ['which ICB covers Redcar & Cleveland?', 'council', 'Redcar and Cleveland'],
    ['which ICB covers B&NES?', 'council', 'Bath and North East Somerset'],
  ])('%s → %s %s', (q, kind, name) => {
    expect(placeIn(q)).toMatchObject({ kind, name });
  });
});

describe("an ICB's initials, in capitals, are the ICB; a CCG's only before 'CCG'", () => {
  it.each([
    ['NCL ICB - what is it called now?', 'NHS North Central London Integrated Care Board'],
    ['is SEL still an ICB?', 'NHS South East London Integrated Care Board'],
    ['who does IVF for SWL ICB patients?', 'NHS South West London Integrated Care Board'],
    ['NWL ICB here', 'NHS North West London Integrated Care Board'],
    ['is NEL ICB merging?', 'NHS North East London Integrated Care Board'],
    [
      'BNSSG ICB: who commissions wheelchairs?',
      'NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board',
    ],
    ['HIOW still going?', 'NHS Hampshire and Isle of Wight Integrated Care Board'],
    ['what happened to NENC?', 'NHS North East and North Cumbria Integrated Care Board'],
    ['LLR ICB, who does dental?', 'NHS Leicester, Leicestershire and Rutland Integrated Care Board'],
    ['when was BOB set up?', 'NHS Buckinghamshire, Oxfordshire and Berkshire West Integrated Care Board'],
    ['C&M ICB - who commissions IVF?', 'NHS Cheshire and Merseyside Integrated Care Board'],
    ['CIOS ICB: who commissions dental?', 'NHS Cornwall and the Isles of Scilly Integrated Care Board'],
    // A short name of the ICB's own, in reading.yaml placeNames (its initials by the rule would be BNSW).
    [
      'which councils are in BSW?',
      'NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board',
    ],
    ['what did VOY CCG become?', 'NHS Vale of York CCG'],
    ['NCL CCG in 2021', 'NHS North Central London CCG'],
  ])('%s → %s', (q, name) => {
    expect(placeIn(q)?.name).toBe(name);
  });

  it.each([
    // Initials in lower case or as a name are words.
    'ncl icb - what is it called now?',
    'Bob from the ICB asked who commissions IVF',
    // A CCG's initials alone are often something else.
    'who commissions CPR training?',
    'who pays for CSR projects?',
    // Initials of no ICB, or "x and y" of no ICB.
    'homeless people in B&B: who commissions their GP care?',
    'H&S at work: who commissions occupational health?',
  ])('reads no place in %s', (q) => {
    expect(placeIn(q)).toBeUndefined();
  });
});

describe('a short name for a longer name stands for it inside other names too', () => {
  it.each([
    ['Hampshire and IOW ICB - still going?', 'NHS Hampshire and Isle of Wight Integrated Care Board'],
    ['who commissions IVF on the IOW?', 'Isle of Wight'],
  ])('%s → %s', (q, name) => {
    expect(placeIn(q)?.name).toBe(name);
  });
});

describe('a clipped name word, and one slip in a name of two words or more', () => {
  it.each([
    ['practice manager in peterboro - who holds our GP contract?', 'Peterborough', 'peterboro'],
    ['who does health checks in Scarboro?', 'Scarborough', 'Scarboro'],
    ['which CCG was Kings Lyn under in 2017', 'Kings Lynn and West Norfolk', 'Kings Lyn'],
    ["which CCG was King's Lynn under in 2017", 'Kings Lynn and West Norfolk', "King's Lynn"],
    ['which ICBs cover Westmoreland & Furness?', 'Westmorland and Furness', 'Westmoreland & Furness'],
  ])('%s → %s', (q, name, words) => {
    expect(placeIn(q)).toMatchObject({ name, words });
  });

  it.each([
    // A short stem that is a word of its own is no clipped name.
    'we met in bright sunshine: who commissions sunscreen?',
    'who commissions IVF in Manch?',
    // One slip needs the rest of the name exact.
    'who commissions IVF in Kongs Lyn?',
  ])('reads no place in %s', (q) => {
    expect(placeIn(q)).toBeUndefined();
  });

  it('forgives a clipping only towards one name word of seven letters or more kept', () => {
    expect(placeWordFor('peterboro', kb)).toBe('peterborough');
    expect(placeWordFor('bright', kb)).toBeUndefined();
    expect(placeWordFor('wolverhampt', kb)).toBe('wolverhampton');
    expect(placeWordFor('wolverh', kb)).toBeUndefined();
  });
});

describe('a name opening a message is a place where a year or a place word follows', () => {
  it.each([
    ['Babergh in 2019: which CCG?', 'Babergh', 'Babergh'],
    ['Hartlepool 2019, which CCG?', 'Hartlepool', 'Hartlepool'],
    ['Craven district in November 2022: which ICB?', 'Craven', 'Craven district'],
    ['High Peak BC here: which CCGs covered us?', 'High Peak', 'High Peak BC'],
    // Who lives there says where too.
    ['Wigan residents - who commissions IVF?', 'Wigan', 'Wigan'],
    ['Dudley patients: which ICB?', 'Dudley', 'Dudley'],
    // A name in lower case heading the message, set off by a dash or colon.
    ['ealing - which ICB now?', 'Ealing', 'ealing'],
    ['wigan: who was our CCG in 2019?', 'Wigan', 'wigan'],
    // A linking word written short inside a name.
    ['Newcastle-u-Lyme CCG in 2019?', 'Newcastle-under-Lyme', 'Newcastle-u-Lyme CCG'],
    ['which ICB covers Kingston u Hull?', 'Kingston upon Hull', 'Kingston u Hull'],
  ])('%s → %s', (q, name, words) => {
    expect(placeIn(q)).toMatchObject({ name, words });
  });

  it.each([
    'Bury the lede: who commissions IVF?',
    'Reading the guidance, who commissions wheelchairs?',
    'dental - who commissions it?',
    'wigan who commissions IVF?',
  ])('reads no place in %s', (q) => {
    expect(placeIn(q)).toBeUndefined();
  });
});

describe('questions about bodies, read through these names, are answered from the tables', () => {
  it.each([
    // [question, asOf, every name the answer must give]
    ['Babergh in 2019: which CCG?', undefined, ['NHS Ipswich and East Suffolk CCG', 'NHS West Suffolk CCG']],
    ['Hartlepool 2019, which CCG?', undefined, ['NHS Hartlepool and Stockton-on-Tees CCG']],
    [
      'Craven district in November 2022: which ICB?',
      undefined,
      ['NHS West Yorkshire Integrated Care Board', 'NHS Lancashire and South Cumbria Integrated Care Board'],
    ],
    // A service named only as why the question is asked does not make it a service question.
    [
      'for a board paper on GP access: which CCG or CCGs covered High Peak in 2021?',
      undefined,
      ['NHS Derby and Derbyshire CCG', 'NHS Tameside and Glossop CCG'],
    ],
    // The clause that asks decides: the service in the context ("contract") is context.
    [
      'SWL ICB - what is it called now? our contract letters still say South West London',
      undefined,
      ['NHS South West London Integrated Care Board'],
    ],
    [
      'when did Norfolk & Waveney ICB merge, and with whom?',
      undefined,
      ['NHS Norfolk and Suffolk Integrated Care Board'],
    ],
    // Predecessors: "took over from which" asks what the body took over from.
    [
      'Central East ICB took over from which ICBs?',
      undefined,
      [
        'NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board',
        'NHS Hertfordshire and West Essex Integrated Care Board',
        'NHS Cambridgeshire and Peterborough Integrated Care Board',
      ],
    ],
    // What two bodies formed is their merger, not what each was formed from.
    [
      'what is the ICB formed from NWL ICB and NCL ICB called?',
      undefined,
      ['NHS West and North London Integrated Care Board'],
    ],
    // A body split under its ODS code ended: every successor is named, with the date.
    [
      'Cumbria CCG: when was it split up and what replaced it?',
      undefined,
      ['NHS North Cumbria CCG', 'NHS Morecambe Bay CCG'],
    ],
  ])('%s', (q, asOf, expected) => {
    const a = names(q, asOf);
    expect(a.status).toBe('answered');
    expect(a.names).toEqual(expect.arrayContaining(expected));
  });

  it('says when a split body ended', () => {
    expect(names('Cumbria CCG: when was it split up and what replaced it?').text).toMatch(
      /On 1 April 2017, NHS Cumbria CCG was split between NHS North Cumbria CCG and NHS Morecambe Bay CCG/,
    );
  });

  it('gives the shares of a split area', () => {
    expect(names('Craven district in November 2022: which ICB?').text).toMatch(/\(91%\).*\(9%\)/);
  });

  it('keeps a service named in the context of a plain question a service question', () => {
    const a = ask(
      'Devon, after April 2025: one of the specialised services that went to ICBs. who commissions it now?',
    );
    expect(a.topic?.id).not.toBe('local-bodies');
  });

  it.each([
    'which ICB commissions pharmacy in Haringey?',
    "we're a pharmacy in Haringey - who commissions our contract?",
  ])('keeps "%s" a service question: the self-introduction places, the service is still asked', (q) => {
    expect(ask(q).topic?.id).not.toBe('local-bodies');
  });
});

describe('the place tables: a body split under its ODS code is no ONS recode', () => {
  it('ends NHS Cumbria CCG in 2017 with both successors', () => {
    const life = kb.places.lifetime('E38000041', 'ccg');
    expect(life?.to).toBe('2017-03-31');
    expect(life?.recoded).toBe(false);
    expect(life?.next.map((p) => p.name).sort()).toEqual(['NHS Morecambe Bay CCG', 'NHS North Cumbria CCG']);
  });
});

describe('the place guard: a place read loosely while another is as close is asked about, not answered', () => {
  it.each([
    // Alton, a town in East Hampshire (towns.csv), is as close.
    ['which ICB covers Suton?', 'Sutton', /close to Luton, Sefton and Alton/],
    ['who commissions IVF in Suton?', 'Sutton', /close to Luton, Sefton and Alton/],
    ['which CCG was Merten in 2019?', 'Merton', /close to Melton/],
  ])('%s', (q, name, rivals) => {
    const a = ask(q);
    expect(a.status).toBe('unknown');
    expect(a.commissioners).toEqual([]);
    expect(a.text).toContain(`as ${name}`);
    expect(a.text).toMatch(rivals);
    expect(a.lookInstead).toMatch(/name in full, or give a postcode or GP practice/);
  });

  it.each([
    // One slip with no other place near: answered.
    ['which ICB covers Shropshre?', 'NHS Shropshire, Telford and Wrekin Integrated Care Board'],
    ['which CCG was Kings Lyn under in 2017', 'NHS West Norfolk CCG'],
    ['which ICB covers peterboro?', 'NHS Central East Integrated Care Board'],
    // Written in full: never guarded.
    ['which ICB covers Sutton?', 'NHS South West London Integrated Care Board'],
  ])('answers %s', (q, name) => {
    const a = ask(q);
    expect(a.status).toBe('answered');
    expect(a.commissioners.map((c) => c.name)).toContain(name);
  });
});

describe("a message word that is also a name of Object's prototype reads as a word", () => {
  it.each([
    'who buys NHS 111 for our constructor patch in Leeds in 2017?',
    'toString hasOwnProperty __proto__ in Newcastle u Lyme?',
  ])('%s', (q) => {
    expect(() => readQuestion(kb, q, { today: TODAY })).not.toThrow();
  });
});

describe('initials written with a linking word in lower case, and a lower-case name before ICB or CCG', () => {
  const placeIn = (q: string) => readQuestion(kb, q, { today: TODAY }).place;
  it.each([
    ['what did HaRD CCG merge into', 'NHS Harrogate and Rural District CCG', 'HaRD CCG'],
    ['HaWE ICB - still going?', 'NHS Hertfordshire and West Essex Integrated Care Board', 'HaWE ICB'],
    // A lower-case name opening the message before the word for its kind.
    ['maldon icb now?', 'Maldon', 'maldon icb'],
    ['leeds ccg 2016?', 'NHS Leeds CCG', 'leeds ccg'],
  ])('%s → %s', (q, name, words) => {
    expect(placeIn(q)).toMatchObject({ name, words });
  });

  it.each([
    // The same letters as a word, or all in capitals, are no initials of these.
    'a HaRD question about CCG funding',
    'HARD CCG choices in 2016',
    // A CCG's initials only before "CCG".
    'HaRD to say who commissions it',
    // Not opening the message, a lower-case word before "ICB" is not a place.
    'i was reading icb papers: who commissions dental?',
    'bath ccg?',
  ])('reads no place in %s', (q) => {
    expect(placeIn(q)).toBeUndefined();
  });
});
