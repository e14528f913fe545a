import type { PlaceTables } from '../knowledge/places.js';

/**
 * The place tables as the reader and the answer need them: every name people use for a council, CCG,
 * sub-ICB location, ICB or NHS England region, with its kind and code; and for a council area and a date,
 * the local NHS bodies then. Indexes are built on first use, so loading the knowledge stays cheap.
 */
export type PlaceKind = 'council' | 'ccg' | 'sub-icb' | 'icb' | 'region';

export interface Place {
  kind: PlaceKind;
  /** The key in its table: the ONS (GSS) code, or the ODS code where there is no ONS one (the 2026 ICBs). */
  code: string;
  ods?: string;
  name: string;
  validFrom?: string;
  validTo?: string;
  successors: string[];
  /** A district's county; a sub-ICB location's ICB; an ICB's region (ODS code). */
  parent?: string;
  /** For a council: county, district, unitary, metropolitan-district, london-borough, … */
  type?: string;
  /** For a council: its name as a body ("Leeds City Council"). */
  official?: string;
}

export interface PlaceName {
  /** As written in the tables. */
  name: string;
  /** Lower case, "&" as "and", punctuation as spaces: what find() compares. */
  normalised: string;
  kind: PlaceKind;
  code: string;
  /** A town's name (towns.csv), read as its council's: no council's or other place's own name. */
  town?: true;
  /** A suburb's name (towns.csv type "suburban area"): read as written only, never through a slip. */
  suburb?: true;
}

/** A council in Scotland, Wales or Northern Ireland, or a town there, by one of its names: outside England. */
export interface OutsideName {
  normalised: string;
  /** Its name as people use it ("Aberdeen City", "Dumfries"). */
  name: string;
  nation: string;
  /** A town's name (outside-towns.csv), not a council's. */
  town?: true;
}

export interface Share {
  place: Place;
  /** Share of the council area's LSOAs (a stand-in for population); undefined where it is not known. */
  share?: number;
  /** How it was reached after the table's end: the ICB that succeeded the one in the table. */
  via?: 'successor';
}

export type Local =
  | { era: 'pct'; council?: Place }
  | {
      era: 'ccg' | 'icb';
      council: Place;
      ccgs?: Share[];
      subIcbLocations?: Share[];
      icbs?: Share[];
      region: Place[];
      /** The date the table was read at (the question's date, or the nearest the table covers). */
      asOf: string;
      /** The question's date is before the table's first date (CCGs before July 2015). */
      beforeTable: boolean;
      /** The question's date is after the table's last date: names the last known bodies and their successors. */
      beyondTable: boolean;
      lastKnown?: Share[];
    };

/** A council a postcode district lies in (postcode-districts.csv): in England, or one outside it. */
export interface DistrictCouncil {
  code: string;
  name: string;
  /** The council in England; absent for one in Wales or Scotland. */
  place?: Place;
  /** Where the council is outside England. */
  nation?: string;
  /** 1 where the district lies wholly in this council; undefined where it is split and the share unknown. */
  share?: number;
}

/** When a body started and ended by the tables; see Places.lifetime. */
export interface Lifetime {
  /** Its newest row. */
  place: Place;
  from?: string | undefined;
  to?: string | undefined;
  /** The start is only where the table begins: the body is older (or the table does not say). */
  firstListed: boolean;
  /** ONS gave it a new code while it stayed the same body. */
  recoded: boolean;
  /** What took over the day after it ended. */
  next: Place[];
}

export const CCGS_FROM = '2013-04-01';
export const CCGS_TO = '2022-06-30';
export const ICBS_FROM = '2022-07-01';

export const normalise = (text: string) =>
  text
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const holds = (p: { validFrom?: string; validTo?: string }, date: string) =>
  (!p.validFrom || p.validFrom <= date) && (!p.validTo || date <= p.validTo);

