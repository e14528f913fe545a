import { z } from 'zod';
import { IsoDate, Text } from './common.js';

const Words = (what: string) =>
  z.array(Text).min(1, `give at least one ${what}`).describe(`Lower-case ${what}s.`);

/** Words that connect a named moment to a date: "before the 0-5 transfer", "in the CCG days". */
export const AnchorWords = z.strictObject({
  before: Words('phrase').describe('"before X" reads as the day before X, e.g. "before", "just before".'),
  after: Words('phrase').describe('"after X" reads as the day X ended or took effect, e.g. "after", "once".'),
  since: Words('phrase').describe('"since X" reads as the day X started, e.g. "since", "from".'),
  during: Words('phrase').describe('"during X" reads as the middle of X, e.g. "when we were", "back when".'),
  atEvent: z
    .array(Text)
    .default(['in', 'during', 'around', 'at the time of'])
    .describe(
      'Before a public event, words that mean its time: "in the Olympics", "over the Platinum Jubilee weekend".',
    ),
  duringAfter: Words('word').describe(
    'Words after a name that mean its time: "the CCG days", "the PCT era".',
  ),
  ending: Words('word or phrase').describe(
    'Words after a name that mean it ended: "when PCTs were abolished" reads as the day after they ended.',
  ),
  starting: z
    .array(Text)
    .default([])
    .describe(
      'Words after a name that mean it began: "the year ICBs launched" reads as the day they started.',
    ),
  shift: z
    .strictObject({
      years: z.array(Text).default([]).describe('Words for a year: "two years after the 0-5 transfer".'),
      months: z.array(Text).default([]).describe('Words for a month: "eighteen months before ICBs".'),
      decades: z.array(Text).default([]).describe('Words for ten years: "a decade before ICBs came in".'),
      later: z
        .array(Text)
        .default([])
        .describe('After an amount, words that move the date said before it: "in 2009 ... ten years later".'),
      apart: z
        .array(Text)
        .default([])
        .describe(
          'Between a date and "two years later", words that make the later date one of its own: "again".',
        ),
      counts: z
        .record(Text, z.number().int().positive())
        .default({})
        .describe('Amounts in words besides number words: "a couple of" is 2, "the" (the year before) is 1.'),
    })
    .default({ years: [], months: [], decades: [], later: [], apart: [], counts: {} })
    .describe(
      'An amount of time before "before" or "after" a moment moves it: "two years after the 0-5 transfer".',
    ),
});

/** A public event people date things by ("the year of the London Olympics", "the COVID year"). */
export const PublicEvent = z.strictObject({
  names: Words('name').describe('How people name it, lower case: "london olympics", "brexit referendum".'),
  date: IsoDate.describe('The day it happened (or the middle of the time it stands for), YYYY-MM-DD.'),
  source: Text.describe('Where a person can check the date: a page, or what makes it so.'),
});

/**
 * How the resolver reads people's wording, apart from topics: a single list of each kind, so a
 * maintainer can add "isn't" or "pre-" without touching code. Only one file may hold this section.
 */
/** What a message's wording says it asks (src/resolve/intent.ts). A word ending in "*" is a prefix. */
export const IntentWords = z.strictObject({
  questionWords: Words('word').describe('The words that open a question about a body: "who", "which".'),
  asksWho: Words('phrase').describe('Words that show a message asks which body holds a responsibility.'),
  plainlyAsksWho: Words('phrase').describe('Words that plainly ask it: "commissioned", "who pays".'),
  notCommissioningAfter: Words('word').describe(
    'A word just before "commission…" that makes it another sense: "the Care Quality Commission".',
  ),
  whichBodyFirst: Words('word').describe('"is it the council?": the first word of asking which body.'),
  whichBodyThen: Words('word').describe('"is it the council?": the second word of asking which body.'),
  movesTo: Words('phrase').describe(
    '"… or stay with NHSE?", "did it move to the ICB?": words before a body that ask where a responsibility sits.',
  ),
  whichBodyWords: Words('phrase').describe(
    'Words that name a body as what is asked about: "who", "which body".',
  ),
  presentAsks: Words('phrase').describe(
    'Words that make an undated question ask about now, beside another question with a date: "who commissions it, and who did in 2010?".',
  ),
  timeClauseOpeners: Words('phrase')
    .default([])
    .describe(
      '"When the reforms landed, who …": a clause opening with one of these and ending in a comma says when.',
    ),
  changeOpeners: Words('phrase').describe(
    'A message opening with one of these asks about a change or a body.',
  ),
  serviceOpenersFirst: Words('word').describe(
    '"was it PHE that …": first words of an opening that asks about a service.',
  ),
  serviceOpenersThen: Words('word').describe('"was it PHE that …": second words of that opening.'),
  lateChangeOpeners: Words('phrase').describe(
    'Without "who" or "commission…", a message opening with one of these asks about a change: "why".',
  ),
  changeWords: Words('phrase').describe(
    'Without "who" or "commission…", these make it a question about a change.',
  ),
  roles: z
    .strictObject({ accountable: Words('phrase'), advises: Words('phrase') })
    .describe('Roles shown only when asked about: "who is legally accountable", "who advised".'),
});

