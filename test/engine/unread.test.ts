import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { answer, resolveTraced } from '../../src/resolve/resolve.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// The unread words of a message: what no span (date, condition, body, service words, ordinary wording)
// accounts for. An unread time phrase means the date was not understood: the bot asks which date.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const unread = (q: string) =>
  (resolveTraced(kb, q, { today: TODAY }).trace.query?.unread ?? []).map((u) => `${u.kind}:${u.text}`);

describe('unread words', () => {
  it.each([
    // Everything read: a service, a date, a condition.
    ['who commissioned health visiting in 2014?', []],
    ['we were fully delegated in 2016, who approved practice mergers?', []],
    ['two years after the 0-5 transfer, who commissioned health visiting?', []],
    // A time phrase the date reader does not know.
    ['who paid for community pharmacy back in the Blair years', ['time:back in the blair years']],
    // A figure that is not a date, and a word the knowledge does not know.
    ['who commissions the 4077 zebra service', ['number:4077', 'unknown:zebra']],
  ])('"%s" leaves %j unread', (question, expected) => {
    expect(unread(question)).toEqual(expected);
  });
});

describe('an unread time phrase', () => {
  it.each([
    ['who paid for community pharmacy back in the Blair years', 'back in the blair years'],
    ['who held school nursing contracts in the noughties?', 'noughties'],
  ])('"%s" is not answered for today: the bot asks which date', (question, phrase) => {
    const a = answer(kb, question, { today: TODAY });
    expect(a.status).toBe('unknown');
    expect(a.commissioners).toEqual([]);
    expect(a.text).toContain(`which date "${phrase}" means`);
  });

  it.each([
    'who commissions school nursing?',
    'who commissions school nursing now?',
    'who would commission vaccinations after April 2027?',
  ])('"%s" is answered: no time phrase is left unread', (question) => {
    expect(answer(kb, question, { today: TODAY }).status).toBe('answered');
  });
});
