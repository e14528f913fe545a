import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { readConditions } from '../../src/resolve/conditions.js';
import { readDate } from '../../src/resolve/dates.js';
import { normalise } from '../../src/resolve/normalise.js';
import { resolve } from '../../src/resolve/resolve.js';
import { outOfScopeRule } from '../../src/resolve/scope.js';
import { joinSpelt } from '../../src/resolve/spelt.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// One table per reading stage: dates, conditions, then parts of the answer.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const today = TODAY.toISOString().slice(0, 10);

describe('dates named by a moment or relative to today', () => {
  it.each([
    // "next April" is the coming April, not "April" with no year.
    ['who will hold the contract from next april', '2027-04-01'],
    // A year inside an Act's name is the Act, not the year.
    ['who ran it in the year the 2012 act took effect', '2013-04-01'],
    ['who held it before the 2012 act came in', '2013-03-31'],
    // A plain year still reads as the year.
    ['who held it in 2012', '2012-07-01'],
    // After a body was set up is after its start, and an amount before "after" moves it.
    ['the year after nhs improvement was set up', '2017-04-01'],
    ['the year after icbs were set up', '2023-07-01'],
    ['once ukhsa was set up', '2021-04-01'],
    // Public events people date things by (reading.yaml, publicEvents), and "while" before one.
    ['who commissioned it while the london olympics were on', '2012-07-27'],
    ['talking therapies during the beast from the east', '2018-02-28'],
  ])('reads "%s" as %s', (text, date) => {
    expect(readDate(normalise(text), today, kb)?.date).toBe(date);
  });
});

describe('abbreviations spelt out, as dictated', () => {
  it.each([
    ['was it the sea sea gee or the i see bee', 'was it the ccg or the icb'],
    ['n h s e or i c b for dentistry?', 'nhse or icb for dentistry?'],
    ['the gee pee contract', 'the gp contract'],
    // The last letter may be plural.
    ['how many i see bees are there', 'how many icbs are there'],
    // Letter names that spell nothing the knowledge abbreviates stay words.
    ['i see, so who does school nursing', 'i see, so who does school nursing'],
    ['should i see a doctor', 'should i see a doctor'],
    // Punctuation ends a run: "see. bee" is not one word.
    ['i see. be quick', 'i see. be quick'],
  ])('reads "%s" as "%s"', (text, read) => {
    expect(joinSpelt(normalise(text), kb)).toBe(read);
  });
});

describe("a word is read once: a date phrase's words are not conditions", () => {
  it('does not read "Leicester" in "the year Leicester won the league" as the Midlands', () => {
    const a = resolve(kb, 'who commissioned hospital care the year leicester won the league?', {
      today: TODAY,
    });
    expect(a.asOf).toBe('2016-05-02');
    expect(a.conditionsAsked).toEqual([]);
  });
});

describe('a question about a body is about the body it asks about', () => {
  it('does not answer "was NHS Improvement a legal body?" with NHS England\'s legal name', () => {
    const a = resolve(kb, 'was NHS Improvement ever a legal body in its own right, or only a name?', {
      today: TODAY,
    });
    expect(a.topic?.id).not.toBe('nhs-england-name');
  });

  it('lets a body named in passing stand aside', () => {
    const a = resolve(
      kb,
      'Governance question: the legislative reform order of October 2014, which bodies did it give the power to form joint committees? NHSE had it before, I believe.',
      { today: TODAY },
    );
    expect(a.topic?.id).toBe('lro-2014-joint-committees');
  });
});

describe('what a clause asks for by its structure', () => {
  it.each([
    ['WHAT HAPPENS TO MY NHS ENGLAND JOB WHEN IT GETS ABOLISHED', 'workforce'],
    ["who's the NHS 111 provider for the county?", 'providers'],
    // A structure does not reach across a comma; a change to contracts is in scope.
    ["appraisal for our GPs, ICB's job now or still NHSE?", undefined],
    ['what happens to our ICB contracts when NHS England is abolished?', undefined],
    // A nation named only as where the asker came from does not refuse a question about England.
    ['Came down from Edinburgh last month. Who buys hospital care here in England?', undefined],
    ['who commissions dentistry in scotland and in england?', 'devolved-nations'],
    ['who commissions dentistry in Edinburgh?', 'devolved-nations'],
  ])('"%s" → %s', (text, rule) => {
    expect(outOfScopeRule(text, kb)?.id).toBe(rule);
  });
});

