/**
 * Every tunable of the resolver in one frozen place (as Fuse keeps its options), so changes are deliberate
 * and the benchmark's naive baseline can be compared with exactly these settings. A caller may override
 * any of them per call (`resolve(kb, q, { settings })`), merged over these defaults as Fuse merges options.
 */
export const MATCHER = Object.freeze({
  /** Questions are cut to this many characters before matching: nobody asks in 100 kB. */
  maxQuestionChars: 600,
  /** Only words at least this long are typo-corrected: short ones collide ("gp"/"go"). */
  minTypoLength: 5,
  /**
   * Typo correction looks words up in a deletion index (src/resolve/typo.ts) built over the first this
   * many letters of each vocabulary word; a longer prefix finds no more words, only costs memory.
   */
  typoPrefix: 7,
  /** Corrections remembered; the memory is emptied when full (typos recur, but not endlessly). */
  typoCacheSize: 5000,
  /** Most edits allowed for a correction: 1 up to 7 letters, 2 from 8 letters. */
  maxEditsShort: 1,
  maxEditsLong: 2,
  /** How much a word counts by where a topic has it: its title says most, a keyword least. */
  fieldWeight: Object.freeze({ title: 1, phrasing: 0.9, keyword: 0.75, body: 0.5 }),
  /** Up to this much extra score when the question contains every word of a topic's title. */
  titleBonus: 0.3,
  /**
   * "When did …", "what changed …" ask about a change or a body; "who commissions …" about a service.
   * Topics of the other kind are scored down by this factor.
   */
  otherKindFactor: 0.75,
  /** A question that states a condition ("in the Midlands") is about a topic whose answer depends on it. */
  conditionFactor: 1.25,
  /**
   * A question about a change or a body that names bodies, none of them the body a topic's title names
   * ("was NHS Improvement a legal body?" against "NHS England's legal name"), scores that topic down so.
   */
  otherBodyFactor: 0.3,
  /** A topic with no record on a date the question states is scored down by this factor. */
  outOfDateFactor: 0.6,
  /** Weight of a word that names a body ("CCG", "council") or a condition ("delegated"): it rarely tells topics apart. */
  incidentalWordWeight: 0.3,
  /** Extra evidence when a whole multi-word phrase of a topic appears, as a share of its words' weight. */
  phraseBonus: 0.6,
  /** Unmatched words count this much against coverage (conversational filler is common). */
  unmatchedPenalty: 0.45,
  /**
   * How much of a question must match a topic before it is answered, by how plainly it asks who
   * commissions (0: no such words, 1: "who …", 2: "who commissions / whose budget / which body").
   */
  gate: Object.freeze([
    Object.freeze({ minCoverage: 0.6, minEvidence: 2.2 }),
    Object.freeze({ minCoverage: 0.45, minEvidence: 1.5 }),
    Object.freeze({ minCoverage: 0.3, minEvidence: 1.5 }),
  ] as const),
  /** Words only in a sentence that does not ask the question are context: they count this much. */
  contextWeight: 0.5,
  /** The runner-up must score below this share of the best for a confident answer. */
  clarifyRatio: 0.8,
  maxOptions: 4,
  /** Ranking keeps this many best candidates (at least maxOptions): the answer needs no more. */
  rankKeep: 8,
  /** Topics with less than this share of the best evidence are not scored in full. */
  pruneBelow: 0.2,
  /**
   * A second thing asked in one message ("HV vs school nursing"): the part of the question the first
   * topic leaves unexplained must give another topic at least this evidence and coverage. A part whose
   * words the first topic also has is still its own when another topic scores otherTopicRatio times
   * the first on those words alone. Two groups named in one message ("a soldier and a veteran") are
   * answered by the first of the best severalRivals topics whose answer depends on the group. A
   * history asked ("walk me through …") is answered at up to historyParts changes of holder.
   */
  compound: Object.freeze({
    minEvidence: 1.5,
    minCoverage: 0.5,
    maxParts: 3,
    historyParts: 5,
    otherTopicRatio: 1.5,
    severalRivals: 3,
  }),
  /**
   * A question whose best topic is found only through words that many topics share ("the contract")
   * is vague: ask back with options. A word shared by more than this share of topics is generic.
   */
  genericShare: 0.1,
});

/**
 * "Not what I asked" (alternatives.ts): how many next-best readings an answer offers, and how much of
 * the question a runner-up topic must explain to be offered (below it, the topics the knowledge says
 * people confuse with the answer's are offered instead).
 */
export const ALTERNATIVES = Object.freeze({ max: 3, minCoverage: 0.5 });

export type Settings = typeof MATCHER;
type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type SettingsOverrides = DeepPartial<Settings>;

/** The defaults with a caller's overrides on top (one level deep for grouped settings such as `compound`). */
export function settingsWith(overrides: SettingsOverrides | undefined): Settings {
  if (!overrides) return MATCHER;
  const out: Record<string, unknown> = { ...MATCHER };
  for (const [key, value] of Object.entries(overrides)) {
    const base = (MATCHER as Record<string, unknown>)[key];
    out[key] =
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      base &&
      typeof base === 'object' &&
      !Array.isArray(base)
        ? { ...base, ...value }
        : value;
  }
  return out as Settings;
}
