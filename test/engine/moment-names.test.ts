import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { momentsNamedBoth } from '../../src/resolve/dates.js';
import { normalise } from '../../src/resolve/normalise.js';
import { shippedKnowledge } from './helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

/** Every name a moment goes by in the shipped knowledge: bodies' lifetimes, events, public events. */
function momentNames(): string[] {
  const names = [
    ...kb.reading.publicEvents.flatMap((e) => e.names),
    ...kb.events.flatMap((e) => e.aliases),
    ...[...kb.bodies.values()].filter((b) => b.from || b.to).flatMap((b) => [b.short ?? '', ...b.aliases]),
  ];
  return [...new Set(names.map((n) => n.toLowerCase()).filter((n) => n.length >= 2))];
}

/** Each name with what may stand either side of it: a letter, a number, an accented letter, an emoji. */
const NEIGHBOURS = ['', ' ', 'x', '7', 'é', '𝐀', '🙂', '-', "'", 'the ', '(', '_'];

describe('which moments a text names: the one-pass index agrees with the patterns', () => {
  it('for every name with every neighbour either side', () => {
    let compared = 0;
    for (const name of momentNames())
      for (const before of NEIGHBOURS)
        for (const after of NEIGHBOURS) {
          const text = `${before}${name}${after}`;
          const { patterns, index } = momentsNamedBoth(text, kb);
          expect(index, text).toEqual(patterns);
          compared++;
        }
    expect(compared).toBeGreaterThan(1000);
  });

  it.each([
    ['when were primary care trusts abolished, and when did phe close?', true],
    ['before ccgs and after the pcts went', true],
    ['who commissions it?', false],
    ['iccbs and ccgss', false],
    ['nhs england and nhs improvement merged', true],
    ['phe', true],
    ['p', false],
    ['', false],
  ])('%s', (text, any) => {
    const { patterns, index } = momentsNamedBoth(text, kb);
    expect(index).toEqual(patterns);
    expect(index.length > 0).toBe(any);
  });

  it('for every labelled question, normalised, whole and cut at each word', () => {
    const dir = new URL('../regression/', import.meta.url);
    const questions = readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').split('\n').filter(Boolean))
      .map((line) => normalise(String(JSON.parse(line).question ?? '')));
    let named = 0;
    for (const q of questions) {
      const cuts = [q, ...[...q.matchAll(/\s/g)].flatMap((m) => [q.slice(0, m.index), q.slice(m.index + 1)])];
      for (const text of cuts) {
        const { patterns, index } = momentsNamedBoth(text, kb);
        expect(index, text).toEqual(patterns);
        if (index.length > 0) named++;
      }
    }
    expect(named).toBeGreaterThan(100);
  });
});
