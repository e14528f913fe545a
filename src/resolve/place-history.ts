import type { KnowledgeBase } from '../knowledge/model.js';
import { CCGS_TO, type Place, type PlaceKind } from '../places/places.js';
import { addDays, longDate } from './format.js';
import { type Built, label, listed, type Named } from './place-bodies.js';

/**
 * What became of a body and what it came from, by the place tables' dates and successor columns: a CCG
 * merged into another, abolished into an ICB, an ICB merged or split in April 2026, a council replaced.
 */
export interface Step {
  from: Place;
  to: Place[];
  /** The first day of what came next. */
  on: string;
}

const FILES: Record<PlaceKind, string[]> = {
  council: ['councils.csv'],
  ccg: ['ccgs.csv'],
  'sub-icb': ['sub-icbs.csv'],
  icb: ['icbs.csv'],
  region: ['regions.csv'],
};
export const filesFor = (kinds: PlaceKind[]) => [...new Set(kinds.flatMap((k) => FILES[k]))];

/** The successions from a body on, oldest first (at most five steps): a merger, then the ICB, then 2026. */
export function chain(kb: KnowledgeBase, start: Place): Step[] {
  const steps: Step[] = [];
  let current = [start];
  for (let n = 0; n < 5 && current.length; n++) {
    const next: Place[] = [];
    for (const p of current) {
      const life = kb.places.lifetime(p.code, p.kind);
      if (!life?.to || life.next.length === 0 || steps.some((s) => s.from.code === life.place.code)) continue;
      steps.push({ from: life.place, to: life.next, on: addDays(life.to, 1) });
      next.push(...life.next);
    }
    current = next;
  }
  return steps;
}

/** The bodies a body took over from, across ONS recodes (the same board under a new code is not one). */
export function formedFrom(kb: KnowledgeBase, place: Place): Place[] {
  const rows = kb.places.rowsOf(place.code, place.kind);
  const own = new Set(rows.map((p) => p.code));
  const out = new Map<string, Place>();
  for (const r of rows)
    for (const p of kb.places.predecessors(r.code)) if (!own.has(p.code)) out.set(p.code, p);
  return [...out.values()];
}

/** One step in words: "On 1 April 2020, NHS Wiltshire CCG merged with … to form …". */
export function stepText(kb: KnowledgeBase, s: Step): string {
  const from = label(s.from);
  const when = `On ${longDate(s.on)}`;
  if (s.to.length > 1) return `${when}, ${from} was split between ${listed(s.to.map(label))}.`;
  const to = s.to[0] as Place;
  if (to.kind !== s.from.kind) {
    const sub = s.from.kind === 'ccg' ? kb.places.get(s.from.code, { kind: 'sub-icb' }) : undefined;
    const area = sub ? `; its area became the sub-ICB location ${sub.name}` : '';
    const ended = s.from.kind === 'ccg' ? ', when CCGs were abolished' : '';
    return `${when}${ended}, ${from} passed its work to ${label(to)}${area}.`;
  }
  const others = formedFrom(kb, to).filter((p) => p.code !== s.from.code);
  if (others.length === 0) return `${when}, ${from} became ${label(to)}.`;
  const verb = to.validFrom === s.on ? 'to form' : 'in';
  return `${when}, ${from} merged with ${listed(others.map((p) => partOf(kb, p)))} ${verb} ${label(to)}.`;
}

/** A body split between successors gave only part of itself to each: "part of NHS Frimley ICB". */
export const partOf = (kb: KnowledgeBase, p: Place) =>
  `${kb.places.successors(p.code).length > 1 ? 'part of ' : ''}${label(p)}`;

const stillThere = (kb: KnowledgeBase, p: Place) =>
  `${label(p)} has no end date in the place tables (as of ${longDate(kb.places.tableDate)}).`;

/**
 * What a body became: the body (or bodies) that came NEXT, named, then what those became in turn, step by
 * step ("NHS Vale Royal CCG became part of NHS Cheshire CCG, which passed its work to the ICB"). Skipping to
 * the last would name a body the asked one never handed over to.
 */
export function became(kb: KnowledgeBase, place: Place): Built {
  const steps = chain(kb, place);
  const files = filesFor([place.kind, ...steps.flatMap((s) => s.to.map((p) => p.kind))]);
  const next = steps[0];
  if (!next) return { status: 'answered', lines: [stillThere(kb, place)], bodies: [self(place)], files };
  const bodies = next.to.map((p) => ({ kind: p.kind, name: label(p), role: `from ${longDate(next.on)}` }));
  return { status: 'answered', lines: steps.map((s) => stepText(kb, s)), bodies, files };
}

const self = (p: Place): Named => ({ kind: p.kind, name: label(p), role: 'the body asked about' });