/**
 * Words that say a message asks about a local body itself, answered from the place tables
 * (src/resolve/place-questions.ts): "which ICB covers Shropshire?", "what did NHS Vale of York CCG become?".
 * A word ending in "*" is a prefix. Empty lists turn that kind of question off.
 */
const Cues = (what: string) => z.array(Text).default([]).describe(what);
export const PlaceAskWords = z.strictObject({
  kinds: z
    .strictObject({
      'sub-icb': Cues('Words for a sub-ICB location: "sub-ICB", "SICBL".'),
      region: Cues('Words for an NHS England region: "region", "regional team".'),
      'local-nhs': Cues(
        'Words for the local NHS body of whatever kind held at the date (a PCT, CCG or ICB): "local NHS body".',
      ),
      council: Cues(
        'Words for a council\'s area besides the council\'s names in bodies.yaml: "which area is CCG 06L?" asks which council areas a body covered.',
      ),
    })
    .default({ 'sub-icb': [], region: [], 'local-nhs': [], council: [] })
    .describe(
      'Words naming the kinds of local body the bodies in bodies.yaml do not name: CCG, ICB and council are read from their aliases there.',
    ),
  which: Cues('Words that ask which body of a kind a place has: "which", "our", "covers".'),
  became: Cues('Words that ask what a body became: "become", "successor", "what happened to".'),
  formedFrom: Cues('Words that ask what a body was formed from: "predecessor", "formed from".'),
  merged: Cues('Words that ask when or whether bodies merged: "merge*", "combined".'),
  started: Cues('Words that ask when a body started: "set up", "created", "start*".'),
  ended: Cues('Words that ask when a body ended: "abolished", "closed", "end*".'),
  still: Cues('Words that ask whether a body still exists: "still", "exist*", "any more".'),
  filler: Cues(
    'Words a question about a local body may use that name no service ("footprint", "boundary", "patients"): any other word a topic uses makes it a service question.',
  ),
  located: Cues(
    'Who or what a question about a local body places ("GP practices", "our surgery"): filler, unless a word a topic uses follows ("GP practice mergers" asks about a service).',
  ),
  self: Cues(
    'Words that introduce who the asker is ("we\'re a", "I\'m a"): up to three words after them, up to a place cue, place the asker ("we\'re a pharmacy in Haringey") and name no service.',
  ),
});