function toPlaces(t: PlaceTables): Place[] {
  const opt = (s: string) => s || undefined;
  const dates = (r: { validFrom: string; validTo: string }) => ({
    validFrom: opt(r.validFrom),
    validTo: opt(r.validTo),
  });
  return [
    ...t.councils.rows.map((r) => ({
      kind: 'council' as const,
      code: r.code,
      name: r.name,
      ...dates(r),
      successors: r.successors,
      parent: opt(r.upper),
      type: r.type,
      official: opt(r.officialName),
    })),
    ...t.ccgs.rows.map((r) => ({
      kind: 'ccg' as const,
      code: r.code,
      ods: opt(r.ods),
      name: r.name,
      ...dates(r),
      successors: r.successors,
    })),
    ...t.subIcbs.rows.map((r) => ({
      kind: 'sub-icb' as const,
      code: r.code,
      ods: opt(r.ods),
      name: r.name,
      ...dates(r),
      successors: [],
      parent: r.icb,
    })),
    ...t.icbs.rows.map((r) => ({
      kind: 'icb' as const,
      code: r.code,
      ods: opt(r.ods),
      name: r.name,
      ...dates(r),
      successors: r.successors,
      parent: r.region,
    })),
    ...t.regions.rows.map((r) => ({
      kind: 'region' as const,
      code: r.code,
      ods: opt(r.ods),
      name: r.name,
      ...dates(r),
      successors: r.successors,
    })),
  ];
}

/** The names people use for a body besides its full name: "Leeds CCG", "Frimley ICB", "Frimley". */
function shortNames(p: Place): string[] {
  const bare = p.name.replace(/^NHS\s+/i, '');
  if (p.kind === 'ccg')
    return [
      bare,
      bare.replace(/\s+CCG$/i, ''),
      `${bare.replace(/\s+CCG$/i, '')} clinical commissioning group`,
    ];
  if (p.kind === 'icb') {
    const core = bare.replace(/\s+Integrated Care Board$/i, '');
    return [bare, `${core} ICB`, `NHS ${core} ICB`, `${core} integrated care board`, core];
  }
  if (p.kind === 'region') return [`${p.name} region`, `NHS England ${p.name}`];
  return [];
}

export class Places {
  readonly tableDate: string;
  private all?: Place[];
  private byCode?: Map<string, Place[]>;
  private nameList?: PlaceName[];
  private byName?: Map<string, PlaceName[]>;
  private towns?: Map<string, PlaceName>;
  private byOutward?: Map<string, PlaceTables['postcodeDistricts']['rows']>;
  private byOutsideCode?: Map<string, PlaceTables['outside']['rows'][number]>;
  private outsideList?: OutsideName[];

  constructor(private readonly t: PlaceTables) {
    this.tableDate = t.manifest.tableDate;
  }

  private places(): Place[] {
    this.all ??= toPlaces(this.t);
    return this.all;
  }

  private codes(): Map<string, Place[]> {
    if (!this.byCode) {
      this.byCode = new Map();
      for (const p of this.places()) {
        for (const key of new Set([p.code, p.ods].filter(Boolean) as string[])) {
          this.byCode.set(key, [...(this.byCode.get(key) ?? []), p]);
        }
      }
    }
    return this.byCode;
  }

  /** Every name people use for every place, with kind and code (for the reader's span index). */
  names(): readonly PlaceName[] {
    if (!this.nameList) {
      const out = new Map<string, PlaceName>();
      const alt = new Map(this.t.councils.rows.map((r) => [r.code, [r.officialName, ...r.altNames]]));
      for (const p of this.places()) {
        for (const name of [p.name, ...(alt.get(p.code) ?? []), ...shortNames(p)]) {
          const normalised = normalise(name);
          const key = `${normalised}|${p.kind}|${p.code}`;
          if (normalised && !out.has(key)) out.set(key, { name, normalised, kind: p.kind, code: p.code });
        }
      }
      this.nameList = [
        ...out.values(),
        ...this.townNames(new Set([...out.values()].map((n) => n.normalised))),
      ];
    }
    return this.nameList;
  }

