import type { KnowledgeBase } from '../knowledge/model.js';
import { CCGS_FROM, ICBS_FROM, type Place, type PlaceKind } from '../places/places.js';
import type { Answer } from '../schemas/answer.js';
import { addDays, longDate, readAs } from './format.js';
import { normalise } from './normalise.js';
import type { PlaceRead } from './place.js';
import { type AskedKind, type PlaceAsk, readPlaceAsk, readTurns, withoutAskWords } from './place-asks.js';
import {
  type Built,
  beforeRegions,
  councilBodies,
  KIND_WORD,
  label,
  listed,
  type Named,
  pctEra,
} from './place-bodies.js';
import {
  became,
  beforeListed,
  cameFrom,
  chain,
  endText,
  filesFor,
  formedFrom,
  partOf,
  startText,
  stepText,
  still,
} from './place-history.js';
import { districtWhich, withPostcodeTable } from './place-postcode.js';
import type { Read } from './resolve.js';
import { outOfScope } from './scope.js';

/**
 * Questions about the local bodies themselves ("which ICB covers Shropshire?", "what did NHS Vale of York
 * CCG become?", "is Frimley still an ICB?"), answered from the place tables with their sources. Not a
 * topic of the knowledge: the answer has a topic of its own, so every surface shows it the same way.
 */
export const LOCAL_BODIES = { id: 'local-bodies', title: 'Local NHS bodies and councils' } as const;

const BODY: Record<Named['kind'], string> = {
  council: 'local-authority',
  ccg: 'ccg',
  'sub-icb': 'icb',
  icb: 'icb',
  region: 'nhs-england',
  pct: 'pct',
  sha: 'sha',
};

/** Whether an answer is one of these (the decision does not weigh it: it comes from the tables). */
export const isLocalBodies = (answer: Answer) => answer.topic?.id === LOCAL_BODIES.id;

/**
 * The place as the body asked about: "is Leeds still a CCG?" means NHS Leeds CCG, not Leeds the city. With
 * no body of that name, "the Bradford CCGs" are the bodies of the kind whose names hold the place's name.
 */
function asKind(kb: KnowledgeBase, p: PlaceRead, kind: AskedKind | undefined): Place[] {
  // A postcode district split between councils is each of them: never the first alone.
  if (p.councils) return p.councils.flatMap((c) => kb.places.get(c, { kind: 'council' }) ?? []);
  const found = [...kb.places.find(p.name), ...kb.places.find(p.words)];
  const wanted = kind && p.kind === 'council' ? found.find((f) => f.kind === kind) : undefined;
  if (wanted) return [wanted];
  const like = (kind === 'ccg' || kind === 'icb') && p.kind === 'council' ? namedLike(kb, p.name, kind) : [];
  if (like.length) return like;
  const own = kb.places.get(p.code, { kind: p.kind });
  return own ? [own] : [];
}

/**
 * The bodies of a kind whose names hold a place's name as whole words ("NHS Bradford City CCG", "NHS
 * Bradford Districts CCG", "NHS Bradford District and Craven CCG"); where one of them was formed from
 * others of them, that one alone, which says what merged into it.
 */
function namedLike(kb: KnowledgeBase, name: string, kind: 'ccg' | 'icb'): Place[] {
  const words = ` ${normalise(name)} `;
  const codes = new Set(
    kb.places
      .names()
      .filter((n) => n.kind === kind && ` ${n.normalised} `.includes(words))
      .map((n) => n.code),
  );
  const like = [...codes].flatMap((c) => kb.places.get(c, { kind }) ?? []);
  const merged = like.find((p) => formedFrom(kb, p).filter((q) => codes.has(q.code)).length > 1);
  return merged ? [merged] : like;
}

/** The date asked, moved into the body's lifetime: a body is asked about as it was when it last existed. */
function within(kb: KnowledgeBase, place: Place, date: string): string {
  const life = kb.places.lifetime(place.code, place.kind);
  if (life?.to && date > life.to) return life.to;
  if (life?.from && date < life.from) return life.from;
  return date;
}

/** Where the date asked was outside the body's lifetime: its dates, before the answer for the nearest day. */
function lifeNote(kb: KnowledgeBase, place: Place, date: string, at: string): string {
  if (at === date) return '';
  const life = kb.places.lifetime(place.code, place.kind);
  const from = life?.from ? ` from ${longDate(life.from)}` : '';
  return `${label(place)} existed${from}${life?.to ? ` to ${longDate(life.to)}` : ''}, not on ${longDate(date)}. `;
}

