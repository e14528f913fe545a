import { describe, expect, it } from 'vitest';
import { resolve } from '../../src/resolve/resolve.js';
import { warm, warmInTurns } from '../../src/resolve/warm.js';
import { BASE, loadStrings, shippedKnowledge, TODAY } from './helpers.js';

// Warming answers messages made from the knowledge: it must work on any valid knowledge base, with or
// without place tables, and change no answer.
describe('warm', () => {
  it('leaves the answers of the shipped knowledge as they were', async () => {
    const kb = await shippedKnowledge();
    const before = resolve(kb, 'who commissions health visiting in Leeds?', { today: TODAY });
    warm(kb, TODAY);
    expect(resolve(kb, 'who commissions health visiting in Leeds?', { today: TODAY })).toEqual(before);
  });

  it('works on a small knowledge base with no place tables', () => {
    const loaded = loadStrings(BASE);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(() => warm(loaded.kb, TODAY)).not.toThrow();
  });
});

describe('warmInTurns', () => {
  it('lets the event loop turn between its messages, so a request is not held behind all of them', async () => {
    const kb = await shippedKnowledge();
    const turns: string[] = [];
    const warming = warmInTurns(kb, TODAY).then(() => turns.push('warmed'));
    // Scheduled after warming began: runs before it ends only if warming yields between messages.
    setImmediate(() => turns.push('request'));
    await warming;
    expect(turns).toEqual(['request', 'warmed']);
  });

  it('leaves the answers as warm does', async () => {
    const kb = await shippedKnowledge();
    const before = resolve(kb, 'which ICB covers Leeds?', { today: TODAY });
    await warmInTurns(kb, TODAY);
    expect(resolve(kb, 'which ICB covers Leeds?', { today: TODAY })).toEqual(before);
  });
});
