import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { loadPlaces, type PlaceTables } from '../../src/knowledge/places.js';
import { answer, readQuestion } from '../../src/resolve/resolve.js';
import { shippedKnowledge, TODAY } from './helpers.js';

let kb: KnowledgeBase;
let tables: PlaceTables;
beforeAll(async () => {
  kb = await shippedKnowledge();
  const loaded = await loadPlaces('knowledge', process.cwd(), []);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  tables = loaded.tables;
});

const rowsOf = (outward: string) =>
  tables.postcodeDistricts.rows
    .filter((r) => r.outward === outward)
    .map((r) => `${r.council} ${r.share ?? '-'} ${r.validFrom || '…'} ${r.validTo || '…'}`);

describe('postcode-districts.csv', () => {
  it('holds the English postcode districts of the source, each council known', () => {
    const districts = new Set(tables.postcodeDistricts.rows.map((r) => r.outward));
    expect(districts.size).toBe(2233);
    const known = new Set([...tables.councils.rows, ...tables.outside.rows].map((r) => r.code));
    expect(tables.postcodeDistricts.rows.filter((r) => !known.has(r.council))).toEqual([]);
    // A district wholly in Wales or Scotland is not in it: every district has a council in England.
    const english = new Set(
      tables.postcodeDistricts.rows.filter((r) => r.council.startsWith('E')).map((r) => r.outward),
    );
    expect([...districts].filter((d) => !english.has(d))).toEqual([]);
  });

  it.each([
    ['LS6', ['E08000035 1 … …']],
    ['SW1A', ['E09000033 1 … …']],
    ['TR18', ['E06000052 - … …', 'E06000053 - … …']],
    // Wellingborough, then North Northamptonshire (councils.csv successors).
    ['NN8', ['E07000156 1 … 2021-03-31', 'E06000061 1 2021-04-01 …']],
    // Carlisle, then Cumberland.
    ['CA1', ['E07000028 1 … 2023-03-31', 'E06000063 1 2023-04-01 …']],
    // Buckinghamshire is placed only from its own first day.
    ['HP19', ['E06000060 1 2020-04-01 …']],
    // Partly in Wales: Powys is listed too.
    ['HR3', ['E06000019 - … …', 'W06000023 - … …']],
  ])('%s', (outward, expected) => {
    expect(rowsOf(outward)).toEqual(expected);
  });

  it('gives the councils of a district by date through the API', () => {
    const names = (outward: string, date?: string) => kb.places.district(outward, date).map((c) => c.name);
    expect(names('NN8', '2016-06-01')).toEqual(['Wellingborough Borough Council']);
    expect(names('NN8')).toEqual(['North Northamptonshire Council']);
    expect(names('HP19', '2016-06-01')).toEqual([]);
    expect(kb.places.district('HR3').map((c) => c.nation ?? 'England')).toEqual(['England', 'Wales']);
    expect(kb.places.district('ZZ9')).toEqual([]);
  });
});

const placeIn = (q: string) => readQuestion(kb, q, { today: TODAY }).place;

describe('a postcode in a message is read as a place', () => {
  it.each([
    ["who commissions health visiting? we're in LS6", 'E08000035', 'LS6'],
    ['LS6 here, who does school nursing?', 'E08000035', 'LS6 here'],
    ['our postcode is ls6, who does school nursing?', 'E08000035', 'ls6'],
    ['which ICB covers postcode SW1A 1AA?', 'E09000033', 'SW1A 1AA'],
    ['who commissions IVF for the practice at LS6 2AB', 'E08000035', 'LS6 2AB'],
    ['wheelchairs for a patient at ls62ab', 'E08000035', 'ls62ab'],
    ['the practice is in B12, who commissions health visiting?', 'E08000025', 'B12'],
  ])('%s → %s', (q, code, words) => {
    expect(placeIn(q)).toMatchObject({ kind: 'council', code, words });
  });

  it('says what its council name says: the region of a settled district', () => {
    const settled = (q: string) => readQuestion(kb, q, { today: TODAY }).conditions.settled.get('region');
    expect(settled('who commissions health visiting in LS6?')).toBe(
      settled('who commissions health visiting in Leeds?'),
    );
    expect(settled('who commissions health visiting in LS6?')).toBe('north-east-and-yorkshire');
  });

  it('reads a district split between councils as each of them', () => {
    expect(placeIn('who commissions school nursing for the practice at TR18 4AB')).toMatchObject({
      postcode: 'TR18',
      councils: ['E06000052', 'E06000053'],
    });
  });

  it.each([
    'who commissions vitamin B12 injections?',
    'we had B12 deficiency clinics in 2016, who commissions them now?',
    'traffic on the M62 and the A1, who commissions wheelchairs?',
    'delays on the M6 near junction 20, who commissions wheelchairs?',
    'who commissioned health visiting in 2016?',
    'QYG dental, who commissions it?',
    'LS6 is where I grew up; who commissions dental?',
  ])('reads no postcode in %s', (q) => {
    expect(placeIn(q)?.postcode).toBeUndefined();
  });

  it('reads an ODS code as the body, not a postcode', () => {
    expect(placeIn('is 02P still a CCG?')).toMatchObject({ kind: 'ccg', code: 'E38000006' });
  });
});

