import { beforeAll, describe, expect, it } from 'vitest';
import { datesIn } from '../../src/knowledge/count-checks.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { formatProblem } from '../../src/knowledge/problems.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { BASE, loadStrings, shippedKnowledge, TODAY } from './helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

/** What an answer says in words: its text, labels, holders' notes, what changed, and each part's. */
function said(a: Answer): string {
  return [a, ...(a.parts ?? [])]
    .flatMap((p) => [
      p.text,
      p.statusText ?? '',
      p.lookInstead ?? '',
      ...p.changes,
      ...p.commissioners.flatMap((c) => [c.note ?? '', c.condition ?? '']),
    ])
    .join('\n');
}

/** "42 ICBs" said as the number now: any "all 42" or "42 ICBs", or a 42 not tied to a date before April 2026. */
function says42Now(text: string): string | undefined {
  for (const sentence of text.split(/(?<=[.;!?])\s+/)) {
    if (!/\b(42|forty-two)\b/i.test(sentence) || !/\b(ICBs?|integrated care boards?)\b/i.test(sentence))
      continue;
    if (/\ball 42\b|\b42 ICBs\b/i.test(sentence)) return sentence;
    const dated = datesIn(sentence).some((d) => d.from <= '2026-03-31' && d.to >= '2022-07-01');
    if (!dated || /\b(now|currently|today|still|since \d)/i.test(sentence.replace(/\b36\b.*$/, '')))
      return sentence;
  }
  return undefined;
}

describe('no answer for a date after 31 March 2026 says 42 ICBs', () => {
  const DATES = ['2026-04-01', '2026-12-04', '2027-06-01'];

  it('holds for every topic, at each date (asked by topic, as a clicked option is)', () => {
    const found: string[] = [];
    for (const topic of kb.topics) {
      for (const asOf of DATES) {
        const a = Answer.parse(resolve(kb, topic.title, { asOf, topicId: topic.id, today: TODAY }));
        const sentence = says42Now(said(a));
        if (sentence) found.push(`${topic.id} at ${asOf}: ${sentence}`);
      }
    }
    expect(found).toEqual([]);
  });

  it.each([
    ['how many ICBs are there', '2026-12-04', '36'],
    ['how many ICBs are there now?', undefined, '36'],
    ['who commissions community pharmacy now', undefined, undefined],
    ['who commissions NHS dentistry today', undefined, undefined],
    ['ICB mergers', '2026-12-04', '36'],
    ['when did ICBs replace CCGs?', undefined, '36'],
  ])('"%s" (as of %s) says no "all 42 ICBs"; the count it gives is %s', (question, asOf, count) => {
    const a = Answer.parse(resolve(kb, question, { asOf, today: new Date('2026-12-04T12:00:00Z') }));
    expect(a.status).toBe('answered');
    expect(says42Now(said(a))).toBeUndefined();
    if (count) expect(said(a)).toContain(count);
  });

  it('still says 42 for a date before April 2026', () => {
    const a = Answer.parse(resolve(kb, 'how many ICBs were there in 2023?', { today: TODAY }));
    expect(a.text).toContain('42 ICBs from 1 July 2022 to 31 March 2026');
  });

  it('no longer calls the April 2026 mergers "approved, not verified"', () => {
    const a = Answer.parse(resolve(kb, 'ICB mergers', { asOf: '2026-12-04', today: TODAY }));
    expect(said(a)).not.toMatch(/not verified/i);
    expect(a.text).toContain('West and North London');
    expect(a.text).toMatch(/Hampshire and the Isle of Wight ICB was not merged/);
  });
});

describe('counts in bodies.yaml keep numbers to their dates (kb:check warnings)', () => {
  const withCount = (note: string, era = '      - from: 2022-07-01\n') =>
    loadStrings({
      ...BASE,
      'bodies.yaml': BASE['bodies.yaml'].replace(
        '    aliases: [ICB]\n',
        '    aliases: [ICB, ICBs, integrated care boards]\n    counts:\n      - { number: 42, from: 2022-07-01, to: 2026-03-31, sources: [s1] }\n      - { number: 36, from: 2026-04-01, sources: [s1] }\n',
      ),
      'topics.yaml': BASE['topics.yaml'].replace(
        '      - from: 2022-07-01\n        holders: [{ body: icb }]\n        note: ICBs commission maternity care.',
        `${era}        holders: [{ body: icb }]\n        note: ${note}`,
      ),
    });
  const warnings = (r: ReturnType<typeof withCount>) =>
    r.ok ? r.kb.warnings.map(formatProblem).filter((w) => w.includes('counts in bodies.yaml')) : ['not ok'];

  it.each([
    ['Since April 2023 all 42 ICBs commission it.', 1],
    ['All 42 ICBs commission it.', 1],
    ['Forty-two ICBs commission it.', 1],
    ['From 1 July 2022 the 42 ICBs commission it.', 1],
    ['On 1 July 2022 the Act set up 42 integrated care boards.', 0],
    ['There were 42 ICBs from 1 July 2022 to 31 March 2026.', 0],
    ['There have been 36 ICBs since 1 April 2026.', 0],
    ['There are 36 ICBs.', 1],
    ['Every ICB commissions it.', 0],
    ['Nine ICBs took it early.', 0],
  ])('"%s" in an era open from 2022: %i warning(s)', (note, count) => {
    const found = warnings(withCount(note));
    expect(found).toHaveLength(count);
    for (const w of found) expect(w).toMatch(/^topics\.yaml:\d+:\d+ topics\[0\]\.eras\[1\]\.note:/);
  });

  it('accepts a bare count in an era inside its dates', () => {
    const r = withCount('All 42 ICBs commission it.', '      - from: 2022-07-01\n        to: 2026-03-31\n');
    expect(warnings(r)).toEqual([]);
  });

  it('the shipped knowledge has no such warning', () => {
    expect(kb.warnings.map(formatProblem).filter((w) => w.includes('counts in bodies.yaml'))).toEqual([]);
  });

  it.each([
    ['1 July 2022', '2022-07-01', '2022-07-01'],
    ['April 2023', '2023-04-01', '2023-04-30'],
    ['by 2021/22', '2021-04-01', '2022-03-31'],
    ['in 2013', '2013-01-01', '2013-12-31'],
  ])('reads "%s" as %s to %s', (text, from, to) => {
    expect(datesIn(text)).toEqual([{ from, to }]);
  });
});

describe('sources a person can open', () => {
  it('at most 10% of sources lack a url', () => {
    const closed = [...kb.sources.values()].filter((s) => !s.url);
    expect(closed.length / kb.sources.size).toBeLessThanOrEqual(0.1);
  });

  it.each([
    ['s46-nhsbsa', 'https://opendata.nhsbsa.net/'],
    ['s46-nhse-mergers', 'https://www.england.nhs.uk/'],
    ['s42', 'https://www.nhsconfed.org/'],
    ['s43', 'https://www.burges-salmon.com/'],
  ])("cites the brief's source %s with its address", (id, start) => {
    expect(kb.sources.get(id)?.url?.startsWith(start)).toBe(true);
  });

  it('links NHS England\'s "Who commissions NHS services" page in the general refusal', () => {
    const a = Answer.parse(resolve(kb, 'what about zebras and giraffes', { today: TODAY }));
    expect(a.status).toBe('unknown');
    expect(a.lookInstead ?? '').toContain(
      'https://www.england.nhs.uk/commissioning/who-commissions-nhs-services/',
    );
  });
});
