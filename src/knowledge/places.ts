import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import jsyaml from 'js-yaml';
import type { z } from 'zod';
import { readTable } from '../places/csv.js';
import {
  type CcgRegionRow,
  type CcgRow,
  type CouncilCcgRow,
  type CouncilRow,
  type CouncilSubIcbRow,
  type IcbRow,
  type OutsideEnglandRow,
  type OutsideTownRow,
  PLACE_TABLES,
  type PlaceFile,
  PlaceManifest,
  type PostcodeDistrictRow,
  type RegionRow,
  type SubIcbRow,
  type TownRow,
} from '../schemas/place.js';
import type { KnowledgeProblem } from '../service.js';
import type { FileStamp } from './load-fs.js';
import { checkPlaceTables } from './place-checks.js';

/** The rows of one table as read, with the file (as shown in messages) and each row's line. */
export interface Table<T> {
  file: string;
  rows: T[];
  lines: number[];
}

export interface PlaceTables {
  councils: Table<CouncilRow>;
  ccgs: Table<CcgRow>;
  subIcbs: Table<SubIcbRow>;
  icbs: Table<IcbRow>;
  regions: Table<RegionRow>;
  ccgRegions: Table<CcgRegionRow>;
  councilCcgs: Table<CouncilCcgRow>;
  councilSubIcbs: Table<CouncilSubIcbRow>;
  /** Councils in Scotland, Wales and Northern Ireland: a place named there is out of scope. */
  outside: Table<OutsideEnglandRow>;
  /** Postcode districts (outward codes) and the councils they lie in, by date. */
  postcodeDistricts: Table<PostcodeDistrictRow>;
  /** Towns and cities and the district or unitary council each lies in. */
  towns: Table<TownRow>;
  /** Towns in Scotland, Wales and Northern Ireland and the council there each lies in. */
  outsideTowns: Table<OutsideTownRow>;
  manifest: PlaceManifest;
  /** The sha256 of each table's text as read, by file name, to compare with the manifest's. */
  sha256: Record<string, string>;
}

export const PLACES_FOLDER = 'places';
export const MANIFEST = 'manifest.yaml';

/** Every file the place tables are read from, so a change to any of them reloads the knowledge. */
export const placePaths = (dir: string) =>
  [MANIFEST, ...Object.keys(PLACE_TABLES)].map((f) => join(dir, PLACES_FOLDER, f));

type Loaded = { ok: true; tables: PlaceTables } | { ok: false; problems: KnowledgeProblem[] };

/** The header must name exactly the schema's columns: a typo in one would otherwise read as empty cells. */
function checkHeader(
  shown: string,
  header: string[],
  columns: string[],
  problems: KnowledgeProblem[],
): boolean {
  const unknown = header.filter((h) => !columns.includes(h));
  const absent = columns.filter((c) => !header.includes(c));
  if (!unknown.length && !absent.length) return true;
  const what = [
    unknown.length && `unknown column(s) ${unknown.join(', ')}`,
    absent.length && `missing column(s) ${absent.join(', ')}`,
  ];
  const message = `${what.filter(Boolean).join('; ')}: the first line must be ${columns.join(',')}.`;
  problems.push({ file: shown, line: 1, column: 1, field: '', message });
  return false;
}

type Parsed = { success: true; data: unknown } | { success: false; error: z.ZodError };

/**
 * Reads a table and checks every cell against its column's zod schema. Each distinct value of a column
 * is parsed once (codes and dates repeat across thousands of rows), which keeps start-up lean.
 */
function parseTable<S extends z.ZodObject>(
  shown: string,
  text: string,
  schema: S,
  problems: KnowledgeProblem[],
) {
  const table: Table<z.infer<S>> = { file: shown, rows: [], lines: [] };
  let read: ReturnType<typeof readTable>;
  try {
    read = readTable(text);
  } catch (error) {
    problems.push({ file: shown, line: 1, column: 1, field: '', message: `${(error as Error).message}.` });
    return table;
  }
  const columns = Object.entries(schema.shape as Record<string, z.ZodType>);
  if (
    !checkHeader(
      shown,
      read.header,
      columns.map(([name]) => name),
      problems,
    )
  )
    return table;
  const seen = columns.map(() => new Map<string, Parsed>());
  for (const { line, row } of read.rows) {
    const out: Record<string, unknown> = {};
    let ok = true;
    columns.forEach(([name, cell], i) => {
      const value = row[name] ?? '';
      const cache = seen[i] as Map<string, Parsed>;
      const parsed = cache.get(value) ?? (cell.safeParse(value) as Parsed);
      cache.set(value, parsed);
      if (parsed.success) out[name] = parsed.data;
      else {
        ok = false;
        const message = parsed.error.issues[0]?.message ?? 'not a valid value';
        const column = read.header.indexOf(name) + 1;
        problems.push({
          file: shown,
          line,
          column,
          field: name,
          message: `${message}${message.endsWith('.') ? '' : '.'}`,
        });
      }
    });
    if (ok) {
      table.rows.push(out as z.infer<S>);
      table.lines.push(line);
    }
  }
  return table;
}

