import { beforeAll, describe, expect, it } from 'vitest';
import { renderAnswer } from '../../adapters/slack/blocks.js';
import { renderAnswerCard } from '../../adapters/teams/card.js';
import { renderText } from '../../src/cli/render-text.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { readDate } from '../../src/resolve/dates.js';
import { normalise } from '../../src/resolve/normalise.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// The six ways chat messages went wrong (issue 9), each as a table in our own words. Expectations name
// bodies as the scoring contract does: `must` all named, `mustNot` none named.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const ask = (q: string, asOf?: string) => Answer.parse(resolve(kb, q, { asOf, today: TODAY }));
const bodiesOf = (a: Answer) => a.commissioners.map((c) => c.body);

type Row = [question: string, must: string[], mustNot: string[]];
function answers(rows: Row[]) {
  it.each(rows)('answers "%s"', (question, must, mustNot) => {
    const a = ask(question);
    expect(a.status).toBe('answered');
    for (const b of must) expect(bodiesOf(a)).toContain(b);
    for (const b of mustNot) expect(bodiesOf(a)).not.toContain(b);
  });
}

describe('1. two things in one message are answered in parts', () => {
  it.each([
    ['Health visiting and school nursing in 2014 - who had which?', ['nhs-england', 'local-authority']],
    [
      'who holds the community pharmacy contracts and who writes the pharmaceutical needs assessment?',
      ['icb', 'local-authority'],
    ],
    ['dental vs wheelchair services in 2019, who commissioned each?', ['nhs-england', 'ccg']],
    // A list's commas part its items, before its last "and".
    [
      'Stakeholder list for 2018: who commissioned wheelchair services, district nursing, and sexual health clinics?',
      ['ccg', 'local-authority'],
    ],
  ])('"%s" has a part per thing asked', (question, must) => {
    const a = ask(question);
    expect(a.status).toBe('answered');
    expect(a.parts?.length).toBeGreaterThanOrEqual(2);
    const topics = new Set(a.parts?.map((p) => p.topic?.id));
    expect(topics.size).toBe(a.parts?.length);
    for (const b of must) expect(bodiesOf(a)).toContain(b);
    // The top-level list is the union of the parts'.
    expect(new Set(bodiesOf(a))).toEqual(
      new Set(a.parts?.flatMap((p) => p.commissioners.map((c) => c.body))),
    );
  });

  it('answers each item of a list of three', () => {
    const a = ask(
      'For 2018: who commissioned wheelchair services, district nursing, and sexual health clinics?',
    );
    expect(a.parts?.map((p) => p.topic?.id)).toEqual([
      'community-health-services',
      'wheelchair-services',
      'sexual-health-services',
    ]);
  });

  it('keeps a single question whole, however many words it shares with other topics', () => {
    expect(
      ask('who decides on a GP practice merger in a joint committee area in 2018?').parts,
    ).toBeUndefined();
    expect(ask('GP and dental care for serving sailors - who provides it?').parts).toBeUndefined();
  });

  it.each([
    // One word borrowed from another topic's longer phrasing is ordinary wording, not a second thing asked.
    [
      'Community nursing and district nurses in 2017: who commissioned them? the same outfit?',
      ['ccg'],
      ['nhs-england'],
    ],
    ['who commissions the orthotics service? the wait has been ten weeks now', ['icb'], []],
    ['school nursing in 2012 and in 2018: who held the power each time?', ['pct', 'local-authority'], []],
  ])('"%s" adds no part for a stray word', (question, must, mustNot) => {
    const a = ask(question);
    expect(a.status).toBe('answered');
    for (const p of a.parts ?? []) expect(kb.topicById.get(p.topic?.id ?? '')?.kind).toBe('service');
    for (const b of must) expect(bodiesOf(a)).toContain(b);
    for (const b of mustNot) expect(bodiesOf(a)).not.toContain(b);
  });

  it('still answers a refusal-looking asked object as commissioning when the object is a service', () => {
    const a = ask('what hospital services did the CCG commission in 2019?');
    expect(a.text).not.toBe(kb.outOfScope.find((rule) => rule.id === 'providers')?.reason);
  });

  it('gives each part its own date when the message gives one', () => {
    const a = ask('who had health visiting in 2014 and health visiting in 2017?');
    // One topic at two dates is answered once per date (see compound-dates.test.ts).
    expect(a.parts?.map((p) => [p.topic?.id, p.asOf])).toEqual([
      ['health-visiting', '2014-07-01'],
      ['health-visiting', '2017-07-01'],
    ]);
    const b = ask('health visiting in 2014 and school nursing in 2019 - who commissioned them?');
    expect(b.parts?.map((p) => p.asOf)).toEqual(['2014-07-01', '2019-07-01']);
  });

  it('is rendered as a part per thing asked in the terminal, Slack and Teams', () => {
    const a = ask('Health visiting and school nursing in 2014 - who had which?');
    const titles = a.parts?.map((p) => p.topic?.title ?? '') ?? [];
    const cli = renderText(a);
    const slack = JSON.stringify(renderAnswer(a).blocks);
    const card = renderAnswerCard(a);
    const containers = (card.body as { type: string }[]).filter((e) => e.type === 'Container');
    expect(containers).toHaveLength(titles.length);
    for (const title of titles) {
      expect(cli).toContain(title);
      expect(slack).toContain(title);
    }
  });
});

