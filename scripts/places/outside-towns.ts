/**
 * Builds knowledge/places/outside-towns.csv: towns in Scotland, Wales and Northern Ireland, each with the
 * council there it lies in (a code of outside-england.csv), so "health visiting in Dumfries" is read as a
 * place outside England, as "in Dumfries and Galloway" is. Run by hand when a newer vintage is taken
 * (knowledge/README.md, "Towns"), after build.ts and towns.ts:
 *
 *   npx tsx scripts/places/outside-towns.ts /work/.mirror
 *
 * Scotland and Wales: OS Open Names populated places (the snapshot towns.csv is built from), of type City or
 * Town or an Other Settlement shown up to 1:60,000, by both their names (English and Welsh or Gaelic).
 * Northern Ireland is not in OS Open Names: the 26 districts it had until 31 March 2015, each named after
 * its main town or area (Ballymena, Omagh, Fermanagh), from mySociety's council list, each in the council it
 * went into (section 1(2) of the Local Government (Boundaries) Act (Northern Ireland) 2008).
 *
 * Left out, and listed on the console: a name any populated place in England has in OS Open Names (of any
 * size: "Newport", "Alford", "Wick"), or an English council has, so it is never taken as outside England; a
 * one-word name that is a common English word ("Mold", "Flint", "Down": src/resolve/english.ts); a name
 * that is the council's own (already read from outside-england.csv); a name two nations share ("Bangor").
 */

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTable } from '../../src/places/csv.js';
import { normalise } from '../../src/places/places.js';
import { isCommonWord } from '../../src/resolve/english.js';
import { writeTableWithEntry } from './manifest.js';
import { gitShow, gitShowBytes, headCommit, MYSOCIETY } from './sources.js';
import { GB_PLACES, GB_PLACES_DATE, GB_PLACES_PATH } from './towns.js';

const MYSOCIETY_PATH = 'data/packages/uk_la_past_current/uk_local_authorities_current.csv';
export const NI_DISTRICTS_END = '2015-03-31';

// Section 1(2) of the Local Government (Boundaries) Act (Northern Ireland) 2008 (legislation.gov.uk, Open
// Government Licence v3.0): the former districts each of the 11 districts of 1 April 2015 incorporates, whole
// or in major part. Keys are mySociety's codes of the former districts.
const NI_2015: Record<string, string> = {
  'NIR-T': 'N09000001', // Antrim → Antrim and Newtownabbey
  'NIR-U': 'N09000001', // Newtownabbey
  'NIR-X': 'N09000011', // Ards → Ards and North Down
  'NIR-W': 'N09000011', // North Down
  'NIR-O': 'N09000002', // Armagh City and District → Armagh City, Banbridge and Craigavon
  'NIR-Q': 'N09000002', // Banbridge
  'NIR-N': 'N09000002', // Craigavon
  'NIR-G': 'N09000008', // Ballymena → Mid and East Antrim
  'NIR-V': 'N09000008', // Carrickfergus
  'NIR-F': 'N09000008', // Larne
  'NIR-D': 'N09000004', // Ballymoney → Causeway Coast and Glens
  'NIR-C': 'N09000004', // Coleraine
  'NIR-B': 'N09000004', // Limavady
  'NIR-E': 'N09000004', // Moyle
  'NIR-S': 'N09000007', // Lisburn → Lisburn and Castlereagh
  'NIR-Y': 'N09000007', // Castlereagh
  'NIR-I': 'N09000009', // Cookstown → Mid Ulster
  'NIR-M': 'N09000009', // Dungannon and South Tyrone
  'NIR-H': 'N09000009', // Magherafelt
  'NIR-A': 'N09000005', // Derry → Derry City and Strabane
  'NIR-J': 'N09000005', // Strabane
  'NIR-R': 'N09000010', // Down → Newry, Mourne and Down
  'NIR-P': 'N09000010', // Newry and Mourne
  'NIR-L': 'N09000006', // Fermanagh → Fermanagh and Omagh
  'NIR-K': 'N09000006', // Omagh
};

const KEPT = (type: string, leastDetail: string) =>
  type === 'City' || type === 'Town' || (type === 'Other Settlement' && Number(leastDetail) >= 60000);

/** A council's name as OS writes it, bare ("Sir Benfro - Pembrokeshire" has two; "the Vale of Glamorgan"). */
const bare = (name: string) =>
  normalise(name)
    .replace(/^the /, '')
    .replace(/^city of /, '');

