import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { answer } from '../../src/resolve/resolve.js';
import { shippedKnowledge, TODAY } from './helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const ask = (question: string) => answer(kb, question, { today: TODAY });
const bodies = (a: ReturnType<typeof ask>) => a.commissioners.map((c) => `${c.body}: ${c.name}`);

describe('a long message asks about a body in the part after a dash or colon; what comes before is context', () => {
  it.each([
    // [question, topic answered, body: name of each body named]
    [
      "Councillor's office here. Resident chasing a complaint about a GP closure from 2019 - which CCG covered Kirklees then?",
      'local-bodies',
      ['ccg: NHS Greater Huddersfield CCG', 'ccg: NHS North Kirklees CCG'],
    ],
    [
      'Writing a briefing for the chief exec: which NHS England region was Cornwall in during 2017?',
      'local-bodies',
      ['nhs-england: South of England'],
    ],
    [
      'Practice nurse in Wakefield, tidying old minutes - NHS Wakefield CCG, what replaced it?',
      'local-bodies',
      ['icb: NHS West Yorkshire Integrated Care Board'],
    ],
    // A clause that asks only by its question mark, naming no kind of body, offers a guess.
    [
      'Just moved to Leeds - which ICB covers us? A friend at the school gate reckoned Bradford?',
      'local-bodies',
      ['icb: NHS West Yorkshire Integrated Care Board'],
    ],
    // What the asking part asks beats a cue in the context ("used to be").
    [
      'Our dental contracts used to be with Herts and West Essex ICB - when did it merge, and into which one?',
      'local-bodies',
      ['icb: NHS Central East Integrated Care Board', 'icb: NHS Essex Integrated Care Board'],
    ],
    // A part that refers back ("is that …") asks about the service before the dash.
    [
      'Pharmacist in York: we need a new pharmaceutical needs assessment - is that the ICB or the council?',
      'pharmaceutical-needs-assessment',
      ['local-authority: Local authority (council)'],
    ],
    // Bodies offered as the answer after a dash ask about the service before it.
    [
      'Wheelchair services in Devon in 2023 - ICB or NHS England?',
      'wheelchair-services',
      ['icb: Integrated care board (ICB)'],
    ],
    [
      'community dental contracts in Kent right now — do we go to the ICB or the council? I heard the ICB is merging',
      'dental-services',
      ['icb: Integrated care board (ICB)'],
    ],
    // A part after a colon that asks nothing on its own ("commissioner in 2023 for an ICB …") is about the service.
    [
      'Specialist HIV care: commissioner in 2023 for an ICB in the South West?',
      'hiv-treatment',
      ['nhs-england: NHS England', 'icb: Integrated care board (ICB)'],
    ],
    [
      'Student nurse in Gloucester - who commissions the sexual health clinic here? The ICB or the council?',
      'sexual-health-services',
      ['local-authority: Local authority (council)'],
    ],
  ])('%s', (question, topic, named) => {
    const a = ask(question);
    expect(a.status).toBe('answered');
    expect(a.topic?.id).toBe(topic);
    expect(bodies(a)).toEqual(named);
  });
});
