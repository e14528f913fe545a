/**
 * knowledge/places/postcode-districts.csv: which council each postcode district (outward code: LS6, SW1A,
 * TR18) lies in, by date. Built by build.ts from the postal-district to local-authority list the NHS COVID-19
 * app shipped (MIT, Crown copyright; the councils' ONS codes as of January 2021), with councils reorganised
 * since then followed through councils.csv successors (Northamptonshire 2021; Cumbria, North Yorkshire and
 * Somerset 2023).
 *
 * The source lists every council that holds any postcode of a district, not how many: a district is settled
 * (share 1) only where it lies wholly in one council; elsewhere each council is listed with its share left
 * empty, and the answer asks for a GP practice. Districts wholly outside England are left out.
 */
import { addDays } from './periods.js';
import { gitShow, type Mirrors } from './sources.js';

export const COVID_APP = 'ukhsa-collaboration/covid-19-app-android-ag-public';
export const COVID_APP_PATH = 'app/src/main/assets/localAuthorities.json';
/** The date of the app's last change to the list (commit dc51f569, "Changes for 2021-01-19"). */
export const POSTCODES_DATE = '2021-01-19';

interface CouncilLite {
  code: string;
  validFrom: string;
  validTo: string;
  successors: string;
}

export type DistrictRow = {
  outward: string;
  council: string;
  share: string;
  validFrom: string;
  validTo: string;
};

/** The council holding a council area's land on a day: itself while it exists, else its one successor's. */
function holderOn(code: string, day: string, byCode: Map<string, CouncilLite>): string | undefined {
  let c = byCode.get(code);
  for (let n = 0; c?.validTo && day > c.validTo && n < 5; n++) {
    const next = c.successors.split('|').filter(Boolean);
    // A council split between several successors cannot say which one a district went to.
    if (next.length !== 1) return undefined;
    c = byCode.get(next[0] as string);
  }
  return c?.code;
}

/** The days a district's councils change after the source's date: each abolition's next day. */
function changeDays(codes: string[], byCode: Map<string, CouncilLite>): string[] {
  const days = new Set<string>();
  for (const code of codes) {
    let c = byCode.get(code);
    for (let n = 0; c?.validTo && n < 5; n++) {
      if (c.validTo >= POSTCODES_DATE) days.add(addDays(c.validTo, 1));
      c = byCode.get(c.successors.split('|')[0] ?? '');
    }
  }
  return [...days].sort();
}

/** One district's rows: for each period between council changes, the councils holding it then. */
function districtRows(
  outward: string,
  codes: string[],
  byCode: Map<string, CouncilLite>,
  outside: Set<string>,
): DistrictRow[] {
  const days = changeDays(codes, byCode);
  const starts = ['', ...days];
  const periods: DistrictRow[][] = starts.map((start, i) => {
    const on = start || POSTCODES_DATE;
    const end = i + 1 < starts.length ? addDays(starts[i + 1] as string, -1) : '';
    const held = new Set(codes.map((c) => (outside.has(c) ? c : holderOn(c, on, byCode))));
    if (held.has(undefined)) return [];
    const share = held.size === 1 ? '1' : '';
    return [...held].map((council) => {
      const own = byCode.get(council as string)?.validFrom ?? '';
      return {
        outward,
        council: council as string,
        share,
        validFrom: own > start ? own : start,
        validTo: end,
      };
    });
  });
  return mergePeriods(periods.flat());
}

/** Consecutive periods with the same council and share are one row. */
function mergePeriods(rows: DistrictRow[]): DistrictRow[] {
  const out: DistrictRow[] = [];
  for (const r of rows) {
    const prev = out.find(
      (o) =>
        o.council === r.council && o.share === r.share && o.validTo && addDays(o.validTo, 1) === r.validFrom,
    );
    if (prev) prev.validTo = r.validTo;
    else out.push({ ...r });
  }
  return out;
}

const byOutward = (a: DistrictRow, b: DistrictRow) =>
  a.outward.localeCompare(b.outward, 'en', { numeric: true }) ||
  a.validFrom.localeCompare(b.validFrom) ||
  a.council.localeCompare(b.council);

/**
 * The table's rows, and what was left out: districts naming a council code neither councils.csv nor
 * outside-england.csv knows (reported, never guessed).
 */
export function postcodeDistricts(
  m: Mirrors,
  councils: CouncilLite[],
  outsideCodes: string[],
): { rows: DistrictRow[]; unknown: string[] } {
  const source = JSON.parse(gitShow(m, COVID_APP, COVID_APP_PATH)) as {
    postcodes: Record<string, string[]>;
  };
  const byCode = new Map(councils.map((c) => [c.code, c]));
  const outside = new Set(outsideCodes);
  const rows: DistrictRow[] = [];
  const unknown: string[] = [];
  for (const [outward, codes] of Object.entries(source.postcodes)) {
    if (!codes.some((c) => c.startsWith('E'))) continue;
    const missing = codes.filter((c) => !byCode.has(c) && !outside.has(c));
    if (missing.length) {
      unknown.push(`${outward}: ${missing.join(', ')}`);
      continue;
    }
    rows.push(...districtRows(outward, [...new Set(codes)], byCode, outside));
  }
  return { rows: rows.sort(byOutward), unknown };
}
