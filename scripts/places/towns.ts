/**
 * Builds knowledge/places/towns.csv: towns and cities in England, each with the district or unitary council
 * it lies in, from Ordnance Survey's OS Open Names (the populated places Alasdair Rae took from it, May 2019,
 * github.com/alasdairrae/gb-places). Run by hand when a newer vintage is taken (knowledge/README.md, "Towns"):
 *
 *   npx tsx scripts/places/towns.ts /work/.mirror
 *
 * It reads the council names from knowledge/places/councils.csv (so build.ts runs first when both change),
 * writes towns.csv and its entry in manifest.yaml, and lists any place whose council it cannot name.
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { readTable, writeTable } from '../../src/places/csv.js';
import { normalise } from '../../src/places/places.js';

export const GB_PLACES = 'alasdairrae/gb-places';
export const GB_PLACES_PATH = 'csv-zip/gb_populated_places_all_BNG_csv.zip';
export const GB_PLACES_DATE = '2019-05-13';
// OS Open Names puts a place on maps at coarse scales by its size: towns and cities always; an "Other
// Settlement" shown up to 1:60,000 is a sizeable place inside a conurbation (Hove, Oadby, Acton in Ealing).
const KEPT = (type: string, leastDetail: string) =>
  type === 'City' || type === 'Town' || (type === 'Other Settlement' && Number(leastDetail) >= 60000);

const gitDir = (root: string, repo: string) => join(root, repo.replace('/', '+'), 'repo');

/** The OS names of councils, as the councils table names them ("The City of Brighton and Hove"). */
const bare = (name: string) =>
  normalise(name)
    .replace(/^the /, '')
    .replace(/^city of /, '')
    .replace(/^county of /, '')
    .replace(/ city of$/, '')
    .replace(/ county of$/, '');

interface CouncilLite {
  code: string;
  type: string;
  validFrom: string;
  validTo: string;
}

function councilIndex(councilsCsv: string) {
  const byName = new Map<string, CouncilLite[]>();
  for (const { row } of readTable(councilsCsv).rows) {
    const c = {
      code: row.code ?? '',
      type: row.type ?? '',
      validFrom: row.validFrom ?? '',
      validTo: row.validTo ?? '',
    };
    const names = [row.name ?? '', row.officialName ?? '', ...(row.altNames ?? '').split('|')];
    for (const n of new Set(names.filter(Boolean).map(bare))) byName.set(n, [...(byName.get(n) ?? []), c]);
  }
  return byName;
}

// The council the source's district or unitary name stood for on the source's date (Waveney, not East Suffolk).
const heldOn = (c: CouncilLite, date: string) =>
  (!c.validFrom || c.validFrom <= date) && (!c.validTo || date <= c.validTo);

export interface TownRow {
  name: string;
  council: string;
  type: string;
  osId: string;
}

export function readTowns(root: string, councilsCsv: string): { rows: TownRow[]; unplaced: string[] } {
  const zip = join('/tmp', `gb-places-${process.pid}.zip`);
  writeFileSync(
    zip,
    execFileSync('git', [`--git-dir=${gitDir(root, GB_PLACES)}`, 'show', `HEAD:${GB_PLACES_PATH}`], {
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  const csv = execFileSync('unzip', ['-p', zip], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const councils = councilIndex(councilsCsv);
  const rows: TownRow[] = [];
  const unplaced: string[] = [];
  for (const { row } of readTable(csv).rows) {
    if (row.COUNTRY !== 'England' || !KEPT(row.LOCAL_TYPE ?? '', row.LEAST_DETAIL_VIEW_RES ?? '')) continue;
    // The district where there is one, else the unitary (a county alone would not settle the district).
    const where = row.DISTRICT_BOROUGH || row.COUNTY_UNITARY || '';
    const found = (councils.get(bare(where)) ?? []).filter((c) => c.type !== 'county');
    const council = found.find((c) => heldOn(c, GB_PLACES_DATE)) ?? found[0];
    if (!council) {
      unplaced.push(`${row.NAME1} (${where})`);
      continue;
    }
    rows.push({
      name: row.NAME1 ?? '',
      council: council.code,
      type: (row.LOCAL_TYPE ?? '').toLowerCase(),
      osId: row.ID ?? '',
    });
  }
  rows.sort((a, b) => a.name.localeCompare(b.name) || a.council.localeCompare(b.council));
  return { rows, unplaced };
}

export const TOWN_COLUMNS = ['name', 'council', 'type', 'osId'];

export function townsManifestEntry(root: string, sha256: string, rows: number) {
  const commit = execFileSync('git', [`--git-dir=${gitDir(root, GB_PLACES)}`, 'rev-parse', 'HEAD'], {
    encoding: 'utf8',
  }).trim();
  return {
    what: "Towns and cities in England (OS Open Names populated places of type City or Town, and Other Settlements shown up to 1:60,000), each with the district or unitary council it lay in on the source's date: read as that council, so the council tables give county, CCG, ICB and region by date",
    sources: [
      {
        repo: GB_PLACES,
        commit,
        licence:
          "Open Government Licence v3.0 (OS OpenData: contains Ordnance Survey data © Crown copyright and database right; Royal Mail and National Statistics data © Crown copyright and database right), as the repository's licence.txt says",
        url: 'https://github.com/alasdairrae/gb-places',
        path: `${GB_PLACES_PATH} (OS Open Names populated places, GB; columns NAME1, LOCAL_TYPE, LEAST_DETAIL_VIEW_RES, DISTRICT_BOROUGH, COUNTY_UNITARY, COUNTRY, ID)`,
        sourceDate: GB_PLACES_DATE,
      },
    ],
    covers: { from: GB_PLACES_DATE },
    notes: [
      'council is the district (or the unitary where there is no district) the source names, as the council that held that name on the source date: a council since abolished (Waveney, Barrow-in-Furness) is followed to its successors through councils.csv.',
      'A town named the same as a council, or named in two councils, is read as the council or not at all (src/places/places.ts townNames); its row stays here.',
    ],
    gaps: [
      'The source has no population: the size threshold is its own type (City, Town) and map scale, not a population figure. ONS’s Index of Place Names and built-up area lookups were not found in a public snapshot reachable here.',
      'A town that straddles two councils is listed under the one the source names; where a council area is split between CCGs or ICBs, the answer gives the council’s shares, not the town’s.',
      'Villages, suburbs and hamlets are left out.',
    ],
    taken: new Date().toISOString().slice(0, 10),
    sha256,
    rows,
  };
}

function main() {
  const [root = '/work/.mirror'] = process.argv.slice(2);
  const dir = new URL('../../knowledge/places/', import.meta.url).pathname;
  const { rows, unplaced } = readTowns(root, readFileSync(join(dir, 'councils.csv'), 'utf8'));
  const text = writeTable(TOWN_COLUMNS, rows as unknown as Record<string, string>[]);
  writeFileSync(join(dir, 'towns.csv'), text);
  const sha = createHash('sha256').update(text).digest('hex');
  const manifestPath = join(dir, 'manifest.yaml');
  const manifestText = readFileSync(manifestPath, 'utf8');
  const head = manifestText.match(/^(?:#.*\n)+\n?/)?.[0] ?? '';
  const manifest = parse(manifestText) as { files: Record<string, unknown> };
  manifest.files['towns.csv'] = townsManifestEntry(root, sha, rows.length);
  writeFileSync(manifestPath, head + stringify(manifest, { lineWidth: 0, aliasDuplicateObjects: false }));
  console.log(`towns.csv: ${rows.length} rows; ${unplaced.length} without a council: ${unplaced.join('; ')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
