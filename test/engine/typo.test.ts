import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MATCHER } from '../../src/resolve/config.js';
import { editDistance } from '../../src/resolve/distance.js';
import { correct, prepare } from '../../src/resolve/index.js';
import { buildTypoIndex, editBudget } from '../../src/resolve/typo.js';
import { shippedKnowledge } from './helpers.js';

/** The rule the deletion index must give, by scanning the whole vocabulary. */
function scan(vocabulary: readonly string[], word: string): number {
  const budget = editBudget(word.length, MATCHER);
  let best = budget + 1;
  for (const v of vocabulary) {
    if (v[0] !== word[0] || Math.abs(v.length - word.length) > 1) continue;
    best = Math.min(best, editDistance(word, v, budget));
  }
  return best;
}

describe('typo correction by deletion index', () => {
  it('finds a word as few edits away as a scan of the whole vocabulary does', async () => {
    const kb = await shippedKnowledge();
    const vocabulary = [...prepare(kb).vocabulary];
    const index = buildTypoIndex(vocabulary, MATCHER);
    const long = vocabulary.filter((w) => w.length >= 6 && !/\d/.test(w));
    // A vocabulary word with one or two random slips past its first letter.
    const slip = fc
      .tuple(
        fc.constantFrom(...long),
        fc.array(
          fc.tuple(
            fc.nat(20),
            fc.constantFrom('del', 'ins', 'sub', 'swap'),
            fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
          ),
          {
            minLength: 1,
            maxLength: 2,
          },
        ),
      )
      .map(([w, edits]) => {
        let out = w;
        for (const [at, kind, c] of edits) {
          const i = 1 + (at % Math.max(1, out.length - 1));
          const ch = c;
          if (kind === 'del') out = out.slice(0, i) + out.slice(i + 1);
          else if (kind === 'ins') out = out.slice(0, i) + ch + out.slice(i);
          else if (kind === 'sub') out = out.slice(0, i) + ch + out.slice(i + 1);
          else if (i + 1 < out.length) out = out.slice(0, i) + out[i + 1] + out[i] + out.slice(i + 2);
        }
        return out;
      })
      .filter((w) => w.length >= MATCHER.minTypoLength);
    fc.assert(
      fc.property(slip, (word) => {
        const found = index.nearest(word);
        const best = scan(vocabulary, word);
        if (best > editBudget(word.length, MATCHER)) expect(found).toBeNull();
        else expect(found === null ? Number.NaN : editDistance(word, found)).toBe(best);
      }),
      { numRuns: 400, seed: 13 },
    );
  });

  it('corrects common slips towards the knowledge words and leaves short or known words alone', async () => {
    const prepared = prepare(await shippedKnowledge());
    expect(correct('dentsl', prepared)).toBe('dental');
    expect(correct('visiting', prepared)).toBe('visiting');
    expect(correct('gp', prepared)).toBe('gp');
    expect(correct('zzzzzzzz', prepared)).toBe('zzzzzzzz');
  });
});

describe('a common English word is what was meant, never a typo', () => {
  it.each([
    ['strike', 'strike'],
    ['executive', 'executive'],
    ['doing', 'doing'],
    ['heard', 'heard'],
    ['midwife', 'midwife'],
    // Real slips are still corrected.
    ['pharamcy', 'pharmacy'],
    ['helth', 'health'],
    ['wheelchiar', 'wheelchair'],
  ])('%s → %s', async (word, meant) => {
    const kb = await shippedKnowledge();
    expect(correct(word, prepare(kb))).toBe(meant);
  });
});

describe('text-speak without vowels is the one knowledge word with its letters', () => {
  it.each([
    ['hlth', 'health'],
    ['dntsts', 'dentists'],
    ['vstng', 'visiting'],
    // Known words, and words with vowels, are left to the rules above.
    ['nhs', 'nhs'],
    ['ccg', 'ccg'],
    ['xyz', 'xyz'],
  ])('%s → %s', async (word, meant) => {
    const kb = await shippedKnowledge();
    expect(correct(word, prepare(kb))).toBe(meant);
  });
});
