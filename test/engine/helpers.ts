import { checkAll } from '../../src/knowledge/check.js';
import { loadKnowledgeDir } from '../../src/knowledge/load-fs.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { parseKnowledgeFile } from '../../src/knowledge/parse.js';
import type { KnowledgeProblem } from '../../src/service.js';

/** Today, pinned: the knowledge date of the domain brief. */
export const TODAY = new Date('2026-11-22T12:00:00Z');

let shipped: KnowledgeBase | undefined;

/** The repository's own knowledge, loaded once per test file. */
export async function shippedKnowledge(): Promise<KnowledgeBase> {
  if (!shipped) {
    const result = await loadKnowledgeDir('knowledge');
    if (!result.ok) throw new Error(`shipped knowledge is invalid: ${JSON.stringify(result.problems)}`);
    shipped = result.kb;
  }
  return shipped;
}

/** Parses and checks in-memory files, as the loader does with files on disk. */
export function loadStrings(
  files: Record<string, string>,
): { ok: true; kb: KnowledgeBase } | { ok: false; problems: KnowledgeProblem[] } {
  const results = Object.entries(files).map(([file, text]) => parseKnowledgeFile(file, text));
  return checkAll(results, '2026-11-22');
}

/** A small valid knowledge base to break one thing at a time. */
export const BASE = {
  'bodies.yaml': `bodies:
  - id: ccg
    name: Clinical commissioning group
    aliases: [CCG]
  - id: icb
    name: Integrated care board
    aliases: [ICB]
`,
  'sources.yaml': `sources:
  - id: s1
    title: An Act
    publisher: legislation.gov.uk
    date: "2012"
`,
  'conditions.yaml': `conditions:
  - id: model
    label: Model
    question: Which model?
    values:
      - { id: joint, label: joint, phrases: [joint] }
      - { id: delegated, label: delegated, phrases: [delegated] }
`,
  'topics.yaml': `topics:
  - id: maternity
    title: Maternity services
    kind: service
    phrasings: [midwifery]
    eras:
      - from: 2013-04-01
        to: 2022-06-30
        holders: [{ body: ccg }]
        note: CCGs commissioned maternity care.
        sources: [s1]
      - from: 2022-07-01
        holders: [{ body: icb }]
        note: ICBs commission maternity care.
        sources: [s1]
`,
  'reading.yaml': `reading:
  negations: [not]
  selfWords: [we]
  anchors: { before: [before], after: [after], since: [since], during: [during], duringAfter: [days], ending: [closed] }
  hedges: [not sure]
  approximately: [ish]
  greetings: [hi]
  stopWords: [the, a, of, in, who]
  intent:
    questionWords: [who]
    asksWho: [who, commissions]
    plainlyAsksWho: [commissions]
    notCommissioningAfter: [quality]
    whichBodyFirst: [is]
    whichBodyThen: [it]
    movesTo: [stay with]
    whichBodyWords: [who]
    presentAsks: [commissions]
    changeOpeners: [when]
    serviceOpenersFirst: [was]
    serviceOpenersThen: [it]
    lateChangeOpeners: [why]
    changeWords: [abolish*]
    roles: { accountable: [accountab*], advises: [advis*] }
`,
};
