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
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTable } from '../../src/places/csv.js';
import { normalise } from '../../src/places/places.js';
import { editDistance } from '../../src/resolve/distance.js';
import { isCommonWord } from '../../src/resolve/english.js';
import { writeTableWithEntry } from './manifest.js';
import { gitShowBytes, headCommit } from './sources.js';

export const GB_PLACES = 'alasdairrae/gb-places';
export const GB_PLACES_PATH = 'csv-zip/gb_populated_places_all_BNG_csv.zip';
export const GB_PLACES_DATE = '2019-05-13';
// OS Open Names puts a place on maps at coarse scales by its size: towns and cities always; an "Other
// Settlement" shown up to 1:60,000 is a sizeable place inside a conurbation (Hove, Oadby, Acton in Ealing).
const KEPT = (type: string, leastDetail: string) =>
  type === 'City' || type === 'Town' || (type === 'Other Settlement' && Number(leastDetail) >= 60000);

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

/** Suburbs left out, by why (listed on the console and counted in the manifest). */
export interface SuburbsLeft {
  /** A populated place (not a hamlet) in another council has the name: "Clifton", "Heaton". */
  ambiguous: string[];
  /** Every word an everyday English word ("West End", "Park"), or one word made of two ("Racecourse"). */
  common: string[];
  /**
   * Its first words are the name of a place in another council ("Bedford Park", in Ealing, would hide
   * Bedford), or its first word is one slip from the first word of another council's name of two words or
   * more ("Westmoreland", in Bath, would take "Westmoreland & Furness" for itself).
   */
  shadowing: string[];
}

const SUBURB = 'Suburban Area';

/** Whether a name is ordinary words: each of its words is one, or it is one word made of two of four letters or more. */
function ordinaryWords(normalised: string): boolean {
  const ws = normalised.split(' ');
  if (ws.every((w) => isCommonWord(w))) return true;
  const [w] = ws;
  if (ws.length !== 1 || !w) return false;
  for (let k = 4; k <= w.length - 4; k++)
    if (isCommonWord(w.slice(0, k)) && isCommonWord(w.slice(k))) return true;
  return false;
}

/**
 * Suburbs and districts of towns and cities (OS Open Names "Suburban Area": Headingley, Toxteth, Jesmond),
 * each in the council the source names, as towns are; only those whose name no other council's town,
 * village or suburb has, that are not ordinary words, and whose first words are no other council's place.
 */
function suburbs(
  places: Record<string, string>[],
  councilOf: (row: Record<string, string>) => CouncilLite | undefined,
  taken: Map<string, Set<string>>,
): { rows: TownRow[]; left: SuburbsLeft } {
  // Every council (as the source writes it) each name is held in, hamlets aside: a hamlet is not what
  // people name as where they live, and would hide most suburbs.
  const held = new Map<string, Set<string>>();
  for (const p of places) {
    if (p.LOCAL_TYPE === 'Hamlet') continue;
    const where = p.DISTRICT_BOROUGH || p.COUNTY_UNITARY || '';
    for (const n of [p.NAME1, p.NAME2])
      if (n) held.set(normalise(n), (held.get(normalise(n)) ?? new Set()).add(where));
  }
  // The councils whose names of two words or more start one slip from each suburb's first word.
  const words = new Map<string, Set<string>>();
  for (const [n, codes] of taken) {
    const [w, ...rest] = n.split(' ');
    if (w && w.length >= 6 && rest.length) words.set(w, new Set([...(words.get(w) ?? []), ...codes]));
  }
  const nearWords = new Map<string, Set<string>>();
  const near = (w: string) => {
    if (!nearWords.has(w)) {
      const codes = new Set<string>();
      for (const [v, c] of words)
        if (v !== w && Math.abs(v.length - w.length) <= 1 && v[0] === w[0] && editDistance(v, w, 1) <= 1)
          for (const code of c) codes.add(code);
      nearWords.set(w, codes);
    }
  };
  for (const p of places)
    if (p.COUNTRY === 'England' && p.LOCAL_TYPE === SUBURB)
      near(normalise(p.NAME1 ?? '').split(' ')[0] ?? '');
  const rows: TownRow[] = [];
  const left: SuburbsLeft = { ambiguous: [], common: [], shadowing: [] };
  for (const p of places) {
    if (p.COUNTRY !== 'England' || p.LOCAL_TYPE !== SUBURB) continue;
    const name = p.NAME1 ?? '';
    const n = normalise(name);
    const council = councilOf(p);
    if (!n || !council) continue;
    const ws = n.split(' ');
    const other = (codes: Set<string> | undefined) => !!codes && !codes.has(council.code);
    const shadows =
      ws.slice(0, -1).some((_, k) => other(taken.get(ws.slice(0, k + 1).join(' ')))) ||
      [...(nearWords.get(ws[0] ?? '') ?? [])].some((c) => c !== council.code);
    if ((held.get(n)?.size ?? 0) > 1) left.ambiguous.push(name);
    else if (ordinaryWords(n)) left.common.push(name);
    else if (shadows) left.shadowing.push(name);
    else rows.push({ name, council: council.code, type: 'suburban area', osId: p.ID ?? '' });
  }
  return { rows, left };
}