export const Reading = z.strictObject({
  negations: Words('word or phrase').describe(
    'Words that rule out what follows ("not", "never", "other than"): one list for conditions, scope and topic words.',
  ),
  hedges: Words('phrase').describe(
    'Phrases with a negation word that rule nothing out ("not sure", "don\'t know"): they are not read as negations.',
  ),
  selfWords: Words('word').describe('Words a writer uses for their own organisation ("we", "us", "our").'),
  placeCues: z
    .array(Text)
    .default([])
    .describe(
      'Words before a place name that make a common word a place ("in Bath", "for Reading"): a one-word name in lower case is read as a place only after one.',
    ),
  placeCuesThe: z
    .array(Text)
    .default([])
    .describe(
      'Words that, with "the" after them, make the next word a place: "on the Wirral", "in the Fylde".',
    ),
  placeNames: z
    .record(Text, Text)
    .default({})
    .describe(
      'Short names people use for a place, each to a name in the place tables ("herts": Hertfordshire, "stoke": Stoke-on-Trent): read like the name itself, never through a slip.',
    ),
  placeNameLinks: z
    .record(Text, z.array(Text))
    .default({})
    .describe(
      'Linking words inside place names as people write them short, each to the words it stands for ("u": under, upon: "Newcastle-u-Lyme", "Ashton-u-Lyne"): read as those words only inside a name.',
    ),
  placeSounds: z
    .record(Text, z.string())
    .default({})
    .describe(
      'Spellings that sound alike, each written spelling to the one it sounds like ("wh": w, "igh": i): a word of a place name of three words or more, the others as written, is read through a slip into another real word that sounds like it ("isle of white" is the Isle of Wight).',
    ),
  townWords: z
    .array(Text)
    .default([])
    .describe(
      'Town names (knowledge/places/towns.csv) that are also ordinary words ("Street", "Sale", "Wells", "Deal"): read as the town only capitalised after a place cue ("a practice in Sale") and not before a number ("in Sale 2019" is not read).',
    ),
  notTowns: z
    .array(Text)
    .default([])
    .describe(
      'Town names never read as towns, however written: months and other words a date or ordinary question uses ("in March" is a month; March in Fenland is named by its council).',
    ),
  placeFrames: z
    .strictObject({
      before: z.array(Text).default([]),
      after: z.array(Text).default([]),
    })
    .default({ before: [], after: [] })
    .describe(
      'Words either side of a one-word place name in lower case that make it a place, a word of `before` just before it and one of `after` just after it (or after a word in placeAfter): "what ICB is alnwick in", "which ccg was waverley borough under". An everyday word is never read so.',
    ),
  postcodeWords: z
    .array(Text)
    .default([])
    .describe(
      'Words that say a postcode follows ("postcode", "postal district"): an outward code alone ("LS6") is read as a place only after one of these or a place cue, or followed by a word in placeAfter; one a topic uses too ("B12") only after one of these.',
    ),
  placeAfter: z
    .array(Text)
    .default([])
    .describe(
      'Words after a capitalised place name opening a sentence that make it a place ("Leeds here", "Wiltshire ICB"): "Reading the guidance" is not one.',
    ),
  offeredBodies: Words('word or phrase')
    .default([])
    .describe(
      'Words naming a body that a message may offer as the answer, two or more in a list ("the district, the county or the NHS?"): such a list names no service.',
    ),
  placeLocators: z
    .strictObject({
      before: z
        .array(Text)
        .default([])
        .describe('Right before the place: "people living in", "residents of".'),
      after: z.array(Text).default([]).describe('Right after the place: "residents", "patients".'),
    })
    .default({ before: [], after: [] })
    .describe(
      'Words beside a place that say who lives there ("people living in Chelmsford", "Cheshire East residents"): they say where, like the place, so they never pull a topic ("living" is not HIV).',
    ),
  placeBodyName: z
    .strictObject({
      asks: z.array(Text).default([]),
      before: z.array(Text).default([]).describe('Words that may stand before one: "exact", "full".'),
    })
    .default({ asks: [], before: [] })
    .describe(
      'With a place named, these ask for the name of the body that answers ("and what\'s the exact name of the body?"): the answer names it already, so they are no second thing asked (never NHS England\'s own name).',
    ),
  placeAsks: PlaceAskWords.default({
    kinds: { 'sub-icb': [], region: [], 'local-nhs': [], council: [] },
    which: [],
    became: [],
    formedFrom: [],
    merged: [],
    started: [],
    ended: [],
    still: [],
    filler: [],
    located: [],
    self: [],
  }).describe('Words that ask about a local body itself, answered from the place tables.'),
  anchors: AnchorWords,
  approximately: Words('word or phrase').describe(
    'Words that make a date approximate ("ish", "around", "circa"); the answer says how the date was read.',
  ),
  plans: z
    .array(Text)
    .default([])
    .describe(
      'Words that ask about plans ("plan", "superseded"): only then is a superseded plan mentioned in an answer.',
    ),
  greetings: Words('word or phrase').describe(
    'Openers and sign-offs ("hi all", "cheers"): a clause made only of these never asks anything.',
  ),
  followUps: Words('word or phrase')
    .default(['and', 'what about'])
    .describe(
      'Openers that make a message a follow-up to the last question in the same conversation ("and", "what about"): its date, condition or service replaces the old one and the rest carries over.',
    ),
  followUpWords: Words('word')
    .default(['same', 'different'])
    .describe(
      'Words a follow-up may use besides a date or condition ("was it the same in 2016?"). Any other word that names no service makes it a new question, so "what about zebras in 2016?" is not read as the last service in 2016.',
    ),
  distributive: Words('word or phrase')
    .default([])
    .describe(
      'Words by which a question asks the same of each of several things named in the sentence just before it ("one death in March 2012 and one in 2015. Who commissioned it at each date?"): that sentence is read as asked too, so each thing gets its own part.',
    ),
  notDistributive: Words('phrase')
    .default([])
    .describe(
      'Phrases that hold a distributive word but do not ask of each thing: "each other", "either way".',
    ),
  corrections: Words('word or phrase')
    .default([])
    .describe(
      'Words by which a writer takes a date back and gives another: "in 2012 - sorry, 2019". Between two dates, the first date is dropped.',
    ),
  dateSeparators: z
    .array(Text)
    .default(['then', 'compared with', 'compared to'])
    .describe(
      'Words that separate two dates asked about one service, besides "and", "vs", "/" and "?": "dental in 2010, then in 2016" is answered once per date.',
    ),
  publicEvents: z
    .array(PublicEvent)
    .default([])
    .describe(
      'Public events people date things by: "in the year of the London Olympics", "when the NHS turned 70", "before the Brexit vote". Read like the timeline\'s own events.',
    ),
  periodWords: z
    .array(Text)
    .default(['year', 'month'])
    .describe(
      'Words for a stretch of time before a public event\'s name: "the year of the London Olympics", "the month the Queen died". The event\'s date is read.',
    ),
  pendingAsks: z
    .array(Text)
    .default([])
    .describe(
      'Words that ask about a change not yet in effect ("who would commission it under the Bill?", "if NHS England is abolished, who will…"): the answer names the planned or proposed holder too, labelled as not law.',
    ),
  changeAsks: z
    .array(Text)
    .default([])
    .describe(
      'Words that ask what changed ("and what changed after?"): the service is answered at the date asked and again at the next change of holder (or the last one, if none is to come).',
    ),
  historyEnds: z
    .array(Text)
    .default([])
    .describe(
      'After a span word ("from 2010 to now"), words that end the span at today: the message asks for a history.',
    ),
  restates: z
    .array(Text)
    .default([])
    .describe(
      'Words opening a clause that says again, more exactly, what the one before it said ("… like who was doing it in 2023"): its date replaces the date before it.',
    ),
  historyAsks: z
    .array(Text)
    .default([])
    .describe(
      'Words that ask for the history of a service ("walk me through who commissioned it from 2010 to now", "how has it changed since 2012?"): the service is answered at the date asked (or its first era) and at each later change of holder up to today.',
    ),
  ages: z
    .strictObject({
      past: z.array(Text).default([]).describe('Before an age then: "when I was 15".'),
      now: z.array(Text).default([]).describe('Before an age now: "I\'m 30 now".'),
    })
    .default({ past: [], now: [] })
    .describe(
      'An age then and an age now date a question: "when I was 15 (I\'m 30 now)" is fifteen years ago.',
    ),
  timeCues: z
    .array(Text)
    .default([])
    .describe(
      'Words that say a message is about a time ("ago", "back then", "last year", month names): when none of its dates is read, the decision asks which date is meant rather than answering for today.',
    ),
  stopWords: Words('word').describe(
    'Words that say nothing about which service is meant: the matcher skips them.',
  ),
  letterNames: z
    .record(z.string().regex(/^[a-z]$/, 'a key is one lower-case letter, e.g. c'), z.array(Text))
    .default({})
    .describe(
      'How a letter is said aloud, for messages dictated to a phone: "sea sea gee" is CCG, "I see bee" is ICB. A run of letters or letter names is joined only when it spells an abbreviation the knowledge writes in capitals.',
    ),
  keywordFillers: z
    .array(Text)
    .default([])
    .describe(
      'Words a topic keyword may hold besides its one naming word and still name the topic alone ("drug services" names drug and alcohol services as "drug" does). Other words make the keyword a phrase: "pay for performance" names QOF, "performance" alone does not.',
    ),
  intent: IntentWords.describe("What a message's wording says it asks, apart from its topic."),
  joiners: z
    .array(Text)
    .default([])
    .describe(
      'Words that join two things asked ("and", "vs", "both", "each"): counted by the decision, since a message that asks two things must be answered in two parts.',
    ),
  spans: z
    .array(Text)
    .default(['between', 'from'])
    .describe(
      'Words before a date that make "X and Y" one span, not two dates: "between 2013 and 2015" is one question, read at its start.',
    ),
});
export type Reading = z.infer<typeof Reading>;
