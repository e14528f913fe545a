import { describe, expect, it } from 'vitest';
import { lastFew } from '../../src/resolve/memo.js';
import { IsoDate, isIsoDate } from '../../src/schemas/common.js';

// The reader's last-few memos are kept in fixed arrays (bench/PERFORMANCE.md, 6 December 2026): they must
// give what the function gives, work a text out once while it is among the last `size`, and hold no more.

describe('lastFew', () => {
  it('remembers exactly the last `size` texts', () => {
    const calls: string[] = [];
    const upper = lastFew(3, (text: string) => {
      calls.push(text);
      return { text: text.toUpperCase() };
    });
    const first = upper('a');
    expect(upper('a')).toBe(first);
    upper('b');
    upper('c');
    expect(upper('a')).toBe(first);
    expect(calls).toEqual(['a', 'b', 'c']);
    upper('d'); // "a" is now the oldest of four: forgotten
    expect(upper('a')).not.toBe(first);
    expect(upper('a')).toEqual(first);
    expect(calls).toEqual(['a', 'b', 'c', 'd', 'a']);
  });

  it('holds at most `size` results after many different texts', () => {
    let calls = 0;
    const memo = lastFew(4, (text: string) => {
      calls++;
      return text.length;
    });
    for (let i = 0; i < 1000; i++) memo(`text ${i}`);
    for (let i = 996; i < 1000; i++) memo(`text ${i}`);
    expect(calls).toBe(1000);
    memo('text 995');
    expect(calls).toBe(1001);
  });

  it('remembers undefined results too', () => {
    let calls = 0;
    const none = lastFew(2, () => {
      calls++;
      return undefined;
    });
    none('x');
    none('x');
    expect(calls).toBe(1);
  });
});

describe('isIsoDate', () => {
  it('accepts what IsoDate accepts', () => {
    for (const value of [
      '2013-04-01',
      '2024-02-29',
      '2023-02-29',
      '2013-4-1',
      '2013-06-31',
      '',
      undefined,
      20130401,
    ])
      expect(isIsoDate(value)).toBe(IsoDate.safeParse(value).success);
  });
});