  /**
   * Town names (towns.csv) as names of the council each lies in: "Ilkeston" is Erewash. A name some place
   * already has ("Reading", "Harlow", "Bury") stays that place's, one outside England stays outside, and a
   * name the table gives two councils ("Acton": Babergh, Ealing) is not read: it would not say which.
   */
  private townNames(taken: Set<string>): PlaceName[] {
    const outside = new Set(this.outsideCouncilNames().map((n) => n.normalised));
    const byName = new Map<string, { name: string; codes: Set<string>; suburb: boolean }>();
    for (const r of this.t.towns.rows) {
      const normalised = normalise(r.name);
      if (!normalised || taken.has(normalised) || outside.has(normalised)) continue;
      const entry = byName.get(normalised) ?? { name: r.name, codes: new Set<string>(), suburb: true };
      const suburb = entry.suburb && r.type === 'suburban area';
      byName.set(normalised, { ...entry, codes: entry.codes.add(r.council), suburb });
    }
    return [...byName].flatMap(([normalised, { name, codes, suburb }]) =>
      codes.size === 1
        ? [
            {
              name,
              normalised,
              kind: 'council' as const,
              code: [...codes][0] as string,
              town: true as const,
              ...(suburb ? { suburb: true as const } : {}),
            },
          ]
        : [],
    );
  }

  /** The town a name stands for, if it is a town's name read as its council's ("ilkeston" → Ilkeston). */
  town(normalisedName: string): PlaceName | undefined {
    if (!this.towns) {
      this.towns = new Map();
      for (const n of this.names()) if (n.town) this.towns.set(n.normalised, n);
    }
    return this.towns.get(normalisedName);
  }

  /** Every name of a council outside England (outside-england.csv), with its nation. */
  private outsideCouncilNames(): OutsideName[] {
    return this.t.outside.rows.flatMap((r) =>
      [...new Set([r.name, r.officialName, ...r.altNames].map(normalise))]
        .filter(Boolean)
        .map((normalised) => ({ normalised, name: r.name, nation: r.nation })),
    );
  }

  /**
   * Every name of a council outside England and of a town there (outside-towns.csv), with its nation. A
   * town's name that a place in England or a council outside it has, or that lies in two nations, is left
   * out: the English place (or the council) is meant.
   */
  outsideNames(): OutsideName[] {
    if (!this.outsideList) {
      const councils = this.outsideCouncilNames();
      const taken = new Set([...councils, ...this.names()].map((n) => n.normalised));
      const nations = new Map(this.t.outside.rows.map((r) => [r.code, r.nation]));
      const towns = new Map<string, OutsideName | undefined>();
      for (const r of this.t.outsideTowns.rows) {
        const normalised = normalise(r.name);
        const nation = nations.get(r.council);
        if (!normalised || !nation || taken.has(normalised)) continue;
        const seen = towns.get(normalised);
        const town = { normalised, name: r.name, nation, town: true as const };
        towns.set(normalised, towns.has(normalised) && seen?.nation !== nation ? undefined : town);
      }
      this.outsideList = [...councils, ...[...towns.values()].filter((n) => n !== undefined)];
    }
    return this.outsideList;
  }

  /** Places whose name (normalised) or ONS or ODS code is exactly `text`; newest first. */
  find(text: string): Place[] {
    const code = this.codes().get(text.trim().toUpperCase());
    if (code) return [...code].sort(newestFirst);
    if (!this.byName) {
      this.byName = new Map();
      for (const n of this.names())
        this.byName.set(n.normalised, [...(this.byName.get(n.normalised) ?? []), n]);
    }
    const found = this.byName.get(normalise(text)) ?? [];
    const seen = new Set<Place>();
    for (const n of found) for (const p of this.codes().get(n.code) ?? []) if (p.kind === n.kind) seen.add(p);
    return [...seen].sort(newestFirst);
  }

  /** The place with this code (ONS or ODS), at `date` if given, else its newest row. */
  get(code: string, options: { kind?: PlaceKind; date?: string } = {}): Place | undefined {
    const rows = (this.codes().get(code) ?? []).filter((p) => !options.kind || p.kind === options.kind);
    const dated = options.date ? rows.filter((p) => holds(p, options.date as string)) : rows;
    return [...dated].sort(newestFirst)[0];
  }

