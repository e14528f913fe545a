import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { shippedKnowledge, TODAY } from './helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const ask = (question: string, options: { asOf?: string; topicId?: string } = {}) =>
  Answer.parse(resolve(kb, question, { ...options, today: TODAY }));

/** What every surface shows of an answer's date and words. */
const wording = (a: Answer) => ({
  asOf: a.asOf,
  asOfSource: a.asOfSource,
  asOfText: a.asOfText,
  dateRead: a.dateRead,
  text: a.text,
  statusText: a.statusText,
  commissioners: a.commissioners,
});

describe('one wording whichever way a question reaches the answer', () => {
  it.each([
    ['who commissions mental health', 'today'],
    ['who commissioned mental health in 2016', 'text'],
    ['who commissions mental health in 2016ish', 'text'],
  ])(
    'a clarify option clicked for "%s" says where its date came from as typing it would (%s)',
    (question, source) => {
      const clarify = ask(question);
      expect(clarify.status).toBe('clarify');
      expect(clarify.options.length).toBeGreaterThan(1);
      for (const option of clarify.options) {
        // A button carries the clarify card's date; choosing the topic with no date is the typed reading.
        const clicked = ask(question, { topicId: option.topicId, asOf: clarify.asOf });
        const chosen = ask(question, { topicId: option.topicId });
        expect(clicked.asOfSource).toBe(source);
        expect(wording(clicked)).toEqual(wording(chosen));
      }
    },
  );

  it('answers a typed question and the same topic reached by a clarify click in the same words', () => {
    const clarify = ask('who commissions mental health');
    const option = clarify.options.find((o) => o.topicId === 'secure-mental-health');
    expect(option).toBeDefined();
    const typed = ask('who commissions secure mental health services?');
    expect(typed.topic?.id).toBe('secure-mental-health');
    const clicked = ask('who commissions mental health', {
      topicId: 'secure-mental-health',
      asOf: clarify.asOf,
    });
    expect(wording(clicked)).toEqual(wording(typed));
  });

  it('keeps a date someone chose as chosen', () => {
    const a = ask('who commissions health visiting?', { asOf: '2017-04-01' });
    expect(a.asOfSource).toBe('given');
  });
});

describe('the text says what the lines above it do not', () => {
  it.each([
    ['who commissioned GP contracts in July 2014?'],
    ['who held GP contracts in 2016'],
    ['ICB clusters and mergers'],
    ['Model ICB Blueprint'],
    ['is NHS England being abolished?'],
    ['who commissions health visiting and school nursing in 2014?'],
  ])('"%s": no as-of sentence, status label or commissioner line repeated in the text', (question) => {
    const answer = ask(question);
    expect(answer.status).toBe('answered');
    for (const a of [answer, ...(answer.parts ?? [])]) {
      expect(a.text).not.toContain(`As of ${a.asOfText}`);
      if (a.statusText) expect(a.text.toLowerCase()).not.toContain(a.statusText.toLowerCase());
      for (const c of a.commissioners) expect(a.text).not.toContain(`${c.roleText}.`);
    }
  });

  const said = (a: Answer) =>
    [a.statusText ?? '', a.text, ...a.commissioners.map((c) => c.condition ?? ''), ...a.changes].join('\n');

  it.each([
    ['ICB clusters and mergers', 'Planned, not confirmed in effect'],
    ['Model ICB Blueprint', 'Announced by the government, not yet in effect'],
  ])('"%s" gives the status label "%s" once', (question, label) => {
    expect(said(ask(question)).toLowerCase().split(label.toLowerCase())).toHaveLength(2);
  });

  it('says a proposal once in full (what, by what, what it needs) and a later mention its one word', () => {
    const a = ask('under the Health Bill, who would commission proton beam therapy?');
    const full =
      /Proposed in the Health Bill 2026-27 on 14 May 2026: to move to the DHSC\. It needs Parliament and is not law/g;
    expect(said(a).match(full)).toHaveLength(1);
    expect(a.changes.some((c) => c.startsWith('Proposed (since'))).toBe(true);
  });
});
