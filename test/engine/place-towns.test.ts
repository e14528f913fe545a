import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { answer, readQuestion } from '../../src/resolve/resolve.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// Towns (knowledge/places/towns.csv, OS Open Names) read as the council they lie in, so the council tables
// name the county, CCG, ICB and region by date; nicknames from reading.yaml placeNames; town names that are
// ordinary words only where written as a place.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const placeIn = (q: string) => readQuestion(kb, q, { today: TODAY }).place;
const names = (question: string, asOf?: string) =>
  answer(kb, question, { today: TODAY, ...(asOf ? { asOf } : {}) }).commissioners.map(
    (c) => c.localName ?? c.name,
  );

interface Tables {
  towns: { rows: { name: string; council: string; type: string }[] };
  outside: { rows: { code: string; nation: string }[] };
  outsideTowns: { rows: { name: string; council: string; type: string }[] };
}
const tables = () => (kb.places as unknown as { t: Tables }).t;

describe('the towns table', () => {
  it('holds towns of a few thousand rows and suburbs, each in a council of councils.csv', () => {
    const rows = tables().towns.rows;
    const towns = rows.filter((t) => t.type !== 'suburban area');
    expect(towns.length).toBeGreaterThan(1000);
    expect(towns.length).toBeLessThan(3000);
    expect(rows.length - towns.length).toBeGreaterThan(3000);
    expect(rows.length - towns.length).toBeLessThan(6000);
    for (const t of rows) expect(kb.places.get(t.council, { kind: 'council' })).toBeDefined();
  });

  it('holds no suburb named in two councils, nor one named like an everyday word', () => {
    const suburbs = tables().towns.rows.filter((t) => t.type === 'suburban area');
    const councils = new Map<string, Set<string>>();
    for (const t of suburbs) councils.set(t.name, (councils.get(t.name) ?? new Set()).add(t.council));
    expect([...councils].filter(([, c]) => c.size > 1)).toEqual([]);
    const names = new Set(suburbs.map((t) => t.name.toLowerCase()));
    for (const word of ['racecourse', 'park', 'west end', 'clifton', 'heaton', 'handsworth', 'bedford park'])
      expect(names.has(word)).toBe(false);
  });
});

describe('a suburb is read as the council it lies in, as written', () => {
  it.each([
    ['who commissions health visiting in Headingley?', 'Leeds', 'Headingley'],
    ['school nursing in Moseley - who?', 'Birmingham', 'Moseley'],
    ['a GP practice in Toxteth: which ICB now?', 'Liverpool', 'Toxteth'],
    ['we are in Jesmond, who was our CCG in 2018?', 'Newcastle upon Tyne', 'Jesmond'],
    ['sexual health clinic in Kentish Town - who commissions it?', 'Camden', 'Kentish Town'],
    ['which ICB covers Didsbury?', 'Manchester', 'Didsbury'],
  ])('%s → %s', (q, council, town) => {
    expect(placeIn(q)).toMatchObject({ kind: 'council', name: council, town });
  });

  it('names the council for a suburb, as for a town', () => {
    expect(names('who commissions health visiting in Headingley?')).toEqual(['Leeds City Council']);
  });

  it("forgives no slip in a suburb's name, and reads none named in two councils", () => {
    expect(placeIn('who commissions health visiting in Headingly?')?.town).not.toBe('Headingley');
    expect(placeIn('who commissions health visiting in Heaton?')).toBeUndefined();
    // "The Lings" (Doncaster) is not read from a word one slip away.
    expect(placeIn('For the lines to take, who commissions NHS sight tests?')).toBeUndefined();
  });
});

