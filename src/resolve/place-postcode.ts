import { isValid, toOutcode, validOutcode } from 'postcode';
import type { KnowledgeBase } from '../knowledge/model.js';
import type { DistrictCouncil, Place } from '../places/places.js';
import { prepare } from './index.js';
import { perKnowledge } from './memo.js';
import { normalise, stem } from './normalise.js';
import type { PlaceRead } from './place.js';
import type { Built } from './place-bodies.js';
import type { LocalNames } from './place-names.js';

/**
 * A postcode in a message as a place: a full postcode ("TR18 4AB") always, an outward code alone ("LS6")
 * only where the words say it is one, as look-alikes abound: roads ("the M62", "A1"), vitamins ("B12"),
 * ODS codes ("02P", "QYG"), years. Either is read by its outward code through postcode-districts.csv, and
 * only when the table holds that district: it then reads as the council it lies in, like the council's name.
 */

// Capitals and digits as a postcode is written; a full one may be run together ("tr184ab").
const FULL = /^([A-Za-z]{1,2}\d[A-Za-z\d]?)[ \t]*(\d[A-Za-z]{2})(?![\p{L}\p{N}])/u;
const OUTWARD = /^([A-Za-z]{1,2}\d[A-Za-z\d]?)(?![\p{L}\p{N}])/u;

const cues = perKnowledge((kb) => ({
  postcode: kb.reading.postcodeWords.map(normalise).filter(Boolean),
  place: new Set(kb.reading.placeCues.map((c) => c.toLowerCase())),
  after: new Set(kb.reading.placeAfter.map((c) => c.toLowerCase())),
}));

/** A word the knowledge or ordinary wording uses ("b12" in a vitamin topic): it needs a postcode word. */
function everyday(word: string, kb: KnowledgeBase): boolean {
  const prepared = prepare(kb);
  return prepared.vocabulary.has(word) || prepared.idf.has(stem(word));
}

/** Whether the words before an outward code say a postcode or a place follows ("postcode LS6", "in LS6"). */
function cuedBefore(kb: KnowledgeBase, before: string): { postcode: boolean; place: boolean } {
  const text = ` ${normalise(before)}`;
  const c = cues(kb);
  // "our postcode is LS6", "postcode: LS6".
  const postcode = c.postcode.some((w) => new RegExp(` ${w}(?: (?:is|was|of))?$`, 'u').test(text));
  const last = text.match(/([\p{L}\p{N}]+)$/u)?.[1] ?? '';
  return { postcode, place: c.place.has(last) };
}

/** Whether the word after an outward code says where ("LS6 here", "TR18 area"). */
function cuedAfter(kb: KnowledgeBase, after: string): boolean {
  const next = after.match(/^\s+([\p{L}\p{N}-]+)/u)?.[1]?.toLowerCase();
  return !!next && cues(kb).after.has(next);
}

/** The outward code of a postcode written at `start`, and where its words end. */
function postcodeWords(
  kb: KnowledgeBase,
  text: string,
  start: number,
): { outward: string; end: number } | undefined {
  const rest = text.slice(start);
  const full = FULL.exec(rest);
  if (full && isValid(full[0])) {
    const outward = toOutcode(full[0]);
    return outward ? { outward, end: start + full[0].length } : undefined;
  }
  const alone = OUTWARD.exec(rest);
  if (!alone || !validOutcode(alone[1] as string)) return undefined;
  const written = alone[1] as string;
  const outward = written.toUpperCase();
  const end = start + written.length;
  const before = cuedBefore(kb, text.slice(0, start));
  if (before.postcode) return { outward, end };
  // Without a postcode word, only as a postcode is written: in capitals ("in LS6", not "in ls6").
  if (written !== outward || everyday(written.toLowerCase(), kb)) return undefined;
  return before.place || cuedAfter(kb, text.slice(end)) ? { outward, end } : undefined;
}

/**
 * The place a postcode written at `start` names, and where its words end; undefined where there is none or
 * the table does not hold its district. A district split between councils reads as its first council, with
 * every council in `councils`: the answer lists each and asks for a GP practice.
 */
