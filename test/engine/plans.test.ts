import { beforeAll, describe, expect, it } from 'vitest';
import { reviewSection } from '../../src/cli/report-reviews.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { shippedKnowledge } from './helpers.js';

/** The day the revised brief was written: the April 2027 transfer is planned, the Health Bill in Parliament. */
const TODAY = new Date('2026-12-01T12:00:00Z');
let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

function ask(question: string, asOf?: string) {
  const a = Answer.parse(resolve(kb, question, { asOf, today: TODAY }));
  return { ...a, bodies: a.commissioners.map((c) => c.body), all: [a.text, ...a.changes].join('\n') };
}

describe('the April 2027 transfer plan, asked today', () => {
  it.each([
    ['who commissions child health information services?', 'child-health-information-services'],
    ['who commissions vaccinations?', 'immunisation-programmes'],
    ['who commissions breast screening?', 'screening-programmes'],
    ['who commissions prison healthcare?', 'prison-healthcare'],
  ])(
    '"%s": NHS England holds it, and the planned transfer is named, labelled and dated',
    (question, topic) => {
      const a = ask(question);
      expect(a.status).toBe('answered');
      expect(a.topic?.id).toBe(topic);
      expect(a.bodies).toEqual(['nhs-england']);
      expect(a.all).toMatch(/Planned, not confirmed in effect \(from 1 April 2027\): ICB\b/);
      expect(a.all).toMatch(/Subject to Parliament/);
      // The text says what is planned, by what, from when, what it needs, and what is not confirmed.
      expect(a.text).toContain(
        "Planned in NHS England's Direct commissioning update (PRN02352): to move to the ICB from 1 April 2027. " +
          'It needs Parliament and is not confirmed in effect; last checked 1 December 2026.',
      );
    },
  );
});

describe('questions about what is coming', () => {
  it.each([
    'when NHS England goes, who picks up prison healthcare?',
    'who commissions prison healthcare after NHS England is abolished?',
    'who will commission SARCs from April 2027?',
    'who commissions CHIS in April 2027?',
  ])('"%s" names ICBs as the planned holder, from its date, never "where planned"', (question) => {
    const a = ask(question);
    expect(a.status).toBe('answered');
    const icb = a.commissioners.find((c) => c.body === 'icb');
    expect(icb?.roleText).toBe('would commission it from 1 April 2027, if the plan takes effect');
    // A condition is only a real condition: "where planned" read like a place.
    expect(icb?.condition).toBeUndefined();
    expect(a.text).toMatch(
      /Planned in NHS England's Direct commissioning update \(PRN02352\): to move to the ICB from 1 April 2027\. It needs Parliament and is not confirmed in effect; last checked 1 December 2026\./,
    );
    expect(a.text).not.toMatch(/Not confirmed;/);
  });

  it('reads "after NHS England is abolished" through the timeline event, not the body NHS England', () => {
    const a = ask('who commissions prison healthcare after NHS England is abolished?');
    expect(a.asOf).toBe('2027-04-01');
    expect(a.dateRead).toBe('read "after nhs england is abolished" as 1 April 2027');
  });

  it('names the Secretary of State for highly specialised services under the Health Bill, as proposed', () => {
    const a = ask('who would commission proton beam therapy under the Health Bill?');
    const dhsc = a.commissioners.find((c) => c.body === 'dhsc');
    expect(dhsc?.roleText).toBe('would commission it under the Health Bill 2026-27, if it becomes law');
    expect(a.text).toMatch(
      /Proposed in the Health Bill 2026-27 on 14 May 2026: .*It needs Parliament and is not law/,
    );
  });
});

describe('a superseded plan', () => {
  it('is never given as the holder, on any date it would have covered', () => {
    for (const asOf of ['2026-04-01', '2026-06-01', '2026-12-01']) {
      for (const q of ['who commissions vaccinations?', 'who commissions bowel cancer screening?']) {
        const a = ask(q, asOf);
        expect(a.bodies, `${q} ${asOf}`).toEqual(['nhs-england']);
        expect(a.timeline.map((e) => e.status)).not.toContain('superseded');
        expect(a.all).not.toMatch(/Superseded/);
      }
    }
  });

  it('is mentioned, labelled superseded, when the question asks about plans', () => {
    const a = ask('what happened to the April 2026 vaccination delegation plan?');
    expect(a.topic?.id).toBe('immunisation-programmes');
    expect(a.bodies).toEqual(['nhs-england']);
    expect(a.all).toMatch(
      /Superseded, never took effect \(was to start 1 April 2026\): The NHS England Board agreed in February 2025/,
    );
  });
});

describe('fields filled in that answers now use', () => {
  it("shows a holder's note and offers related topics as see also", () => {
    const a = ask('who commissions prison healthcare?');
    expect(a.commissioners[0]?.note).toMatch(/All prisons in England/);
    expect(a.seeAlso?.map((o) => o.topicId)).toContain('secure-childrens-settings');
  });

  it('says where to find a source that has no public page', () => {
    const a = ask('who commissions specialised services?', '2012-06-01');
    expect(a.sources.every((s) => s.url || s.where)).toBe(true);
  });
});

describe('npm run report', () => {
  it('lists every plan with its review date and file:line, marking those past it', () => {
    const text = reviewSection(kb.reviews, '2027-05-02');
    expect(text).toMatch(
      /^Plans, bills and announcements to check again \(\d+; \d+ past their review date on 2027-05-02\)/,
    );
    expect(text).toMatch(
      / {2}PAST 2027-05-01 {2}planned {4}prison-healthcare \(era 4\): .*\(knowledge\/health-and-justice\.yaml:\d+, last checked 2026-12-01\)/,
    );
    expect(reviewSection(kb.reviews, '2026-12-01')).not.toMatch(/PAST/);
  });
});

describe('an answer in force with a change to come', () => {
  it.each([
    ['who commissions child health information services now?'],
    ['the flu vaccination programme today'],
    ['who commissions sexual assault referral centres?'],
  ])('"%s" names the planned change and its date in its text', (question) => {
    const a = ask(question);
    expect(a.text).toContain(
      "Planned in NHS England's Direct commissioning update (PRN02352): to move to the ICB from 1 April 2027. " +
        'It needs Parliament and is not confirmed in effect; last checked 1 December 2026.',
    );
    expect(a.commissioners.map((c) => c.body)).not.toContain('icb');
  });

  it('says nothing of it for a date long before', () => {
    expect(ask('who commissioned child health information services in 2016?').text).not.toContain('2027');
  });
});
