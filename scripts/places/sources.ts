/**
 * Where the place tables come from: public GitHub snapshots brought onto this machine (the search tool's
 * `fetch`), read with `git show` so no work tree is needed. Each source names its repository, the commit
 * read, its licence and the date of the data it holds: build.ts copies these into the manifest.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTable } from '../../src/places/csv.js';

export interface Source {
  repo: string;
  path: string;
  commit: string;
  licence: string;
  /** The date of the data itself (the ONS vintage, the ODS change), not the commit's. */
  sourceDate: string;
  title: string;
}

export interface Mirrors {
  /** Folder holding owner+name/repo git directories (the fetch tool's /work/.mirror). */
  root: string;
  /** Folder with the CSVs scripts/places/convert-geographr.R wrote. */
  geographrCsv: string;
}

/** Only the mirrors' folder: the scripts that read no geographr CSV (towns.ts, outside-towns.ts) pass this. */
type Root = Pick<Mirrors, 'root'>;

const gitDir = (m: Root, repo: string) => join(m.root, repo.replace('/', '+'), 'repo');

export function headCommit(m: Root, repo: string): string {
  return execFileSync('git', [`--git-dir=${gitDir(m, repo)}`, 'rev-parse', 'HEAD'], {
    encoding: 'utf8',
  }).trim();
}

export function gitShow(m: Root, repo: string, path: string): string {
  return gitShowBytes(m, repo, path).toString('utf8');
}

/** A file of the mirrored repository's HEAD as bytes: a zip stays a zip. */
export function gitShowBytes(m: Root, repo: string, path: string): Buffer {
  return execFileSync('git', [`--git-dir=${gitDir(m, repo)}`, 'show', `HEAD:${path}`], {
    maxBuffer: 64 * 1024 * 1024,
  });
}

export type Row = Record<string, string>;

export function csvRows(text: string): Row[] {
  return readTable(text).rows.map((r) => r.row);
}

/** The first column whose name matches, e.g. /^CCG\d\dCD$/ across the yearly ONS vintages. */
export function column(row: Row, pattern: RegExp): string {
  const key = Object.keys(row).find((k) => pattern.test(k));
  if (!key) throw new Error(`no column matching ${pattern} in ${Object.keys(row).join(', ')}`);
  return row[key] ?? '';
}

export const ONS_LOOKUPS = 'jtrim-ons/ons-lookups';
export const GEOGRAPHR = 'humaniverse/geographr';
export const MYSOCIETY = 'mysociety/uk_local_authority_names_and_codes';
export const RCPCH = 'rcpch/rcpch-nhs-organisations';
export const POSTCODES_IO = 'ideal-postcodes/postcodes.io';

export const OGL = 'Open Government Licence v3.0 (ONS / NHS data)';

/** One ONS vintage of LSOA (2011) → CCG → local authority district, from jtrim-ons/ons-lookups. */
export interface CcgVintage {
  date: string;
  file: string;
  title: string;
}

export const CCG_VINTAGES: CcgVintage[] = [
  {
    date: '2015-07-01',
    file: 'csv/212.csv',
    title: 'LSOA (2011) to CCG to LAD (July 2015) Lookup in England',
  },
  {
    date: '2016-04-01',
    file: 'csv/211.csv',
    title: 'LSOA (2011) to CCG to LAD (April 2016) Lookup in England',
  },
  {
    date: '2017-04-01',
    file: 'csv/226.csv',
    title: 'LSOA (2011) to CCG to LAD (April 2017) Lookup in England (V4)',
  },
  {
    date: '2018-04-01',
    file: 'csv/216.csv',
    title: 'LSOA (2011) to CCG to LAD (April 2018) Lookup in England',
  },
  {
    date: '2019-04-01',
    file: 'csv/217.csv',
    title: 'LSOA (2011) to CCG to LAD (April 2019) Lookup in England',
  },
  {
    date: '2020-04-01',
    file: 'csv/219.csv',
    title: 'LSOA (2011) to CCG to LAD (April 2020) Lookup in England',
  },
];

export interface LsoaRow {
  lsoa: string;
  area: string;
  areaOds: string;
  areaName: string;
  lad: string;
  parent?: string;
  parentOds?: string;
  parentName?: string;
}

export function readCcgVintage(m: Mirrors, v: CcgVintage): LsoaRow[] {
  return csvRows(gitShow(m, ONS_LOOKUPS, v.file)).map((r) => ({
    lsoa: column(r, /^LSOA11CD$/),
    area: column(r, /^CCG\d\dCD$/),
    areaOds: column(r, /^CCG\d\dCDH$/),
    areaName: column(r, /^CCG\d\dNM$/),
    lad: column(r, /^LAD\d\dCD$/),
  }));
}

const geographr = (m: Mirrors, name: string) =>
  csvRows(readFileSync(join(m.geographrCsv, `${name}.csv`), 'utf8'));

/** April 2021: LSOA → CCG → LAD (geographr, from ONS; no ODS codes in it). */
export function readCcg2021(m: Mirrors): LsoaRow[] {
  return geographr(m, 'lookup_lsoa11_ccg21_stp21_ltla21').map((r) => ({
    lsoa: r.lsoa11_code ?? '',
    area: r.ccg21_code ?? '',
    areaOds: '',
    areaName: r.ccg21_name ?? '',
    lad: r.ltla21_code ?? '',
  }));
}

/** July 2022: LSOA (2011) → sub-ICB location → ICB → LAD. */
export function readSubIcb2022(m: Mirrors): LsoaRow[] {
  return geographr(m, 'lookup_lsoa11_sicbl22_icb22_ltla22').map((r) => ({
    lsoa: r.lsoa11_code ?? '',
    area: r.sicbl22_code ?? '',
    areaOds: r.sicbl22_code_h ?? '',
    areaName: r.sicbl22_name ?? '',
    lad: r.ltla22_code ?? '',
    parent: r.icb22_code ?? '',
    parentOds: r.icb22_code_h ?? '',
    parentName: r.icb22_name ?? '',
  }));
}

/** April 2024: LSOA (2021) → sub-ICB location → ICB, joined to LSOA (2021) → LAD (2024). */
export function readSubIcb2024(m: Mirrors): LsoaRow[] {
  const lad = new Map(geographr(m, 'lookup_lsoa21_ward24_ltla24').map((r) => [r.lsoa21_code, r.ltla24_code]));
  return geographr(m, 'lookup_lsoa21_icb24').map((r) => {
    const code = lad.get(r.lsoa21_code);
    if (!code) throw new Error(`LSOA ${r.lsoa21_code} has no local authority in lookup_lsoa21_ward24_ltla24`);
    return {
      lsoa: r.lsoa21_code ?? '',
      area: r.sicbl24_code ?? '',
      areaOds: r.sicbl24_code_nhs ?? '',
      areaName: r.sicbl24_name ?? '',
      lad: code,
      parent: r.icb24_code ?? '',
      parentOds: r.icb24_code_nhs ?? '',
      parentName: r.icb24_name ?? '',
    };
  });
}
