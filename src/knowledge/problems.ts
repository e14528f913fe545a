import type { KnowledgeProblem } from '../service.js';

/** What opens a flow list, a flow map or a quoted value; a YAML slip often leaves one unclosed. */
export type Opener = '[' | '{' | '"' | "'";
const CLOSER = { '[': ']', '{': '}' } as const;

/** Every knowledge error text, in one place, so wording stays consistent and tests can pin it. */
export const messages = {
  yamlSyntax: (detail: string) =>
    `the YAML is not well formed: ${detail}. Check indentation (spaces, not tabs) and that every "key: value" has a colon and a space.`,
  unclosed: (open: Opener) =>
    open === '[' || open === '{'
      ? `the YAML is not well formed: the "${open}" on this line is never closed. Add "${CLOSER[open]}" at the end of the ${open === '[' ? 'list' : 'entry'}, e.g. "keywords: [dental, dentists]", or remove the "${open}".`
      : `the YAML is not well formed: the ${open === '"' ? 'double' : 'single'} quote that starts the value on this line is never closed. Add the closing ${open} at the end of the value, or remove the opening one.`,
  aliasOrAnchor: (char: '*' | '&') =>
    `a value on this line starts with "${char}" (or has one after a comma in a [list]). In YAML, "&name" marks a value so it can be reused and "*name" repeats a value marked that way, so a value cannot start with * or & as ordinary text. Put the whole value in double quotes, e.g. "${char === '*' ? '*Important*' : 'A&E'} ...".`,
  indentation: (spaces: number, above: number, tab: boolean) =>
    tab
      ? 'the YAML is not well formed: this line is indented with a tab. YAML needs spaces: replace the tab with spaces so the line lines up with the ones it belongs with.'
      : `the YAML is not well formed: this line is indented ${spaces} space${spaces === 1 ? '' : 's'} but does not line up with the lines it belongs with (the line above has ${above}). Indent it exactly like the other fields of the same entry (list items one level in, with "- "), using spaces.`,
  unquotedYear: (year: number, yearAllowed: boolean) =>
    yearAllowed
      ? `${year} without quotes is read as a number, not a date. Write the full date, e.g. ${year}-01-01, or put the year in quotes: "${year}".`
      : `${year} without quotes is read as a number, not a date, and a year alone is not enough here. Write the full date, e.g. ${year}-04-01 (YYYY-MM-DD).`,
  unresolvedAlias: (name: string) =>
    `"*${name}" repeats a value marked "&${name}", but no value is marked "&${name}" before this line. Mark the value to repeat with &${name} above, or write the value out here instead of *${name}.`,
  notConvertible: (detail: string) =>
    `the YAML could not be read as knowledge: ${detail}. Write the values out in full rather than with & and * references.`,
  emptyFile: () =>
    'the file is empty (or only comments). Add a section such as "topics:", or delete the file if it is not needed.',
  notAMapping: () =>
    'the file must be a list of sections such as "topics:" or "sources:" at the top level. Start the file with one of them.',
  unknownKey: (key: string, allowed: string[]) =>
    `"${key}" is not a field here. Allowed fields: ${allowed.join(', ')}. Check the spelling or remove it.`,
  missing: () => 'this field is required. Add it.',
  wrongType: (expected: string, got: string) => `expected ${expected} but found ${got}. Change the value.`,
  notOneOf: (values: readonly unknown[]) =>
    `must be one of: ${values.map(String).join(', ')}. Use one of those words exactly.`,
  tooFew: (detail: string) => `${detail}.`,
  invalid: (detail: string) => `${detail}.`,
  duplicateId: (kind: string, id: string, other: string) =>
    `the ${kind} id "${id}" is already used at ${other}. Give each ${kind} its own id.`,
  unknownBody: (id: string) =>
    `no body has the id "${id}". Use an id from bodies.yaml (e.g. nhs-england, ccg, icb, local-authority) or add the body there.`,
  unknownSource: (id: string) =>
    `no source has the id "${id}". Use an id from sources.yaml or add the source there.`,
  unknownTopic: (id: string) => `no topic has the id "${id}". Check the spelling of the related topic id.`,
  unknownCondition: (id: string) =>
    `no condition has the id "${id}". Use one from conditions.yaml (e.g. cocommissioning, region).`,
  unknownConditionValue: (condition: string, value: string, allowed: string[]) =>
    `"${value}" is not a value of the condition "${condition}". Use one of: ${allowed.join(', ')}.`,
  eraBackwards: (from: string, to: string) =>
    `this era ends (${to}) before it starts (${from}). Swap the dates or fix the typo.`,
  eraOrder: (prevFrom: string, from: string) =>
    `eras must be listed oldest first, but this one starts ${from}, before the one above it (${prevFrom}). Move it up.`,
  eraOverlap: (prevTo: string, from: string) =>
    `this era starts ${from}, but the one above it runs until ${prevTo}. Set the earlier era's "to" to the day before.`,
  eraOpenBefore: () =>
    'only the first era may leave out "from". Give this era its first day, e.g. from: 2013-04-01.',
  eraOpenAfter: () =>
    'only the last era may leave out "to" (meaning "still holds"). Give the era above its last day.',
  duplicateTitle: (title: string, other: string) =>
    `the title "${title}" is also used at ${other}. Titles must differ so people can tell topics apart.`,
  sharedPhrasing: (phrase: string, topic: string, other: string) =>
    `the phrasing "${phrase}" also belongs to topic "${topic}" (${other}). A phrasing may point to one topic only: remove it from one of them.`,
  decisionUnreadable: (why: string) =>
    `the learnt decision cannot be read (${why}). This file is written by \`npm run train\`: run it again rather than editing the file.`,
  decisionStale: (features: string) =>
    `the learnt decision was trained on other features (${features}) than this version of the bot reads. Run \`npm run train\`.`,
  missingReading: () =>
    'no file has a "reading:" section (negations, date anchors and the other word lists the resolver reads with). Restore knowledge/reading.yaml.',
  duplicateReading: (other: string) =>
    `"reading:" is already given at ${other}. Keep one "reading:" section and merge the word lists into it.`,
  scopeClash: (phrase: string, topic: string) =>
    `the out-of-scope phrase "${phrase}" is also in the title or a phrasing of topic "${topic}", so questions that topic answers would be refused. Make the phrase more specific or remove it.`,
  anachronism: (body: string, span: string, eraSide: string, bodySide: string) =>
    `"${body}" did not exist for the whole of this era (${span}): the era ${eraSide}, but ${body} existed only ${bodySide} (bodies.yaml). Change the era's dates or name the body that held it then.`,
  notACommissioner: (body: string, role: string) =>
    `"${body}" is marked commissioner: false in bodies.yaml, so it cannot hold this with role "${role}". Use role: advises or subject, or name the body that commissions it.`,
  missingReviewBy: (status: string) =>
    `${/^[aeiou]/.test(status) ? 'an' : 'a'} ${status} era or event needs "reviewBy: YYYY-MM-DD", the day to check it again against its sources (e.g. a month after it was due to take effect).`,
  missingBy: (status: string) =>
    `${/^[aeiou]/.test(status) ? 'an' : 'a'} ${status} era needs "by:", the instrument that makes it ${status} (e.g. by: "NHS England's Direct commissioning update (PRN02352)" or by: the Health Bill 2026-27), so answers can say what is ${status} and by what; add "needs: Parliament" when it needs Parliament.`,
  reviewPassed: (status: string, reviewBy: string) =>
    `the review date ${reviewBy} of this ${status} entry has passed. Check its sources: if it took effect, make it in-force (and end the era before it); if not, update the note, "checked:" and "reviewBy:".`,
  sourceWithoutUrl: (id: string) =>
    `source "${id}" has no url, so people cannot open it. Add the address of its public page (one you have opened); if it truly has none, add "offline:" saying what it is and where a person can find it.`,
  countOutlivesDates: (
    said: string,
    from: string,
    to: string | undefined,
    eraFrom?: string,
    eraTo?: string,
  ) =>
    `"${said}" holds ${to ? `from ${from} to ${to}` : `from ${from}`} (counts in bodies.yaml), but this text is shown for ${eraFrom || eraTo ? `${eraFrom ?? 'the start'} to ${eraTo ?? 'now'}` : 'every date'}. Tie the number to its dates in the same sentence ("42 ICBs on 1 July 2022", "from 1 July 2022 to 31 March 2026"), or move it to an era inside them.`,
  emptyFolder: (dir: string) =>
    `no .yaml files found in ${dir}. Point KNOWLEDGE_DIR at the knowledge folder.`,
  unreadable: (detail: string) => `the file could not be read: ${detail}.`,
};

/** Thrown when knowledge cannot be loaded at all; carries every problem found. */
export class KnowledgeLoadError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    super(`The knowledge base has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'KnowledgeLoadError';
  }
}

/** "knowledge/topics.yaml:12:7 topics[3].eras[0].from: write dates as …" */
export function formatProblem(p: KnowledgeProblem): string {
  const field = p.field ? ` ${p.field}:` : '';
  return `${p.file}:${p.line}:${p.column}${field} ${p.message}`;
}
