import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedSince, loadKnowledgeDir } from '../../src/knowledge/load-fs.js';
import { loadPlaces, type PlaceTables } from '../../src/knowledge/places.js';
import { Places } from '../../src/places/places.js';
import { shippedKnowledge } from './helpers.js';

let tables: PlaceTables;
let places: Places;

beforeAll(async () => {
  const loaded = await loadPlaces('knowledge', process.cwd(), []);
  if (!loaded.ok) throw new Error(`place tables are invalid: ${JSON.stringify(loaded.problems.slice(0, 5))}`);
  tables = loaded.tables;
  places = new Places(tables);
});

describe('the counts the sources state', () => {
  it('has no CCG list for 1 April 2013 and names that gap (211 CCGs) in the manifest', () => {
    expect(places.at('ccg', '2013-04-01')).toHaveLength(0);
    expect(tables.manifest.files['ccgs.csv']?.gaps.join(' ')).toMatch(/211 CCGs of 1 April 2013/);
  });

  it('has 209 CCGs in the first lookup (July 2015) and 106 in 2021/22', () => {
    expect(places.at('ccg', '2015-07-01')).toHaveLength(209);
    expect(places.at('ccg', '2021-04-01')).toHaveLength(106);
    expect(places.at('ccg', '2022-06-30')).toHaveLength(106);
    expect(places.at('ccg', '2022-07-01')).toHaveLength(0);
  });

  it('lists the councils of Scotland (32), Wales (22) and Northern Ireland (11), none named like an English one', () => {
    const by = (nation: string) => tables.outside.rows.filter((r) => r.nation === nation);
    expect([by('Scotland').length, by('Wales').length, by('Northern Ireland').length]).toEqual([32, 22, 11]);
    const english = new Set(places.names().map((n) => n.normalised));
    expect(places.outsideNames().filter((n) => english.has(n.normalised))).toEqual([]);
  });

  it('has 42 ICBs from 1 July 2022 to 31 March 2026 and 36 from 1 April 2026', () => {
    for (const day of ['2022-07-01', '2024-04-01', '2026-03-31'])
      expect(places.at('icb', day)).toHaveLength(42);
    expect(places.at('icb', '2026-04-01')).toHaveLength(36);
    expect(places.at('icb', '2022-06-30')).toHaveLength(0);
  });

  it('has 7 NHS England regions from April 2019 (4 in 2013)', () => {
    expect(places.at('region', '2013-04-01')).toHaveLength(4);
    for (const day of ['2019-04-01', '2022-07-01', '2024-04-01', '2026-04-01'])
      expect(places.at('region', day)).toHaveLength(7);
  });
});

/** Every quarter the tables cover, and the first and last day of each vintage. */
function datesCovered(): string[] {
  const days = new Set<string>([
    '2015-07-01',
    '2022-06-30',
    '2022-07-01',
    '2023-03-31',
    '2023-04-01',
    '2026-03-31',
  ]);
  for (let year = 2015; year <= 2026; year++) {
    for (const md of ['01-15', '04-01', '07-15', '10-15']) {
      const day = `${year}-${md}`;
      if (day >= '2015-07-01' && day <= '2026-03-31') days.add(day);
    }
  }
  return [...days].sort();
}

