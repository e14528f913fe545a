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