/** A CCG, sub-ICB location or ICB's body of another kind (its ICB, region, councils, CCGs). */
function nhsBodies(kb: KnowledgeBase, place: Place, kind: PlaceKind, date: string): Built {
  if (place.kind === 'region') return regionBodies(kb, place, kind, date);
  const early = kind !== 'icb' && kind !== 'sub-icb' ? beforeListed(kb, place, date) : undefined;
  if (early) return early;
  if (kind === 'region') return regionOf(kb, place, date);
  if (place.kind === 'icb' && kind === 'ccg') return cameFrom(kb, place);
  if (kind === 'council') return councilsOf(kb, place, date);
  if (place.kind === 'sub-icb' && kind === 'icb' && place.parent) {
    const icb = kb.places.get(place.parent, { kind: 'icb' });
    if (icb)
      return one(`${place.name} is a sub-ICB location of ${icb.name}.`, icb, ['sub-icbs.csv', 'icbs.csv']);
  }
  if (place.kind === 'ccg' && (kind === 'icb' || kind === 'sub-icb')) return became(kb, place);
  return still(kb, place, date, kind);
}

/** The CCGs or ICBs in a region on a date ("which ICBs are in the London region?"), with how many. */
function regionBodies(kb: KnowledgeBase, region: Place, kind: PlaceKind, date: string): Built {
  const nhs = date < ICBS_FROM ? 'ccg' : 'icb';
  const at = within(kb, region, date);
  const list = kb.places.inRegion(region, nhs, at);
  const files = nhs === 'ccg' ? ['ccg-regions.csv', 'ccgs.csv', 'regions.csv'] : ['icbs.csv', 'regions.csv'];
  const other =
    kind !== nhs && (kind === 'ccg' || kind === 'icb')
      ? `There were no ${KIND_WORD[kind]}s on ${longDate(date)}. `
      : '';
  if (!list.length)
    return {
      status: 'unknown',
      lines: [
        `${other}The place tables list no ${KIND_WORD[nhs]}s in NHS England's ${region.name} region on ${longDate(at)}.`,
      ],
      bodies: [],
      files,
    };
  return {
    status: 'answered',
    lines: [
      `${other}${lifeNote(kb, region, date, at)}NHS England's ${region.name} region had ${list.length} ${KIND_WORD[nhs]}${list.length > 1 ? 's' : ''} on ${longDate(at)}: ${listed(list.map(label))}.`,
    ],
    bodies: list.map((p) => ({ kind: p.kind, name: label(p), role: `in the ${region.name} region` })),
    files,
  };
}

const one = (line: string, p: Place, files: string[]): Built => ({
  status: 'answered',
  lines: [line],
  bodies: [{ kind: p.kind, name: label(p), role: `the ${KIND_WORD[p.kind]}` }],
  files,
});

function regionOf(kb: KnowledgeBase, place: Place, date: string): Built {
  if (date < CCGS_FROM) return beforeRegions(label(place), date);
  const at = within(kb, place, date);
  const row = kb.places.get(place.code, { kind: place.kind, date: at }) ?? place;
  const region = kb.places.regionAt(row, at);
  const files = [...filesFor([place.kind, 'region']), ...(place.kind === 'ccg' ? ['ccg-regions.csv'] : [])];
  if (!region)
    return {
      status: 'unknown',
      lines: [`The place tables give no NHS England region for ${label(place)} on ${longDate(at)}.`],
      bodies: [],
      files,
    };
  return one(
    `${lifeNote(kb, place, date, at)}On ${longDate(at)}, ${label(place)} was in NHS England's ${region.name} region.`,
    region,
    files,
  );
}

