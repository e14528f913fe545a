/** Writes knowledge/places/manifest.yaml: for every table its sources, dates, sha256, licence and gaps. */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { writeTable } from '../../src/places/csv.js';
import { COVID_APP, COVID_APP_PATH, POSTCODES_DATE } from './postcodes.js';
import {
  GEOGRAPHR,
  headCommit,
  type Mirrors,
  MYSOCIETY,
  ONS_LOOKUPS,
  POSTCODES_IO,
  RCPCH,
} from './sources.js';

const ONS_LICENCE =
  'Open Government Licence v3.0 (Office for National Statistics; © Crown copyright and database right)';
const RCPCH_HISTORY_COMMIT = '2346f35eab95398019951698a99cab26da57b749';

function sources(m: Mirrors) {
  const at = (repo: string) => ({ repo, commit: headCommit(m, repo) });
  return {
    onsLookups: {
      ...at(ONS_LOOKUPS),
      licence: `${ONS_LICENCE}; the repository copies ONS Open Geography lookups as published (no licence of its own)`,
      url: 'https://github.com/jtrim-ons/ons-lookups',
    },
    geographr: {
      ...at(GEOGRAPHR),
      licence: `MIT (the package); its ONS and NHS Digital data ${ONS_LICENCE}`,
      url: 'https://github.com/humaniverse/geographr',
    },
    mysociety: {
      ...at(MYSOCIETY),
      licence:
        'MIT (mySociety); built from ONS and government registers under the Open Government Licence v3.0',
      url: 'https://github.com/mysociety/uk_local_authority_names_and_codes',
    },
    rcpch: {
      ...at(RCPCH),
      licence:
        'MIT (Royal College of Paediatrics and Child Health); ODS data under the Open Government Licence v3.0',
      url: 'https://github.com/rcpch/rcpch-nhs-organisations',
    },
    covidApp: {
      ...at(COVID_APP),
      licence:
        'MIT (Crown Copyright 2020, the NHS COVID-19 app for England and Wales); the postal-district to local-authority list it ships is built from ONS postcode data under the Open Government Licence v3.0',
      url: 'https://github.com/ukhsa-collaboration/covid-19-app-android-ag-public',
    },
    postcodesIo: {
      ...at(POSTCODES_IO),
      licence: `MIT (Ideal Postcodes); ONS Postcode Directory names and codes ${ONS_LICENCE}`,
      url: 'https://github.com/ideal-postcodes/postcodes.io',
    },
  };
}

type Written = Record<string, { sha256: string; rows: number }>;

type Sources = ReturnType<typeof sources>;

const ccgLookups = [2015, 2016, 2017, 2018, 2019, 2020].map(
  (y) => `ONS LSOA (2011) to CCG to LAD lookup, ${y === 2015 ? 'July' : 'April'} ${y}`,
);

function councilAndCcgTables(s: Sources) {
  return {
    'councils.csv': {
      what: "Councils in England (county, district, unitary, metropolitan, London borough, City of London; the Isles of Scilly are unitary), with the lower tier's county, dates, successors and the other names people use",
      sources: [
        {
          ...s.mysociety,
          path: 'data/packages/uk_la_past_current/uk_local_authorities_current.csv and lookup_name_to_registry.csv',
          sourceDate: '2025-07-10',
        },
        {
          ...s.onsLookups,
          path: 'csv/178.csv, csv/193.csv, csv/177.csv (LTLA to UTLA, December 2017, December 2018, April 2019)',
          sourceDate: '2019-04-01',
        },
      ],
      covers: { from: '2013-04-01' },
      notes: [
        'validFrom is left empty for councils older than 1 April 2013 (long-standing for these tables).',
        "mySociety gives some end dates as the successor's first day (1 April): they are written as the last day, 31 March.",
        'upper (the county of a district) comes from the ONS LTLA to UTLA lookups where they list the district, else from mySociety.',
      ],
      gaps: [],
    },
    'ccgs.csv': {
      what: 'Clinical commissioning groups with their ONS (GSS) and ODS codes, first and last dates in the ONS lookups and successors (the CCGs, or from July 2022 the ICBs, their LSOAs went to)',
      sources: [
        {
          ...s.onsLookups,
          path: 'csv/212, 211, 226, 216, 217, 219 (LSOA to CCG to LAD, July 2015 to April 2020)',
          sourceDate: '2020-04-01',
          titles: ccgLookups,
        },
        {
          ...s.geographr,
          path: 'data/lookup_lsoa11_ccg21_stp21_ltla21.rda (LSOA to CCG to LAD, April 2021)',
          sourceDate: '2021-04-01',
        },
      ],
      covers: { from: '2015-07-01', to: '2022-06-30' },
      notes: [
        "A CCG starts on the date of the first ONS lookup that lists it and ends the day before the first that does not; a lookup dated 1 April records that April's mergers.",
        'ODS codes of CCGs first listed in April 2021 are those of the sub-ICB location with the same ONS code (July 2022).',
      ],
      gaps: [
        'CCGs from 1 April 2013 to 30 June 2015: no open LSOA to CCG lookup for 2013 or 2014 was found, so the table begins with the July 2015 lookup (209 CCGs). The 211 CCGs of 1 April 2013 (bodies.yaml counts) are not listed one by one; CCGs listed in July 2015 start on 2015-07-01 here although most existed from 1 April 2013.',
      ],
    },
  };
}