describe('a town in Scotland, Wales or Northern Ireland is outside England', () => {
  const ask = (q: string) => answer(kb, q, { today: TODAY });

  it('holds towns of the three nations, each in a council of outside-england.csv', () => {
    const councils = new Map(tables().outside.rows.map((r) => [r.code, r.nation]));
    const rows = tables().outsideTowns.rows;
    const nations = new Set(rows.map((r) => councils.get(r.council)));
    expect([...nations].sort()).toEqual(['Northern Ireland', 'Scotland', 'Wales']);
    expect(rows.length).toBeGreaterThan(300);
  });

  it.each([
    ['who commissions health visiting in Dumfries?', 'Dumfries is in Scotland.'],
    ['IVF in Stornoway - who funds it?', 'Stornoway is in Scotland.'],
    ["we're a practice in Llandudno - who does dental?", 'Llandudno is in Wales.'],
    ['who commissions school nursing in Y Fenni?', 'Y Fenni is in Wales.'],
    ['which ICB covers Ballymena?', 'Ballymena is in Northern Ireland.'],
    ['who commissions health visiting in Omagh?', 'Omagh is in Northern Ireland.'],
    ['a practice in Keith - who commissions school nursing?', 'Keith is in Scotland.'],
  ])('%s', (q, said) => {
    const a = ask(q);
    expect(a.status).toBe('unknown');
    expect(a.commissioners).toEqual([]);
    expect(a.text).toContain(said);
  });

  it.each([
    // Named in England too (OS Open Names): Alford in Lincolnshire, Newport on the Isle of Wight.
    'who commissions health visiting in Alford?',
    'who commissions health visiting in Newport Pagnell?',
    // People's names and ordinary words (reading.yaml townWords; common words are left out of the table).
    'Keith asked me who commissions school nursing',
    'Dr Barry wants to know who commissions wheelchairs',
    'Hamilton from the ICB asked who commissions wheelchairs',
    'who commissions Down syndrome screening in pregnancy?',
    'who commissions the flint knapping course for the recovery college?',
  ])('reads no place outside England in: %s', (q) => {
    expect(ask(q).text).not.toMatch(/is in (Scotland|Wales|Northern Ireland)/);
  });
});

describe('a town is read as the council it lies in', () => {
  it.each([
    ['We are a surgery in Lowestoft - who was our CCG in 2018?', 'Waveney', 'Lowestoft'],
    ['Practice manager in Ilkeston here', 'Erewash', 'Ilkeston'],
    ['which ICB covers Morecambe', 'Lancaster', 'Morecambe'],
    ['food bank in Margate', 'Thanet', 'Margate'],
    ['a flat in Hove', 'Brighton and Hove', 'Hove'],
    ['GP fed in Loughborough', 'Charnwood', 'Loughborough'],
    ['people in oadby', 'Oadby and Wigston', 'Oadby'],
    ['which ICB covers Glossop now?', 'High Peak', 'Glossop'],
    // A town one slip off, written as a place.
    ['which ICB covers Ilkeston, or Ilkestn?', 'Erewash', 'Ilkeston'],
  ])('%s → %s', (q, council, town) => {
    expect(placeIn(q)).toMatchObject({ kind: 'council', name: council, town });
  });

  it.each([
    ['who commisions nhs dentists in pompey now??', 'Portsmouth'],
    ['ivf query from hudds', 'Kirklees'],
    ['which ICB covers Brid?', 'East Riding of Yorkshire'],
    ["We're a practice in Barrow.", 'Barrow-in-Furness'],
  ])('a nickname after a place cue: %s → %s', (q, council) => {
    expect(placeIn(q)?.name).toBe(council);
  });

  it('a council named the same as a town stays the council ("Harlow", "Reading")', () => {
    expect(placeIn('which ICB covers Harlow?')).toMatchObject({ name: 'Harlow' });
    expect(placeIn('which ICB covers Harlow?')?.town).toBeUndefined();
  });

  it('names the county council for a district town, and the CCG and ICB by date', () => {
    expect(names('who commissions adult social care in Ilkeston?')).toContain('Derbyshire County Council');
    expect(names('which ICB covers Loughborough?')).toEqual([
      'NHS Leicester, Leicestershire and Rutland Integrated Care Board',
    ]);
  });

  it('follows a council that changed: Lowestoft was Waveney (NHS Great Yarmouth and Waveney CCG), then East Suffolk', () => {
    expect(names('who was the CCG for Lowestoft in 2018?').join(' ')).toMatch(
      /Great Yarmouth and Waveney CCG/,
    );
    expect(names('who commissions health visiting in Lowestoft?', '2024-01-01').join(' ')).toMatch(
      /Suffolk County Council/,
    );
  });

  it('follows Barrow-in-Furness to Westmorland and Furness from April 2023', () => {
    const before = names('who commissions health visiting in Barrow-in-Furness?', '2020-01-01').join(' ');
    const after = names('who commissions health visiting in Barrow-in-Furness?', '2024-01-01').join(' ');
    expect(before).toMatch(/Cumbria County Council/);
    expect(after).toMatch(/Westmorland and Furness/);
  });
});

