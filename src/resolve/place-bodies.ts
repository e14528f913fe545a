import type { KnowledgeBase } from '../knowledge/model.js';
import { CCGS_FROM, CCGS_TO, ICBS_FROM, type Place, type PlaceKind, type Share } from '../places/places.js';
import { addDays, longDate } from './format.js';

/**
 * Which body of a kind a place had on a date, from the place tables: the facts an answer about local
 * bodies is made of (src/resolve/place-questions.ts turns them into an Answer).
 */
export const KIND_WORD: Record<PlaceKind | 'pct' | 'local-nhs', string> = {
  pct: 'PCT',
  'local-nhs': 'local NHS body',
  council: 'council',
  ccg: 'CCG',
  'sub-icb': 'sub-ICB location',
  icb: 'ICB',
  region: 'NHS England region',
};

/** A body named in an answer: a place from the tables, or a kind the tables do not list (PCT, SHA). */
export interface Named {
  kind: PlaceKind | 'pct' | 'sha';
  name: string;
  /** How it stands in the answer ("the ICB for Leeds", "from 1 July 2022"). */
  role: string;
}

/** What an answer about local bodies says, before it becomes an Answer. */
export interface Built {
  status: 'answered' | 'unknown';
  lines: string[];
  bodies: Named[];
  /** The place tables the facts came from (their manifest sources are the answer's sources). */
  files: string[];
  look?: string;
}

/** "Leeds's", but "Tower Hamlets'". */
const own = (name: string) => (name.endsWith('s') ? `${name}'` : `${name}'s`);

const plural = (word: string, n: number) => (n > 1 ? `${word}s` : word);

export const label = (p: Place) => (p.kind === 'council' ? (p.official ?? p.name) : p.name);
const percent = (s: Share) =>
  s.share === undefined || s.share > 0.995 ? '' : ` (${Math.round(s.share * 100)}%)`;
export const listed = (names: string[]) =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
export const sharesText = (list: Share[]) => listed(list.map((s) => `${label(s.place)}${percent(s)}`));

const named = (s: Share, role: string): Named => ({ kind: s.place.kind, name: label(s.place), role });

/** Before 1 April 2013: a PCT, which the tables do not list. */
export function pctEra(kb: KnowledgeBase, where: string, date: string): Built {
  const pct = kb.bodies.get('pct')?.name ?? 'Primary care trust (PCT)';
  return {
    status: 'answered',
    lines: [
      `On ${longDate(date)}, before CCGs and ICBs, the local NHS body for ${where} was a primary care trust (PCT). The place tables start on 1 April 2013, so they do not name PCTs: NHS Digital's ODS archive lists them.`,
    ],
    bodies: [{ kind: 'pct', name: pct, role: `the local NHS body before 1 April 2013` }],
    files: [],
  };
}

/** The CCGs of 2013 to 2015, a gap the manifest names: said plainly, with where the tables begin. */
export function ccgGap(kb: KnowledgeBase, where: string, date: string, firstKnown: Share[]): Built {
  const from = kb.places.coverage('council-ccgs.csv').from;
  const then = firstKnown.length
    ? ` On ${longDate(from)}, when they begin, ${where} had ${sharesText(firstKnown)}; most CCGs were set up on ${longDate(CCGS_FROM)}, but the tables cannot confirm it for ${longDate(date)}.`
    : '';
  return {
    status: 'unknown',
    lines: [
      `The place tables do not list CCGs between ${longDate(CCGS_FROM)} and ${longDate(addDays(from, -1))} (no open lookup for those years was found), so I cannot name ${own(where)} CCG on ${longDate(date)} from them.${then}`,
    ],
    bodies: [],
    files: ['ccgs.csv', 'council-ccgs.csv'],
    look: "NHS Digital's Organisation Data Service (ODS) lists every CCG with its dates.",
  };
}

