import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { shippedKnowledge, TODAY } from './helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

type Case = [question: string, must: string[], mustNot: string[]];

function ask(question: string, asOf?: string) {
  return Answer.parse(resolve(kb, question, { asOf, today: TODAY }));
}

function bodies(question: string) {
  const a = ask(question);
  return { status: a.status, bodies: a.commissioners.map((c) => c.body) };
}

function check(cases: Case[]) {
  it.each(cases)('answers "%s"', (question, must, mustNot) => {
    const got = bodies(question);
    expect(got.status).toBe('answered');
    for (const b of must) expect(got.bodies).toContain(b);
    for (const b of mustNot) expect(got.bodies).not.toContain(b);
  });
}

describe('primary care', () => {
  check([
    ['which body held GMS contracts in 2010', ['pct'], ['nhs-england', 'ccg']],
    ['who held the GP contracts in 2014', ['nhs-england'], ['ccg', 'pct']],
    ['who manages GP practice contracts today', ['icb'], ['ccg']],
    ['pharmacy contracts in 2019', ['nhs-england'], ['ccg', 'icb']],
    ['who handles pharmacy market entry applications now', ['icb'], ['ccg']],
    ['NHS dentists - who commissions them in 2018?', ['nhs-england'], ['ccg', 'local-authority']],
    ['who commissions NHS sight tests in 2016', ['nhs-england'], ['ccg']],
    ['who writes the pharmaceutical needs assessment in 2020', ['local-authority'], ['pct', 'ccg']],
    ['GP revalidation and the performers list in 2019 - whose job?', ['nhs-england'], ['ccg']],
  ]);
});

describe('co-commissioning conditions', () => {
  check([
    ['fully delegated CCG in 2016: who approves a practice merger?', ['ccg'], ['local-authority']],
    ['greater involvement CCG, 2017 - who decides on a new GP practice', ['nhs-england'], ['ccg']],
    [
      'level 2 joint committee in 2018 - who makes GP contract decisions',
      ['ccg', 'nhs-england'],
      ['local-authority'],
    ],
  ]);

  it('lists each body with its condition when the question does not say the model', () => {
    const a = ask('who managed GP contracts in 2018');
    expect(a.status).toBe('answered');
    const conditions = a.commissioners.map((c) => [c.body, c.condition]);
    expect(conditions).toContainEqual(['ccg', expect.stringContaining('delegated')]);
    expect(conditions).toContainEqual(['nhs-england', expect.stringContaining('greater involvement')]);
  });

  it('names only the body that holds it when the question settles the model', () => {
    const a = ask('our CCG is fully delegated - who manages the GP contracts in 2018?');
    expect(a.commissioners.map((c) => c.body)).toEqual(['ccg']);
    expect(a.conditionsAsked).toEqual([expect.stringContaining('delegated')]);
  });

  it('shows NHS England as accountable only when the question asks about accountability', () => {
    const a = ask('delegated CCG in 2017: who is legally accountable for GP contracts?');
    expect(a.commissioners.map((c) => [c.body, c.role])).toContainEqual(['nhs-england', 'accountable']);
  });
});

describe('hospital, community and mental health', () => {
  check([
    ['who paid for elective hip operations in 2009', ['pct'], ['ccg']],
    ['A&E services in 2019 - commissioner?', ['ccg'], ['nhs-england', 'local-authority']],
    ['community nursing in 2024', ['icb'], ['ccg', 'local-authority']],
    ['talking therapies (IAPT) in 2016', ['ccg'], ['local-authority']],
    ['who commissions 999 ambulances now', ['icb'], ['ccg']],
    ['NHS continuing healthcare assessments in 2015', ['ccg'], ['local-authority']],
    ['wheelchair services in 2020', ['ccg'], ['nhs-england']],
    ['IVF in 2014', ['ccg'], ['nhs-england']],
  ]);
});

describe('public health', () => {
  check([
    ['health visitors in mid 2014', ['nhs-england'], ['local-authority']],
    ['health visitors in 2017', ['local-authority'], ['nhs-england']],
    ['stop smoking services in 2015', ['local-authority'], ['ccg']],
    ['NHS Health Checks in 2021', ['local-authority'], ['ccg']],
    ['chlamydia screening in 2014', ['local-authority'], ['ccg']],
    ['bowel cancer screening in 2016', ['nhs-england'], ['phe', 'ccg']],
    ['who commissions childhood immunisations currently', ['nhs-england'], ['ccg']],
  ]);
});

describe('specialised, justice and armed forces', () => {
  check([
    ['who commissioned specialised services in 2010', ['pct'], ['nhs-england']],
    ['medium secure mental health units in 2017', ['nhs-england'], ['ccg']],
    ['specialised services in the Midlands in autumn 2024', ['icb'], ['ccg']],
    ['healthcare in young offender institutions in 2016', ['nhs-england'], ['ccg', 'local-authority']],
    ['prison health care in 2008', ['pct'], ['nhs-england']],
    ['hospital care for serving soldiers in 2015', ['nhs-england'], ['ccg']],
  ]);
});

