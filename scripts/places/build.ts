/**
 * Builds knowledge/places/*.csv and manifest.yaml from the fetched sources. Run by hand when a newer
 * vintage is taken (see knowledge/README.md, "Place tables"), never at install time:
 *
 *   Rscript scripts/places/convert-geographr.R /work/.mirror/humaniverse+geographr/repo /tmp/places-src/geographr
 *   npx tsx scripts/places/build.ts /work/.mirror /tmp/places-src/geographr
 *
 * The mirrors needed: jtrim-ons/ons-lookups, humaniverse/geographr, mysociety/uk_local_authority_names_and_codes,
 * rcpch/rcpch-nhs-organisations, ideal-postcodes/postcodes.io and ukhsa-collaboration/covid-19-app-android-ag-public.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeTable } from '../../src/places/csv.js';
import {
  CCG_DATES,
  ccgRegionsOns,
  councils,
  ICB_SUCCESSIONS_2026,
  icbRegions2022,
  NEW_ICBS_2026,
  outsideEngland,
  regions,
} from './bodies.js';
import { writeManifest } from './manifest.js';
import { addDays, areasAcross, type Link, linksAcross, successorsByLsoa, type Vintage } from './periods.js';
import { postcodeDistricts } from './postcodes.js';
import {
  CCG_VINTAGES,
  type LsoaRow,
  type Mirrors,
  readCcg2021,
  readCcgVintage,
  readSubIcb2022,
  readSubIcb2024,
} from './sources.js';

const CCG_END = '2022-06-30';
const ICB_START = '2022-07-01';
const SUB_ICB_2024 = '2024-04-01';
const LOOKUP_END = '2026-03-31';

const [root = '/work/.mirror', geographrCsv = '/tmp/places-src/geographr'] = process.argv.slice(2);
const mirrors: Mirrors = { root, geographrCsv };
const out = new URL('../../knowledge/places/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const written: Record<string, { sha256: string; rows: number }> = {};

function write(file: string, columns: string[], rows: Record<string, string | number | undefined>[]) {
  const text = writeTable(columns, rows);
  writeFileSync(join(out, file), text);
  written[file] = { sha256: createHash('sha256').update(text).digest('hex'), rows: rows.length };
  console.log(`${file}: ${rows.length} rows`);
}

function ccgVintages(): Vintage[] {
  const rows = [...CCG_VINTAGES.map((v) => readCcgVintage(mirrors, v)), readCcg2021(mirrors)];
  return rows.map((r, i) => ({
    rows: r,
    validFrom: CCG_DATES[i] as string,
    validTo: i + 1 < CCG_DATES.length ? addDays(CCG_DATES[i + 1] as string, -1) : CCG_END,
  }));
}

function ccgTable(vs: Vintage[], sub22: LsoaRow[]) {
  const odsBySub = new Map(sub22.map((r) => [r.area, r.areaOds]));
  return [...areasAcross(vs)]
    .map(([code, a]) => {
      const ended = a.last < vs.length - 1;
      const next = ended ? (vs[a.last + 1] as Vintage).rows : sub22;
      const successors = successorsByLsoa(
        code,
        (vs[a.last] as Vintage).rows,
        next,
        ended ? (r) => r.area : (r) => r.parent ?? '',
      );
      return {
        code,
        ods: a.ods || odsBySub.get(code) || '',
        name: a.name,
        validFrom: (vs[a.first] as Vintage).validFrom,
        validTo: (vs[a.last] as Vintage).validTo,
        successors: successors.filter((s) => s !== code).join('|'),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

type Council = ReturnType<typeof councils>[number];

/**
 * A link whose council ended inside it (the 2023 reorganisations, inside the July 2022 vintage) is split
 * at the council's end: the rest goes to its one successor, which took over the whole district.
 */
function splitAtCouncilEnd(links: Link[], table: Council[]): Link[] {
  const byCode = new Map(table.map((c) => [c.code, c]));
  return links.flatMap((link) => {
    const c = byCode.get(link.council);
    if (!c?.validTo || c.validTo >= link.validTo || c.successors.includes('|') || !c.successors)
      return [link];
    return [
      { ...link, validTo: c.validTo },
      { ...link, council: c.successors, validFrom: addDays(c.validTo, 1) },
    ];
  });
}

