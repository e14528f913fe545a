import { describe, expect, it } from 'vitest';
import { overdueReviews } from '../../src/knowledge/era-checks.js';
import { formatProblem } from '../../src/knowledge/problems.js';
import { BASE, loadStrings } from './helpers.js';

/** The base knowledge with one file changed; throws when the text to replace is missing. */
function withChange(file: keyof typeof BASE, from: string, to: string) {
  const files = { ...BASE, [file]: BASE[file].replace(from, to) };
  if (files[file] === BASE[file]) throw new Error(`test set-up: "${from}" not found in ${file}`);
  return loadStrings(files);
}
const problems = (r: ReturnType<typeof loadStrings>) => (r.ok ? [] : r.problems.map(formatProblem));

/** A third era, planned or superseded, after the two in the base topic. */
const PLAN = (status: string, extra = '') => `        sources: [s1]
      - from: 2027-04-01
        status: ${status}
${extra}        holders: [{ body: icb }]
        note: A plan.
        sources: [s1]
`;
const BY = '        by: "NHS England\'s Direct commissioning update (PRN02352)"\n        needs: Parliament\n';
const LAST_SOURCES = '        note: ICBs commission maternity care.\n        sources: [s1]\n';

describe('plans, review dates and lifetimes in kb:check', () => {
  it('accepts superseded and approved eras that carry a review date (and a pending one its instrument)', () => {
    for (const status of ['superseded', 'approved', 'planned']) {
      const r = withChange(
        'topics.yaml',
        LAST_SOURCES,
        `        note: ICBs commission maternity care.\n${PLAN(status, `        reviewBy: 2027-05-01\n${BY}`)}`,
      );
      expect(r.ok, status).toBe(true);
    }
  });

  it('refuses a planned, approved, proposed or announced era without "by:", the instrument, at its line', () => {
    for (const status of ['planned', 'approved', 'proposed', 'announced']) {
      const r = withChange(
        'topics.yaml',
        LAST_SOURCES,
        `        note: ICBs commission maternity care.\n${PLAN(status, '        reviewBy: 2027-05-01\n')}`,
      );
      expect(problems(r), status).toEqual([
        expect.stringMatching(
          new RegExp(`^topics\\.yaml:16:9 topics\\[0\\]\\.eras\\[2\\]: an? ${status} era needs "by:"`),
        ),
      ]);
    }
  });

  it('refuses a plan without a review date, at its line', () => {
    const r = withChange(
      'topics.yaml',
      LAST_SOURCES,
      `        note: ICBs commission maternity care.\n${PLAN('superseded')}`,
    );
    expect(problems(r)).toEqual([
      'topics.yaml:16:9 topics[0].eras[2]: a superseded era or event needs "reviewBy: YYYY-MM-DD", the day to check it again against its sources (e.g. a month after it was due to take effect).',
    ]);
  });

  it('warns, with file and line, once a review date has passed, and not before', () => {
    const r = withChange(
      'topics.yaml',
      LAST_SOURCES,
      `        note: ICBs commission maternity care.\n${PLAN('planned', `        reviewBy: 2027-05-01\n${BY}`)}`,
    );
    if (!r.ok) throw new Error('expected the knowledge to load');
    expect(overdueReviews(r.kb.reviews, '2027-05-01')).toEqual([]);
    expect(overdueReviews(r.kb.reviews, '2027-05-02').map(formatProblem)).toEqual([
      'topics.yaml:16:1 maternity (era 3): the review date 2027-05-01 of this planned entry has passed. Check its sources: if it took effect, make it in-force (and end the era before it); if not, update the note, "checked:" and "reviewBy:".',
    ]);
  });

  it('refuses a holder that did not exist for the whole era, naming the dates that clash', () => {
    const bodies = BASE['bodies.yaml'].replace(
      '    aliases: [CCG]\n',
      '    aliases: [CCG]\n    from: 2013-04-01\n    to: 2022-06-30\n',
    );
    const r = loadStrings({
      ...BASE,
      'bodies.yaml': bodies,
      'topics.yaml': BASE['topics.yaml']
        .replace('to: 2022-06-30', 'to: 2023-03-31')
        .replace('from: 2022-07-01', 'from: 2023-04-01'),
    });
    expect(problems(r)).toEqual([
      'topics.yaml:9:27 topics[0].eras[0].holders[0].body: "ccg" did not exist for the whole of this era (2013-04-01 to 2023-03-31): the era runs until 2023-03-31, but ccg existed only until 2022-06-30 (bodies.yaml). Change the era\'s dates or name the body that held it then.',
    ]);
  });

  it('refuses a body marked commissioner: false as a commissioning holder', () => {
    const bodies = `${BASE['bodies.yaml']}  - id: cqc\n    name: Care Quality Commission\n    commissioner: false\n`;
    const r = loadStrings({
      ...BASE,
      'bodies.yaml': bodies,
      'topics.yaml': BASE['topics.yaml'].replace('{ body: icb }', '{ body: cqc }'),
    });
    expect(problems(r)).toEqual([
      'topics.yaml:13:27 topics[0].eras[1].holders[0].body: "cqc" is marked commissioner: false in bodies.yaml, so it cannot hold this with role "commissions". Use role: advises or subject, or name the body that commissions it.',
    ]);
  });

  it('warns about a source without a url, and not about one that says where to find it', () => {
    const r = loadStrings(BASE);
    if (!r.ok) throw new Error('expected the knowledge to load');
    expect(r.kb.warnings.map(formatProblem)).toEqual([
      'sources.yaml:2:5 sources[0].url: source "s1" has no url, so people cannot open it. Add the address of its public page (one you have opened); if it truly has none, add "offline:" saying what it is and where a person can find it.',
    ]);
    const offline = withChange(
      'sources.yaml',
      '    date: "2012"\n',
      '    date: "2012"\n    offline: In the Act\'s printed copy at the British Library.\n',
    );
    expect(offline.ok && offline.kb.warnings).toEqual([]);
  });
});