  /**
   * The councils a postcode district (outward code, "LS6") lies in on a date, or now (its rows without an
   * end) without one: one council with share 1 settles it; [] for a district the table does not hold then.
   */
  district(outward: string, date?: string): DistrictCouncil[] {
    if (!this.byOutward) {
      this.byOutward = new Map();
      for (const r of this.t.postcodeDistricts.rows)
        this.byOutward.set(r.outward, [...(this.byOutward.get(r.outward) ?? []), r]);
    }
    const rows = (this.byOutward.get(outward.toUpperCase()) ?? []).filter((r) =>
      date ? holds(r, date) : !r.validTo,
    );
    const outside = this.outsideByCode();
    return rows.map((r) => {
      const place = this.get(r.council, { kind: 'council', ...(date ? { date } : {}) });
      const o = outside.get(r.council);
      const share = r.share === undefined ? {} : { share: r.share };
      if (place) return { code: r.council, name: place.official ?? place.name, place, ...share };
      return { code: r.council, name: o?.name ?? r.council, ...(o ? { nation: o.nation } : {}), ...share };
    });
  }

  private outsideByCode(): Map<string, PlaceTables['outside']['rows'][number]> {
    this.byOutsideCode ??= new Map(this.t.outside.rows.map((o) => [o.code, o]));
    return this.byOutsideCode;
  }

  /** Every place of a kind that held on `date`. */
  at(kind: PlaceKind, date: string): Place[] {
    return this.places().filter((p) => p.kind === kind && holds(p, date));
  }

  /**
   * The places that took over from this one (the next CCGs, the ICBs, the merged ICB, the new council).
   * A code shared by a CCG and the sub-ICB location it became gives the CCG's successors.
   */
  successors(code: string): Place[] {
    const out = new Map<string, Place>();
    for (const from of this.codes().get(code) ?? []) {
      for (const s of from.successors) {
        const rows = this.codes().get(s) ?? [];
        // The row in being the day after this one ended (QRL existed before it took part of Frimley).
        const next =
          (from.validTo && rows.find((p) => holds(p, dayAfter(from.validTo as string)))) || rows[0];
        if (next) out.set(`${next.kind}|${next.code}`, next);
      }
    }
    return [...out.values()];
  }

  /** The places this one took over from, each once. */
  predecessors(code: string): Place[] {
    const keys = new Set((this.codes().get(code) ?? []).flatMap((p) => [p.code, p.ods]).filter(Boolean));
    const out = new Map<string, Place>();
    for (const p of this.places())
      if (p.successors.some((s) => keys.has(s))) out.set(`${p.kind}|${p.code}`, p);
    return [...out.values()];
  }

  /**
   * Every row of one body: its code's rows, and rows under another ONS code with the same ODS code that
   * follow on (ONS recoded Surrey Heartlands and Sussex ICBs on 1 April 2024: the same boards).
   */
  rowsOf(code: string, kind?: PlaceKind): Place[] {
    const first = this.get(code, kind ? { kind } : {});
    if (!first) return [];
    const same = this.places()
      .filter((p) => p.kind === first.kind && (p.code === first.code || (!!first.ods && p.ods === first.ods)))
      .sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
    // A row that passed its area to others besides the next row under its ODS code was split, not recoded:
    // NHS Cumbria CCG (01H) ended in 2017, split between NHS North Cumbria CCG (01H) and NHS Morecambe Bay CCG.
    const runs: Place[][] = [];
    for (const p of same) {
      const last = runs.at(-1)?.at(-1);
      const follows = !!last && (p.code === last.code || last.successors.every((s) => s === p.code));
      if (follows) runs.at(-1)?.push(p);
      else runs.push([p]);
    }
    return runs.find((run) => run.some((p) => p.code === first.code)) ?? [first];
  }

  /**
   * When a body started and ended by the tables, across ONS recodes; `firstListed` when its start is only
   * the first date the table covers (CCGs listed in July 2015, councils older than April 2013). Give the
   * kind where a code is shared: a CCG and the sub-ICB location it became have the same code.
   */
  lifetime(code: string, kind?: PlaceKind): Lifetime | undefined {
    const rows = this.rowsOf(code, kind);
    const first = rows[0];
    const last = rows.at(-1);
    if (!first || !last) return undefined;
    const tableFrom = first.kind === 'ccg' ? this.covers('ccgs.csv').from : undefined;
    return {
      place: last,
      from: first.validFrom,
      to: last.validTo,
      firstListed: !first.validFrom || first.validFrom === tableFrom,
      recoded: rows.length > 1,
      next: last.validTo ? this.successors(last.code) : [],
    };
  }