function subIcbVintages(): Vintage[] {
  return [
    { rows: readSubIcb2022(mirrors), validFrom: ICB_START, validTo: addDays(SUB_ICB_2024, -1) },
    { rows: readSubIcb2024(mirrors), validFrom: SUB_ICB_2024, validTo: LOOKUP_END },
  ];
}

function icbTable(vs: Vintage[]) {
  const regionOf = icbRegions2022(mirrors);
  const icbs = new Map<string, { ods: string; name: string; first: number; last: number }>();
  vs.forEach((v, i) => {
    for (const r of v.rows) {
      const code = r.parent ?? '';
      const seen = icbs.get(code);
      icbs.set(code, {
        ods: r.parentOds ?? '',
        name: (r.parentName ?? '').trim(),
        first: seen?.first ?? i,
        last: i,
      });
    }
  });
  const byOds = new Map([...icbs].map(([code, i]) => [i.ods, code]));
  const rows = [...icbs].map(([code, i]) => {
    const ended = i.last < vs.length - 1;
    const next = ended ? undefined : ICB_SUCCESSIONS_2026[i.ods];
    // Recoded for a boundary change (Surrey Heartlands and Sussex, April 2024): same ODS code, new ONS code.
    const recoded = ended ? [byOds.get(i.ods) ?? ''] : [];
    const region = regionOf.get(code) ?? regionOf.get(i.ods) ?? '';
    if (!region) throw new Error(`ICB ${code} has no NHS England region in rcpch's constants`);
    return {
      code,
      ods: i.ods,
      name: i.name,
      region,
      validFrom: (vs[i.first] as Vintage).validFrom,
      validTo: next ? LOOKUP_END : ended ? (vs[i.last] as Vintage).validTo : '',
      successors: [...(next ?? []).map((ods) => byOds.get(ods) ?? ods), ...recoded].join('|'),
    };
  });
  for (const [ods, name] of Object.entries(NEW_ICBS_2026)) {
    const preds = rows.filter((r) => r.successors.split('|').includes(ods));
    const region = [...new Set(preds.map((p) => p.region))];
    if (region.length !== 1) throw new Error(`${ods}'s predecessors are in ${region.length} regions`);
    rows.push({
      code: ods,
      ods,
      name,
      region: region[0] as string,
      validFrom: '2026-04-01',
      validTo: '',
      successors: '',
    });
  }
  return rows.sort((a, b) => a.code.localeCompare(b.code));
}

function subIcbTable(vs: Vintage[], icbs: ReturnType<typeof icbTable>) {
  const ends = new Map(icbs.map((i) => [i.code, i.validTo]));
  // One row per sub-ICB location and ICB: a sub-ICB whose ICB was recoded (April 2024) gets a row for each.
  const rows = new Map<string, Record<string, string>>();
  vs.forEach((v, i) => {
    for (const r of v.rows) {
      const key = `${r.area}|${r.parent}`;
      const row = rows.get(key);
      const validTo = i < vs.length - 1 ? v.validTo : ends.get(r.parent ?? '') || '';
      if (row) row.validTo = validTo;
      else {
        const base = { code: r.area, ods: r.areaOds, name: r.areaName, icb: r.parent ?? '', ccg: r.area };
        rows.set(key, { ...base, validFrom: v.validFrom, validTo });
      }
    }
  });
  return [...rows.values()].sort(
    (a, b) =>
      (a.code ?? '').localeCompare(b.code ?? '') || (a.validFrom ?? '').localeCompare(b.validFrom ?? ''),
  );
}