/** The council areas a CCG or ICB covered (an ICB through its sub-ICB locations). */
function councilsOf(kb: KnowledgeBase, place: Place, date: string): Built {
  const at = within(kb, place, date);
  const areas =
    place.kind === 'icb'
      ? kb.places
          .at('sub-icb', at)
          .filter((s) => s.parent === place.code)
          .map((s) => s.code)
      : [place.code];
  const councils = new Map(
    areas.flatMap((c) => kb.places.councilsIn(c, at)).map((s) => [s.place.code, s.place]),
  );
  const files =
    place.kind === 'ccg' ? ['council-ccgs.csv', 'councils.csv'] : ['council-sub-icbs.csv', 'councils.csv'];
  const names = [...councils.values()].map((c) => c.name);
  if (!names.length)
    return {
      status: 'unknown',
      lines: [`The place tables link no council area to ${label(place)} on ${longDate(at)}.`],
      bodies: [],
      files,
    };
  return {
    status: 'answered',
    lines: [
      `${lifeNote(kb, place, date, at)}On ${longDate(at)}, ${label(place)} covered these council areas (in whole or part): ${listed(names)}.`,
    ],
    bodies: [...councils.values()].map((c) => ({
      kind: 'council',
      name: label(c),
      role: `an area ${label(place)} covered`,
    })),
    files,
  };
}

/** When two or more bodies merged, by their common successor; or, for one, its own mergers. */
function merged(kb: KnowledgeBase, places: Place[]): Built {
  const place = places[0] as Place;
  if (places.length === 1) return mergedOne(kb, place);
  const steps = places.map((p) => chain(kb, p));
  const targets = (s: (typeof steps)[number]) => new Set(s.flatMap((x) => x.to.map((t) => t.code)));
  const shared = [...targets(steps[0] ?? [])].filter((c) => steps.every((s) => targets(s).has(c)));
  const target = (steps[0] ?? []).flatMap((s) => s.to).find((t) => t.code === shared[0]);
  const step = target && (steps[0] ?? []).find((s) => s.to.some((t) => t.code === target.code));
  if (!target || !step)
    return {
      status: 'answered',
      lines: [
        `The place tables show no merger of ${listed(places.map(label))} with each other.`,
        ...places.map((p) => endText(kb, p)),
      ],
      bodies: places.map((p) => ({ kind: p.kind, name: label(p), role: 'a body asked about' })),
      files: filesFor(places.map((p) => p.kind)),
    };
  const others = formedFrom(kb, target).filter((p) => !places.some((q) => q.code === p.code));
  const also = others.length ? `, with ${listed(others.map((p) => partOf(kb, p)))},` : '';
  const verb = target.validFrom === step.on ? 'to form' : 'into';
  return {
    status: 'answered',
    lines: [`On ${longDate(step.on)}, ${listed(places.map(label))} merged${also} ${verb} ${label(target)}.`],
    bodies: [{ kind: target.kind, name: label(target), role: `from ${longDate(step.on)}` }],
    files: filesFor([...places.map((p) => p.kind), target.kind]),
  };
}

/** One body's mergers: the one that formed it ("the Leeds CCGs merged in 2018") and the one it went into. */
function mergedOne(kb: KnowledgeBase, place: Place): Built {
  const from = place.validFrom;
  const before = formedFrom(kb, place).filter(
    (p) => p.kind === place.kind && p.validTo && addDays(p.validTo, 1) === from,
  );
  const formed =
    from && before.length > 1
      ? `On ${longDate(from)}, ${listed(before.map(label))} merged to form ${label(place)}.`
      : '';
  const step = chain(kb, place)[0];
  const away = step?.to.every((t) => t.kind === place.kind) ? step : undefined;
  if (!formed && !away) return joined(kb, place);
  const bodies = away
    ? away.to.map((p) => ({ kind: p.kind, name: label(p), role: `from ${longDate(away.on)}` }))
    : [{ kind: place.kind, name: label(place), role: `from ${longDate(from as string)}` }];
  return {
    status: 'answered',
    lines: [formed, away ? stepText(kb, away) : ''].filter(Boolean),
    bodies,
    files: filesFor([place.kind]),
  };
}

/** A body that did not merge away: still there, and any body it took over (part of) after it started. */
function joined(kb: KnowledgeBase, place: Place): Built {
  const still = became(kb, place);
  const later = formedFrom(kb, place).filter(
    (p) => p.validTo && (!place.validFrom || p.validTo >= place.validFrom),
  );
  const lines = later.map(
    (p) => `On ${longDate(addDays(p.validTo as string, 1))}, ${label(place)} took over ${partOf(kb, p)}.`,
  );
  return { ...still, lines: [...still.lines, ...lines] };
}