  /** The NHS England region a CCG, sub-ICB location or ICB was in on a date (ccg-regions.csv, icbs.csv). */
  regionAt(place: Place, date: string): Place | undefined {
    if (place.kind === 'ccg') {
      const row = this.t.ccgRegions.rows.find((r) => r.ccg === place.code && holds(r, date));
      return row && this.get(row.region, { kind: 'region', date });
    }
    const icb = place.kind === 'sub-icb' && place.parent ? this.get(place.parent, { kind: 'icb' }) : place;
    if (icb?.kind !== 'icb' || !icb.parent) return undefined;
    return this.get(icb.parent, { kind: 'region', date }) ?? this.get(icb.parent, { kind: 'region' });
  }

  /** The council areas (districts and unitaries) a CCG or sub-ICB location covered on a date, with their share of it. */
  councilsIn(code: string, date: string): Share[] {
    const rows = [...this.t.councilCcgs.rows, ...this.t.councilSubIcbs.rows].filter(
      (r) => ('ccg' in r ? r.ccg : r.subIcb) === code && holds(r, date),
    );
    const total = rows.reduce((a, r) => a + r.lsoas, 0);
    return rows
      .flatMap((r) => {
        const place = this.get(r.council, { kind: 'council', date });
        return place ? [{ place, share: r.lsoas / total }] : [];
      })
      .sort((a, b) => (b.share ?? 0) - (a.share ?? 0));
  }

  /** The CCGs (by ccg-regions.csv) or ICBs (by their region's ODS code) in an NHS England region on a date. */
  inRegion(region: Place, kind: 'ccg' | 'icb', date: string): Place[] {
    if (kind === 'icb') return this.at('icb', date).filter((p) => !!region.ods && p.parent === region.ods);
    // The same region under an ONS recode (Midlands E40000008, then E40000011) keeps its ODS code.
    const same = (code: string) =>
      code === region.code || (!!region.ods && this.get(code, { kind: 'region' })?.ods === region.ods);
    const codes = new Set(
      this.t.ccgRegions.rows.filter((r) => holds(r, date) && same(r.region)).map((r) => r.ccg),
    );
    return this.at('ccg', date).filter((p) => codes.has(p.code));
  }

  /** What a table covers (from, to) by its manifest entry. */
  coverage(file: string): { from: string; to?: string | undefined } {
    return this.covers(file);
  }

  /** The sources the manifest names for these tables, each once, as a title and an address. */
  sourcesOf(files: string[]): { title: string; url?: string; date: string }[] {
    const out = new Map<string, { title: string; url?: string; date: string }>();
    for (const file of files)
      for (const s of this.t.manifest.files[file]?.sources ?? []) {
        const title = `${s.repo}: ${s.path}`;
        const url = typeof s.url === 'string' ? s.url : undefined;
        out.set(title, { title, ...(url ? { url } : {}), date: s.sourceDate });
      }
    return [...out.values()];
  }

  /** The local NHS bodies for a council area on a date; see Local. */
  local(councilCode: string, date: string): Local {
    const council =
      this.get(councilCode, { kind: 'council', date }) ?? this.get(councilCode, { kind: 'council' });
    if (date < CCGS_FROM) return { era: 'pct', council };
    if (!council)
      throw new Error(`no council has the code "${councilCode}" in knowledge/places/councils.csv`);
    return date <= CCGS_TO ? this.ccgEra(council, date) : this.icbEra(council, date);
  }

  /** The council itself, or for a county the districts inside it on that date. */
  private areas(council: Place, date: string): string[] {
    if (council.type !== 'county') return [council.code];
    return this.t.councils.rows.filter((r) => r.upper === council.code && holds(r, date)).map((r) => r.code);
  }