export function postcodeAt(
  kb: KnowledgeBase,
  text: string,
  start: number,
): { read: PlaceRead; end: number } | undefined {
  const found = postcodeWords(kb, text, start);
  if (!found) return undefined;
  const now = kb.places.district(found.outward);
  const first = now[0];
  if (!first?.place) return undefined;
  // "LS6 here", "TR18 area": the place word after it is part of saying where, as after a name.
  const after = text.slice(found.end).match(/^\s+([\p{L}\p{N}-]+)/u);
  const end = after && cuedAfter(kb, after[0]) ? found.end + after[0].length : found.end;
  const read: PlaceRead = {
    code: first.code,
    kind: 'council',
    name: now.length === 1 ? first.place.name : found.outward,
    words: text.slice(start, end),
    postcode: found.outward,
    ...(now.length > 1 ? { councils: now.map((c) => c.code) } : {}),
  };
  return { read, end };
}

/**
 * The local bodies a postcode district names at a date: its council's, where it lies in one; where it is
 * split, each body of each council ("Cornwall Council or Council of the Isles of Scilly"), with a note that
 * lists the councils and asks for the council or a GP practice. `forCouncil` names one council's bodies.
 */
export function districtNames(
  kb: KnowledgeBase,
  outward: string,
  asOf: string,
  forCouncil: (code: string) => LocalNames,
): LocalNames {
  const councils = kb.places.district(outward, asOf);
  const english = councils.filter((c) => c.place);
  if (english.length === 1 && councils.length === 1) return forCouncil((english[0] as DistrictCouncil).code);
  const names = new Map<string, string[]>();
  const notes: string[] = [];
  for (const c of english) {
    const local = forCouncil(c.code);
    for (const [body, name] of local.names)
      if (!names.get(body)?.includes(name)) names.set(body, [...(names.get(body) ?? []), name]);
    for (const n of local.notes) if (!notes.includes(n) && !/ is split between /u.test(n)) notes.push(n);
  }
  if (councils.length > 1) {
    const listed = councils.map((c) => (c.nation ? `${c.name} (${c.nation})` : c.name));
    notes.unshift(
      `The postcode district ${outward} is split between ${listed.slice(0, -1).join(', ')} and ${listed.at(-1)}: give the council or a GP practice to be sure which.`,
    );
  }
  return { names: new Map([...names].map(([body, list]) => [body, list.join(' or ')])), notes };
}

/**
 * "Which ICB covers S20?" where the postcode district lies in more than one council on the date: each
 * council's answer by `which`, after a line that lists the councils and asks for the council or a practice.
 * Undefined where the place is no postcode or its district lies in one council.
 */
export function districtWhich(
  kb: KnowledgeBase,
  p: PlaceRead,
  date: string,
  which: (council: Place) => Built,
): Built | undefined {
  const councils = p.postcode ? kb.places.district(p.postcode, date) : [];
  const english = councils.flatMap((c) => c.place ?? []);
  if (councils.length < 2 || !english.length) return undefined;
  const each = english.map(which);
  const bodies = new Map(each.flatMap((b) => b.bodies).map((n) => [`${n.kind}|${n.name}`, n]));
  const listed = councils.map((c) => (c.nation ? `${c.name} (${c.nation})` : c.name));
  return {
    status: each.some((b) => b.status === 'answered') ? 'answered' : 'unknown',
    lines: [
      `The postcode district ${p.postcode} is split between ${listed.slice(0, -1).join(', ')} and ${listed.at(-1)}: give the council or a GP practice to be sure which.`,
      ...each.flatMap((b) => b.lines),
    ],
    bodies: [...bodies.values()],
    files: [...new Set(['postcode-districts.csv', ...each.flatMap((b) => b.files)])],
  };
}

/** The tables an answer rests on, with the postcode table where a place was read from a postcode. */
export function withPostcodeTable<T extends { files: string[] }>(
  built: T | undefined,
  places: PlaceRead[],
): T | undefined {
  const file = 'postcode-districts.csv';
  if (!built || !places.some((p) => p.postcode) || built.files.includes(file)) return built;
  return { ...built, files: [...built.files, file] };
}

/**
 * The (normalised) text with a postcode that settles its council written as the council's name, so what a
 * council's name says beside where ("Leeds": the North East and Yorkshire region) its postcode says too.
 */
export function asCouncilName(text: string, place: PlaceRead | undefined): string {
  if (!place?.postcode || place.councils) return text;
  const words = normalise(place.words);
  if (!words) return text;
  const at = new RegExp(`(?<![\\p{L}\\p{N}])${words.split(' ').join('\\s+')}(?![\\p{L}\\p{N}])`, 'u');
  return text.replace(at, normalise(place.name));
}