describe('every council area maps to a CCG or ICB', () => {
  it('on every date the tables cover, and after them through successors', () => {
    const missing: string[] = [];
    for (const day of [...datesCovered(), '2026-04-01', '2026-12-05']) {
      for (const council of places.at('council', day)) {
        const local = places.local(council.code, day);
        if (local.era === 'pct') throw new Error('no PCT era after 2013');
        const bodies = local.era === 'ccg' ? local.ccgs : local.icbs;
        if (!bodies?.length) missing.push(`${council.name} (${council.code}) on ${day}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('puts every council area in one NHS England region or more on those dates', () => {
    const missing: string[] = [];
    for (const day of [...datesCovered(), '2026-04-01']) {
      for (const council of places.at('council', day)) {
        const local = places.local(council.code, day);
        if (local.era !== 'pct' && local.region.length === 0) missing.push(`${council.name} on ${day}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives shares that add up to 1 where a council area is split', () => {
    const local = places.local('E06000054', '2016-06-01'); // Wiltshire: one CCG
    expect(local.era === 'ccg' && local.ccgs?.map((c) => c.place.name)).toEqual(['NHS Wiltshire CCG']);
    const county = places.local('E10000014', '2019-06-01'); // Hampshire: several CCGs
    if (county.era !== 'ccg') throw new Error('expected the CCG era');
    expect(county.ccgs?.length).toBeGreaterThan(1);
    expect(county.ccgs?.reduce((a, c) => a + (c.share ?? 0), 0)).toBeCloseTo(1, 6);
  });
});

describe('the API', () => {
  it('is before the tables for a PCT-era date', () => {
    expect(places.local('E08000035', '2012-06-01').era).toBe('pct');
  });

  it('names the table and the last known ICB after the table, with its successor', () => {
    const local = places.local('E10000015', '2026-12-05'); // Hertfordshire: was Hertfordshire and West Essex ICB
    if (local.era !== 'icb') throw new Error('expected the ICB era');
    expect(local.beyondTable).toBe(true);
    expect(local.asOf).toBe('2026-03-31');
    expect(local.lastKnown?.map((s) => s.place.name)).toContain(
      'NHS Hertfordshire and West Essex Integrated Care Board',
    );
    expect(local.icbs?.map((s) => s.place.name).sort()).toEqual([
      'NHS Central East Integrated Care Board',
      'NHS Essex Integrated Care Board',
    ]);
    expect(local.region.map((r) => r.name)).toEqual(['East of England']);
  });

  it('finds places by the names people use and by ONS or ODS code', () => {
    expect(places.find('Leeds').map((p) => p.kind)).toContain('council');
    expect(places.find('vale of york ccg').map((p) => p.code)).toEqual(['E38000188']);
    expect(places.find('Frimley ICB')[0]?.ods).toBe('QNQ');
    expect(places.find('QNQ')[0]?.name).toBe('NHS Frimley Integrated Care Board');
    // A CCG and the sub-ICB location it became share their ONS code: find gives both, newest first.
    expect(places.find('e38000188').map((p) => `${p.kind} ${p.name}`)).toEqual([
      'sub-icb NHS Humber and North Yorkshire ICB - 03Q',
      'ccg NHS Vale of York CCG',
    ]);
    expect(places.names().length).toBeGreaterThan(1000);
    expect(places.names().every((n) => n.kind && n.code && n.normalised)).toBe(true);
  });

  it('follows successors and predecessors', () => {
    expect(places.successors('E38000188').map((p) => p.name)).toEqual([
      'NHS Humber and North Yorkshire Integrated Care Board',
    ]);
    expect(
      places
        .successors('QNQ')
        .map((p) => p.ods)
        .sort(),
    ).toEqual(['QRL', 'S0E4D', 'S9B9J']);
    expect(
      places
        .predecessors('S9B9J')
        .map((p) => p.ods)
        .sort(),
    ).toEqual(['QNQ', 'QNX', 'QXU']);
  });

  it('is on the shipped knowledge base as kb.places', async () => {
    const kb = await shippedKnowledge();
    expect(kb.places.at('icb', '2026-04-01')).toHaveLength(36);
  });
});

describe('reloading', () => {
  it('notices a changed place table, as it does a knowledge file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'places-kb-'));
    try {
      await cp('knowledge', dir, { recursive: true });
      const load = await loadKnowledgeDir(dir, dir);
      expect(load.ok).toBe(true);
      expect(await changedSince(dir, load.files)).toBeUndefined();
      const path = join(dir, 'places', 'regions.csv');
      await writeFile(path, `${await readFile(path, 'utf8')}E40000099,,Nowhere,2030-01-01,,,\n`);
      expect(await changedSince(dir, load.files)).toMatch(/regions\.csv changed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('kb:check refuses a place table that no longer fits', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'places-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function broken(file: string, edit: (lines: string[]) => string[]) {
    await rm(join(dir, 'places'), { recursive: true, force: true });
    await cp('knowledge/places', join(dir, 'places'), { recursive: true });
    const path = join(dir, 'places', file);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    await writeFile(path, `${edit(lines).join('\n')}\n`);
    const loaded = await loadPlaces(dir, dir, []);
    if (loaded.ok) throw new Error('expected the check to refuse the table');
    return loaded.problems.map((p) => `${p.file}:${p.line} ${p.field}: ${p.message}`);
  }

  it('an unknown code, with file and line', async () => {
    const problems = await broken('council-ccgs.csv', (l) =>
      l.map((x, i) => (i === 2 ? x.replace(/^E06000001/, 'E06999999') : x)),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^places\/council-ccgs\.csv:3 council: unknown code: no council has the code "E06999999"/,
      ),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^places\/manifest\.yaml:1 files\.council-ccgs\.csv\.sha256: council-ccgs\.csv is not the file the manifest describes/,
      ),
    );
  });

  it('a manifest that is not YAML, as a problem with its file rather than an exception', async () => {
    const problems = await broken('manifest.yaml', (l) => [...l, 'files: [unclosed']);
    expect(problems).toContainEqual(expect.stringMatching(/^places\/manifest\.yaml:1 : is not valid YAML: /));
  });

  it('overlapping validity, with file and line', async () => {
    const problems = await broken('ccgs.csv', (l) => [
      ...l,
      'E38000001,02N,NHS Airedale Again CCG,2019-04-01,2021-03-31,',
    ]);
    const last = (await readFile('knowledge/places/ccgs.csv', 'utf8')).trimEnd().split('\n').length + 1;
    expect(problems).toContainEqual(
      expect.stringMatching(
        new RegExp(`^places/ccgs\\.csv:${last} validFrom: overlapping validity: E38000001`),
      ),
    );
  });

  it('a successor that does not exist, with file and line', async () => {
    const problems = await broken('icbs.csv', (l) =>
      l.map((x) => x.replace(',S0E4D|S9B9J|E54000042', ',S0E4D|S9B9J|QZZZZ')),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^places\/icbs\.csv:\d+ successors: the successor "QZZZZ" does not exist/),
    );
  });
});
