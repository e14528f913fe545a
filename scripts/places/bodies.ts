/**
 * Councils, NHS England regions and the 2026 ICB successions: the tables built from lists rather than
 * from LSOA lookups.
 */
import { addDays } from './periods.js';
import {
  CCG_VINTAGES,
  column,
  csvRows,
  gitShow,
  type Mirrors,
  MYSOCIETY,
  ONS_LOOKUPS,
  RCPCH,
} from './sources.js';

const TYPES: Record<string, string> = {
  CTY: 'county',
  NMD: 'district',
  MD: 'metropolitan-district',
  LBO: 'london-borough',
  UA: 'unitary',
  CC: 'city-of-london',
};

/** Before the tables begin: a council older than this is simply "long-standing". */
const TABLES_BEGIN = '2013-04-01';

/**
 * mySociety gives some end dates as the successor's first day (2023-04-01) and others as the last day
 * (2019-03-31): a 1 April end is the day the successor started, so the council's last day is 31 March.
 */
const lastDay = (end: string) => (end.endsWith('-04-01') ? addDays(end, -1) : end);

function upperTiers(m: Mirrors): Map<string, string> {
  const upper = new Map<string, string>();
  // Oldest first so the newest ONS vintage wins; each maps a lower-tier district to its county.
  for (const file of ['csv/178.csv', 'csv/193.csv', 'csv/177.csv']) {
    for (const r of csvRows(gitShow(m, ONS_LOOKUPS, file))) {
      const lower = column(r, /^LTLA\d\dCD$/);
      const up = column(r, /^UTLA\d\dCD$/);
      if (lower !== up) upper.set(lower, up);
    }
  }
  return upper;
}

function altNames(m: Mirrors): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const r of csvRows(
    gitShow(m, MYSOCIETY, 'data/packages/uk_la_past_current/lookup_name_to_registry.csv'),
  )) {
    const code = r['local-authority-code'] ?? '';
    const set = names.get(code) ?? new Set<string>();
    set.add(r['la-name'] ?? '');
    names.set(code, set);
  }
  return names;
}

function distinctNames(names: Iterable<string>, besides: string[]): string {
  const seen = new Set(besides.map((n) => n.toLowerCase()));
  const out: string[] = [];
  for (const n of names) {
    const key = n.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(n.trim());
  }
  return out.join('|');
}