function icbTables(s: Sources) {
  return {
    'sub-icbs.csv': {
      what: 'Sub-ICB locations (the former CCG areas inside an ICB) with their ICB and the CCG of the same code',
      sources: [
        {
          ...s.geographr,
          path: 'data/lookup_lsoa11_sicbl22_icb22_ltla22.rda (July 2022)',
          sourceDate: '2022-07-01',
        },
        { ...s.geographr, path: 'data/lookup_lsoa21_icb24.rda (April 2024)', sourceDate: '2024-04-01' },
      ],
      covers: { from: '2022-07-01', to: '2026-03-31' },
      notes: ['A sub-ICB location in an ICB abolished on 31 March 2026 ends that day.'],
      gaps: ['Sub-ICB locations from 1 April 2026 (inside the six new ICBs): not in the sources held.'],
    },
    'icbs.csv': {
      what: 'Integrated care boards from 1 July 2022, with the 1 April 2026 mergers and splits, and their NHS England region (ODS code)',
      sources: [
        {
          ...s.geographr,
          path: 'data/lookup_lsoa11_sicbl22_icb22_ltla22.rda and data/lookup_lsoa21_icb24.rda',
          sourceDate: '2024-04-01',
        },
        {
          ...s.rcpch,
          path: 'rcpch_nhs_organisations/hospitals/constants/integrated_care_boards.py (ICB to NHS England region, 2022)',
          sourceDate: '2022-07-01',
        },
        {
          ...s.rcpch,
          commit: RCPCH_HISTORY_COMMIT,
          path: 'documentation/docs/developer/icb-history.md (the 16 ODS-verified successions of 1 April 2026)',
          sourceDate: '2026-04-01',
        },
        {
          ...s.postcodesIo,
          path: 'data/icb.json (ICB names and codes, April 2023)',
          sourceDate: '2023-04-01',
        },
      ],
      covers: { from: '2022-07-01' },
      notes: [
        'The six ICBs set up on 1 April 2026 have ODS codes only, and take the region all their predecessors were in.',
        'NHS Hampshire and Isle of Wight ICB (QRL) kept its code and gained part of Frimley on 1 April 2026.',
      ],
      gaps: [
        'ONS (GSS) codes of the six ICBs set up on 1 April 2026, and any recode of Hampshire and Isle of Wight for its new boundary: not in an openly licensed source held; their code is their ODS code.',
      ],
    },
  };
}