describe('ordinary words and look-alikes do not become towns', () => {
  it.each([
    'who commissioned sexual health services in March 2019?',
    'who commissions it from March?',
    'is the practice for sale?',
    'street triage for mental health - who commissions it?',
    'who commissions the deal for pharmacy?',
    'Dr Arnold asked who commissions wheelchairs',
    'I have a wells question about water fluoridation',
    'who commissions stop smoking services for people who sleep rough on the street?',
    'keep an eye on the screening programme: who commissions it?',
    'who commissions hearing aids in 2019 at the church hall clinic?',
  ])('%s', (q) => {
    expect(placeIn(q)?.town).toBeUndefined();
  });

  it('a town word is read capitalised after a place cue ("a practice in Sale")', () => {
    expect(placeIn('we are a practice in Sale')).toMatchObject({ name: 'Trafford', town: 'Sale' });
    expect(placeIn('we are a practice in sale')?.town).toBeUndefined();
  });

  it('a town gives way to a council outside England named too', () => {
    expect(
      placeIn('Moving from Chester to Wrexham next month - which ICB will we be under?'),
    ).toBeUndefined();
  });

  it("a town's council named too is the place read (a Chatham constituent … Medway patients)", () => {
    expect(placeIn("a Chatham constituent's care - for Medway patients")?.town).toBeUndefined();
    expect(placeIn("a Chatham constituent's care - for Medway patients")?.name).toBe('Medway');
  });
});

describe('a name heading the message, or framed by "is … in", is a place; an ordinary word is not', () => {
  it.each([
    ['droitwich health visitors in 2019 who commissioned them?', 'Wychavon'],
    ['bicester health visiting - who now?', 'Cherwell'],
    ['MK health visitors - who pays for them these days?', 'Milton Keynes'],
    ['kiddermister drug and alcohol service, who commissioned it in 2017?', 'Wyre Forest'],
    ['guildford borough 2023 which icb', 'Guildford'],
    ['what ICB is alnwick in', 'Northumberland'],
    ['wich icb is cov under', 'Coventry'],
    ['which ccg was waverley borough under in 2019', 'Waverley'],
    ['who does stop smoking in brum now', 'Birmingham'],
    ['newport pagnell - which NHS England region are we in now?', 'Milton Keynes'],
  ])('%s', (q, council) => {
    expect(placeIn(q)?.name).toBe(council);
  });

  it.each([
    'reading the guidance, who commissions wheelchairs?',
    'Reading the guidance, who commissions wheelchairs?',
    'bath aids for older people - who commissions them?',
    'street lighting near the clinic - who pays?',
    'sale of the practice building: who commissions the GP contract?',
    'march 2019 who commissioned sexual health?',
    'what service is care in, the NHS or the council?',
    'which body is it under now, NHS England or the ICB?',
    'wells question about water fluoridation',
  ])('%s', (q) => {
    expect(placeIn(q)).toBeUndefined();
  });
});
