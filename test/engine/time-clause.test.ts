import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { askedKind } from '../../src/resolve/intent.js';
import { normalise } from '../../src/resolve/normalise.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// A clause that says when ("When Lansley's reforms landed, …") is not what a message asks: the question
// after its comma says whether it asks about a service or a change.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

describe('what a message asks, past a clause that says when', () => {
  it.each([
    ["when lansley's reforms landed in april 2013, who picked up the gp contracts?", 'service'],
    ['once the icbs came in, who commissioned dental?', 'service'],
    ['when did phe close, and who took over?', 'change'],
    ['when were ccgs set up?', 'change'],
  ] as const)('%s → %s', (text, kind) => {
    expect(askedKind(normalise(text), kb)).toBe(kind);
  });

  it('answers the service asked after the time clause', () => {
    const a = Answer.parse(
      resolve(
        kb,
        "When Lansley's reforms landed in April 2013, who picked up the GP contracts from the PCTs?",
        {
          today: TODAY,
        },
      ),
    );
    expect(a.topic?.id).toBe('gp-contracts');
    expect(a.commissioners.map((c) => c.body)).toEqual(['nhs-england']);
  });
});

describe('holding is how a message asks, not what about', () => {
  it('"who held our NHS contract", after "Dental practice owner.", is dental', () => {
    const a = Answer.parse(
      resolve(kb, 'Dental practice owner. Who held our NHS contract in 2010, and who holds it now?', {
        today: TODAY,
      }),
    );
    expect((a.parts ?? [a]).map((p) => p.topic?.id)).toEqual(['dental-services', 'dental-services']);
  });
});