  private linked<T extends { council: string; lsoas: number; validFrom: string; validTo: string }>(
    rows: T[],
    area: (r: T) => string,
    council: Place,
    date: string,
  ): Map<string, number> {
    const codes = new Set(this.areas(council, date));
    const out = new Map<string, number>();
    for (const r of rows)
      if (codes.has(r.council) && holds(r, date)) out.set(area(r), (out.get(area(r)) ?? 0) + r.lsoas);
    return out;
  }

  private shares(counts: Map<string, number>, kind: PlaceKind, date: string): Share[] {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const out: Share[] = [];
    for (const [code, n] of counts) {
      const place = this.get(code, { kind, date }) ?? this.get(code, { kind });
      if (place) out.push({ place, share: n / total });
    }
    return out.sort((a, b) => (b.share ?? 0) - (a.share ?? 0));
  }

  private covers(file: string) {
    return this.t.manifest.files[file]?.covers ?? { from: CCGS_FROM, to: undefined };
  }

  private ccgEra(council: Place, date: string): Local {
    const { from } = this.covers('council-ccgs.csv');
    const asOf = date < from ? from : date;
    const ccgs = this.shares(
      this.linked(this.t.councilCcgs.rows, (r) => r.ccg, council, lastDay(council, asOf)),
      'ccg',
      asOf,
    );
    const regionCodes = new Set(
      this.t.ccgRegions.rows
        .filter((r) => holds(r, asOf) && ccgs.some((c) => c.place.code === r.ccg))
        .map((r) => r.region),
    );
    const region = [...regionCodes]
      .map((c) => this.get(c, { kind: 'region', date: asOf }))
      .filter((p): p is Place => !!p);
    return { era: 'ccg', council, ccgs, region, asOf, beforeTable: date < from, beyondTable: false };
  }

  private icbEra(council: Place, date: string): Local {
    const to = this.covers('council-sub-icbs.csv').to ?? date;
    const asOf = date > to ? to : date;
    const subs = this.shares(
      this.linked(this.t.councilSubIcbs.rows, (r) => r.subIcb, council, lastDay(council, asOf)),
      'sub-icb',
      asOf,
    );
    const byIcb = new Map<string, number>();
    for (const s of subs)
      if (s.place.parent) byIcb.set(s.place.parent, (byIcb.get(s.place.parent) ?? 0) + (s.share ?? 0));
    const lastKnown = [...byIcb].map(([code, share]) => ({
      place: this.get(code, { kind: 'icb', date: asOf }) as Place,
      share,
    }));
    const icbs = date > to ? this.forward(lastKnown, date) : lastKnown;
    const region = this.regionsOf(
      icbs.map((s) => s.place),
      date,
    );
    const beyondTable = date > to;
    return {
      era: 'icb',
      council,
      subIcbLocations: subs,
      icbs,
      region,
      asOf,
      beforeTable: false,
      beyondTable,
      ...(beyondTable ? { lastKnown } : {}),
    };
  }

  /** ICBs after the table's end: each one still in being, else its successors (shares unknown if it split). */
  private forward(known: Share[], date: string): Share[] {
    const out = new Map<string, Share>();
    for (const k of known) {
      if (holds(k.place, date)) {
        out.set(k.place.code, k);
        continue;
      }
      const next = this.successors(k.place.code).filter((p) => holds(p, date));
      for (const p of next) {
        const seen = out.get(p.code);
        const share = next.length === 1 ? (seen?.share ?? 0) + (k.share ?? 0) : undefined;
        out.set(p.code, { place: p, via: 'successor', ...(share === undefined ? {} : { share }) });
      }
    }
    return [...out.values()];
  }

  private regionsOf(icbs: Place[], date: string): Place[] {
    const out = new Map<string, Place>();
    for (const i of icbs) {
      const r = i.parent ? this.get(i.parent, { kind: 'region', date }) : undefined;
      if (r) out.set(r.code, r);
    }
    return [...out.values()];
  }
}

/** A council abolished before the date (Cumbria in 2023) is placed by its own area on its last day. */
const lastDay = (council: Place, date: string) =>
  council.validTo && council.validTo < date ? council.validTo : date;

const newestFirst = (a: Place, b: Place) => (b.validFrom ?? '').localeCompare(a.validFrom ?? '');