export function councils(m: Mirrors) {
  const all = csvRows(
    gitShow(m, MYSOCIETY, 'data/packages/uk_la_past_current/uk_local_authorities_current.csv'),
  );
  const england = all.filter((r) => r.nation === 'England' && TYPES[r['local-authority-type'] ?? '']);
  const gss = new Map(england.map((r) => [r['local-authority-code'] ?? '', r['gss-code'] ?? '']));
  const upper = upperTiers(m);
  const names = altNames(m);
  return england
    .map((r) => {
      const code = r['gss-code'] ?? '';
      const registry = r['local-authority-code'] ?? '';
      const start = r['start-date'] ?? '';
      const county = upper.get(code) ?? gss.get(r['county-la'] ?? '') ?? '';
      const name = r['nice-name'] ?? '';
      const official = r['official-name'] ?? '';
      return {
        code,
        name,
        officialName: official,
        type: TYPES[r['local-authority-type'] ?? ''] ?? '',
        upper: r['local-authority-type'] === 'NMD' ? county : '',
        validFrom: start > TABLES_BEGIN ? start : '',
        validTo: r['end-date'] ? lastDay(r['end-date']) : '',
        successors: (r['replaced-by'] ?? '')
          .split(',')
          .filter(Boolean)
          .map((c) => gss.get(c) ?? c)
          .join('|'),
        altNames: distinctNames(
          [...(r['alt-names'] ?? '').split(','), ...(names.get(registry) ?? [])],
          [name, official],
        ),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** NHS England regions, by ONS vintage. Where ONS recoded a region the date is the first vintage showing it. */
export function regions() {
  const r = (
    code: string,
    ods: string,
    name: string,
    validFrom: string,
    validTo: string,
    successors = '',
    condition = '',
  ) => ({
    code,
    ods,
    name,
    validFrom,
    validTo,
    successors,
    condition,
  });
  return [
    r('E40000001', 'Y54', 'North of England', '2013-04-01', '2019-03-31', 'E40000009|E40000010'),
    r('E40000002', 'Y55', 'Midlands and East of England', '2013-04-01', '2019-03-31', 'E40000007|E40000008'),
    r('E40000003', 'Y56', 'London', '2013-04-01', '', '', 'london'),
    r('E40000004', '', 'South of England', '2013-04-01', '2018-03-31', 'E40000005|E40000006'),
    r('E40000005', 'Y59', 'South East', '2018-04-01', '', '', 'south-east'),
    r('E40000006', 'Y58', 'South West', '2018-04-01', '', '', 'south-west'),
    r('E40000007', 'Y61', 'East of England', '2019-04-01', '2024-03-31', 'E40000013', 'east-of-england'),
    r('E40000008', 'Y60', 'Midlands', '2019-04-01', '2022-06-30', 'E40000011', 'midlands'),
    r(
      'E40000009',
      'Y63',
      'North East and Yorkshire',
      '2019-04-01',
      '2022-06-30',
      'E40000012',
      'north-east-and-yorkshire',
    ),
    r('E40000010', 'Y62', 'North West', '2019-04-01', '2024-03-31', 'E40000014', 'north-west'),
    r('E40000011', 'Y60', 'Midlands', '2022-07-01', '', '', 'midlands'),
    r('E40000012', 'Y63', 'North East and Yorkshire', '2022-07-01', '', '', 'north-east-and-yorkshire'),
    r('E40000013', 'Y61', 'East of England', '2024-04-01', '', '', 'east-of-england'),
    r('E40000014', 'Y62', 'North West', '2024-04-01', '', '', 'north-west'),
  ];
}

/** CCG → NHS England region from the ONS lookups of April 2017 (csv/222) and April 2018 (csv/202). */
export function ccgRegionsOns(m: Mirrors): { year: string; ccg: string; region: string }[] {
  const out: { year: string; ccg: string; region: string }[] = [];
  for (const [year, file] of [
    ['2017-04-01', 'csv/222.csv'],
    ['2018-04-01', 'csv/202.csv'],
  ] as const) {
    for (const r of csvRows(gitShow(m, ONS_LOOKUPS, file))) {
      out.push({ year, ccg: column(r, /^CCG\d\dCD$/), region: column(r, /^NHSER\d\dCD$/) });
    }
  }
  return out;
}

/** ICB (ONS code, and ODS code) → NHS England region (ODS code) in 2022, from rcpch's seed constants. */
export function icbRegions2022(m: Mirrors): Map<string, string> {
  const text = gitShow(m, RCPCH, 'rcpch_nhs_organisations/hospitals/constants/integrated_care_boards.py');
  const out = new Map<string, string>();
  const pattern =
    /"NHS England Region Code": "(Y\d\d)",\s*"ODS ICB Code": "(\w+)",\s*"ONS ICB Boundary Code": "(E54\d{6})"/g;
  for (const match of text.matchAll(pattern)) {
    out.set(match[3] as string, match[1] as string);
    out.set(match[2] as string, match[1] as string);
  }
  return out;
}

/** The ODS-verified successions of 1 April 2026 (rcpch icb-history.md): predecessor → successors. */
export const ICB_SUCCESSIONS_2026: Record<string, string[]> = {
  QHG: ['S1Y5D'],
  QUE: ['S1Y5D'],
  QM7: ['S1Y5D', 'D7T5G'],
  QH8: ['D7T5G'],
  QJG: ['D7T5G', 'T6Y0W'],
  QMM: ['T6Y0W'],
  QNQ: ['S0E4D', 'S9B9J', 'QRL'],
  QU9: ['S0E4D'],
  QXU: ['S9B9J'],
  QNX: ['S9B9J'],
  QMJ: ['Z9B2Z'],
  QRV: ['Z9B2Z'],
};

export const NEW_ICBS_2026: Record<string, string> = {
  S1Y5D: 'NHS Central East Integrated Care Board',
  D7T5G: 'NHS Essex Integrated Care Board',
  T6Y0W: 'NHS Norfolk and Suffolk Integrated Care Board',
  S9B9J: 'NHS Surrey and Sussex Integrated Care Board',
  S0E4D: 'NHS Thames Valley Integrated Care Board',
  Z9B2Z: 'NHS West and North London Integrated Care Board',
};

export const CCG_DATES = [...CCG_VINTAGES.map((v) => v.date), '2021-04-01'];

const NATIONS = new Set(['Scotland', 'Wales', 'Northern Ireland']);

/**
 * Councils in Scotland, Wales and Northern Ireland now, with the names people use, so the reader can say a
 * place is outside England. A name an English council also goes by (`english`) is left out: it reads as the
 * English place.
 */
export function outsideEngland(m: Mirrors, english: Set<string>) {
  const all = csvRows(
    gitShow(m, MYSOCIETY, 'data/packages/uk_la_past_current/uk_local_authorities_current.csv'),
  );
  const names = altNames(m);
  const seen = new Set<string>();
  const key = (n: string) => n.trim().toLowerCase();
  return all
    .filter((r) => NATIONS.has(r.nation ?? '') && !r['end-date'] && r['gss-code'])
    .filter((r) => !seen.has(r['gss-code'] ?? '') && seen.add(r['gss-code'] ?? ''))
    .map((r) => {
      const name = r['nice-name'] ?? '';
      const official = r['official-name'] ?? '';
      const alt = [
        ...(r['alt-names'] ?? '').split(','),
        ...(names.get(r['local-authority-code'] ?? '') ?? []),
      ];
      return {
        code: r['gss-code'] ?? '',
        name,
        officialName: official,
        nation: r.nation ?? '',
        altNames: distinctNames(
          alt.filter((n) => !english.has(key(n))),
          [name, official],
        ),
      };
    })
    .filter((r) => !english.has(key(r.name)))
    .sort((a, b) => a.code.localeCompare(b.code));
}
