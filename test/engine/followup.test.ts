import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { withFollowUps } from '../../src/followups.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { resolveTurn, type Turn } from '../../src/resolve/followup.js';
import { answer as resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import type { Recall } from '../../src/schemas/recall.js';
import { memoryRecall } from '../../src/stores/recall.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// Follow-up questions in one conversation: the last question is remembered, and a follow-up's date,
// condition or service replaces the old one while the rest carries over.

let kb: KnowledgeBase;
beforeAll(async () => {
  // Follow-up reading is checked on its own: without the learnt decision, which may ask back instead.
  const { decision: _, ...reader } = await shippedKnowledge();
  kb = reader;
});

/** Asks each message in turn, each read against the last question answered before it. */
function conversation(messages: string[]): Turn[] {
  let previous: Recall | undefined;
  return messages.map((message) => {
    const turn = resolveTurn(kb, message, { today: TODAY, previous });
    Answer.parse(turn.answer);
    if (turn.recall) previous = turn.recall;
    return turn;
  });
}

const bodies = (a: Answer) => a.commissioners.map((c) => c.body);

describe('a follow-up is read against the last question', () => {
  it('takes a new date and keeps the service, and says the service came from before', () => {
    const [first, second] = conversation(['who commissioned health visiting in 2014?', 'and in 2016?']);
    expect(first?.answer.followUp).toBeUndefined();
    expect(bodies(first?.answer as Answer)).toContain('nhs-england');
    const a = second?.answer as Answer;
    expect(a.status).toBe('answered');
    expect(a.topic?.id).toBe(first?.answer.topic?.id);
    expect(a.asOf).toBe('2016-07-01');
    expect(bodies(a)).toEqual(['local-authority']);
    expect(a.followUp).toBe(`${a.topic?.title} (from your last question), in 2016`);
  });

  it('takes a new service and keeps the date: "Dental…, in 2016 (from your last question)"', () => {
    const turns = conversation(['who commissioned health visiting in 2016?', 'what about dental?']);
    const a = turns[1]?.answer as Answer;
    expect(a.status).toBe('answered');
    expect(a.topic?.title).toMatch(/dental/i);
    expect(a.asOf).toBe('2016-07-01');
    expect(a.followUp).toBe(`${a.topic?.title}, in 2016 (from your last question)`);
  });

  it('takes a new condition and keeps the service and the date', () => {
    const turns = conversation(['who held the GP contracts in 2018?', 'and if we were joint?']);
    const a = turns[1]?.answer as Answer;
    expect(a.topic?.id).toBe(turns[0]?.answer.topic?.id);
    expect(a.asOf).toBe('2018-07-01');
    expect(a.conditionsAsked).toEqual(['joint commissioning (level 2)']);
    expect(a.commissioners.every((c) => c.condition === undefined)).toBe(true);
    expect(a.followUp).toMatch(/, in 2018 \(from your last question\), joint commissioning \(level 2\)$/);
  });

  it('carries a condition only to a service that depends on it', () => {
    const turns = conversation([
      'who held the GP contracts in 2018 if we were fully delegated?',
      'and in 2019?',
      'what about school nursing?',
    ]);
    expect(turns[1]?.answer.conditionsAsked).toEqual(['delegated commissioning (level 3)']);
    const nursing = turns[2]?.answer as Answer;
    expect(nursing.topic?.title).toMatch(/school nursing/i);
    expect(nursing.conditionsAsked).toEqual([]);
    expect(nursing.followUp).toBe(`${nursing.topic?.title}, in 2019 (from your last question)`);
  });

  it('keeps every part of a compound question for a new date', () => {
    const turns = conversation(['who commissions dental and community pharmacy?', 'and in 2012?']);
    const a = turns[1]?.answer as Answer;
    expect(a.parts).toHaveLength(turns[0]?.answer.parts?.length ?? 0);
    expect(a.asOf).toBe('2012-07-01');
    expect(bodies(a)).toEqual(['pct']);
    expect(a.followUp).toMatch(/\(from your last question\), in 2012$/);
  });

  it('treats a full question as a new one, with nothing carried', () => {
    const turns = conversation([
      'who commissioned health visiting in 2014?',
      'who commissions sexual health services?',
    ]);
    const a = turns[1]?.answer as Answer;
    expect(a.followUp).toBeUndefined();
    expect(a).toEqual(resolve(kb, 'who commissions sexual health services?', { today: TODAY }));
  });

  it('treats a follow-up that states nothing new, or asks out of scope, as a new question', () => {
    const turns = conversation(['who commissioned health visiting in 2014?', 'and?', 'what about Scotland?']);
    for (const [i, q] of [
      [1, 'and?'],
      [2, 'what about Scotland?'],
    ] as const) {
      expect(turns[i]?.answer).toEqual(resolve(kb, q, { today: TODAY }));
    }
  });

  it('reads "was it the same in 2016?" as the last service in 2016', () => {
    const turns = conversation(['who commissioned health visiting in 2014?', 'was it the same in 2016?']);
    expect(turns[1]?.answer.topic?.id).toBe(turns[0]?.answer.topic?.id);
    expect(turns[1]?.answer.asOf).toBe('2016-07-01');
  });

  it('never answers the last service for a follow-up that names something it does not know', () => {
    for (const q of ['what about zebra grooming in 2016?', 'who commissioned blorf services in 2016?']) {
      const turns = conversation(['who commissioned health visiting in 2014?', q]);
      expect(turns[1]?.answer).toEqual(resolve(kb, q, { today: TODAY }));
      expect(turns[1]?.answer.status).toBe('unknown');
    }
  });

  it('answers a follow-up with no earlier question as a question of its own', () => {
    const [turn] = conversation(['and in 2016?']);
    expect(turn?.answer).toEqual(resolve(kb, 'and in 2016?', { today: TODAY }));
    expect(turn?.recall).toBeUndefined();
  });

  it('drops a remembered topic the knowledge no longer has', () => {
    const previous: Recall = { topicIds: ['a-topic-since-removed'], conditions: {}, confidence: 1 };
    const turn = resolveTurn(kb, 'and in 2016?', { today: TODAY, previous });
    expect(turn.answer).toEqual(resolve(kb, 'and in 2016?', { today: TODAY }));
  });
});

describe('the conversation store', () => {
  it('forgets a conversation after its time to live, on the clock it is given', async () => {
    let now = 0;
    const store = memoryRecall({ ttlMs: 30 * 60_000, now: () => now });
    const recall: Recall = { topicIds: ['health-visiting'], conditions: {}, confidence: 1 };
    await store.set('c1', recall);
    now = 29 * 60_000;
    expect(await store.get('c1')).toEqual(recall);
    expect(await store.get('c2')).toBeUndefined();
    now = 30 * 60_000;
    expect(await store.get('c1')).toBeUndefined();
  });

  it('keeps the newest conversations when full', async () => {
    const store = memoryRecall({ max: 2 });
    const recall = (id: string): Recall => ({ topicIds: [id], conditions: {}, confidence: 1 });
    for (const id of ['a', 'b', 'c']) await store.set(id, recall(id));
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('c')).toEqual(recall('c'));
  });
});