describe('2. conditions the message settles are applied', () => {
  answers([
    // Misspelt condition word.
    ['our CCG was fully delegted in 2017 - who approved practice mergers?', ['ccg'], ['icb']],
    // Negated condition: whatever else holds, not the delegated CCG.
    [
      'in 2019 our CCG was not delegated for GP commissioning: who signed off new practices?',
      ['nhs-england'],
      ['icb'],
    ],
    // A region with a date for specialised delegation.
    ['specialised services in the east of england in summer 2024, ICB or NHSE?', ['icb'], ['ccg']],
    // A setting said in passing.
    ['a patient at HMP Durham needed a dentist in 2018, who commissioned that?', ['nhs-england'], ['ccg']],
  ]);

  it('does not list the ruled-out holder', () => {
    const a = ask('in 2019 our CCG was not delegated for GP commissioning: who signed off new practices?');
    expect(a.commissioners.every((c) => !/delegated commissioning/.test(c.condition ?? ''))).toBe(true);
  });
});

describe('3. dates as people write them', () => {
  const today = '2026-11-22';
  it.each([
    ['2016ish', '2016-07-01'],
    ['on 14/2/14', '2014-02-14'],
    ['from 1.4.2014', '2014-04-01'],
    ['a decade ago', '2016-11-22'],
    ['the early 2010s', '2012-07-01'],
    ['when we were a PCT', '2007-09-30'],
    ['in the CCG days', '2017-11-14'],
    ['just before the 0-5 transfer', '2015-09-30'],
    ['once PHE closed', '2021-10-01'],
    ['back in 17/18', '2017-10-01'],
  ])('reads "%s" as %s', (text, date) => {
    expect(readDate(normalise(text), today, kb)?.date).toBe(date);
  });

  it('says how an approximate or named date was read', () => {
    const a = ask('who had health visiting 2014ish?');
    expect(a.dateRead).toBe('read "2014ish" as 1 July 2014');
    expect(a.text).toContain('2014ish');
  });

  it('answers "last year" in the past tense', () => {
    const roles = ask('who commissioned wheelchair services last year?').commissioners.map((c) => c.roleText);
    expect(roles).toContain('commissioned it');
  });
});

describe('4. long friendly messages are judged by their question', () => {
  answers([
    [
      'Morning both, hope the week is treating you kindly. I am pulling together a short history for our new non-execs and keep tripping over the same thing. Who commissioned school nursing in 2016? Many thanks, really appreciated',
      ['local-authority'],
      ['nhs-england', 'ccg'],
    ],
    ['IVF policy now: us (ICB) or NHSE?', ['icb'], ['nhs-england']],
    ['wheelchair services in 2018 - was that ever NHS England money?', ['ccg'], []],
    ['stop smoking services today - I assume it is still the council...?', ['local-authority'], ['icb']],
  ]);
});

describe('5. messages that name a service but ask something else are out of scope', () => {
  it.each([
    'is my neighbour eligible for NHS-funded IVF at 41?',
    'which procurement route should we use to re-tender the community dental contract?',
    'what will GP commissioning look like in five years?',
    'honestly, were PCTs any better than CCGs at commissioning mental health?',
    'can someone book the meeting room for the wheelchair services review on Tuesday?',
    'what dose of the flu vaccine do over-65s get?',
    'who commissions GP services in the Republic of Ireland HSE?',
    'who commissions dental care in a Scottish health board?',
    'who runs the school nursing team in Devon? I need to make a referral',
  ])('refuses "%s"', (question) => {
    expect(ask(question).status).toBe('unknown');
  });
});