describe('changes and bodies', () => {
  check([
    ['when did ICBs take over from CCGs?', ['icb'], []],
    ['what was NHS England called in law in 2016', ['nhs-england'], []],
    ['when did Public Health England close', ['phe'], []],
    ['who took over health protection after PHE', ['ukhsa'], ['phe']],
  ]);

  it('answers a change that is only announced as announced, not as law', () => {
    const a = ask('is NHS England being abolished?');
    expect(a.status).toBe('answered');
    expect(['announced', 'proposed']).toContain(a.eraStatus);
    expect(a.statusText).toMatch(/not (yet )?(in effect|law)/i);
  });

  it('names a proposed arrangement, labelled, when the question asks what would happen', () => {
    const a = ask('under the Health Bill, who would commission proton beam therapy?');
    const dhsc = a.commissioners.find((c) => c.body === 'dhsc');
    expect(a.commissioners.map((c) => c.body)).toContain('nhs-england');
    expect(dhsc?.roleText).toMatch(/would commission it under the Health Bill 2026-27, if it becomes law/);
  });

  it('keeps NHS England as the in-force answer for screening and mentions the planned delegation', () => {
    const a = ask('who commissions breast screening now?');
    expect(a.commissioners.map((c) => c.body)).toContain('nhs-england');
    expect(a.changes.join(' ')).toMatch(/Planned/);
  });
});

describe('questions it should not answer', () => {
  it.each([
    'how much ibuprofen can a child take',
    'who commissions GP services in Wales?',
    'will Bupa pay for my knee operation',
    'who commissioned HMS Victory?',
    'I forgot my smartcard password',
    'what is the weather in Leeds tomorrow',
    'what band is a staff nurse on agenda for change',
    'who commissioned the Mona Lisa?',
    'asdf qwerty',
    '',
  ])('says it does not know "%s"', (question) => {
    expect(ask(question).status).toBe('unknown');
  });

  it('reads a place or setting ruled out with "not" as ruled out', () => {
    expect(bodies('who commissioned community pharmacy in England (not Northern Ireland) in 2019?')).toEqual({
      status: 'answered',
      bodies: ['nhs-england'],
    });
    expect(
      bodies('NHS continuing healthcare in 2016, not a prisoner, an ordinary patient - who commissions it?'),
    ).toEqual({
      status: 'answered',
      bodies: ['ccg'],
    });
  });

  it.each([
    'is ivf free on the nhs',
    'what age does bowel cancer screening start?',
    'should ICBs be abolished?',
    'my mum was refused CHC funding, can we appeal?',
    'who is the chief executive of NHS England?',
    'what commission does a pharmaceutical sales rep earn?',
  ])('does not answer "%s", which names a service but asks something else', (question) => {
    expect(ask(question).status).toBe('unknown');
  });

  it('says where to look when a question is out of scope', () => {
    expect(ask('who runs community pharmacy in Scotland?').lookInstead).toMatch(/Scotland/);
  });

  it('never names the CQC as a commissioner', () => {
    for (const q of [
      'who commissions the CQC',
      'does the CQC commission GP services?',
      'CQC commissioning role',
    ]) {
      expect(
        ask(q)
          .commissioners.filter((c) => c.role !== 'subject')
          .map((c) => c.body),
      ).not.toContain('cqc');
    }
  });
});

describe('dates and clicks', () => {
  it('uses a given as-of date over a date in the text', () => {
    const a = ask('health visiting in 2014', '2019-01-01');
    expect(a.asOf).toBe('2019-01-01');
    expect(a.asOfSource).toBe('given');
    expect(a.commissioners.map((c) => c.body)).toEqual(['local-authority']);
  });

  it('answers today when no date is given', () => {
    const a = ask('who commissions maternity services');
    expect(a.asOf).toBe('2026-11-22');
    expect(a.asOfSource).toBe('today');
  });

  it('answers a clicked option for that topic', () => {
    const a = resolve(kb, 'vague words', { topicId: 'maternity-services', today: TODAY });
    expect(a.status).toBe('answered');
    expect(a.topic?.id).toBe('maternity-services');
  });

  it('says plainly when a clicked option names a topic that no longer exists', () => {
    const a = resolve(kb, 'maternity services in 2016', { topicId: 'a-topic-since-removed', today: TODAY });
    expect(a.status).toBe('unknown');
    expect(a.text).toMatch(/no longer in the knowledge base/);
  });

  it('says what changed around the date', () => {
    const a = ask('who commissioned maternity services in 2023?');
    expect(a.changes.join(' ')).toMatch(/Before 1 July 2022: CCG/);
  });
});

describe("a question about a body's start", () => {
  it.each([
    // question, the date answered, a body the answer must name
    ['when were strategic health authorities set up?', '2002-04-01', 'sha'],
    ['when did CCGs start?', '2013-04-01', 'ccg'],
    // UKHSA's first day (April 2021) is still PHE's era of the topic: answered when UKHSA took over.
    ['when was ukhsa set up', '2021-10-01', 'ukhsa'],
  ])('"%s" is answered at %s, naming %s', (question, date, body) => {
    const a = ask(question);
    expect(a.asOf).toBe(date);
    expect(a.commissioners.map((c) => c.body)).toContain(body);
  });
});
