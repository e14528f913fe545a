import type { KnowledgeBase } from '../knowledge/model.js';
import type { Place, Share } from '../places/places.js';
import { longDate } from './format.js';
import { perKnowledge, prefixAlternation } from './memo.js';
import { normalise } from './normalise.js';
import type { PlaceRead } from './place.js';
import { districtNames } from './place-postcode.js';

/** The named bodies for the kinds of holder the place tables know, and what the answer must add. */
export interface LocalNames {
  /** holder body id (local-authority, ccg, icb) → the body's own name, with shares where split. */
  names: Map<string, string>;
  notes: string[];
  /** What the tables say of a body they cannot name ("one of …"): said even where no body is named. */
  unnamed?: string[];
}

const percent = (share: number | undefined) => (share === undefined ? '' : ` (${Math.round(share * 100)}%)`);

function sharesText(list: Share[] | undefined): string | undefined {
  if (!list?.length) return undefined;
  if (list.length === 1) return (list[0] as Share).place.name;
  return list.map((s) => `${s.place.name}${percent(s.share)}`).join(', ');
}

/** The council that holds council services: a district's county ("Harrogate" → North Yorkshire then). */
function upperTier(kb: KnowledgeBase, council: Place, date: string): Place {
  if (!council.parent || council.type === 'unitary') return council;
  return kb.places.get(council.parent, { kind: 'council', date }) ?? council;
}

/** A council's name at a date; one abolished by then (Cumbria in 2023) is named by the councils that took over. */
function councilName(kb: KnowledgeBase, council: Place, asOf: string, notes: string[]): string {
  const name = council.official ?? council.name;
  if (!council.validTo || asOf <= council.validTo) return name;
  const next = kb.places.successors(council.code).filter((p) => p.kind === 'council');
  if (next.length === 0) return name;
  const names = next.map((p) => p.official ?? p.name);
  notes.push(
    `${name} was abolished on ${longDate(council.validTo)}; ${names.join(' and ')} took over its area.`,
  );
  return names.join(', ');
}

function councilNames(kb: KnowledgeBase, code: string, asOf: string): LocalNames {
  const local = kb.places.local(code, asOf);
  const names = new Map<string, string>();
  const notes: string[] = [];
  if (local.council)
    names.set('local-authority', councilName(kb, upperTier(kb, local.council, asOf), asOf, notes));
  if (local.era === 'pct') {
    notes.push(
      `Before 1 April 2013 the local NHS body was a primary care trust (PCT); the place tables start in 2013, so it is not named here.`,
    );
    return { names, notes };
  }
  const nhs = local.era === 'ccg' ? local.ccgs : local.icbs;
  const nhsText = sharesText(nhs);
  const where = local.council.official ?? local.council.name;
  // Successors of an ICB split in April 2026, with no lookup to say which holds the area: not named as its ICB.
  const unsettled = (nhs?.length ?? 0) > 1 && nhs?.some((s) => s.share === undefined);
  if (nhsText && !unsettled) names.set(local.era, nhsText);
  const unnamed: string[] = [];
  if (unsettled)
    unnamed.push(
      `The ICB for ${where} is ${nhs?.map((n) => n.place.name).join(' or ')}, the successors of its ICB split on 1 April 2026: the place tables have no council-level lookup after the split, so they cannot say which (a GP practice's record in ODS says).`,
    );
  else if ((nhs?.length ?? 0) > 1)
    notes.push(
      `${where} is split between ${nhs?.length} ${local.era === 'ccg' ? 'CCGs' : 'ICBs'}: give a postcode or GP practice to be sure which.`,
    );
  if (local.beyondTable) notes.push(`(Named as of the table of ${longDate(local.asOf)}.)`);
  return { names, notes: [...unnamed, ...notes], unnamed };
}

/** The local bodies a place names at a date: a council's, or a named CCG or ICB itself while it existed. */
export function localNames(kb: KnowledgeBase, place: PlaceRead | undefined, asOf: string): LocalNames {
  const none = { names: new Map<string, string>(), notes: [] };
  if (!place) return none;
  try {
    // A postcode names the council its district lay in on that date (or each, where it is split).
    if (place.postcode) return districtNames(kb, place.postcode, asOf, (c) => councilNames(kb, c, asOf));
    if (place.kind === 'council') return councilNames(kb, place.code, asOf);
    const body = place.kind === 'sub-icb' ? undefined : place.kind;
    const held = body && kb.places.get(place.code, { kind: place.kind, date: asOf });
    return held ? { names: new Map([[body, held.name]]), notes: [] } : none;
  } catch {
    // A place the tables cannot place at this date: the answer stays general rather than wrong.
    return none;
  }
}

const bodyNameAsks = perKnowledge((kb) => {
  const w = kb.reading.placeBodyName;
  const before = w.before.length ? `(?:(?:${prefixAlternation(w.before.map(normalise))})\\s+)?` : '';
  return new RegExp(
    `(?<![\\p{L}\\p{N}])${before}(?:${prefixAlternation(w.asks.map(normalise))})(?![\\p{L}\\p{N}])`,
    'gu',
  );
});

/**
 * The (normalised) text without the words that ask for the name of the body that answers ("and what's the
 * exact name of the body?"): with a place named, the answer names the place's own body, so they are no
 * second thing asked (and never NHS England's legal name).
 */
export function withoutBodyName(kb: KnowledgeBase, text: string): string {
  return text.replace(bodyNameAsks(kb), ' ');
}

/** A list of two or more bodies offered as the answer ("the district, the county or the NHS?"). */
const offeredRun = perKnowledge((kb) => {
  const body = `(?:the\\s+)?(?:${prefixAlternation(kb.reading.offeredBodies.map(normalise))})`;
  return new RegExp(
    `(?<![\\p{L}\\p{N}])${body}(?:\\s*(?:,\\s*or|,|or|\\/)\\s*${body}){1,}(?![\\p{L}\\p{N}])`,
    'gu',
  );
});

/**
 * The (normalised) text without a list of bodies offered as the answer ("… the district, the county or the
 * NHS?"): they say who might hold it, never what the service is ("district" is no district nursing there).
 */
export function withoutOfferedBodies(kb: KnowledgeBase, text: string): string {
  return kb.reading.offeredBodies.length ? text.replace(offeredRun(kb), ' ') : text;
}
