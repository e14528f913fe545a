import type { KnowledgeProblem } from '../service.js';
import type { PlaceTables, Table } from './places.js';

interface Dated {
  validFrom: string;
  validTo: string;
}
type Keyed = Dated & { code: string };

const FOREVER = '9999-12-31';
const end = (row: Dated) => row.validTo || FOREVER;
const begin = (row: Dated) => row.validFrom || '0000-01-01';
const shownEnd = (row: Dated) => row.validTo || 'today';
const shownBegin = (row: Dated) => row.validFrom || 'before 2013';

/** Every row of a table by its code, in file order, with its line. */
function byCode<T extends Keyed>(table: Table<T>) {
  const map = new Map<string, { row: T; line: number }[]>();
  table.rows.forEach((row, i) => {
    const list = map.get(row.code) ?? [];
    list.push({ row, line: table.lines[i] ?? 0 });
    map.set(row.code, list);
  });
  return map;
}

type Report = (table: Table<unknown>, i: number, field: string, message: string) => void;

function checkDates<T extends Dated>(table: Table<T>, report: Report) {
  table.rows.forEach((row, i) => {
    if (row.validFrom && row.validTo && row.validTo < row.validFrom)
      report(
        table,
        i,
        'validTo',
        `validTo ${row.validTo} is before validFrom ${row.validFrom}: swap them or fix the date.`,
      );
  });
}

/** Two rows for one code must not both hold on any day. */
function checkOverlaps<T extends Keyed>(table: Table<T>, report: Report) {
  const seen = new Map<string, { row: T; line: number }[]>();
  table.rows.forEach((row, i) => {
    const earlier = seen.get(row.code) ?? [];
    const clash = earlier.find((e) => begin(e.row) <= end(row) && begin(row) <= end(e.row));
    if (clash)
      report(
        table,
        i,
        'validFrom',
        `overlapping validity: ${row.code} runs ${shownBegin(row)} to ${shownEnd(row)} here, but also ${shownBegin(clash.row)} to ${shownEnd(clash.row)} at ${table.file}:${clash.line}. End one the day before the other starts.`,
      );
    seen.set(row.code, [...earlier, { row, line: table.lines[i] ?? 0 }]);
  });
}

/** A code named by another row must exist in `target`, and (with dates) exist on the row's first and last day. */
function needCode<T extends Keyed>(
  target: Table<T>,
  index: Map<string, { row: T }[]>,
  what: string,
  report: Report,
): (table: Table<unknown>, i: number, field: string, code: string, when?: Dated) => void {
  return (table, i, field, code, when) => {
    const rows = index.get(code);
    if (!rows) {
      report(
        table,
        i,
        field,
        `unknown code: no ${what} has the code "${code}" in ${target.file}. Fix the code or add the ${what} there.`,
      );
      return;
    }
    if (!when) return;
    for (const day of [begin(when), end(when)]) {
      if (day === '0000-01-01' || day === FOREVER) continue;
      if (!rows.some((r) => begin(r.row) <= day && day <= end(r.row)))
        report(
          table,
          i,
          field,
          `${what} ${code} did not exist on ${day} (see ${target.file}): fix this row's dates or its code.`,
        );
    }
  };
}

function checkSuccessors<T extends Keyed & { successors: string[] }>(
  table: Table<T>,
  targets: Map<string, unknown>[],
  report: Report,
) {
  table.rows.forEach((row, i) => {
    for (const s of row.successors) {
      if (!targets.some((t) => t.has(s)))
        report(
          table,
          i,
          'successors',
          `the successor "${s}" does not exist: add it to the tables or fix the code.`,
        );
    }
  });
}

function checkManifest(t: PlaceTables, manifestFile: string, problems: KnowledgeProblem[]) {
  for (const [name, sha] of Object.entries(t.sha256)) {
    if (name === 'manifest.yaml') continue;
    const entry = t.manifest.files[name];
    const at = { file: manifestFile, line: 1, column: 1, field: `files.${name}` };
    if (!entry)
      problems.push({
        ...at,
        message: `${name} is not in the manifest: add its source, dates, licence and sha256.`,
      });
    else if (entry.sha256 !== sha)
      problems.push({
        ...at,
        field: `files.${name}.sha256`,
        message: `${name} is not the file the manifest describes (sha256 ${sha.slice(0, 12)}…, manifest ${entry.sha256.slice(0, 12)}…). If you replaced the table, update its entry: sources, sourceDate, taken, covers, gaps and sha256 (scripts/places/build.ts writes them).`,
      });
  }
}