describe('the answer service with follow-ups', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ now: () => TODAY });
  });

  it('keeps conversations apart, and leaves a question without one stand-alone', async () => {
    let now = 0;
    const service = withFollowUps(engine, memoryRecall({ now: () => now }));
    await service.answer('who commissioned health visiting in 2014?', { conversation: 'one' });
    const followed = await service.answer('and in 2016?', { conversation: 'one' });
    expect(followed.followUp).toMatch(/from your last question/);
    const elsewhere = await service.answer('and in 2016?', { conversation: 'two' });
    expect(elsewhere.followUp).toBeUndefined();
    const alone = await service.answer('and in 2016?');
    expect(alone.followUp).toBeUndefined();
    now = 31 * 60_000;
    const late = await service.answer('and in 2016?', { conversation: 'one' });
    expect(late.followUp).toBeUndefined();
  });

  it('remembers a clarify option clicked as the last question', async () => {
    const service = withFollowUps(engine, memoryRecall());
    await service.answer('who handled it?', {
      conversation: 'c',
      topicId: 'health-visiting',
      asOf: '2014-07-01',
    });
    const next = await service.answer('and in 2016?', { conversation: 'c' });
    expect(next.topic?.id).toBe('health-visiting');
    expect(next.asOf).toBe('2016-07-01');
  });
});
