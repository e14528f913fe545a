import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { holdersNamed, startDates, textDisagreements } from '../../src/knowledge/text-checks.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Topic } from '../../src/schemas/topic.js';
import { shippedKnowledge } from './helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

/** The shipped knowledge with one topic of its own, to show what the check catches. */
function withTopic(topic: unknown): KnowledgeBase {
  const parsed = Topic.parse(topic);
  return { ...kb, topics: [parsed], topicById: new Map([[parsed.id, parsed]]) };
}

describe('the text never disagrees with the bodies listed or the dates', () => {
  it('holds for every topic, era in law and condition value of the shipped knowledge', () => {
    expect(textDisagreements(kb)).toEqual([]);
  });

  it('answers healthcare in secure training centres in June 2013 with the MoJ as well, not NHS England alone', () => {
    const a = resolve(kb, 'who commissioned healthcare in secure training centres in June 2013?', {
      today: new Date('2026-12-01T12:00:00Z'),
    });
    expect(a.topic?.id).toBe('secure-childrens-settings');
    expect(a.commissioners.map((c) => [c.body, c.role])).toEqual([
      ['nhs-england', 'commissions'],
      ['moj', 'retains'],
    ]);
    expect(a.text).toMatch(
      /except the secure training centres: the standing rules list those from 1 April 2014/,
    );
  });

  it('lists SARCs as commissioned jointly, as their text says', () => {
    const a = resolve(kb, 'who commissions sexual assault referral centres?', {
      today: new Date('2026-12-01T12:00:00Z'),
    });
    expect(a.text).toMatch(/jointly with Police and Crime Commissioners/);
    expect(a.commissioners.find((c) => c.body === 'nhs-england')?.role).toBe('jointly');
  });
});

describe('what the check catches', () => {
  const era = { from: '2013-04-01', sources: ['s12'] };

  it('a text that gives a start date later than its era (the secure training centres as they were)', () => {
    const found = textDisagreements(
      withTopic({
        id: 'zz-stc',
        title: 'Made up',
        eras: [
          {
            ...era,
            holders: [{ body: 'nhs-england' }],
            note: 'NHS England commissions it. For the secure training centres the standing rules give 1 April 2014 as the start.',
          },
        ],
      }),
    );
    expect(found).toEqual([
      expect.objectContaining({
        topic: 'zz-stc',
        era: 1,
        message: expect.stringMatching(/1 April 2014 as a start/),
      }),
    ]);
    expect(startDates('from 1 April 2006 until March 2013')).toEqual([
      { iso: '2006-04-01', said: '1 April 2006' },
    ]);
  });

  it('a text that says "jointly" over a body listed as commissioning alone (SARCs as they were)', () => {
    const found = textDisagreements(
      withTopic({
        id: 'zz-sarc',
        title: 'Made up',
        eras: [
          {
            ...era,
            holders: [{ body: 'nhs-england' }],
            note: 'NHS England commissions these, jointly with Police and Crime Commissioners.',
          },
        ],
      }),
    );
    expect(found.map((d) => d.message)).toEqual([
      expect.stringMatching(/nhs-england \(jointly\).*commissions/),
    ]);
  });

  it('a text that names one holder for everyone where the holder depends on who the care is for', () => {
    const topic = {
      id: 'zz-maternity',
      title: 'Made up',
      eras: [
        {
          ...era,
          to: '2022-06-30',
          holders: [
            { body: 'ccg', when: { setting: 'general' } },
            { body: 'nhs-england', when: { setting: ['detained', 'military'] } },
          ],
          note: 'CCGs commissioned it.',
        },
      ],
    };
    expect(textDisagreements(withTopic(topic)).map((d) => d.when)).toEqual([
      'setting=detained',
      'setting=military',
    ]);
    // Said for whom it holds, the same text agrees.
    const said = {
      ...topic,
      eras: [{ ...topic.eras[0], note: 'For the general population, CCGs commissioned it.' }],
    };
    expect(textDisagreements(withTopic(said))).toEqual([]);
  });

  it('reads a holder from the words that say who holds it, not from any body named', () => {
    const named = (text: string) => holdersNamed(kb, text).map((c) => c.body);
    expect(named('ICBs commission it since July 2022.')).toEqual(['icb']);
    expect(named('NHS England still commissions it.')).toEqual(['nhs-england']);
    expect(named('Before 2013 PCTs commissioned it.')).toEqual([]);
    expect(named('It is commissioned by councils.')).toEqual(['local-authority']);
    expect(named('They are held by the ICBs.')).toEqual(['icb']);
    // A passive with another subject says who holds something else.
    expect(named('Specialised services are commissioned by NHS England.')).toEqual([]);
  });

  it('reads the bodies a change or body text names: who took over, replaced, was set up or abolished', () => {
    const named = (text: string) =>
      holdersNamed(kb, text, 'change')
        .map((c) => c.body)
        .sort();
    expect(named('On 1 July 2022 the Act abolished CCGs and set up 42 integrated care boards.')).toEqual([
      'ccg',
      'icb',
    ]);
    expect(named('ICBs replaced CCGs.')).toEqual(['icb']);
    expect(named('PHE was abolished.')).toEqual(['phe']);
    // The same words in a service's text are not read as a change.
    expect(holdersNamed(kb, 'The Act abolished CCGs.', 'service')).toEqual([]);
  });

  it('a change text that names a body its era does not list', () => {
    const found = textDisagreements(
      withTopic({
        id: 'zz-change',
        title: 'Made up',
        kind: 'change',
        eras: [
          {
            from: '2022-07-01',
            sources: ['s24'],
            holders: [{ body: 'icb', role: 'subject' }],
            note: 'The Act abolished CCGs and set up integrated care boards.',
          },
        ],
      }),
    );
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/names ccg .*not listed/)]);
  });

  it('a change text whose day of change is later than its era (an Act from royal assent)', () => {
    const topic = {
      id: 'zz-act',
      title: 'Made up',
      kind: 'change',
      eras: [
        {
          from: '2022-04-28',
          sources: ['s24'],
          holders: [
            { body: 'icb', role: 'subject' },
            { body: 'ccg', role: 'subject' },
          ],
          note: 'The Act received royal assent on 28 April 2022. On 1 July 2022 it abolished CCGs and set up ICBs.',
        },
      ],
    };
    expect(textDisagreements(withTopic(topic)).map((d) => d.message)).toEqual([
      expect.stringMatching(/1 July 2022 as a start, but the era starts 2022-04-28/),
    ]);
    // The day a body ends, a count from a date and a renaming are not starts.
    expect(startDates('They were abolished on 31 March 2013.', 'body')).toEqual([]);
    expect(startDates('(152 PCTs from October 2006)', 'body')).toEqual([]);
    expect(startDates('28 SHAs started on 1 April 2002 and were renamed on 1 October 2002.', 'body')).toEqual(
      [{ iso: '2002-04-01', said: '1 April 2002' }],
    );
  });
});