describe('conditions', () => {
  it.each([
    // A phrase matches its plural as well.
    ['substance misuse in hmps', 'setting', 'detained'],
    ['hospital care for a serving member of the armed forces', 'setting', 'military'],
    ["a sailor's wife registered with an ordinary nhs gp", 'setting', 'general'],
    // Where a forces family is registered decides, whoever else the message names.
    ['wife of a serving sailor, registered at an ordinary nhs gp practice', 'setting', 'general'],
    ["a serving soldier's husband registered with a dms practice", 'setting', 'military'],
    // One value ruled out and none named: the usual case.
    ["i'm a reservist but not mobilised at the moment", 'setting', 'general'],
    ['my mate is still serving', 'setting', 'military'],
  ])('reads "%s" as %s = %s', (text, condition, value) => {
    expect(readConditions(normalise(text), kb).settled.get(condition)).toBe(value);
  });

  it('keeps a contraction whole, so its negation still rules a value out', () => {
    const a = resolve(kb, "We weren't an early POD ICB. Who held dental contracts for us in December 2022?", {
      today: TODAY,
    });
    expect(a.commissioners.map((c) => c.body)).toEqual(['nhs-england']);
  });
});

/** Each part of a compound answer: its topic, date and the bodies it names. */
function parts(question: string) {
  const a = resolve(kb, question, { today: TODAY });
  return (a.parts ?? [a]).map((p) => ({
    topic: p.topic?.id,
    asOf: p.asOf,
    bodies: p.commissioners.map((c) => c.body),
  }));
}

describe('parts of one message', () => {
  it('gives each part the condition its own words state', () => {
    expect(
      parts(
        'In 2018 who commissioned the community alcohol service, and the healthcare inside the local prison?',
      ),
    ).toEqual([
      { topic: 'drug-and-alcohol-services', asOf: '2018-07-01', bodies: ['local-authority'] },
      { topic: 'prison-healthcare', asOf: '2018-07-01', bodies: ['nhs-england'] },
    ]);
  });

  it('answers one service for each group of people named', () => {
    const got = parts(
      'Who commissioned planned hospital operations in 2018 for my brother, a serving soldier, and my uncle, a veteran?',
    );
    expect(got.map((p) => p.topic)).toEqual(['hospital-care', 'hospital-care']);
    expect(got.flatMap((p) => p.bodies).sort()).toEqual(['ccg', 'nhs-england']);
  });

  it('answers "what changed in YEAR" with the day before and the day of that change', () => {
    const got = parts('who commissions wheelchair services today, and what changed in 2022?');
    expect(got.map((p) => p.asOf)).toEqual([today, '2022-06-30', '2022-07-01']);
    expect(got.flatMap((p) => p.bodies)).toEqual(['icb', 'ccg', 'icb']);
  });

  it('makes no second part of one word borrowed from a longer keyword ("performance" of "pay for performance")', () => {
    const got = parts("Who oversaw NHS trusts' finances and performance in 2017?");
    expect(got.map((p) => p.topic)).toEqual(['provider-oversight']);
  });

  it('answers "before 2013 and after" at both sides of the change', () => {
    const got = parts('who ran stop smoking services before 2013 and after');
    expect(got.flatMap((p) => p.bodies)).toEqual(['pct', 'local-authority']);
  });

  it('keeps a part whose words include a relative clause ("the checks we do")', () => {
    const got = parts(
      'In 2017 who commissioned the eye checks we do at the opticians, and who commissioned cataract surgery?',
    );
    expect(got.map((p) => p.topic).sort()).toEqual(['general-ophthalmic-services', 'hospital-care']);
  });
});

describe('how a message asks: a service, or a change or body', () => {
  it.each([
    // The words of a date ("when they came in") do not make a question about a service one about a change.
    ['adult social care - did that move over to the ICB when they came in?', 'adult-social-care'],
    // A question about a body's start still asks about the body.
    ['what year did the CQC start?', 'cqc-role'],
  ])('"%s" is answered with %s', (question, topic) => {
    expect(resolve(kb, question, { today: TODAY }).topic?.id).toBe(topic);
  });
});