/** The facts for one ask. */
function built(kb: KnowledgeBase, r: Read, ask: PlaceAsk): Built | undefined {
  // "Which CCG covers Leeds?" asks about Leeds the area; "is Leeds still a CCG?" about NHS Leeds CCG.
  const kind = ask.ask === 'which' ? undefined : ask.kind;
  // Asked about NHS bodies, a council or region named beside them is context ("… merged with Suffolk?",
  // "Housing officer in Manchester … North, Central and South Manchester CCGs"), read as it is written.
  const isNhs = (p: { kind: string }) => p.kind === 'ccg' || p.kind === 'icb' || p.kind === 'sub-icb';
  const named = ask.ask !== 'which' && ask.places.some(isNhs) ? ask.places.filter(isNhs) : ask.places;
  const read = named.flatMap((p) => asKind(kb, p, kind));
  const nhs = read.filter(isNhs);
  const places = ask.ask !== 'which' && nhs.length ? nhs : read;
  const place = places[0];
  if (!place) return undefined;
  const asked = ask.kind === 'pct' || ask.kind === 'local-nhs' ? undefined : (ask.kind ?? 'council');
  const split =
    ask.ask === 'which' &&
    asked &&
    ask.places.map((p) => districtWhich(kb, p, r.asOf, (c) => whichBody(kb, c, asked, r.asOf))).find(Boolean);
  if (split) return split;
  if (ask.kind === 'pct' || ask.kind === 'local-nhs') return eraAsked(kb, r, place, ask.kind);
  // "Is there still a CCG in Bristol?" asks which CCG the area has now.
  if (ask.ask === 'still' && place.kind === 'council' && ask.kind && ask.kind !== 'council')
    return whichBody(kb, place, ask.kind, r.asOf);
  switch (ask.ask) {
    case 'which':
      return whichBody(kb, place, ask.kind ?? place.kind, r.asOf);
    case 'became':
      return became(kb, place);
    case 'formedFrom':
      // "The ICB formed from North West London and North Central London": what two bodies formed is their
      // merger.
      return places.length > 1 ? merged(kb, places) : cameFrom(kb, place);
    case 'merged':
      return merged(kb, places);
    case 'started': {
      const start = startText(kb, place);
      const lines = [start.line, ...(start.known ? [] : [endText(kb, place)])];
      return {
        status: start.known ? 'answered' : 'unknown',
        lines,
        bodies: start.known ? [{ kind: place.kind, name: label(place), role: 'the body asked about' }] : [],
        files: filesFor([place.kind]),
      };
    }
    case 'ended':
      return {
        ...became(kb, place),
        lines: [
          endText(kb, place),
          ...chain(kb, place)
            .slice(1)
            .map((s) => stepText(kb, s)),
        ],
      };
    case 'still':
      return still(kb, place, r.asOf, ask.kind);
  }
}

/**
 * "Who was our PCT?", "who is our local NHS body?": before April 2013 a PCT (not in the tables); after, the CCG
 * or ICB of the date.
 */
function eraAsked(kb: KnowledgeBase, r: Read, place: Place, kind: 'pct' | 'local-nhs'): Built {
  if (r.asOf < CCGS_FROM) return pctEra(kb, place.name, r.asOf);
  const now = whichBody(kb, place, r.asOf < ICBS_FROM ? 'ccg' : 'icb', r.asOf);
  if (kind !== 'pct') return now;
  return {
    ...now,
    lines: ['PCTs were abolished on 31 March 2013; CCGs took over on 1 April 2013.', ...now.lines],
  };
}

function whichBody(kb: KnowledgeBase, place: Place, kind: PlaceKind, date: string): Built {
  if (place.kind === 'council') return councilBodies(kb, place, kind, date);
  if (date < CCGS_FROM && kind !== 'council')
    return kind === 'region' ? beforeRegions(label(place), date) : pctEra(kb, place.name, date);
  if (place.kind === kind) return still(kb, place, date, kind);
  return nhsBodies(kb, place, kind, date);
}

/** The place tables' sources for an answer; a PCT or SHA answer rests on the body's own sources. */
function sourcesFor(kb: KnowledgeBase, b: Built): Answer['sources'] {
  const tables = kb.places.sourcesOf(b.files).map((s, i) => ({ id: `places-${i + 1}`, ...s }));
  const ids = b.bodies.flatMap((n) =>
    n.kind === 'pct' || n.kind === 'sha' ? (kb.bodies.get(n.kind)?.sources ?? []) : [],
  );
  const own = [...new Set(ids)].flatMap((id) => {
    const s = kb.sources.get(id);
    return s ? [{ id, title: s.title, ...(s.url ? { url: s.url } : {}), date: s.date }] : [];
  });
  return [...tables, ...own];
}