/** A council area's bodies of one kind on a date (CCG era): CCGs and their region, or ICBs not yet set up. */
function councilCcgEra(kb: KnowledgeBase, council: Place, kind: PlaceKind, date: string): Built {
  const where = council.name;
  const local = kb.places.local(council.code, date);
  if (local.era !== 'ccg') return pctEra(kb, where, date);
  if (local.beforeTable) return ccgGap(kb, where, date, local.ccgs ?? []);
  const ccgs = local.ccgs ?? [];
  const files = ['council-ccgs.csv', 'ccgs.csv'];
  if (kind === 'region')
    return {
      status: 'answered',
      lines: [`${own(where)} NHS England region on ${longDate(date)}: ${listed(local.region.map(label))}.`],
      bodies: local.region.map((r) => ({
        kind: 'region',
        name: r.name,
        role: `the NHS England region for ${where}`,
      })),
      files: [...files, 'ccg-regions.csv', 'regions.csv'],
    };
  const lines = [`${own(where)} ${plural('CCG', ccgs.length)} on ${longDate(date)}: ${sharesText(ccgs)}.`];
  if (kind === 'icb' || kind === 'sub-icb') {
    const later = kb.places.local(council.code, ICBS_FROM);
    const icbs = later.era === 'icb' ? sharesText(later.icbs ?? []) : '';
    lines.unshift(`There were no ICBs on ${longDate(date)}: they took over from CCGs on 1 July 2022.`);
    if (icbs) lines.push(`From 1 July 2022 its ICB was ${icbs}.`);
    files.push('council-sub-icbs.csv', 'icbs.csv');
  }
  if (ccgs.length > 1) lines.push(splitNote(where, 'CCGs', ccgs.length));
  return { status: 'answered', lines, bodies: ccgs.map((s) => named(s, `the CCG for ${where}`)), files };
}

export const splitNote = (where: string, kinds: string, n: number) =>
  `${where} is split between ${n} ${kinds} (shares by the area's neighbourhoods, a stand-in for population): give a postcode or GP practice to be sure which.`;

/** A council area's bodies of one kind on a date (ICB era): ICB, sub-ICB locations, region, or the CCGs before. */
function councilIcbEra(kb: KnowledgeBase, council: Place, kind: PlaceKind, date: string): Built {
  const where = council.name;
  const local = kb.places.local(council.code, date);
  if (local.era !== 'icb') return pctEra(kb, where, date);
  const icbs = local.icbs ?? [];
  const files = ['council-sub-icbs.csv', 'sub-icbs.csv', 'icbs.csv'];
  const lines: string[] = [];
  let bodies = icbs.map((s) => named(s, `the ICB for ${where}`));
  // Successors of an ICB split in April 2026 with no lookup to say which holds the area: candidates, not an
  // answer (naming each as the area's ICB would be wrong for all but one).
  const unsettled = kind !== 'region' && icbs.length > 1 && icbs.some((s) => s.share === undefined);
  // Sub-ICB locations still in being run on past the table (their ICB was not merged in April 2026).
  const subs = (local.subIcbLocations ?? []).filter((s) => !s.place.validTo || date <= s.place.validTo);
  if (kind === 'sub-icb' && subs.length && subs.length === local.subIcbLocations?.length) {
    lines.push(
      `${own(where)} ${plural('sub-ICB location', subs.length)} on ${longDate(date)}: ${sharesText(subs)}, in ${sharesText(icbs)}.`,
    );
    bodies = subs.map((s) => named(s, `the sub-ICB location for ${where}`));
  } else if (kind === 'region') {
    lines.push(
      `${own(where)} NHS England region on ${longDate(date)}: ${listed(local.region.map(label))} (through ${sharesText(icbs)}).`,
    );
    bodies = local.region.map((r) => ({
      kind: 'region',
      name: r.name,
      role: `the NHS England region for ${where}`,
    }));
    files.push('regions.csv');
  } else {
    if (kind === 'ccg') lines.push(ccgsEnded(kb, council));
    if (kind === 'sub-icb')
      lines.push(
        `The tables hold no sub-ICB locations after 31 March 2026 for the ICBs set up on 1 April 2026.`,
      );
    lines.push(
      unsettled
        ? `${own(where)} ICB on ${longDate(date)} is one of ${sharesText(icbs)}.`
        : `${own(where)} ${plural('ICB', icbs.length)} on ${longDate(date)}: ${sharesText(icbs)}.`,
    );
  }
  const changed = local.lastKnown?.some((s) => !icbs.some((i) => i.place.code === s.place.code));
  if (local.beyondTable && changed) lines.push(beyondNote(kb, local.lastKnown ?? []));
  if (icbs.length > 1 && kind !== 'region')
    lines.push(
      icbs.some((s) => s.share === undefined)
        ? `The tables have no council-level lookup after the split of 1 April 2026, so they cannot say which of these ${where} is in: a GP practice's record in ODS says which.`
        : splitNote(where, 'ICBs', icbs.length),
    );
  return unsettled
    ? { status: 'unknown', lines, bodies: [], files, look: ODS_LOOK }
    : { status: 'answered', lines, bodies, files };
}

const ODS_LOOK =
  "NHS Digital's Organisation Data Service (ODS) lists each GP practice's current ICB: search for the practice at https://odsportal.digital.nhs.uk/.";