export function readTowns(
  root: string,
  councilsCsv: string,
): { rows: TownRow[]; unplaced: string[]; suburbsLeft: SuburbsLeft } {
  const zip = join('/tmp', `gb-places-${process.pid}.zip`);
  writeFileSync(zip, gitShowBytes({ root }, GB_PLACES, GB_PLACES_PATH));
  const csv = execFileSync('unzip', ['-p', zip], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const councils = councilIndex(councilsCsv);
  const rows: TownRow[] = [];
  const unplaced: string[] = [];
  // The district where there is one, else the unitary (a county alone would not settle the district).
  const councilOf = (row: Record<string, string>) => {
    const found = (councils.get(bare(row.DISTRICT_BOROUGH || row.COUNTY_UNITARY || '')) ?? []).filter(
      (c) => c.type !== 'county',
    );
    return found.find((c) => heldOn(c, GB_PLACES_DATE)) ?? found[0];
  };
  const places = readTable(csv).rows.map((r) => r.row as Record<string, string>);
  for (const row of places) {
    if (row.COUNTRY !== 'England' || !KEPT(row.LOCAL_TYPE ?? '', row.LEAST_DETAIL_VIEW_RES ?? '')) continue;
    const council = councilOf(row);
    if (!council) {
      unplaced.push(`${row.NAME1} (${row.DISTRICT_BOROUGH || row.COUNTY_UNITARY || ''})`);
      continue;
    }
    rows.push({
      name: row.NAME1 ?? '',
      council: council.code,
      type: (row.LOCAL_TYPE ?? '').toLowerCase(),
      osId: row.ID ?? '',
    });
  }
  // The councils each town's or council's name stands for, so a suburb named "Bedford Park" is known to
  // start with another council's place.
  const taken = new Map<string, Set<string>>();
  const take = (n: string, code: string) =>
    taken.set(normalise(n), (taken.get(normalise(n)) ?? new Set()).add(code));
  for (const t of rows) take(t.name, t.council);
  for (const [n, list] of councils) for (const c of list) take(n, c.code);
  const townNames = new Set(rows.map((t) => normalise(t.name)));
  const { rows: suburbRows, left } = suburbs(places, councilOf, taken);
  rows.push(...suburbRows.filter((s) => !townNames.has(normalise(s.name))));
  rows.sort((a, b) => a.name.localeCompare(b.name) || a.council.localeCompare(b.council));
  return { rows, unplaced, suburbsLeft: left };
}

export const TOWN_COLUMNS = ['name', 'council', 'type', 'osId'];

export function townsManifestEntry(root: string, sha256: string, rows: number, left: SuburbsLeft) {
  const commit = headCommit({ root }, GB_PLACES);
  return {
    what: "Towns and cities in England (OS Open Names populated places of type City or Town, and Other Settlements shown up to 1:60,000) and suburbs (Suburban Area) named in one council only, each with the district or unitary council it lay in on the source's date: read as that council, so the council tables give county, CCG, ICB and region by date",
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
      `Suburbs (type suburban area) are kept only where no town, village or suburb in another council has the name (hamlets aside), the name is not everyday English words (src/resolve/english.ts; a one-word name made of two such words counts), its first words are no other council's place and its first word is not one slip from the first word of another council's longer name; they are read as written, never through a slip. Left out: ${left.ambiguous.length} named in two councils or more (Clifton, Heaton, Handsworth), ${left.common.length} of everyday words (West End, Racecourse), ${left.shadowing.length} starting with another council's place or one slip from it (Bedford Park, Westmoreland).`,
    ],
    gaps: [
      'The source has no population: the size threshold is its own type (City, Town) and map scale, not a population figure. ONS’s Index of Place Names and built-up area lookups were not found in a public snapshot reachable here.',
      'A town that straddles two councils is listed under the one the source names; where a council area is split between CCGs or ICBs, the answer gives the council’s shares, not the town’s.',
      'Villages and hamlets are left out, and suburbs whose name another council shares (the answer cannot say which).',
    ],
    taken: new Date().toISOString().slice(0, 10),
    sha256,
    rows,
  };
}

function main() {
  const [root = '/work/.mirror'] = process.argv.slice(2);
  const dir = new URL('../../knowledge/places/', import.meta.url).pathname;
  const { rows, unplaced, suburbsLeft } = readTowns(root, readFileSync(join(dir, 'councils.csv'), 'utf8'));
  const table = { columns: TOWN_COLUMNS, rows: rows as unknown as Record<string, string>[] };
  writeTableWithEntry(dir, 'towns.csv', table, (sha) =>
    townsManifestEntry(root, sha, rows.length, suburbsLeft),
  );
  console.log(`towns.csv: ${rows.length} rows; ${unplaced.length} without a council: ${unplaced.join('; ')}`);
  console.log(
    `suburbs left out: ${suburbsLeft.ambiguous.length} in two councils, ${suburbsLeft.common.length} everyday words (${suburbsLeft.common.slice(0, 40).join('; ')} …), ${suburbsLeft.shadowing.length} starting with another council's place (${suburbsLeft.shadowing.join('; ')})`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main();
