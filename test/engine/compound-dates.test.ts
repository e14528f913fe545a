import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// One service asked about at two or three dates is answered in parts, one complete answer per date.
// A span ("between 2012 and 2016", "from 2012 to 2016") is one question, read at its start as any
// single date is: the reader does not guess which points inside it were meant.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const ask = (q: string, asOf?: string) => Answer.parse(resolve(kb, q, { asOf, today: TODAY }));
const today = TODAY.toISOString().slice(0, 10);
const partsOf = (a: Answer) =>
  a.parts?.map((p) => ({ topic: p.topic?.id, asOf: p.asOf, bodies: p.commissioners.map((c) => c.body) }));

describe('one service at several dates', () => {
  it.each([
    [
      'Dentistry: who held it in 2010, and who holds it now?',
      'dental-services',
      [
        ['2010-07-01', 'pct'],
        [today, 'icb'],
      ],
    ],
    [
      'school nurses 2012 versus 2019',
      'school-nursing',
      [
        ['2012-07-01', 'pct'],
        ['2019-07-01', 'local-authority'],
      ],
    ],
    [
      'health visitors - who commissioned them in 2008, then in 2015 and then in 2017?',
      'health-visiting',
      [
        ['2008-07-01', 'pct'],
        ['2015-07-01', 'nhs-england'],
        ['2017-07-01', 'local-authority'],
      ],
    ],
    [
      'health visiting in FY 14/15 compared with now',
      'health-visiting',
      [
        ['2014-10-01', 'nhs-england'],
        [today, 'local-authority'],
      ],
    ],
    [
      'sexual health services before ICBs vs today',
      'sexual-health-services',
      [
        ['2022-06-30', 'local-authority'],
        [today, 'local-authority'],
      ],
    ],
  ] as const)('"%s" has one part per date, all about one service', (question, topic, expected) => {
    const a = ask(question);
    expect(a.status).toBe('answered');
    const parts = partsOf(a) ?? [];
    expect(parts.map((p) => [p.asOf, p.topic])).toEqual(expected.map(([asOf]) => [asOf, topic]));
    expected.forEach(([, body], i) => {
      expect(parts[i]?.bodies).toContain(body);
    });
    // The top-level list is the union of the parts' bodies; each part says its own date.
    expect(new Set(a.commissioners.map((c) => c.body))).toEqual(new Set(parts.flatMap((p) => p.bodies)));
    for (const p of a.parts ?? []) expect(p.text.length).toBeGreaterThan(0);
  });

  it('says "now" is today and where each date came from', () => {
    const a = ask('who runs school nursing in 2012 and who runs it today?');
    expect(a.parts?.map((p) => [p.asOf, p.asOfSource])).toEqual([
      ['2012-07-01', 'text'],
      [today, 'today'],
    ]);
  });

  it('keeps to the most parts allowed, in the order asked', () => {
    const a = ask('health visiting in 2008 vs 2016 vs 2020 vs now');
    expect(a.parts?.map((p) => p.asOf)).toEqual(['2008-07-01', '2016-07-01', '2020-07-01']);
  });
});

describe('one question, not one per date', () => {
  it.each([
    ['dental in 2011 - who commissioned dental in 2011?', '2011-07-01'],
    ['who commissioned school nursing between 2012 and 2016?', '2012-07-01'],
    ['who commissioned school nursing from 2012 to 2016?', '2012-07-01'],
    ['who commissioned health visiting in 2014/15?', '2014-10-01'],
    // A second date inside the first's span says the same time again.
    ['who commissioned health visiting in 2016/17, the year after the 0-5 transfer?', '2016-10-01'],
  ])('"%s" is answered whole at %s', (question, asOf) => {
    const a = ask(question);
    expect(a.status).toBe('answered');
    expect(a.parts).toBeUndefined();
    expect(a.asOf).toBe(asOf);
  });

  it('answers at a date the caller chose, whatever dates the words give', () => {
    const a = ask('school nursing 2012 vs 2019', '2015-01-01');
    expect(a.parts).toBeUndefined();
    expect(a.asOf).toBe('2015-01-01');
  });
});

describe('several services and dates together', () => {
  it('two services with one date share it', () => {
    expect(partsOf(ask('HV and school nursing in 2014'))).toEqual([
      { topic: 'health-visiting', asOf: '2014-07-01', bodies: ['nhs-england'] },
      { topic: 'school-nursing', asOf: '2014-07-01', bodies: ['local-authority'] },
    ]);
  });

  it('two services with two dates pair each service with its own date', () => {
    const parts = partsOf(ask('who had dental in 2019 and school nursing in 2012?')) ?? [];
    expect(parts.map((p) => [p.topic, p.asOf]).sort()).toEqual([
      ['dental-services', '2019-07-01'],
      ['school-nursing', '2012-07-01'],
    ]);
  });
});

describe('what changed', () => {
  it.each([
    // question, the parts' dates in order
    ['who held health visiting in 2014 and what changed after?', ['2014-07-01', '2015-10-01']],
    [
      'who commissions health visiting now, and when did it change?',
      ['2015-09-30', TODAY.toISOString().slice(0, 10)],
    ],
    ['dental in 2019/20: whose contracts, and what has changed since?', ['2019-10-01', '2022-07-01']],
  ])('"%s" is answered at the date asked and at the change', (question, dates) => {
    const a = ask(question);
    expect(a.parts?.map((p) => p.asOf)).toEqual(dates);
    expect(new Set(a.parts?.map((p) => p.topic?.id)).size).toBe(1);
  });

  it('leaves "what changed in 2013?" a question about the change', () => {
    expect(ask('what changed in 2013?').parts).toBeUndefined();
  });
});

describe('a second service whose words the first also has', () => {
  it('is its own part when another topic names it much better', () => {
    const a = ask('In 2017, who commissioned open-access STI testing, and who commissioned HIV treatment?');
    expect(a.parts?.map((p) => p.topic?.id)).toEqual(['sexual-health-services', 'hiv-treatment']);
  });

  it('adds no part when the first topic explains it', () => {
    expect(ask('GP and dental care for serving soldiers in 2016?').parts).toBeUndefined();
  });
});