function ccgRegions(
  ccgs: ReturnType<typeof ccgTable>,
  subs: Record<string, string>[],
  icbs: ReturnType<typeof icbTable>,
) {
  const ons = ccgRegionsOns(mirrors);
  const at2017 = new Map(ons.filter((o) => o.year === '2017-04-01').map((o) => [o.ccg, o.region]));
  const at2018 = new Map(ons.filter((o) => o.year === '2018-04-01').map((o) => [o.ccg, o.region]));
  const icbRegion = new Map(icbs.map((i) => [i.code, i.region]));
  const subIcb = new Map(subs.map((s) => [s.code, s.icb]));
  const byCode = new Map(ccgs.map((c) => [c.code, c]));
  // The ICB a CCG's area was in on 1 July 2022: its own sub-ICB location, else its successor's (merged earlier).
  const icbOf = (code: string, depth = 0): string => {
    if (subIcb.has(code)) return subIcb.get(code) as string;
    const next = byCode.get(code)?.successors.split('|')[0];
    return next && depth < 8 ? icbOf(next, depth + 1) : code;
  };
  // The region's ONS code on that day, from its ODS code (Y60 was E40000008 until June 2022).
  const regionCode = (ods: string, day: string) =>
    regions().find((r) => r.ods === ods && r.validFrom <= day && (!r.validTo || day <= r.validTo))?.code;
  const rows: Record<string, string>[] = [];
  const add = (
    ccg: string,
    region: string | undefined,
    validFrom: string,
    validTo: string,
    basis: string,
  ) => {
    if (region && validFrom <= validTo) rows.push({ ccg, region, validFrom, validTo, basis });
  };
  for (const c of ccgs) {
    // A CCG merged before April 2017 takes the 2017 region of the CCG it merged into.
    const merged = c.successors.split('|')[0] ?? '';
    const early = at2017.get(c.code) ?? at2018.get(c.code) ?? at2017.get(merged);
    add(c.code, early, c.validFrom, min(c.validTo, '2017-03-31'), 'ons-2017-carried-back');
    add(c.code, at2017.get(c.code), max(c.validFrom, '2017-04-01'), min(c.validTo, '2018-03-31'), 'ons-2017');
    add(c.code, at2018.get(c.code), max(c.validFrom, '2018-04-01'), min(c.validTo, '2019-03-31'), 'ons-2018');
    const from = max(c.validFrom, '2019-04-01');
    const later = regionCode(icbRegion.get(icbOf(c.code)) ?? '', from);
    add(c.code, later, from, c.validTo, 'icb-2022-carried-back');
  }
  return rows;
}

const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

const councilTable = councils(mirrors);
const ccgVs = ccgVintages();
const subVs = subIcbVintages();
const icbs = icbTable(subVs);
const subs = subIcbTable(subVs, icbs);
const ccgs = ccgTable(ccgVs, subVs[0]?.rows ?? []);
const cols = (row: object) => Object.keys(row);
write('regions.csv', cols(regions()[0] as object), regions());
write('councils.csv', cols(councilTable[0] as object), councilTable);
write('ccgs.csv', cols(ccgs[0] as object), ccgs);
write('icbs.csv', cols(icbs[0] as object), icbs);
write('sub-icbs.csv', cols(subs[0] as object), subs);
write('ccg-regions.csv', ['ccg', 'region', 'validFrom', 'validTo', 'basis'], ccgRegions(ccgs, subs, icbs));
const linkCols = ['council', 'area', 'lsoas', 'share', 'validFrom', 'validTo'];
const rename = (links: Link[], key: string) => links.map(({ area, ...l }) => ({ ...l, [key]: area }));
write(
  'council-ccgs.csv',
  linkCols.map((c) => (c === 'area' ? 'ccg' : c)),
  rename(splitAtCouncilEnd(linksAcross(ccgVs), councilTable), 'ccg'),
);
write(
  'council-sub-icbs.csv',
  linkCols.map((c) => (c === 'area' ? 'subIcb' : c)),
  rename(splitAtCouncilEnd(linksAcross(subVs), councilTable), 'subIcb'),
);
const englishNames = new Set(
  councilTable.flatMap((c) => [c.name, c.officialName, ...c.altNames.split('|')]).map((n) => n.toLowerCase()),
);
const outside = outsideEngland(mirrors, englishNames);
write('outside-england.csv', cols(outside[0] as object), outside);
const districts = postcodeDistricts(
  mirrors,
  councilTable,
  outside.map((o) => o.code),
);
// A council code neither table knows is left out and named, never guessed at.
for (const u of districts.unknown)
  console.warn(`postcode-districts.csv: left out ${u} (unknown council code)`);
write('postcode-districts.csv', ['outward', 'council', 'share', 'validFrom', 'validTo'], districts.rows);
writeManifest(mirrors, join(out, 'manifest.yaml'), written);