async function readStamped(path: string, files: FileStamp[]): Promise<string> {
  const info = await stat(path);
  const text = await readFile(path, 'utf8');
  files.push({ path, size: info.size, mtimeMs: info.mtimeMs, sha256: sha(text) });
  return text;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function parseManifest(shown: string, text: string, problems: KnowledgeProblem[]): PlaceManifest | undefined {
  // js-yaml with the core schema, as the knowledge files are read (src/knowledge/parse.ts): `yaml` costs
  // start-up its import (src/knowledge/yaml-lib.ts). A manifest that is not YAML is reported as one.
  let raw: unknown;
  try {
    raw = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch (error) {
    const message = `is not valid YAML: ${(error as Error).message.split('\n')[0]}.`;
    problems.push({ file: shown, line: 1, column: 1, field: '', message });
    return undefined;
  }
  const parsed = PlaceManifest.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.');
    problems.push({ file: shown, line: 1, column: 1, field, message: `${issue.message}.` });
  }
  return undefined;
}

/**
 * Reads and checks knowledge/places: the manifest and every table, each row against its schema, then the
 * tables together (codes that exist, validity that does not overlap, successors that exist). An absent
 * folder gives empty tables: a knowledge folder without places (a test's) still loads.
 */
export async function loadPlaces(dir: string, displayRoot: string, files: FileStamp[]): Promise<Loaded> {
  const folder = join(dir, PLACES_FOLDER);
  const present = await stat(join(folder, MANIFEST)).catch(() => undefined);
  if (!present) return { ok: true, tables: emptyTables() };
  const problems: KnowledgeProblem[] = [];
  const shown = (name: string) => relative(displayRoot, join(folder, name)) || name;
  const texts = new Map<string, string>();
  for (const path of placePaths(dir)) {
    const name = path.slice(folder.length + 1);
    try {
      texts.set(name, await readStamped(path, files));
    } catch (error) {
      const message = `cannot be read (${(error as Error).message}): every table listed in ${MANIFEST} must be in ${PLACES_FOLDER}/.`;
      problems.push({ file: shown(name), line: 1, column: 1, field: '', message });
    }
  }
  const manifest = parseManifest(shown(MANIFEST), texts.get(MANIFEST) ?? '', problems);
  const table = <F extends PlaceFile>(name: F) =>
    parseTable(shown(name), texts.get(name) ?? '', PLACE_TABLES[name], problems) as Table<
      z.infer<(typeof PLACE_TABLES)[F]>
    >;
  const tables: PlaceTables = {
    councils: table('councils.csv'),
    ccgs: table('ccgs.csv'),
    subIcbs: table('sub-icbs.csv'),
    icbs: table('icbs.csv'),
    regions: table('regions.csv'),
    ccgRegions: table('ccg-regions.csv'),
    councilCcgs: table('council-ccgs.csv'),
    councilSubIcbs: table('council-sub-icbs.csv'),
    outside: table('outside-england.csv'),
    postcodeDistricts: table('postcode-districts.csv'),
    towns: table('towns.csv'),
    outsideTowns: table('outside-towns.csv'),
    manifest: manifest ?? { tableDate: '1970-01-01', files: {} },
    sha256: Object.fromEntries([...texts].map(([name, text]) => [name, sha(text)])),
  };
  if (problems.length === 0) problems.push(...checkPlaceTables(tables, shown(MANIFEST)));
  return problems.length ? { ok: false, problems } : { ok: true, tables };
}

const empty = <T>(file: string): Table<T> => ({ file, rows: [], lines: [] });

export function emptyTables(): PlaceTables {
  return {
    councils: empty('councils.csv'),
    ccgs: empty('ccgs.csv'),
    subIcbs: empty('sub-icbs.csv'),
    icbs: empty('icbs.csv'),
    regions: empty('regions.csv'),
    ccgRegions: empty('ccg-regions.csv'),
    councilCcgs: empty('council-ccgs.csv'),
    councilSubIcbs: empty('council-sub-icbs.csv'),
    outside: empty('outside-england.csv'),
    postcodeDistricts: empty('postcode-districts.csv'),
    towns: empty('towns.csv'),
    outsideTowns: empty('outside-towns.csv'),
    manifest: { tableDate: '1970-01-01', files: {} },
    sha256: {},
  };
}