function regionTables(s: Sources) {
  return {
    'regions.csv': {
      what: 'NHS England regions with ONS and ODS codes; condition names the value in conditions.yaml (region) for the seven regions',
      sources: [
        {
          ...s.onsLookups,
          path: 'csv/153.csv (April 2017), csv/160.csv and csv/202.csv (April 2018), csv/246.csv (April 2019)',
          sourceDate: '2019-04-01',
        },
        {
          ...s.geographr,
          path: 'data/lookup_nhs_trusts22_nhs_region21.rda (2021 codes)',
          sourceDate: '2021-04-01',
        },
        {
          ...s.rcpch,
          path: 'rcpch_nhs_organisations/hospitals/constants/nhs_england_regions.py (July 2022 codes)',
          sourceDate: '2022-07-01',
        },
        {
          ...s.postcodesIo,
          path: 'data/nhs_regions.json (from "NHSER names and codes EN as at 04_24")',
          sourceDate: '2024-04-01',
        },
      ],
      covers: { from: '2013-04-01' },
      notes: [
        'Seven regions from 1 April 2019 (ONS April 2019): London, South East, South West, East of England, Midlands, North East and Yorkshire, North West.',
      ],
      gaps: [
        'ONS recoded Midlands (E40000008 to E40000011) and North East and Yorkshire (E40000009 to E40000012) between its 2021 and July 2022 vintages, and East of England (E40000007 to E40000013) and North West (E40000010 to E40000014) between July 2022 and April 2024: the exact dates are not in the sources, so each new code starts on the first vintage showing it.',
        'The four regions of 2013 to 2018 are taken from the April 2017 lookup; their ODS codes are from the April 2018 lookup (South of England has none there).',
      ],
    },
    'ccg-regions.csv': {
      what: 'CCG to NHS England region',
      sources: [
        {
          ...s.onsLookups,
          path: 'csv/222.csv (April 2017), csv/202.csv (April 2018)',
          sourceDate: '2018-04-01',
        },
      ],
      covers: { from: '2015-07-01', to: '2022-06-30' },
      notes: [
        "basis ons-2017 and ons-2018: the ONS lookups of those years. ons-2017-carried-back: a CCG's 2017 (else 2018) region used for its earlier years (for a CCG merged before April 2017, the 2017 region of the CCG it merged into).",
        'icb-2022-carried-back: from April 2019, the region of the ICB its sub-ICB location (or first successor) was in on 1 July 2022.',
      ],
      gaps: [
        'No ONS CCG to region lookup for April 2019 to June 2022 was found: those rows are derived (basis icb-2022-carried-back).',
      ],
    },
  };
}

function linkTables(s: Sources) {
  return {
    'council-ccgs.csv': {
      what: "Council area (district or unitary, the ONS LAD) to CCG, with the share of the council's LSOAs in each CCG",
      sources: [
        {
          ...s.onsLookups,
          path: 'csv/212, 211, 226, 216, 217, 219',
          sourceDate: '2020-04-01',
          titles: ccgLookups,
        },
        { ...s.geographr, path: 'data/lookup_lsoa11_ccg21_stp21_ltla21.rda', sourceDate: '2021-04-01' },
      ],
      covers: { from: '2015-07-01', to: '2022-06-30' },
      notes: [
        "share is the council's LSOAs in that CCG over all its LSOAs: a stand-in for population (an LSOA holds about 1,500 people).",
      ],
      gaps: ['Council to CCG from 1 April 2013 to 30 June 2015: see ccgs.csv.'],
    },
    'council-sub-icbs.csv': {
      what: 'Council area (district or unitary, the ONS LAD) to sub-ICB location (and so ICB), with the share of its LSOAs',
      sources: [
        {
          ...s.geographr,
          path: 'data/lookup_lsoa11_sicbl22_icb22_ltla22.rda (July 2022)',
          sourceDate: '2022-07-01',
        },
        {
          ...s.geographr,
          path: 'data/lookup_lsoa21_icb24.rda joined to data/lookup_lsoa21_ward24_ltla24.rda (April 2024)',
          sourceDate: '2024-04-01',
        },
      ],
      covers: { from: '2022-07-01', to: '2026-03-31' },
      notes: [
        'A district abolished on 31 March 2023 (Cumbria, North Yorkshire, Somerset) passes its rows to the unitary council that took it over, from 1 April 2023.',
        'share is by LSOAs, as in council-ccgs.csv.',
      ],
      gaps: [
        'Council to sub-ICB location and ICB from 1 April 2026: no council-level lookup after the 2026 mergers is in the sources. Answers for later dates use the April 2024 table, name it, and follow icbs.csv successors.',
      ],
    },
  };
}

