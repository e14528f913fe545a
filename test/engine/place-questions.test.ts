import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlaceLine, scoreAll } from '../../bench/place-score.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { answer } from '../../src/resolve/resolve.js';
import { shippedKnowledge, TODAY } from './helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const ask = (question: string, asOf?: string) =>
  answer(kb, question, { today: TODAY, ...(asOf ? { asOf } : {}) });
const bodies = (a: ReturnType<typeof ask>) => a.commissioners.map((c) => `${c.body}: ${c.name}`);

describe('questions about local bodies are answered from the place tables', () => {
  it.each([
    // [question, asOf, body: name of each body named]
    [
      'which ICB covers Shropshire?',
      '2025-01-10',
      ['icb: NHS Shropshire, Telford and Wrekin Integrated Care Board'],
    ],
    ["who was our CCG in 2016, we're in Wiltshire?", undefined, ['ccg: NHS Wiltshire CCG']],
    // A place named only in a sentence of context is not asked about.
    [
      "Which ICB is Glossop under? I'm never sure, being so near Manchester",
      undefined,
      ['icb: NHS Derby and Derbyshire Integrated Care Board'],
    ],
    [
      'what did NHS Vale of York CCG become?',
      undefined,
      ['icb: NHS Humber and North Yorkshire Integrated Care Board'],
    ],
    [
      'when did NHS Wiltshire CCG and NHS Swindon CCG merge?',
      undefined,
      ['ccg: NHS Bath and North East Somerset, Swindon and Wiltshire CCG'],
    ],
    [
      'is Frimley still an ICB?',
      undefined,
      [
        'icb: NHS Thames Valley Integrated Care Board',
        'icb: NHS Surrey and Sussex Integrated Care Board',
        'icb: NHS Hampshire and Isle of Wight Integrated Care Board',
      ],
    ],
    ['which NHS region is Cornwall in?', undefined, ['nhs-england: South West']],
    ["what's our sub-ICB location, we're in Leeds?", '2024-06-01', ['icb: NHS West Yorkshire ICB - 15F']],
    ['which region was NHS Kernow CCG in during 2016?', undefined, ['nhs-england: South of England']],
    ['which region was NHS Kernow CCG in during 2018?', undefined, ['nhs-england: South West']],
    [
      'which council covers Harrogate in 2020?',
      undefined,
      ['local-authority: North Yorkshire County Council', 'local-authority: Harrogate Borough Council'],
    ],
    ['which PCT covered Leeds in 2010?', undefined, ['pct: Primary care trust (PCT)']],
    ['what did Surrey Heartlands become?', undefined, ['icb: NHS Surrey and Sussex Integrated Care Board']],
    ['when were the Leeds CCGs merged?', undefined, ['ccg: NHS Leeds CCG']],
    [
      'Has Norfolk and Waveney ICB merged with Suffolk yet?',
      '2026-05-01',
      ['icb: NHS Norfolk and Suffolk Integrated Care Board'],
    ],
    [
      'did Hampshire and Isle of Wight ICB merge with anyone?',
      undefined,
      ['icb: NHS Hampshire and Isle of Wight Integrated Care Board'],
    ],
    ['what council is Harrogate in now', undefined, ['local-authority: North Yorkshire Council']],
    ['Which ICB is Harrogate in?', undefined, ['icb: NHS Humber and North Yorkshire Integrated Care Board']],
    [
      'I work at a GP practice in Leeds, which ICB are we in?',
      '2025-06-01',
      ['icb: NHS West Yorkshire Integrated Care Board'],
    ],
    [
      "we're in Cumbria, which ICB are we in?",
      '2025-06-01',
      [
        'icb: NHS North East and North Cumbria Integrated Care Board',
        'icb: NHS Lancashire and South Cumbria Integrated Care Board',
      ],
    ],
    ['who is the local NHS body in Leeds', '2025-06-01', ['icb: NHS West Yorkshire Integrated Care Board']],
    ['who was the local NHS body in Leeds in 2009', undefined, ['pct: Primary care trust (PCT)']],
    [
      'which ICBs formed NHS Essex ICB?',
      undefined,
      [
        'icb: NHS Suffolk and North East Essex Integrated Care Board',
        'icb: NHS Hertfordshire and West Essex Integrated Care Board',
        'icb: NHS Mid and South Essex Integrated Care Board',
      ],
    ],
    [
      'Is Wakefield covered by West Yorkshire ICB?',
      '2025-06-01',
      ['icb: NHS West Yorkshire Integrated Care Board'],
    ],
    [
      'How many ICBs are there in London?',
      '2026-06-01',
      [
        'icb: NHS North East London Integrated Care Board',
        'icb: NHS South East London Integrated Care Board',
        'icb: NHS South West London Integrated Care Board',
        'icb: NHS West and North London Integrated Care Board',
      ],
    ],
    // What a body became is the body it went into next, not the last one in the chain.
    ['who took over from NHS North Manchester CCG?', undefined, ['ccg: NHS Manchester CCG']],
    ['what became of NHS Bradford City CCG', undefined, ['ccg: NHS Bradford District and Craven CCG']],
    ['what did NHS Bradford City CCG turn into?', undefined, ['ccg: NHS Bradford District and Craven CCG']],
    // Who the asker says they are places them: no service asked.
    [
      "I'm a dentist in Leeds - which ICB are we under?",
      '2023-06-01',
      ['icb: NHS West Yorkshire Integrated Care Board'],
    ],
    ['we are a pharmacy in Camden, what was our CCG in 2019?', undefined, ['ccg: NHS Camden CCG']],
    // "The N X CCGs": the CCGs named so, or the one they merged into; a count is no service word.
    ['when did the 3 Bradford CCGs merge?', undefined, ['ccg: NHS Bradford District and Craven CCG']],
    ['when did the four Cheshire CCGs combine?', undefined, ['ccg: NHS Cheshire CCG']],
    // A short county name inside an ICB's name.
    [
      'is Lancs and South Cumbria ICB still around?',
      undefined,
      ['icb: NHS Lancashire and South Cumbria Integrated Care Board'],
    ],
    // Who is placed ("the practices in X", "X surgery here") is not a service.
    ['Which CCG did the practices in Wakefield come under in 2018?', undefined, ['ccg: NHS Wakefield CCG']],
    [
      'Leeds surgery here, which ICB are we under?',
      '2025-06-01',
      ['icb: NHS West Yorkshire Integrated Care Board'],
    ],
  ])('%s (as of %s)', (question, asOf, named) => {
    const a = ask(question, asOf);
    expect(a.status).toBe('answered');
    expect(a.topic?.id).toBe('local-bodies');
    expect(bodies(a)).toEqual(named);
  });

  it('says what the next body became in turn, and when the bodies named like a place merged', () => {
    expect(ask('what became of NHS Bradford City CCG').text).toMatch(
      /^On 1 April 2020, NHS Bradford City CCG merged with .* to form NHS Bradford District and Craven CCG\. On 1 July 2022, .*NHS Bradford District and Craven CCG passed its work to NHS West Yorkshire Integrated Care Board/,
    );
    expect(ask('when did the 3 Bradford CCGs merge?').text).toMatch(
      /^On 1 April 2020, NHS Airedale, Wharfedale and Craven CCG, NHS Bradford City CCG and NHS Bradford Districts CCG merged to form NHS Bradford District and Craven CCG\./,
    );
  });

  it('gives the dates from the tables in plain words', () => {
    expect(ask('which ICBs formed NHS Essex ICB?').text).toMatch(
      /set up on 1 April 2026 and took over from part of NHS Suffolk and North East Essex Integrated Care Board, part of NHS Hertfordshire/,
    );
    expect(ask('which ICBs formed NHS Essex ICB?').readAs).toMatch(/22 November 2026 \(today\)/);
    expect(ask('when did NHS Wiltshire CCG and NHS Swindon CCG merge?').text).toMatch(
      /^On 1 April 2020, NHS Wiltshire CCG and NHS Swindon CCG merged, with NHS Bath and North East Somerset CCG, to form/,
    );
    expect(ask('is Frimley still an ICB?').text).toMatch(
      /^No: NHS Frimley Integrated Care Board ended on 31 March 2026\./,
    );
    expect(ask('when was NHS Frimley ICB set up?').text).toBe(
      'NHS Frimley Integrated Care Board was set up on 1 July 2022.',
    );
  });

  it("says what a body took over after it started, and an abolished council's successors", () => {
    expect(ask('did Hampshire and Isle of Wight ICB merge with anyone?').text).toMatch(
      /On 1 April 2026, NHS Hampshire and Isle of Wight Integrated Care Board took over part of NHS Frimley Integrated Care Board\./,
    );
    expect(ask("we're in Cumbria, which ICB are we in?", '2025-06-01').text).toMatch(
      /^Cumbria County Council was abolished on 31 March 2023; Cumberland Council and Westmorland and Furness Council took over its area\./,
    );
  });

  it('names an abolished council by the councils that took over, and its NHS body by its own area', () => {
    const school = ask('who commissions school nursing in Cumbria', '2025-06-01');
    expect(school.commissioners[0]?.localName).toBe('Cumberland Council, Westmorland and Furness Council');
    expect(school.text).toMatch(/Cumbria County Council was abolished on 31 March 2023/);
    expect(ask('who commissions IVF in Harrogate', '2025-06-01').commissioners[0]?.localName).toBe(
      'NHS Humber and North Yorkshire Integrated Care Board',
    );
  });

  it('lists each body of a split area with its share and asks for a postcode or practice', () => {
    const a = ask('which CCGs covered High Peak in 2019?');
    expect(a.text).toMatch(/NHS Derby and Derbyshire CCG \(64%\) and NHS Tameside and Glossop CCG \(36%\)/);
    expect(a.text).toMatch(/give a postcode or GP practice/);
  });

  it('says "as of the place tables" after their date, and names the last known body', () => {
    const a = ask('which ICB covers Shropshire?');
    expect(a.text).toMatch(/As of the place tables of 1 April 2026/);
    expect(bodies(a)).toEqual(['icb: NHS Shropshire, Telford and Wrekin Integrated Care Board']);
    expect(ask('which ICB covers Shropshire?', '2025-01-10').text).not.toMatch(/As of the place tables/);
  });

  it('says a PCT before April 2013, naming none, and says the 2013-15 gap plainly rather than guess', () => {
    expect(ask('which PCT covered Leeds in 2010?').text).toMatch(/primary care trust \(PCT\)/);
    const gap = ask("Sheffield's CCG in 2014, which was it?");
    expect(gap.status).toBe('unknown');
    expect(gap.commissioners).toEqual([]);
    expect(gap.text).toMatch(/do not list CCGs between 1 April 2013 and 30 June 2015/);
    expect(ask('when was NHS Vale of York CCG set up?').status).toBe('unknown');
    expect(ask('which region was NHS Kernow CCG in during 2014?').status).toBe('unknown');
    expect(ask('was Frimley ICB around in 2019?').text).toBe(
      'No: on 1 July 2019 NHS Frimley Integrated Care Board did not exist yet; it was set up on 1 July 2022.',
    );
  });

  it('cites the manifest sources of the tables used, with their addresses, and says what it read', () => {
    const a = ask('which ICB covers Shropshire?');
    expect(a.sources.length).toBeGreaterThan(0);
    for (const s of a.sources) expect(s.url).toMatch(/^https:\/\/github\.com\//);
    expect(a.sources.map((s) => s.title).join(' ')).toMatch(/geographr/);
    expect(a.readAs).toBe('Local NHS bodies and councils · 22 November 2026 (today) · Shropshire · ICB');
  });

  it.each([
    'who commissions health visiting in Leeds?',
    'which ICB commissions mental health in Leeds?',
    'Leeds ICB here, who does dental?',
    'is it the council or the ICB for school nursing in Wiltshire?',
    'which ICB is responsible for GP practice mergers in Leeds',
  ])('leaves a service question naming a place to the topics: %s', (question) => {
    expect(ask(question).topic?.id).not.toBe('local-bodies');
  });

  it.each([
    // "on the" before a name in lower case places it; short names people use (reading.yaml placeNames).
    [
      'who funds talking therapies on the wirral?',
      ['icb: NHS Cheshire and Merseyside Integrated Care Board'],
    ],
    ['school nursing in CW&C in 2017?', ['local-authority: Cheshire West and Chester Council']],
  ])('names the local body for a service in a place: %s', (question, expected) => {
    expect(ask(question).commissioners.map((c) => `${c.body}: ${c.localName ?? c.name}`)).toEqual(expected);
  });

  it.each([
    ['who commissions IVF in Swansea?', 'Swansea is in Wales.'],
    ['which ICB covers Fife?', 'Fife is in Scotland.'],
    ['Who commissions school nursing for Wrexham families?', 'Wrexham is in Wales.'],
  ])('says a place outside England is out of scope: %s', (question, said) => {
    const a = ask(question);
    expect(a.status).toBe('unknown');
    expect(a.commissioners).toEqual([]);
    expect(a.text).toContain(said);
    expect(a.text).toMatch(/covers the NHS in England only/);
  });

  it('reads no place outside England in a word not written as one, nor where an English place is named', () => {
    expect(ask('Angus asked me who commissions school nursing').status).toBe('answered');
    expect(ask('who commissions health visiting in Leeds?').status).toBe('answered');
  });

  it.each([
    [
      'who commissions school nursing in Sheffield, and what is the full name of the organisation?',
      'Sheffield City Council',
    ],
    ['Health visiting in Wirral: who is it, and what are they called?', 'Wirral Borough Council'],
  ])('takes "the name of the body" after a place as the local name: %s', (question, name) => {
    const a = ask(question);
    expect(a.status).toBe('answered');
    expect(a.commissioners.map((c) => c.body)).toEqual(['local-authority']);
    expect(a.commissioners[0]?.localName).toBe(name);
  });

  it.each([
    ['who commissions stop smoking services for people living in Harrogate?', 'stop-smoking-services'],
    ['who commissioned hospital care for Kirklees residents in 2019?', 'hospital-care'],
  ])('keeps the words for who lives in a place out of the topic: %s', (question, topic) => {
    expect(ask(question).topic?.id).toBe(topic);
  });

  it('scores the sample place set with no wrong answer', () => {
    const lines = readFileSync('test/regression/places-sample.jsonl', 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => PlaceLine.parse(JSON.parse(l)));
    const s = scoreAll(lines.map((line) => ({ line, answer: ask(line.question, line.asOf) })));
    expect(s.wrong).toEqual([]);
    expect(s.right / s.total).toBeGreaterThanOrEqual(0.9);
  });
});
