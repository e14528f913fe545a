import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { resolveTurn, type Turn } from '../../src/resolve/followup.js';
import { Answer } from '../../src/schemas/answer.js';
import { Recall } from '../../src/schemas/recall.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// Places in follow-ups: a follow-up naming no place keeps the last one, and a question about a local
// body is asked again with the follow-up's own date, place or kind.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

/** Each message read against the last one answered, its memory passed through the schema a store uses. */
function conversation(messages: string[]): Turn[] {
  let previous: Recall | undefined;
  return messages.map((message) => {
    const turn = resolveTurn(kb, message, { today: TODAY, previous });
    Answer.parse(turn.answer);
    if (turn.recall) previous = Recall.parse(JSON.parse(JSON.stringify(turn.recall)));
    return turn;
  });
}

const named = (t: Turn | undefined) =>
  t?.answer.commissioners.map((c) => `${c.body}: ${c.localName ?? c.name}`);

describe('a place carries to a follow-up', () => {
  it.each([
    [
      ['which ICB covers Shropshire?', 'and in 2019?'],
      ['ccg: NHS Shropshire CCG'],
      'Which ICB (from your last question), Shropshire (from your last question), as of 1 July 2019',
    ],
    [
      ['which ICB covered Leeds in 2019?', 'what about Wiltshire?'],
      ['ccg: NHS Wiltshire CCG'],
      'Which ICB (from your last question), Wiltshire, as of 1 July 2019 (from your last question)',
    ],
    [
      ['who was our CCG in 2017, we are in Wiltshire', 'and which region?'],
      ['nhs-england: South of England'],
      'Which NHS England region, Wiltshire (from your last question), as of 1 July 2017 (from your last question)',
    ],
    [
      ['is Frimley still an ICB?', 'and in 2024?'],
      ['icb: NHS Frimley Integrated Care Board'],
      'Whether it still exists (from your last question), NHS Frimley Integrated Care Board (from your last question), as of 1 July 2024',
    ],
  ])('%j', (messages, bodies, followUp) => {
    const turns = conversation(messages);
    const last = turns.at(-1);
    expect(last?.answer.topic?.id).toBe('local-bodies');
    expect(named(last)).toEqual(bodies);
    expect(last?.answer.followUp).toBe(followUp);
  });

  it('keeps the place for a service follow-up, and says so', () => {
    const [, second] = conversation(['who commissions health visiting in Leeds?', 'and in 2016?']);
    expect(named(second)).toContain('local-authority: Leeds City Council');
    expect(second?.answer.followUp).toMatch(/Leeds \(from your last question\)$/);
  });

  it('answers a service named after a question about a local body, at the place asked about', () => {
    const [, second] = conversation(['which ICB covers Leeds?', 'what about health visiting?']);
    expect(second?.answer.topic?.id).toBe('health-visiting');
    expect(named(second)).toContain('local-authority: Leeds City Council');
  });

  it('does not carry a place into a new question that does not open as a follow-up', () => {
    const [, second] = conversation(['which ICB covers Leeds?', 'who commissions health visiting?']);
    expect(second?.answer.commissioners.some((c) => c.localName)).toBe(false);
  });
});