describe('6. vague questions, the CQC, and bodies only within their lifetimes', () => {
  it('answers what the CQC does', () => {
    const a = ask('does the CQC commission anything?');
    expect(a.status).toBe('answered');
    expect(bodiesOf(a)).toContain('cqc');
  });

  it('never names a body on a date it did not exist', () => {
    for (const [question, gone] of [
      ['who commissions community pharmacy in 2024?', 'ccg'],
      ['who commissioned hospital care in 2010?', 'ccg'],
      ['who commissioned health visiting in 2016?', 'pct'],
    ] as const) {
      expect(bodiesOf(ask(question))).not.toContain(gone);
    }
  });
});

describe('7. a refusal says why: scope phrases hold in any form of their words, in the clauses that ask', () => {
  const reasonOf = (id: string) => kb.outOfScope.find((rule) => rule.id === id)?.reason;
  it.each([
    ['what antibiotic treats chlamydia?', 'clinical-advice'],
    ['best abx for UTI in pregnancy?', 'clinical-advice'],
    ['what are the warning signs of sepsis in a toddler', 'clinical-advice'],
    ['any side-effect from the flu jab?', 'clinical-advice'],
    ['Draft a briefing note on ICB commissioning', 'writing-requests'],
    ['Can you summarise the Health and Care Act 2022 for me?', 'writing-requests'],
    ['could you help by writing a poem about ICBs', 'writing-requests'],
    ['Which ambulance trust covers Harrogate?', 'providers'],
    ['which trust runs the sexual assault service in Leeds', 'providers'],
    ['who actually provides the 0-19 service here, the community trust or a social enterprise?', 'providers'],
    // The thing asked for is the doer of the verb that follows it at once (scope.yaml `asks`).
    ['what hospital does the hip replacements in Derby', 'providers'],
    ['which hospital trust is running the eating disorder unit near Hull?', 'providers'],
    ['who is the provider doing the chlamydia screening in Kent?', 'providers'],
    // A rule marked askingOnly holds in a clause that asks, even one that asks who commissions.
    ['who handles complaints about my GP?', 'complaints'],
    ['how do I complain about my dentist?', 'complaints'],
    ['which body commissions complaints handling for dentists?', 'complaints'],
  ])('refuses "%s" with the reason of %s', (question, rule) => {
    const a = ask(question);
    expect(a.status).toBe('unknown');
    expect(a.text).toBe(reasonOf(rule));
  });

  it('dates a refusal "as of today" on every surface, like an answer', () => {
    const a = ask('write me a poem about ICBs');
    expect(a.asOfSource).toBe('today');
    const slack = JSON.stringify(renderAnswer(a).blocks);
    const teams = JSON.stringify(renderAnswerCard(a));
    expect(slack).toContain(`as of *${a.asOfText}* (today`);
    expect(teams).toContain(`As of today, ${a.asOfText}`);
    expect(renderText(a)).toContain(`(as of ${a.asOfText}, today)`);
  });

  it('answers "which trust held the contract …": a trust named, but a commissioning question', () => {
    expect(ask('which trust held the contract for prison healthcare in 2015').status).toBe('answered');
  });

  it.each([
    ['who commissions school nursing in Leeds - the district, the county or the NHS?', 'school-nursing'],
    ['is health visiting commissioned by the county, the district or the ICB?', 'health-visiting'],
    ['who commissions district nursing - the council or the NHS?', 'community-health-services'],
  ])('reads "%s" as %s: bodies offered as the answer name no service (offeredBodies)', (question, topic) => {
    expect(ask(question).topic?.id).toBe(topic);
  });

  it.each([
    'Who commissioned NHS dentistry in 2019? Writing up a complaint timeline.',
    'who commissioned health visiting in 2014? It is for a complaint letter.',
  ])('answers "%s": a complaint as context, not what is asked (askingOnly)', (question) => {
    expect(ask(question).status).toBe('answered');
  });

  it('answers when the writing is the asker’s own context, not the request', () => {
    const a = ask("I'm writing up our history. Who commissioned health visiting in 2014?");
    expect(a.status).toBe('answered');
    expect(bodiesOf(a)).toContain('nhs-england');
  });
});