/** Checks the place tables together; each problem names the file and line of the row at fault. */
export function checkPlaceTables(t: PlaceTables, manifestFile: string): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const report: Report = (table, i, field, message) =>
    problems.push({ file: table.file, line: table.lines[i] ?? 1, column: 1, field, message });
  checkManifest(t, manifestFile, problems);
  const councils = byCode(t.councils);
  const ccgs = byCode(t.ccgs);
  const subs = byCode(t.subIcbs);
  const icbs = byCode(t.icbs);
  const regions = byCode(t.regions);
  const regionOds = new Map<string, { row: Keyed }[]>();
  for (const r of t.regions.rows)
    if (r.ods) regionOds.set(r.ods, [...(regionOds.get(r.ods) ?? []), { row: r }]);
  for (const table of [t.councils, t.ccgs, t.subIcbs, t.icbs, t.regions] as Table<Keyed>[]) {
    checkDates(table, report);
    checkOverlaps(table, report);
  }
  for (const table of [t.ccgRegions, t.councilCcgs, t.councilSubIcbs] as Table<Dated>[])
    checkDates(table, report);
  checkSuccessors(t.councils, [councils], report);
  checkSuccessors(t.ccgs, [ccgs, icbs], report);
  checkSuccessors(t.icbs, [icbs], report);
  checkSuccessors(t.regions, [regions], report);
  checkReferences(t, { councils, ccgs, subs, icbs, regions, regionOds }, report);
  checkPostcodeDistricts(t, councils, report);
  const townCouncil = needCode(t.councils, councils, 'council', report);
  t.towns.rows.forEach((r, i) => {
    townCouncil(t.towns, i, 'council', r.council);
  });
  const outsideRows = t.outside.rows.map((r) => ({ code: r.code, validFrom: '', validTo: '' }));
  const outside = new Map(outsideRows.map((row) => [row.code, [{ row }]]));
  const outsideCouncil = needCode(
    { ...t.outside, rows: outsideRows },
    outside,
    'council outside England',
    report,
  );
  t.outsideTowns.rows.forEach((r, i) => {
    outsideCouncil(t.outsideTowns, i, 'council', r.council);
  });
  return problems;
}

type Indexes = Record<
  'councils' | 'ccgs' | 'subs' | 'icbs' | 'regions' | 'regionOds',
  Map<string, { row: Keyed }[]>
>;

function checkReferences(t: PlaceTables, x: Indexes, report: Report) {
  const council = needCode(t.councils, x.councils, 'council', report);
  const ccg = needCode(t.ccgs, x.ccgs, 'CCG', report);
  const sub = needCode(t.subIcbs, x.subs, 'sub-ICB location', report);
  const icb = needCode(t.icbs, x.icbs, 'ICB', report);
  const region = needCode(t.regions, new Map([...x.regions, ...x.regionOds]), 'NHS England region', report);
  t.councils.rows.forEach((r, i) => {
    if (r.upper) council(t.councils, i, 'upper', r.upper);
  });
  t.subIcbs.rows.forEach((r, i) => {
    icb(t.subIcbs, i, 'icb', r.icb, r);
  });
  t.icbs.rows.forEach((r, i) => {
    region(t.icbs, i, 'region', r.region, r);
  });
  t.ccgRegions.rows.forEach((r, i) => {
    ccg(t.ccgRegions, i, 'ccg', r.ccg, r);
    region(t.ccgRegions, i, 'region', r.region, r);
  });
  t.councilCcgs.rows.forEach((r, i) => {
    council(t.councilCcgs, i, 'council', r.council, r);
    ccg(t.councilCcgs, i, 'ccg', r.ccg, r);
  });
  t.councilSubIcbs.rows.forEach((r, i) => {
    council(t.councilSubIcbs, i, 'council', r.council, r);
    sub(t.councilSubIcbs, i, 'subIcb', r.subIcb, r);
  });
}

/**
 * postcode-districts.csv: each council code known (councils.csv, or outside-england.csv for a district
 * partly in Wales or Scotland) and in being on the row's days; one outward code and council on one row per
 * day; and a settled district (share 1) with no second council on the same days.
 */
function checkPostcodeDistricts(t: PlaceTables, councils: Map<string, { row: Keyed }[]>, report: Report) {
  const table = t.postcodeDistricts;
  const outside = new Map(
    t.outside.rows.map((r) => [r.code, [{ row: { code: r.code, validFrom: '', validTo: '' } }]]),
  );
  const council = needCode(t.councils, new Map([...councils, ...outside]), 'council', report);
  checkDates(table, report);
  checkOverlaps(
    { ...table, rows: table.rows.map((r) => ({ ...r, code: `${r.outward} ${r.council}` })) },
    (tb, i, field, message) => report(tb, i, field, `duplicate outward code and council with ${message}`),
  );
  const rows = new Map<string, number[]>();
  table.rows.forEach((r, i) => {
    council(table, i, 'council', r.council, outside.has(r.council) ? undefined : r);
    rows.set(r.outward, [...(rows.get(r.outward) ?? []), i]);
  });
  for (const list of rows.values())
    for (const i of list) {
      const r = table.rows[i] as (typeof table.rows)[number];
      const other = list.find(
        (j) => j !== i && begin(table.rows[j] as Dated) <= end(r) && begin(r) <= end(table.rows[j] as Dated),
      );
      if (r.share === 1 && other !== undefined)
        report(
          table,
          i,
          'share',
          `${r.outward} is settled in ${r.council} (share 1) but also lies in ${table.rows[other]?.council} on the same days (${table.file}:${table.lines[other]}): empty the shares of a split district, or remove the council it does not lie in.`,
        );
    }
}