describe('messages for what tripped maintainers up', () => {
  it('says an unquoted year is a number, and how to write it', () => {
    expect(problems(withChange('sources.yaml', 'date: "2012"', 'date: 2012'))).toEqual([
      'sources.yaml:5:11 sources[0].date: 2012 without quotes is read as a number, not a date. Write the full date, e.g. 2012-01-01, or put the year in quotes: "2012".',
    ]);
    expect(problems(withChange('topics.yaml', 'from: 2022-07-01', 'from: 2022'))).toEqual([
      'topics.yaml:12:15 topics[0].eras[1].from: 2022 without quotes is read as a number, not a date, and a year alone is not enough here. Write the full date, e.g. 2022-04-01 (YYYY-MM-DD).',
    ]);
  });

  it('explains * and & in plain words at the line where they are', () => {
    const star = problems(
      withChange(
        'topics.yaml',
        'note: CCGs commissioned maternity care.',
        'note: *Important* CCGs commissioned it.',
      ),
    );
    expect(star).toHaveLength(1);
    expect(star[0]).toMatch(
      /^topics\.yaml:10:15 a value on this line starts with "\*".*"&name" marks a value so it can be reused and "\*name" repeats/,
    );
    const amp = problems(withChange('topics.yaml', 'phrasings: [midwifery]', 'phrasings: [midwifery, &E]'));
    expect(amp).toHaveLength(1);
    expect(amp[0]).toMatch(/^topics\.yaml:5:\d+ .*starts with "&".*Put the whole value in double quotes/);
  });

  it('gives one message, at the slipped line, for one indentation slip', () => {
    expect(problems(withChange('topics.yaml', '        to: 2022-06-30', '       to: 2022-06-30'))).toEqual([
      'topics.yaml:8:1 the YAML is not well formed: this line is indented 7 spaces but does not line up with the lines it belongs with (the line above has 6). Indent it exactly like the other fields of the same entry (list items one level in, with "- "), using spaces.',
    ]);
    expect(
      problems(withChange('topics.yaml', '      - from: 2022-07-01', '     - from: 2022-07-01')),
    ).toHaveLength(1);
  });

  it('reports every problem in one run: a YAML slip in one file and an unknown field in another', () => {
    const r = loadStrings({
      ...BASE,
      'topics.yaml': BASE['topics.yaml'].replace('        to: 2022-06-30', '       to: 2022-06-30'),
      'bodies.yaml': BASE['bodies.yaml'].replace(
        '    aliases: [ICB]',
        '    aliases: [ICB]\n    colour: blue',
      ),
    });
    expect(problems(r)).toEqual([
      expect.stringMatching(/^bodies\.yaml:8:5 bodies\[1\]: "colour" is not a field here/),
      expect.stringMatching(/^topics\.yaml:8:1 the YAML is not well formed: this line is indented 7 spaces/),
    ]);
  });

  it('checks the files that parsed together even when another could not be read', () => {
    const r = loadStrings({
      ...BASE,
      'conditions.yaml': 'conditions:\n  - id: model\n   label: x\n',
      'more.yaml': BASE['topics.yaml']
        .replace('id: maternity', 'id: births')
        .replace('Maternity services', 'Births'),
    });
    const found = problems(r);
    expect(found.some((p) => p.startsWith('conditions.yaml:3:'))).toBe(true);
    expect(found.some((p) => p.includes('the phrasing "midwifery" also belongs to topic'))).toBe(true);
  });
});
