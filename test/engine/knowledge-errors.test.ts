import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeDir } from '../../src/knowledge/load-fs.js';
import { formatProblem } from '../../src/knowledge/problems.js';
import { BASE, loadStrings } from './helpers.js';

function problemsWith(file: keyof typeof BASE, from: string, to: string) {
  const files = { ...BASE, [file]: BASE[file].replace(from, to) };
  if (files[file] === BASE[file]) throw new Error(`test set-up: "${from}" not found in ${file}`);
  const result = loadStrings(files);
  if (result.ok) throw new Error('expected the knowledge to be rejected');
  return result.problems.map(formatProblem);
}

describe('knowledge errors a maintainer can act on', () => {
  it('accepts the small base knowledge', () => {
    expect(loadStrings(BASE).ok).toBe(true);
  });

  it('reports a YAML syntax error with its line', () => {
    expect(problemsWith('topics.yaml', '    kind: service', '    kind: service:')).toEqual([
      expect.stringMatching(/^topics\.yaml:4:\d+ the YAML is not well formed: .+Check indentation/),
    ]);
  });

  // The parser notices an unclosed [ or quote only where the next line should have closed it; the
  // mistake a maintainer must fix is on the line with the opener.
  it('reports an unclosed [ at its own line, not the line after', () => {
    expect(problemsWith('topics.yaml', '    kind: service', '    kind: [service')).toEqual([
      'topics.yaml:4:11 the YAML is not well formed: the "[" on this line is never closed. Add "]" at the end of the list, e.g. "keywords: [dental, dentists]", or remove the "[".',
    ]);
    expect(
      problemsWith(
        'topics.yaml',
        'commission maternity care.\n        sources: [s1]',
        'commission maternity care.\n        sources: [s1',
      ),
    ).toEqual([expect.stringMatching(/^topics\.yaml:15:18 .+"\[" on this line is never closed/)]);
  });

  it('reports an unclosed quote at the line it opens, and ignores brackets inside quotes', () => {
    expect(problemsWith('topics.yaml', 'title: Maternity services', 'title: "Maternity [services')).toEqual([
      expect.stringMatching(
        /^topics\.yaml:3:12 .+double quote that starts the value on this line is never closed/,
      ),
    ]);
    expect(
      problemsWith('topics.yaml', '    kind: service', "    title2: 'GP''s [list'\n     kind: service"),
    ).toEqual([expect.stringMatching(/^topics\.yaml:5:\d+ .+indented 5 spaces/)]);
  });

  it('takes the knowledge date from the newest updated line', () => {
    const result = loadStrings({ ...BASE, 'sources.yaml': `updated: 2025-01-31\n${BASE['sources.yaml']}` });
    expect(result.ok && result.kb.updated).toBe('2025-01-31');
  });

  it('refuses an empty file, as a save caught half-way would be', () => {
    const result = loadStrings({ ...BASE, 'scope.yaml': '# only a comment\n' });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'scope.yaml:1:1 the file is empty (or only comments). Add a section such as "topics:", or delete the file if it is not needed.',
    ]);
  });

  it('names an unknown field, where it is and the fields allowed', () => {
    expect(problemsWith('topics.yaml', '    kind: service', '    kind: service\n    colour: red')).toEqual([
      'topics.yaml:5:5 topics[0]: "colour" is not a field here. Allowed fields: id, title, kind, phrasings, keywords, related, eras. Check the spelling or remove it.',
    ]);
  });

  it('says a required field is missing', () => {
    expect(problemsWith('topics.yaml', '    title: Maternity services\n', '')).toEqual([
      'topics.yaml:2:5 topics[0].title: this field is required. Add it.',
    ]);
  });

  it('explains how to write a date in the wrong format', () => {
    expect(problemsWith('topics.yaml', 'from: 2022-07-01', 'from: 1 July 2022')).toEqual([
      'topics.yaml:12:15 topics[0].eras[1].from: write dates as YYYY-MM-DD, e.g. 2013-04-01.',
    ]);
  });

  it('rejects a date that does not exist', () => {
    expect(problemsWith('topics.yaml', 'to: 2022-06-30', 'to: 2022-06-31')).toEqual([
      'topics.yaml:8:13 topics[0].eras[0].to: this date does not exist in the calendar.',
    ]);
  });

  it('lists the allowed words for a role', () => {
    expect(problemsWith('topics.yaml', '{ body: icb }', '{ body: icb, role: buys }')).toEqual([
      'topics.yaml:13:38 topics[0].eras[1].holders[0].role: must be one of: commissions, jointly, delegated, retains, accountable, advises, subject. Use one of those words exactly.',
    ]);
  });

  it('says an era needs a source', () => {
    expect(
      problemsWith(
        'topics.yaml',
        '        sources: [s1]\n      - from: 2022',
        '        sources: []\n      - from: 2022',
      ),
    ).toEqual([
      'topics.yaml:11:18 topics[0].eras[0].sources: every era needs at least one source id from sources.yaml.',
    ]);
  });

  it('points at a body id that does not exist', () => {
    expect(problemsWith('topics.yaml', '{ body: icb }', '{ body: icbs }')).toEqual([
      'topics.yaml:13:27 topics[0].eras[1].holders[0].body: no body has the id "icbs". Use an id from bodies.yaml (e.g. nhs-england, ccg, icb, local-authority) or add the body there.',
    ]);
  });

  it('points at a source id that does not exist', () => {
    expect(
      problemsWith(
        'topics.yaml',
        '        sources: [s1]\n      - from: 2022',
        '        sources: [s9]\n      - from: 2022',
      ),
    ).toEqual([
      'topics.yaml:11:19 topics[0].eras[0].sources[0]: no source has the id "s9". Use an id from sources.yaml or add the source there.',
    ]);
  });

  it('checks condition values against conditions.yaml', () => {
    expect(problemsWith('topics.yaml', '{ body: icb }', '{ body: icb, when: { model: level-3 } }')).toEqual([
      'topics.yaml:13:47 topics[0].eras[1].holders[0].when.model: "level-3" is not a value of the condition "model". Use one of: joint, delegated.',
    ]);
  });

  it('finds overlapping eras', () => {
    expect(problemsWith('topics.yaml', 'from: 2022-07-01', 'from: 2022-06-01')).toEqual([
      'topics.yaml:12:15 topics[0].eras[1].from: this era starts 2022-06-01, but the one above it runs until 2022-06-30. Set the earlier era\'s "to" to the day before.',
    ]);
  });

  it('finds an era that ends before it starts', () => {
    expect(problemsWith('topics.yaml', 'to: 2022-06-30', 'to: 2012-06-30')).toEqual([
      'topics.yaml:8:13 topics[0].eras[0].to: this era ends (2012-06-30) before it starts (2013-04-01). Swap the dates or fix the typo.',
    ]);
  });

  it('finds eras out of order', () => {
    const swapped = BASE['topics.yaml']
      .replace('from: 2013-04-01\n        to: 2022-06-30', 'from: 2023-04-01\n        to: 2024-06-30')
      .replace('from: 2022-07-01', 'from: 2013-07-01\n        to: 2014-01-01');
    const result = loadStrings({ ...BASE, 'topics.yaml': swapped });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'topics.yaml:12:15 topics[0].eras[1].from: eras must be listed oldest first, but this one starts 2013-07-01, before the one above it (2023-04-01). Move it up.',
    ]);
  });

  it('finds a duplicate id across files and says where the first one is', () => {
    const extra = {
      'more.yaml': BASE['topics.yaml'].replace('title: Maternity services', 'title: Midwifery'),
    };
    const result = loadStrings({ ...BASE, ...extra });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toContain(
      'more.yaml:2:9 topics[0].id: the topic id "maternity" is already used at topics.yaml:2. Give each topic its own id.',
    );
  });

  it('finds a title used twice', () => {
    const extra = {
      'more.yaml': BASE['topics.yaml']
        .replace('id: maternity', 'id: maternity-2')
        .replace('[midwifery]', '[]'),
    };
    const result = loadStrings({ ...BASE, ...extra });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'more.yaml:3:12 topics[0].title: the title "Maternity services" is also used at topics.yaml:2. Titles must differ so people can tell topics apart.',
    ]);
  });

  it('finds a phrasing that belongs to two topics', () => {
    const extra = {
      'more.yaml': BASE['topics.yaml']
        .replace('id: maternity', 'id: births')
        .replace('Maternity services', 'Births'),
    };
    const result = loadStrings({ ...BASE, ...extra });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'more.yaml:5:17 topics[0].phrasings[0]: the phrasing "midwifery" also belongs to topic "maternity" (topics.yaml:5). A phrasing may point to one topic only: remove it from one of them.',
    ]);
  });

  it('reports problems in files on disk with their path, and an empty folder plainly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wc-kb-'));
    try {
      const empty = await loadKnowledgeDir(dir, dir);
      expect(empty.ok ? [] : empty.problems.map((p) => p.message)).toEqual([
        `no .yaml files found in ${dir}. Point KNOWLEDGE_DIR at the knowledge folder.`,
      ]);
      await writeFile(join(dir, 'broken.yaml'), 'topics:\n  - id: x\n   title: y\n');
      const broken = await loadKnowledgeDir(dir, dir);
      expect(broken.ok ? [] : broken.problems.map(formatProblem)[0]).toMatch(
        /^broken\.yaml:3:\d+ the YAML is not well formed/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