describe('answers name the council and NHS body of the postcode', () => {
  const ask = (q: string) => answer(kb, q, { today: TODAY });

  it('names the council for a council service', () => {
    const a = ask("who commissions health visiting? we're in LS6");
    expect(a.commissioners[0]?.localName).toBe('Leeds City Council');
  });

  it('names the ICB of a full postcode', () => {
    const a = ask('which ICB covers postcode LS6 1AA?');
    expect(a.commissioners.map((c) => c.name)).toEqual(['NHS West Yorkshire Integrated Care Board']);
    expect(a.sources.map((s) => s.title).join()).toMatch(/covid-19-app/);
  });

  it('names the CCG of a district by the council it lay in then', () => {
    const a = ask('who commissioned IVF in NN8 in 2016?');
    expect(a.commissioners[0]?.localName).toBe('NHS Nene CCG');
  });

  it('lists each council of a split district and asks for the council or a practice', () => {
    const a = ask('who commissions health visiting for S20 4AB?');
    expect(a.commissioners[0]?.localName).toBe(
      'Rotherham Metropolitan Borough Council or Sheffield City Council',
    );
    expect(a.text).toMatch(/S20 is split between .*: give the council or a GP practice/);
    const b = ask('which ICB covers postcode S20?');
    expect(b.text).toMatch(/S20 is split between/);
    expect(b.commissioners.map((c) => c.name)).toEqual(['NHS South Yorkshire Integrated Care Board']);
  });
});

describe('kb:check refuses a postcode table that no longer fits', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'postcodes-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function broken(edit: (lines: string[]) => string[]) {
    await rm(join(dir, 'places'), { recursive: true, force: true });
    await cp('knowledge/places', join(dir, 'places'), { recursive: true });
    const path = join(dir, 'places', 'postcode-districts.csv');
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    await writeFile(path, `${edit(lines).join('\n')}\n`);
    const loaded = await loadPlaces(dir, dir, []);
    if (loaded.ok) throw new Error('expected the check to refuse the table');
    return loaded.problems.map((p) => `${p.file}:${p.line} ${p.field}: ${p.message}`);
  }

  it('an unknown council code, with file and line', async () => {
    const problems = await broken((l) => [...l, 'ZZ9,E06999999,1,,']);
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^places\/postcode-districts\.csv:\d+ council: unknown code: no council has the code "E06999999"/,
      ),
    );
  });

  it('a duplicate outward code and council with overlapping dates', async () => {
    const problems = await broken((l) => [...l, 'LS6,E08000035,1,2020-01-01,']);
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^places\/postcode-districts\.csv:\d+ validFrom: duplicate outward code and council with overlapping validity: LS6 E08000035/,
      ),
    );
  });

  it('a settled district that lies in a second council on the same days', async () => {
    const problems = await broken((l) => [...l, 'LS6,E08000032,,,']);
    expect(problems).toContainEqual(
      expect.stringMatching(
        /postcode-districts\.csv:\d+ share: LS6 is settled in E08000035 \(share 1\) but also lies in E08000032/,
      ),
    );
  });
});
