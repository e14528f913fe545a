import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { readDate } from '../../src/resolve/dates.js';
import { normalise } from '../../src/resolve/normalise.js';
import { shippedKnowledge } from './helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const TODAY = '2026-11-22';

describe('reading the as-of date from a question', () => {
  it.each([
    ['who commissioned it in 2016?', '2016-07-01'],
    ['back in 2014, who did this', '2014-07-01'],
    ['in 2016/17', '2016-10-01'],
    ['during 2013-14', '2013-10-01'],
    ['FY2019/20 please', '2019-10-01'],
    ['FY16/17', '2016-10-01'],
    ['fy 24-25', '2024-10-01'],
    ['in June 2014', '2014-06-01'],
    ['as of Sept 2019', '2019-09-01'],
    ['on 1 April 2015', '2015-04-01'],
    ['on the 3rd of March 2025', '2025-03-03'],
    ['April 1, 2013', '2013-04-01'],
    ['on 01/10/2015', '2015-10-01'],
    ['on 2016-05-01', '2016-05-01'],
    ['before April 2013', '2013-03-31'],
    ['before 2013', '2012-12-31'],
    ['after July 2022', '2022-08-01'],
    ['since April 2015', '2015-04-01'],
    ['from April 2025', '2025-04-01'],
    ['before ICBs', '2022-06-30'],
    ['before CCGs existed', '2013-03-31'],
    ['after CCGs', '2022-07-01'],
    ['since ICBs came in', '2022-07-01'],
    ['after PHE closed', '2021-10-01'],
    ['early 2019', '2019-03-01'],
    ['late 2021', '2021-11-01'],
    ['autumn 2024', '2024-10-01'],
    ['Q3 2019', '2019-08-01'],
    ['at the end of 2021', '2021-12-01'],
    ['pre-2013', '2012-12-31'],
    ['post-2022', '2023-01-01'],
    ['around 2010', '2010-07-01'],
    ['currently', TODAY],
    ['who does it now', TODAY],
    ['at the moment', TODAY],
    ['last year', '2025-11-22'],
    ['five years ago', '2021-11-22'],
    ["in '15", '2015-07-01'],
    // Years in words.
    ['in twenty sixteen', '2016-07-01'],
    ['twenty-twelve', '2012-07-01'],
    ['in two thousand and nine', '2009-07-01'],
    ['two thousand fifteen', '2015-07-01'],
    ['twenty twenty-one', '2021-07-01'],
    ['nineteen ninety nine', '1999-07-01'],
    // Public events people date things by (reading.yaml publicEvents).
    ['in the year of the London Olympics', '2012-07-27'],
    ['the COVID year', '2020-06-01'],
    ['in the first lockdown', '2020-06-01'],
    ['when the NHS turned 70', '2018-07-05'],
    ['the month the Queen died', '2022-09-08'],
    ['just before the Brexit referendum', '2016-06-22'],
    ['over the Platinum Jubilee weekend', '2022-06-03'],
    ['around the last general election', '2024-07-04'],
    // A body's or event's time, from its edges and its end.
    ['in the first year of CCGs', '2013-09-30'],
    ['the year PHE was wound up', '2021-10-01'],
    ["when Lansley's reforms landed", '2013-04-01'],
    // An event named with another of a body's names; "after" a body still in being is after it ends.
    ['once NHSE is gone', '2027-04-01'],
    // A body's start, and a moment moved a year.
    ['in the year ICBs launched', '2022-07-01'],
    ['the year CCGs started', '2013-04-01'],
    ['when were strategic health authorities set up?', '2002-04-01'],
    ['when did CCGs start?', '2013-04-01'],
    ['the year before Covid', '2019-05-31'],
    ['the year after PCTs were abolished', '2014-04-01'],
    ['after nhse is abolished', '2027-04-01'],
    // An amount of time before "before" or "after" a moment moves it by that much.
    ['two years after the 0-5 transfer', '2017-10-01'],
    ['eighteen months before ICBs were established', '2020-12-30'],
    ['3 years after PCTs were abolished', '2016-04-01'],
    ['a couple of years before the 2012 act took effect', '2011-03-31'],
    // Financial years named from a moment or from today.
    ['the first full financial year of ICBs', '2023-10-01'],
    ['the last financial year of PCTs', '2012-10-01'],
    ['last financial year', '2025-10-01'],
    ['this financial year', '2026-10-01'],
    ['the first year after PCTs were abolished', '2013-09-30'],
    ['the first year the 2012 act was in force', '2013-09-30'],
    // "they" before an ending word stands for the body named just before it.
    ['who took over from PCTs when they were scrapped', '2013-04-01'],
    // A decade is ten years; an amount after a date moves that date on.
    ['a decade before ICBs came in', '2012-06-30'],
    ['I left the Paras in 2009. Ten years later who commissioned my care?', '2019-07-01'],
    ['we started in 2010; three years on, who did it?', '2013-07-01'],
    ['registered in March 2016 and eighteen months later moved', '2017-09-01'],
    // "Again" makes the later date one of its own, asked beside the first.
    ['in 2014 and again two years later', '2014-07-01'],
    // A month without its year, said after a year, is of that year; said before it, it is not.
    ['In 2015, who did it after October?', '2015-11-01'],
    ['prisons in 2026 - did that change in April?', '2026-04-01'],
    ['we merge teams from January; who did it in 2019?', '2019-07-01'],
    // An age then and an age now, in either order (reading.ages).
    ["when I was 15 (I'm 30 now), who ran it?", '2011-11-22'],
    ['my daughter is 12 now; when she was 2, who did it?', '2016-11-22'],
  ])('reads "%s" as %s', (text, expected) => {
    expect(readDate(normalise(text), TODAY, kb)?.date).toBe(expected);
  });

  it('prefers an explicit date to "now" in the same question', () => {
    expect(
      readDate(normalise('our CCG went delegated in April 2015 - who now signs off mergers?'), TODAY, kb)
        ?.date,
    ).toBe('2015-04-01');
  });

  it.each([
    'who commissions the 70 delegated specialised services',
    'NHS 111 and GP out of hours',
    'health visiting for 0-5 year olds',
    'level 3 delegation',
    'section 7A agreement',
    // A public event's name is no date unless time words say so; a number in words is no year.
    'who commissions covid vaccinations',
    'who plans pandemic flu preparedness',
    'twenty one practices merged',
    'after NHS England, who will run screening',
  ])('finds no date in "%s"', (text) => {
    expect(readDate(normalise(text), TODAY, kb)).toBeUndefined();
  });

  it('falls back to the year when the day does not exist', () => {
    expect(readDate(normalise('on 31/02/2016'), TODAY, kb)?.date).toBe('2016-07-01');
  });

  it('spans a whole year for "in 2016" and a financial year for "2016/17"', () => {
    expect(readDate('in 2016', TODAY, kb)).toMatchObject({ from: '2016-01-01', to: '2016-12-31' });
    expect(readDate('in 2016/17', TODAY, kb)).toMatchObject({ from: '2016-04-01', to: '2017-03-31' });
  });
});
