import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { readMessage } from '../../src/resolve/message.js';
import { normalise } from '../../src/resolve/normalise.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// A question that asks of "each" or "both" asks the same of every thing the sentence before it names:
// that sentence's things (dates, services, groups of people) are each answered as a part, even when the
// sentence states them ("we ran X and Y"). "Which agency" is how a message asks, never a second service.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const ask = (q: string) => Answer.parse(resolve(kb, q, { today: TODAY }));
const today = TODAY.toISOString().slice(0, 10);
const partsOf = (a: Answer) =>
  (a.parts ?? []).map((p) => [p.asOf, p.commissioners.map((c) => c.body).sort()] as const);

describe('the sentence before "each" or "both" is read as asked', () => {
  it.each([
    ['We had one complaint in 2011 and another in 2016. Who commissioned dentistry at each date?', true],
    ['Our clinic did contraception and sexual health screening. Who paid for both?', true],
    [
      'My aunt was in the navy and my uncle still serves. Who covers their GP care, is it the same for both?',
      true,
    ],
    [
      'In 2016 my husband was a district nurse and I was a midwife. Same organisation or different ones?',
      true,
    ],
    // "each other" asks nothing of each thing.
    [
      'Our teams did dental and pharmacy audits. The two reports contradict each other, who commissions GP services?',
      false,
    ],
    // One thing named before: nothing to distribute over.
    ['We moved house in 2016. Who commissioned each part of my care?', false],
    // No distributive word: the context stays context.
    ['We ran dental and pharmacy contracts in 2015. Who commissions GP services?', false],
  ])('%s → pulled in: %s', (question, pulled) => {
    const reading = readMessage(normalise(question), kb);
    expect(reading.distributes).toBe(pulled);
    expect(reading.clauses[0]?.asks).toBe(pulled);
  });
});

describe('each thing named before a distributive question gets its own part', () => {
  it.each([
    [
      'Two audits on file: one for prison healthcare in June 2011 and one in 2017. Who commissioned it at each date?',
      [
        ['2011-06-01', ['pct']],
        ['2017-07-01', ['nhs-england']],
      ],
    ],
    [
      'In 2018 our hospital did NHS hip replacements and some specialised cancer work. Who commissioned each?',
      [
        ['2018-07-01', ['ccg']],
        ['2018-07-01', ['nhs-england']],
      ],
    ],
  ])('%s', (question, expected) => {
    const answer = ask(question);
    expect(answer.status).toBe('answered');
    expect(partsOf(answer)).toEqual(expected);
  });

  it('answers each group of people when two are named and "both" asks of them', () => {
    const answer = ask(
      'My sister is serving in the raf and my grandad was in the army. Who commissions their hospital care now, the same body for both?',
    );
    expect(partsOf(answer)).toEqual([
      [today, ['nhs-england']],
      [today, ['icb']],
    ]);
  });
});

describe('"which agency" asks which body; it names no service', () => {
  it.each([
    [
      'Health protection 2018 and today, which agency?',
      [
        ['2018-07-01', ['local-authority', 'phe']],
        [today, ['local-authority', 'ukhsa']],
      ],
    ],
    [
      'Which department handled water fluoridation in 2010 and now?',
      [
        ['2010-07-01', ['sha']],
        [today, ['dhsc']],
      ],
    ],
  ])('%s', (question, expected) => {
    const answer = ask(question);
    expect(answer.parts?.map((p) => p.topic?.id)).toEqual(expected.map(() => answer.parts?.[0]?.topic?.id));
    expect(partsOf(answer)).toEqual(expected);
  });
});

describe('two services asked at two dates: each service at each date', () => {
  it('answers both services in 2012 and now, when the dates are a segment of their own', () => {
    const answer = ask('school nursing and health visiting - who had them in 2012 and who has them now?');
    expect(answer.parts?.map((p) => [p.topic?.id, p.asOf])).toEqual([
      ['health-visiting', '2012-07-01'],
      ['health-visiting', today],
      ['school-nursing', '2012-07-01'],
      ['school-nursing', today],
    ]);
  });

  it('keeps a date to its own service when each service has its own', () => {
    const answer = ask('who commissioned dental in 2010 and GP services in 2016?');
    expect(answer.parts?.map((p) => p.asOf)).toEqual(['2010-07-01', '2016-07-01']);
  });
});

describe('a sentence pulled in names things; it does not decide the scope', () => {
  it('answers a question about two jobs in the family, though "my wife" is a personal situation', () => {
    const answer = ask(
      'In 2018 I worked in stop smoking and my wife in sexual health. Were we commissioned by the same body or different ones?',
    );
    expect(answer.status).toBe('answered');
    expect(answer.parts?.map((p) => p.topic?.id).sort()).toEqual([
      'sexual-health-services',
      'stop-smoking-services',
    ]);
  });
});

describe('a service set apart is not asked', () => {
  it.each([
    [
      'which body commissioned HIV treatment (as distinct from HIV testing) in 2016?',
      'hiv-treatment',
      'nhs-england',
    ],
    [
      'who paid for HIV testing in 2016, as distinct from HIV treatment?',
      'sexual-health-services',
      'local-authority',
    ],
  ])('%s', (question, topic, body) => {
    const answer = ask(question);
    expect(answer.topic?.id).toBe(topic);
    expect(answer.commissioners.map((c) => c.body)).toEqual([body]);
  });
});

describe('a group both said and denied asks about it and about the usual case', () => {
  it('answers for a reservist mobilised and not mobilised', () => {
    const answer = ask(
      'As a reservist, who commissions my hospital care when mobilised, and when not mobilised?',
    );
    expect(answer.parts?.map((p) => p.commissioners.map((c) => c.body))).toEqual([['nhs-england'], ['icb']]);
  });
});