/** What a body was formed from, and when. */
export function cameFrom(kb: KnowledgeBase, place: Place): Built {
  const before = formedFrom(kb, place);
  const life = kb.places.lifetime(place.code, place.kind);
  const files = filesFor([place.kind, ...before.map((p) => p.kind)]);
  if (before.length === 0 || !life?.from) {
    const line = life?.firstListed
      ? `The place tables record no body that ${label(place)} took over from; they list it from ${longDate(life.from ?? '2013-04-01')}, where they begin.`
      : `The place tables record no body that ${label(place)} took over from.`;
    return { status: 'answered', lines: [line], bodies: [self(place)], files };
  }
  const kinds = before[0]?.kind === 'ccg' && before.length > 1 ? ` ${before.length} CCGs:` : '';
  return {
    status: 'answered',
    lines: [
      `${label(place)} was set up on ${longDate(life.from)} and took over from${kinds} ${listed(before.map((p) => partOf(kb, p)))}.`,
    ],
    bodies: before.map((p) => ({
      kind: p.kind,
      name: label(p),
      role: `until ${longDate(addDays(life.from as string, -1))}`,
    })),
    files,
  };
}

/** When a body started: its first date, or a plain word that the tables only list it from their start. */
export function startText(kb: KnowledgeBase, place: Place): { line: string; known: boolean } {
  const life = kb.places.lifetime(place.code, place.kind);
  const name = label(place);
  if (!life) return { line: `The place tables have no dates for ${name}.`, known: false };
  if (!life.from)
    return { line: `${name} was in being before 1 April 2013, where the place tables begin.`, known: true };
  if (life.firstListed && place.kind === 'ccg')
    return {
      line: `The place tables list ${name} from ${longDate(life.from)}, the first date they cover: most CCGs were set up on 1 April 2013, but the tables (no open lookup for 2013 to 2015) cannot confirm when this one was.`,
      known: false,
    };
  const recoded = life.recoded ? ' (ONS later gave it a new code; it stayed the same board)' : '';
  return { line: `${name} was set up on ${longDate(life.from)}${recoded}.`, known: true };
}

/** When a body ended and what followed, or that it has not ended. */
export function endText(kb: KnowledgeBase, place: Place): string {
  const life = kb.places.lifetime(place.code, place.kind);
  if (!life?.to) return stillThere(kb, place);
  const steps = chain(kb, place);
  const what = steps[0] ? ` ${stepText(kb, steps[0])}` : '';
  const ccgs =
    place.kind === 'ccg' && life.to === CCGS_TO ? ' (the day before ICBs took over from CCGs)' : '';
  return `${label(place)} ended on ${longDate(life.to)}${ccgs}.${what}`;
}

/**
 * A date before the tables list a body that may well have existed then (a CCG before July 2015, a gap the
 * manifest names): said plainly, not guessed.
 */
export function beforeListed(kb: KnowledgeBase, place: Place, date: string): Built | undefined {
  const life = kb.places.lifetime(place.code, place.kind);
  if (!life?.firstListed || !life.from || date >= life.from) return undefined;
  return {
    status: 'unknown',
    lines: [
      `The place tables list ${label(place)} from ${longDate(life.from)}, where they begin (they have no CCGs before July 2015), so they cannot say this for ${longDate(date)}.`,
    ],
    bodies: [],
    files: filesFor([place.kind]),
  };
}

/** Whether a body still existed on a date, and if not, what took over. */
export function still(kb: KnowledgeBase, place: Place, date: string, kind?: PlaceKind): Built {
  const life = kb.places.lifetime(place.code, place.kind);
  const name = label(place);
  const files = filesFor([place.kind]);
  const asKind =
    kind && kind !== place.kind ? ` It is not a body of the kind asked about: it is ${a(place.kind)}.` : '';
  const early = life && beforeListed(kb, place, date);
  if (early) return early;
  if (life?.from && date < life.from)
    return {
      status: 'answered',
      lines: [`No: on ${longDate(date)} ${name} did not exist yet; it was set up on ${longDate(life.from)}.`],
      bodies: [self(place)],
      files,
    };
  if (!life?.to || date <= life.to) {
    const when = life?.to ? ` It ended on ${longDate(life.to)}.` : '';
    return {
      status: 'answered',
      lines: [`Yes: on ${longDate(date)} ${name} existed.${when}${asKind}`],
      bodies: [self(place)],
      files,
    };
  }
  const steps = chain(kb, place);
  const last = steps.at(-1);
  const bodies = last
    ? last.to.map((p) => ({ kind: p.kind, name: label(p), role: `from ${longDate(last.on)}` }))
    : [];
  return {
    status: 'answered',
    lines: [`No: ${name} ended on ${longDate(life.to)}.`, ...steps.map((s) => stepText(kb, s))],
    bodies,
    files: filesFor([place.kind, ...bodies.map((b) => b.kind as PlaceKind)]),
  };
}

const a = (kind: PlaceKind) =>
  ({
    council: 'a council',
    ccg: 'a CCG',
    'sub-icb': 'a sub-ICB location',
    icb: 'an ICB',
    region: 'an NHS England region',
  })[kind];