export interface OutsideTownRow {
  name: string;
  council: string;
  type: string;
  sourceId: string;
}

export const OUTSIDE_TOWN_COLUMNS = ['name', 'council', 'type', 'sourceId'];

interface Left {
  england: string[];
  common: string[];
  nations: string[];
  unplaced: string[];
}

export function readOutsideTowns(
  root: string,
  outsideCsv: string,
  councilsCsv: string,
): { rows: OutsideTownRow[]; left: Left } {
  const zip = join('/tmp', `gb-places-outside-${process.pid}.zip`);
  writeFileSync(zip, gitShowBytes({ root }, GB_PLACES, GB_PLACES_PATH));
  const places = readTable(
    execFileSync('unzip', ['-p', zip], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  ).rows.map((r) => r.row);
  // The councils outside England by every name, and each one's own names (read from outside-england.csv).
  const councilBy = new Map<string, { code: string; nation: string }>();
  const councilNames = new Set<string>();
  for (const { row } of readTable(outsideCsv).rows) {
    const names = [row.name ?? '', row.officialName ?? '', ...(row.altNames ?? '').split('|')].filter(
      Boolean,
    );
    for (const n of names) {
      councilBy.set(bare(n), { code: row.code ?? '', nation: row.nation ?? '' });
      councilNames.add(normalise(n));
    }
  }
  // Every name a place in England has (OS Open Names, any type; English councils' names).
  const english = new Set<string>();
  for (const p of places)
    if (p.COUNTRY === 'England') for (const n of [p.NAME1, p.NAME2]) if (n) english.add(normalise(n));
  for (const { row } of readTable(councilsCsv).rows)
    for (const n of [row.name, row.officialName, ...(row.altNames ?? '').split('|')])
      if (n) english.add(normalise(n));

  const found: (OutsideTownRow & { nation: string })[] = [];
  const left: Left = { england: [], common: [], nations: [], unplaced: [] };
  for (const p of places) {
    if (
      (p.COUNTRY !== 'Scotland' && p.COUNTRY !== 'Wales') ||
      !KEPT(p.LOCAL_TYPE ?? '', p.LEAST_DETAIL_VIEW_RES ?? '')
    )
      continue;
    const where = (p.COUNTY_UNITARY ?? '').split(' - ').map(bare);
    const council = where.map((w) => councilBy.get(w)).find(Boolean);
    if (!council) {
      left.unplaced.push(`${p.NAME1} (${p.COUNTY_UNITARY})`);
      continue;
    }
    for (const name of [p.NAME1, p.NAME2].filter(Boolean) as string[])
      found.push({
        name,
        council: council.code,
        nation: council.nation,
        type: (p.LOCAL_TYPE ?? '').toLowerCase(),
        sourceId: p.ID ?? '',
      });
  }
  for (const { row } of readTable(gitShow({ root }, MYSOCIETY, MYSOCIETY_PATH)).rows) {
    const council = NI_2015[row['local-authority-code'] ?? ''];
    if (row.nation !== 'Northern Ireland' || row['end-date'] !== NI_DISTRICTS_END) continue;
    if (!council) {
      left.unplaced.push(`${row['nice-name']} (${row['local-authority-code']})`);
      continue;
    }
    found.push({
      name: row['nice-name'] ?? '',
      council,
      nation: 'Northern Ireland',
      type: 'former district',
      sourceId: row['local-authority-code'] ?? '',
    });
  }
  const nationsOf = new Map<string, Set<string>>();
  for (const f of found)
    nationsOf.set(normalise(f.name), (nationsOf.get(normalise(f.name)) ?? new Set()).add(f.nation));
  const rows: OutsideTownRow[] = [];
  const seen = new Set<string>();
  for (const { nation: _, ...f } of found) {
    const n = normalise(f.name);
    const key = `${n}|${f.council}`;
    if (!n || seen.has(key) || councilNames.has(n)) continue;
    seen.add(key);
    if (english.has(n)) left.england.push(f.name);
    else if (!n.includes(' ') && isCommonWord(n)) left.common.push(f.name);
    else if ((nationsOf.get(n)?.size ?? 0) > 1) left.nations.push(f.name);
    else rows.push(f);
  }
  rows.sort((a, b) => a.name.localeCompare(b.name) || a.council.localeCompare(b.council));
  const distinct = (l: string[]) => [...new Set(l)].sort((a, b) => a.localeCompare(b));
  return {
    rows,
    left: {
      england: distinct(left.england),
      common: distinct(left.common),
      nations: distinct(left.nations),
      unplaced: distinct(left.unplaced),
    },
  };
}

export function outsideTownsManifestEntry(root: string, sha256: string, rows: number, left: Left) {
  return {
    what: "Towns in Scotland and Wales (OS Open Names populated places of type City or Town, and Other Settlements shown up to 1:60,000, by their English and Welsh or Gaelic names) and Northern Ireland's districts before April 2015 (named after their main towns or areas), each with the council it lies in now (outside-england.csv): read only to say that the place is outside England (scope.yaml devolved-nations), never answered with a body",
    sources: [
      {
        repo: GB_PLACES,
        commit: headCommit({ root }, GB_PLACES),
        licence:
          "Open Government Licence v3.0 (OS OpenData: contains Ordnance Survey data © Crown copyright and database right; Royal Mail and National Statistics data © Crown copyright and database right), as the repository's licence.txt says",
        url: 'https://github.com/alasdairrae/gb-places',
        path: `${GB_PLACES_PATH} (OS Open Names populated places, GB; columns NAME1, NAME2, LOCAL_TYPE, LEAST_DETAIL_VIEW_RES, COUNTY_UNITARY, COUNTRY, ID)`,
        sourceDate: GB_PLACES_DATE,
      },
      {
        repo: MYSOCIETY,
        commit: headCommit({ root }, MYSOCIETY),
        licence:
          'MIT (mySociety); built from ONS and government registers under the Open Government Licence v3.0',
        url: 'https://github.com/mysociety/uk_local_authority_names_and_codes',
        path: `${MYSOCIETY_PATH} (the 26 Northern Ireland districts ended ${NI_DISTRICTS_END})`,
        sourceDate: '2025-07-10',
      },
      {
        repo: 'legislation.gov.uk',
        commit: '',
        licence: 'Open Government Licence v3.0 (© Crown copyright)',
        url: 'https://www.legislation.gov.uk/nia/2008/7/section/1',
        path: 'Local Government (Boundaries) Act (Northern Ireland) 2008, section 1(2): the former districts each new district incorporates (written in scripts/places/outside-towns.ts NI_2015)',
        sourceDate: '2008-05-23',
      },
    ],
    covers: { from: GB_PLACES_DATE },
    notes: [
      'council is the council outside England (outside-england.csv) the source names, or for a former Northern Ireland district the district of 1 April 2015 that incorporates it whole or in major part.',
      `Left out so they never read as outside England: names any populated place in England has in OS Open Names, of any size, or an English council has (${left.england.join(', ')}); one-word names that are common English words (${left.common.join(', ')}); names two nations share (${left.nations.join(', ') || 'none'}); a council's own names (outside-england.csv has them).`,
    ],
    gaps: [
      'Northern Ireland is not in OS Open Names and no open list of its towns (NISRA settlements) was found in a public snapshot reachable here: its towns are read only where a district before April 2015 bore the name (Ballymena, Omagh, Coleraine), not Enniskillen, Portadown, Lurgan, Newtownards, Bangor, Downpatrick or Holywood.',
      'Villages, suburbs and hamlets in Scotland and Wales are left out.',
    ],
    taken: new Date().toISOString().slice(0, 10),
    sha256,
    rows,
  };
}

function main() {
  const [root = '/work/.mirror'] = process.argv.slice(2);
  const dir = new URL('../../knowledge/places/', import.meta.url).pathname;
  const { rows, left } = readOutsideTowns(
    root,
    readFileSync(join(dir, 'outside-england.csv'), 'utf8'),
    readFileSync(join(dir, 'councils.csv'), 'utf8'),
  );
  const table = { columns: OUTSIDE_TOWN_COLUMNS, rows: rows as unknown as Record<string, string>[] };
  writeTableWithEntry(dir, 'outside-towns.csv', table, (sha) =>
    outsideTownsManifestEntry(root, sha, rows.length, left),
  );
  console.log(`outside-towns.csv: ${rows.length} rows`);
  console.log(`left out, named in England: ${left.england.join('; ')}`);
  console.log(`left out, common words: ${left.common.join('; ')}`);
  console.log(`left out, in two nations: ${left.nations.join('; ')}`);
  console.log(`without a council: ${left.unplaced.join('; ')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