const dated = (ask: PlaceAsk) => ask.ask === 'which' || ask.ask === 'still';

/** "As of the place tables of 1 April 2026": a date after the tables' own is answered from their last. */
function beyondLine(kb: KnowledgeBase, r: Read, ask: PlaceAsk): string[] {
  if (!dated(ask) || r.asOf <= kb.places.tableDate) return [];
  return [
    `As of the place tables of ${longDate(kb.places.tableDate)}: any change since is not in them, and NHS Digital's Organisation Data Service (ODS) has the current list.`,
  ];
}

function toAnswer(kb: KnowledgeBase, r: Read, ask: PlaceAsk, b: Built): Answer {
  const answered = b.status === 'answered';
  const part = {
    status: b.status,
    question: r.question,
    // What a body became, or when it merged, holds whatever the date: a date read from "when ICBs were set
    // up" is not the one asked about. Which body a place has, or whether one exists, is at the date.
    ...(dated(ask) || r.asOfSource === 'given'
      ? { asOf: r.asOf, asOfSource: r.asOfSource, asOfText: longDate(r.asOf) }
      : { asOf: r.today, asOfSource: 'today' as const, asOfText: longDate(r.today) }),
    topic: { ...LOCAL_BODIES },
    commissioners: answered
      ? b.bodies.map((n) => ({
          body: BODY[n.kind],
          name: n.name,
          role: 'subject' as const,
          roleText: `(${n.role})`,
        }))
      : [],
    text: [...b.lines, ...beyondLine(kb, r, ask)].join(' '),
    changes: [],
    conditionsAsked: [listed(ask.places.map((p) => p.name)), ...(ask.kind ? [KIND_WORD[ask.kind]] : [])],
    sources: sourcesFor(kb, b),
    options: [],
    timeline: [],
    today: r.today,
    todayText: longDate(r.today),
    confidence: answered ? 1 : 0,
    ...(b.look ? { lookInstead: b.look } : {}),
  };
  return { ...part, readAs: readAs(part) };
}

/**
 * An NHS body asked about by its code for the area it covers ("CCG 06L - which area?") is named first,
 * before its council areas: the asker needs to know which body the code is.
 */
function withCode(kb: KnowledgeBase, ask: PlaceAsk, b: Built | undefined): Built | undefined {
  const read = ask.places.find((p) => p.byCode);
  const place = read && kb.places.get(read.code, { kind: read.kind });
  const areas = b?.bodies.every((n) => n.kind === 'council');
  if (!b || b.status !== 'answered' || !areas || !read?.byCode || !place || place.kind === 'council')
    return b;
  if (b.bodies.some((n) => n.kind === place.kind && n.name === label(place))) return b;
  const system = /^[EW]\d{8}$/i.test(read.byCode) ? 'ONS' : 'ODS';
  const code = read.byCode.toUpperCase();
  return {
    ...b,
    lines: [`${code} is the ${system} code of ${label(place)}.`, ...b.lines],
    bodies: [
      { kind: place.kind, name: label(place), role: `the body with ${system} code ${code}` },
      ...b.bodies,
    ],
    files: [...new Set([...b.files, ...filesFor([place.kind])])],
  };
}

/** The answer to a question about a local body itself, or undefined when the message asks something else. */
export function placeQuestion(
  kb: KnowledgeBase,
  r: Read,
  carried?: Pick<PlaceAsk, 'ask' | 'kind'>,
): Answer | undefined {
  const ask = readPlaceAsk(kb, r, carried);
  // The out-of-scope rules hold here too, read without the words that ask about a body.
  // Split at dashes and colons, so a rule that holds only where the message asks ("a complaint") does not
  // hold in who asks: "Constituent chasing a complaint - which ICB was responsible?".
  if (!ask || outOfScope(readTurns(kb, withoutAskWords(kb, r.text)), kb)) return undefined;
  const b = withCode(kb, ask, withPostcodeTable(built(kb, r, ask), ask.places));
  // Facts with no body named where one was asked for are not an answer: say what the tables lack.
  const empty = b?.status === 'answered' && b.bodies.length === 0;
  const checked: Built | undefined =
    b && empty
      ? { ...b, status: 'unknown', lines: [...b.lines, 'The place tables name no body for this.'] }
      : b;
  return checked ? toAnswer(kb, r, ask, checked) : undefined;
}
