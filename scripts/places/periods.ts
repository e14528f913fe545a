/** Date and period helpers for building the place tables from dated vintages. */
import type { LsoaRow } from './sources.js';

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface Span {
  validFrom: string;
  validTo: string;
}

/** A dated vintage of an LSOA lookup, holding from `date` to `to`. */
export interface Vintage extends Span {
  rows: LsoaRow[];
}

/** How many LSOAs each (council, area) pair shares in one vintage, with the council's total. */
export function shares(rows: LsoaRow[]): { council: string; area: string; lsoas: number; total: number }[] {
  const pair = new Map<string, number>();
  const total = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.lad}|${r.area}`;
    pair.set(key, (pair.get(key) ?? 0) + 1);
    total.set(r.lad, (total.get(r.lad) ?? 0) + 1);
  }
  return [...pair].map(([key, lsoas]) => {
    const [council = '', area = ''] = key.split('|');
    return { council, area, lsoas, total: total.get(council) ?? lsoas };
  });
}

export interface Link extends Span {
  council: string;
  area: string;
  lsoas: number;
  share: string;
}

/** Council ↔ area links across vintages; a link unchanged from one vintage to the next is one row. */
export function linksAcross(vintages: Vintage[]): Link[] {
  const open = new Map<string, Link>();
  const done: Link[] = [];
  for (const v of vintages) {
    const seen = new Set<string>();
    for (const s of shares(v.rows)) {
      const key = `${s.council}|${s.area}|${s.lsoas}|${s.total}`;
      seen.add(key);
      const prev = open.get(key);
      if (prev && addDays(prev.validTo, 1) === v.validFrom) prev.validTo = v.validTo;
      else {
        if (prev) done.push(prev);
        const share = (s.lsoas / s.total).toFixed(3);
        open.set(key, { council: s.council, area: s.area, lsoas: s.lsoas, share, ...span(v) });
      }
    }
    for (const [key, link] of open) {
      if (!seen.has(key) && link.validTo < v.validFrom) {
        done.push(link);
        open.delete(key);
      }
    }
  }
  return [...done, ...open.values()].sort(
    (a, b) =>
      a.council.localeCompare(b.council) ||
      a.validFrom.localeCompare(b.validFrom) ||
      a.area.localeCompare(b.area),
  );
}

const span = (s: Span): Span => ({ validFrom: s.validFrom, validTo: s.validTo });

/** Every area code with the first and last vintage it appears in, its latest name and ODS code. */
export function areasAcross(vintages: Vintage[]) {
  const areas = new Map<
    string,
    { name: string; ods: string; first: number; last: number; parent?: string }
  >();
  vintages.forEach((v, i) => {
    for (const r of v.rows) {
      const a = areas.get(r.area);
      if (!a) areas.set(r.area, { name: r.areaName, ods: r.areaOds, first: i, last: i, parent: r.parent });
      else {
        if (a.last !== i && a.last !== i - 1)
          throw new Error(`${r.area} disappears and comes back in vintage ${v.validFrom}`);
        a.last = i;
        a.name = r.areaName;
        a.ods = r.areaOds || a.ods;
        a.parent = r.parent ?? a.parent;
      }
    }
  });
  return areas;
}

/** The areas of `to` that the LSOAs of `area` in `from` fall in (its successors by territory). */
export function successorsByLsoa(
  area: string,
  from: LsoaRow[],
  to: LsoaRow[],
  pick: (r: LsoaRow) => string,
): string[] {
  const next = new Map(to.map((r) => [r.lsoa, pick(r)]));
  const out = new Set<string>();
  for (const r of from) if (r.area === area && next.has(r.lsoa)) out.add(next.get(r.lsoa) as string);
  return [...out].sort();
}