function ccgsEnded(kb: KnowledgeBase, council: Place): string {
  const last = kb.places.local(council.code, CCGS_TO);
  const ccgs = last.era === 'ccg' ? sharesText(last.ccgs ?? []) : '';
  return `CCGs were abolished on 30 June 2022 and ICBs took over on 1 July 2022.${ccgs ? ` ${own(council.name)} last CCG was ${ccgs}.` : ''}`;
}

function beyondNote(kb: KnowledgeBase, lastKnown: Share[]): string {
  const to = kb.places.coverage('council-sub-icbs.csv').to ?? kb.places.tableDate;
  return `The council-level lookup ends on ${longDate(to)}, when the ICB was ${sharesText(lastKnown)}; the ICBs named after it are its successors by the ICB changes of 1 April 2026.`;
}

/** Which council serves a council area: the county and the district where it is two-tier. */
function councilItself(kb: KnowledgeBase, council: Place, date: string): Built {
  const at = kb.places.get(council.code, { kind: 'council', date }) ?? council;
  const upper = at.parent ? kb.places.get(at.parent, { kind: 'council', date }) : undefined;
  const bodies: Named[] = [{ kind: 'council', name: label(at), role: `the council for ${at.name}` }];
  const lines = [
    `The council for ${at.name} on ${longDate(date)}: ${label(at)} (${(at.type ?? 'council').replaceAll('-', ' ')}).`,
  ];
  if (upper) {
    bodies.unshift({ kind: 'council', name: label(upper), role: `the county council over ${at.name}` });
    lines.push(
      `It is a district in ${upper.name}: ${label(upper)} holds county services such as public health.`,
    );
  }
  if (at.validTo && at.validTo < date) lines.push(`It was abolished on ${longDate(at.validTo)}.`);
  return { status: 'answered', lines, bodies, files: ['councils.csv'] };
}

/** A council area's body of the kind asked on a date. */
export function councilBodies(kb: KnowledgeBase, council: Place, kind: PlaceKind, date: string): Built {
  // A council abolished by then (Harrogate in 2023) is answered for its own area on its last day.
  if (council.validTo && council.validTo < date && (date >= CCGS_FROM || kind === 'council'))
    return abolished(kb, council, kind, date, council.validTo);
  if (kind === 'council') return councilItself(kb, council, date);
  if (date < CCGS_FROM)
    return kind === 'region' ? beforeRegions(council.name, date) : pctEra(kb, council.name, date);
  return date < ICBS_FROM ? councilCcgEra(kb, council, kind, date) : councilIcbEra(kb, council, kind, date);
}

/**
 * An abolished council: which council took its area, or its area's NHS bodies on its last day (the tables
 * pass a district's later rows to the unitary council that took it over), and what those became since.
 */
function abolished(kb: KnowledgeBase, council: Place, kind: PlaceKind, date: string, last: string): Built {
  const next = kb.places.successors(council.code).filter((p) => p.kind === 'council');
  const ended = `${label(council)} was abolished on ${longDate(last)}; ${listed(next.map(label))} took over its area.`;
  const then = kind === 'council' ? undefined : councilBodies(kb, council, kind, last);
  const parts = then ? [then] : next.map((p) => councilBodies(kb, p, kind, date));
  const gone = (then?.bodies ?? []).flatMap((b) => {
    const p = kb.places.find(b.name).find((f) => f.kind === b.kind);
    return p?.validTo && p.validTo < date ? [p] : [];
  });
  const since = gone.map((p) => {
    const after = kb.places.successors(p.code).map(label);
    return `${label(p)} ended on ${longDate(p.validTo as string)}${after.length ? `; it was followed by ${listed(after)}` : ''}.`;
  });
  return {
    status: parts.length && parts.every((b) => b.status === 'answered') ? 'answered' : 'unknown',
    lines: [ended, ...parts.flatMap((b) => b.lines), ...since],
    bodies: [...new Map(parts.flatMap((b) => b.bodies).map((b) => [b.name, b])).values()],
    files: [...new Set(['councils.csv', ...parts.flatMap((b) => b.files)])],
  };
}

/** Before 1 April 2013 there were no NHS England regions: strategic health authorities (SHAs). */
export function beforeRegions(where: string, date: string): Built {
  return {
    status: 'answered',
    lines: [
      `On ${longDate(date)} there were no NHS England regions: they began on 1 April 2013. Before then the regional NHS body for ${where} was a strategic health authority (SHA), which the place tables do not list.`,
    ],
    bodies: [
      {
        kind: 'sha',
        name: 'Strategic health authority (SHA)',
        role: 'the regional NHS body before 1 April 2013',
      },
    ],
    files: ['regions.csv'],
  };
}
