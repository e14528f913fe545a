import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { readPlaces } from '../../src/resolve/place-asks.js';
import { answer, readQuestion } from '../../src/resolve/resolve.js';
import { shippedKnowledge, TODAY } from './helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const ask = (question: string) => answer(kb, question, { today: TODAY });
const bodies = (a: ReturnType<typeof ask>) => a.commissioners.map((c) => `${c.body}: ${c.name}`);
const names = (q: string) => readPlaces(kb, q).map((p) => p.name);

describe('a list of names sharing their last words is each of the bodies', () => {
  it.each([
    [
      'the North, Central and South Manchester CCGs',
      ['NHS North Manchester CCG', 'NHS Central Manchester CCG', 'NHS South Manchester CCG'],
    ],
    ['Eastern and South Cheshire CCGs', ['NHS Eastern Cheshire CCG', 'NHS South Cheshire CCG']],
    // A listed word that makes no name of the kind stays what it is ("Leeds Manchester" is no CCG).
    ['worked in Leeds and South Manchester CCG', ['Leeds', 'NHS South Manchester CCG']],
    ['worked at the Ordinary and South Manchester CCG', ['NHS South Manchester CCG']],
    // Councils are not listed this way: "North and South Tyneside" stays as written.
    ['North and South Tyneside councils', ['South Tyneside']],
  ])('%s', (q, expected) => {
    expect(names(q)).toEqual(expected);
  });

  it.each([
    [
      'Housing officer in Leeds: our old protocol names North, Central and South Manchester CCGs. When did those merge, and into what?',
      ['ccg: NHS Manchester CCG'],
    ],
    ['when did Eastern and South Cheshire CCGs merge?', ['ccg: NHS Cheshire CCG']],
  ])('%s', (q, named) => {
    const a = ask(q);
    expect(a.status).toBe('answered');
    expect(bodies(a)).toEqual(named);
  });
});

describe('an ODS code is the body; words and numbers that look like codes are not', () => {
  const placeIn = (q: string) => readQuestion(kb, q, { today: TODAY }).place;
  it.each([
    ['CCG 06L - which area?', 'NHS Ipswich and East Suffolk CCG', 'CCG 06L'],
    // Beside the word for its kind, a code is read in lower case too.
    ['ccg 06l: which area was that?', 'NHS Ipswich and East Suffolk CCG', 'ccg 06l'],
    ['what is 06l ccg now', 'NHS Ipswich and East Suffolk CCG', '06l ccg'],
    ['QWO - which region?', 'NHS West Yorkshire Integrated Care Board', 'QWO'],
  ])('%s → %s', (q, name, words) => {
    expect(placeIn(q)).toMatchObject({ name, words });
  });

  it.each([
    'is QOF still a thing in 2019?',
    'call 111 in 2019',
    'A&E waits in the CCG',
    'the ccg b12 thing',
    'ccg 2019 minutes',
    'icb qwo',
  ])('reads no place in %s', (q) => {
    expect(placeIn(q)).toBeUndefined();
  });

  it.each([
    ['CCG 06L - which area?', 'ccg: NHS Ipswich and East Suffolk CCG'],
    ['what area did 02P cover?', 'ccg: NHS Barnsley CCG'],
  ])('%s names the body first, then its council areas', (q, first) => {
    const a = ask(q);
    expect(a.status).toBe('answered');
    expect(bodies(a)[0]).toBe(first);
    expect(a.commissioners.slice(1).every((c) => c.body === 'local-authority')).toBe(true);
    expect(a.commissioners.length).toBeGreaterThan(1);
  });
});

describe('a council whose ICB was split on 1 April 2026, with no lookup to say which successor holds it', () => {
  it.each([
    ['which ICB covers Colchester now?', 'Colchester'],
    ['which ICB is Slough in now?', 'Slough'],
  ])('%s: the successors are candidates, not the answer', (q, where) => {
    const a = ask(q);
    expect(a.status).toBe('unknown');
    expect(a.commissioners).toEqual([]);
    expect(a.text).toContain(`${where}'s ICB on`);
    expect(a.text).toContain('cannot say which');
  });

  it('a whole ICB merged into one successor still answers: Maldon is in NHS Essex ICB', () => {
    expect(bodies(ask('which ICB covers Maldon now?'))).toEqual(['icb: NHS Essex Integrated Care Board']);
  });

  it('a service question names no successor as the ICB, and says which it is one of', () => {
    const a = ask('who commissions IVF in Colchester?');
    expect(a.commissioners.map((c) => c.localName)).toEqual([undefined]);
    expect(a.text).toContain(
      'NHS Essex Integrated Care Board or NHS Norfolk and Suffolk Integrated Care Board',
    );
  });
});
