import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { readDate } from '../../src/resolve/dates.js';
import { normalise } from '../../src/resolve/normalise.js';
import { isRealIsoDate, shippedKnowledge } from './helpers/knowledge.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const MONTHS = [
  'jan',
  'january',
  'feb',
  'february',
  'mar',
  'april',
  'may',
  'june',
  'jul',
  'aug',
  'sept',
  'september',
  'oct',
  'nov',
  'dec',
  'december',
];
const num = (max: number) => fc.integer({ min: 0, max }).map(String);
const pad = (s: string) => s.padStart(2, '0');
const year = fc.oneof(
  fc.integer({ min: 1890, max: 2210 }).map(String),
  num(99).map((y) => `'${pad(y)}`),
);
const lead = fc.constantFrom(
  '',
  'in ',
  'before ',
  'after ',
  'since ',
  'until ',
  'as of ',
  'prior to ',
  'post ',
  'from ',
);

/** Phrases that look like dates, many of them impossible (31 June, month 13, 29 February 2015). */
const datePhrase = fc.oneof(
  fc
    .tuple(lead, num(40), fc.constantFrom('', 'st ', 'th ', ' of '), fc.constantFrom(...MONTHS), year)
    .map(([l, d, suffix, m, y]) => `${l}${d}${suffix} ${m} ${y}`),
  fc.tuple(fc.constantFrom(...MONTHS), num(40), year).map(([m, d, y]) => `${m} ${d}, ${y}`),
  fc.tuple(num(40), num(14), fc.integer({ min: 1890, max: 2210 })).map(([d, m, y]) => `${d}/${m}/${y}`),
  fc
    .tuple(fc.integer({ min: 1890, max: 2210 }), num(14), num(40))
    .map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`),
  fc
    .tuple(fc.integer({ min: 1890, max: 2210 }), num(99), fc.constantFrom('/', '-', ' / '))
    .map(([y, y2, sep]) => `fy ${y}${sep}${pad(y2)}`),
  fc
    .tuple(
      lead,
      fc.constantFrom(
        '',
        'early ',
        'late ',
        'mid-',
        'the start of ',
        'end of ',
        'beginning of ',
        'spring ',
        'summer of ',
        'autumn ',
        'winter ',
        'q1 ',
        'q4 ',
      ),
      fc.constantFrom(...MONTHS, ''),
      year,
    )
    .map(([l, q, m, y]) => `${l}${q}${m} ${y}`),
  fc.constantFrom('last year', 'next year', 'previous year', 'now', 'today', 'these days', 'this year'),
  fc.oneof(num(40), fc.constantFrom('two', 'five', 'ten')).map((n) => `${n} years ago`),
  fc.constantFrom(
    'before ICBs',
    'after CCGs were abolished',
    'in the PCT era',
    'since PHE closed',
    'back when PCTs',
    'pre-CCG',
  ),
);

/** "Today": any day from 1990 to 2099, leap days included on purpose. */
const today = fc.oneof(
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2024-02-29', '2028-02-29', '2000-02-29', '2026-12-31', '2027-01-01'),
);

const question = fc
  .tuple(
    fc.constantFrom('who commissioned dental care', 'who buys 111', ''),
    datePhrase,
    fc.constantFrom('?', '', ' for us', ' and now?'),
  )
  .map(([a, b, c]) => normalise(`${a} ${b}${c}`));

describe('The date reader', () => {
  it('never returns an impossible date, whatever the phrase and whatever day it is', () => {
    fc.assert(
      fc.property(question, today, (text, day) => {
        const reading = readDate(text, day, kb);
        if (!reading) return;
        for (const field of ['date', 'from', 'to'] as const) {
          expect(
            isRealIsoDate(reading[field]),
            `${field} ${reading[field]} read from "${text}" on ${day}`,
          ).toBe(true);
        }
        expect(reading.from <= reading.to, `from ${reading.from} after to ${reading.to} in "${text}"`).toBe(
          true,
        );
        expect(text).toContain(reading.phrase);
      }),
      { numRuns: 1500 },
    );
  });

  it('reads "last year" and "next year" on 29 February as real dates', () => {
    for (const phrase of ['who commissioned it last year', 'who will commission it next year']) {
      const reading = readDate(phrase, '2024-02-29', kb);
      expect(reading && isRealIsoDate(reading.date), `read ${reading?.date} from "${phrase}"`).toBe(true);
    }
  });

  it('reads nothing from text without a date', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz '), maxLength: 60 }),
        (text) => {
          fc.pre(
            !/\b(now|today|current|currently|nowadays|presently|before|after|since|during|when|pre|post|once|in)\b/.test(
              text,
            ),
          );
          expect(readDate(text, '2026-11-01', kb)).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});