function outsideTable(s: Sources) {
  return {
    'outside-england.csv': {
      what: 'Councils in Scotland, Wales and Northern Ireland now, with the other names people use: read only to say that a place is outside England (scope.yaml devolved-nations), never answered with a body',
      sources: [
        {
          ...s.mysociety,
          path: 'data/packages/uk_la_past_current/uk_local_authorities_current.csv and lookup_name_to_registry.csv',
          sourceDate: '2025-07-10',
        },
      ],
      covers: { from: '2025-07-10' },
      notes: [
        'Current councils only (no end date in the source). A name an English council also goes by is left out, so it reads as the English place.',
      ],
      gaps: [],
    },
  };
}

function postcodeTable(s: Sources) {
  return {
    'postcode-districts.csv': {
      what: 'Postcode districts (outward codes: LS6, SW1A, TR18) in England and the council or councils each lies in, by date: a district wholly in one council settles it (share 1); a district split between councils lists each with its share left empty',
      sources: [{ ...s.covidApp, path: COVID_APP_PATH, sourceDate: POSTCODES_DATE }],
      covers: { from: POSTCODES_DATE },
      notes: [
        'Councils reorganised since January 2021 (Northamptonshire in 2021; Cumbria, North Yorkshire and Somerset in 2023) are followed through the successors in councils.csv: a row ends the day the council did and its successor starts the next day.',
        'A council that began after 2013 (Buckinghamshire, Dorset, Somerset West and Taunton) starts its rows on its own first day: the district is not placed before it. Other rows have no start date: the district is read the same before 2021.',
        'A district partly in Wales or Scotland lists the council there too (its code is in outside-england.csv).',
      ],
      gaps: [
        "Shares within a split district: the source names every council holding any postcode of the district, not how many postcodes each holds, so share is empty where a district is split and the answer asks for a GP practice instead. The ONS Postcode Directory (NSPL/ONSPD), which would give the shares and settle full postcodes, was not found in a public snapshot reachable here; Open Innovations' PostcodeDistrict2MSOA has counts by MSOA but no licence.",
        'Full postcodes are read by their outward code only: the table is by district.',
        'Districts wholly in Scotland, Wales or Northern Ireland are left out (those councils are read by name); districts created since January 2021 are not known.',
      ],
    },
  };
}

const tables = (s: Sources) => ({
  ...councilAndCcgTables(s),
  ...outsideTable(s),
  ...postcodeTable(s),
  ...icbTables(s),
  ...regionTables(s),
  ...linkTables(s),
});

export function writeManifest(m: Mirrors, path: string, written: Written): void {
  const taken = new Date().toISOString().slice(0, 10);
  const s = sources(m);
  const files = Object.fromEntries(
    Object.entries(tables(s)).map(([file, t]) => [file, { ...t, taken, ...written[file] }]),
  );
  const head = [
    '# Generated by scripts/places/build.ts: do not edit by hand (see knowledge/README.md, "Place tables").',
    '# Contains public sector information licensed under the Open Government Licence v3.0.',
    '',
  ].join('\n');
  writeFileSync(
    path,
    head + stringify({ tableDate: '2026-04-01', files }, { lineWidth: 0, aliasDuplicateObjects: false }),
  );
}

/**
 * Writes one table that a script of its own builds (towns.csv, outside-towns.csv) and puts its entry, made
 * from the table's sha256, into manifest.yaml, keeping every other entry and the file's opening comments.
 */
export function writeTableWithEntry(
  dir: string,
  file: string,
  table: { columns: readonly string[]; rows: readonly Record<string, string>[] },
  entry: (sha256: string) => unknown,
): void {
  const text = writeTable(table.columns, table.rows);
  writeFileSync(join(dir, file), text);
  const sha = createHash('sha256').update(text).digest('hex');
  const manifestPath = join(dir, 'manifest.yaml');
  const manifestText = readFileSync(manifestPath, 'utf8');
  const head = manifestText.match(/^(?:#.*\n)+\n?/)?.[0] ?? '';
  const manifest = parse(manifestText) as { files: Record<string, unknown> };
  manifest.files[file] = entry(sha);
  writeFileSync(manifestPath, head + stringify(manifest, { lineWidth: 0, aliasDuplicateObjects: false }));
}
