import { beforeAll, describe, expect, it } from 'vitest';
import { parseCardAction } from '../../adapters/teams/actions.js';
import { type AdaptiveCard, helpCard, renderAnswerCard, welcomeCard } from '../../adapters/teams/card.js';
import { createEngine, type Engine } from '../../src/engine.js';
import type { KnowledgeSummary } from '../../src/service.js';
import { answer } from '../fixtures/answer.js';
import { cardProblems, contrast, horizontalButtonTitles, textColours } from './adaptive-cards.js';
import { cardText, submitActions } from './cards.js';
import { TEAMS_LIGHT_HOST_CONFIG } from './teams-host-config.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ now: () => new Date('2026-11-01T12:00:00Z') });
});

describe('renderAnswerCard', () => {
  it('is an Adaptive Card 1.5', () => {
    const card = renderAnswerCard(answer());
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it("names each commissioner in the engine's words, with its condition once", () => {
    const gp = engine.ask('who held GP contracts?', { asOf: '2016-07-01', topicId: 'gp-contracts' });
    const text = cardText(renderAnswerCard(gp));
    expect(text).toContain(
      '**NHS England** commissioned it\nWhere: greater involvement (level 1)\n' +
        '**NHS England** commissioned it jointly\nWhere: joint commissioning (level 2)',
    );
    expect(text).toContain(
      '**Clinical commissioning group (CCG)** commissioned it under delegation from NHS England\n' +
        'Where: delegated commissioning (level 3)',
    );
    expect(text).not.toMatch(/where:? where/i);
    expect(text).toContain('As of 1 July 2016');
    // A place read names the body itself.
    const leeds = engine.ask('who commissioned IVF in Leeds?', { asOf: '2018-06-01' });
    expect(cardText(renderAnswerCard(leeds))).toContain(
      '**NHS Leeds CCG** (Clinical commissioning group (CCG))',
    );
  });

  it('names each commissioner with its role and condition, the as-of date, what changed and the sources as links', () => {
    const text = cardText(renderAnswerCard(answer()));
    expect(text).toContain(
      '**Clinical commissioning group (CCG)** commissioned it under delegation from NHS England',
    );
    expect(text).toContain('**NHS England** stayed accountable in law');
    expect(text).toContain('Where: fully delegated CCG');
    expect(text).toContain('As of 1 June 2016');
    expect(text).toContain(
      '**What changed**\n• From 1 April 2015 it depended on the co-commissioning model.',
    );
    expect(text).toContain(
      '[Next steps towards primary care co-commissioning](https://www.england.nhs.uk/x)',
    );
    expect(text).toContain('• An unpublished letter');
  });

  it("labels an answer that is not yet law once, with the engine's status text in a readable banner", () => {
    const announced = renderAnswerCard(
      engine.ask('ICBs as strategic commissioners', { topicId: 'icb-strategic-commissioner' }),
    );
    expect(announced.body).toContainEqual(
      expect.objectContaining({
        type: 'Container',
        style: 'warning',
        items: [expect.objectContaining({ text: '**Announced by the government, not yet in effect**' })],
      }),
    );
    const said = cardText(announced).toLowerCase().split('announced by the government, not yet in effect');
    expect(said).toHaveLength(2);
    expect(JSON.stringify(announced)).not.toMatch(/"color":"Warning"/i);
    const proposed = renderAnswerCard(
      // The topic is pinned (as a clicked option pins it): this checks the card, not the decision.
      engine.ask('under the Health Bill, who would commission proton beam therapy?', {
        topicId: 'highly-specialised-services',
      }),
    );
    // A would-be holder says under what it would commission; the text says once what that still needs.
    expect(cardText(proposed)).toContain(
      'would commission it under the Health Bill 2026-27, if it becomes law',
    );
    expect(cardText(proposed).split('It needs Parliament and is not law')).toHaveLength(2);
    expect(renderAnswerCard(answer()).body).not.toContainEqual(expect.objectContaining({ style: 'warning' }));
  });

  it('says "as of today" when no date was asked for', () => {
    expect(cardText(renderAnswerCard(answer({ asOfSource: 'today' })))).toContain('As of today, 1 June 2016');
  });

  it('offers feedback buttons that carry the question, date, topic and status', () => {
    const actions = submitActions(renderAnswerCard(answer()));
    expect(actions).toEqual([
      {
        title: 'Helpful',
        data: {
          action: 'feedback',
          helpful: true,
          question: 'who held GP contracts in a delegated CCG in 2016?',
          asOf: '2016-06-01',
          topicId: 'gp-contracts',
          status: 'answered',
        },
      },
      expect.objectContaining({ title: 'Not helpful', data: expect.objectContaining({ helpful: false }) }),
    ]);
  });

  it('replaces the feedback buttons with a thank-you once feedback is given', () => {
    const card = renderAnswerCard(answer(), { feedback: false });
    expect(submitActions(card)).toEqual([]);
    expect(cardText(card)).toContain('Thanks: marked as not helpful');
  });

  it('turns clarify options into buttons that ask again with the topic, and a date only if one was chosen', () => {
    const card = renderAnswerCard(
      answer({
        status: 'clarify',
        topic: undefined,
        commissioners: [],
        question: 'who commissions mental health',
        text: 'Which of these did you mean?',
        options: [
          { topicId: 'mental-health-services', title: 'Mental health services' },
          { topicId: 'secure-mental-health', title: 'Secure mental health' },
        ],
      }),
    );
    const asks = submitActions(card).filter((a) => a.data.action === 'ask');
    expect(asks).toEqual([
      {
        title: 'Mental health services',
        // The date came from the question's words: read again from them, it stays "in your question".
        data: { action: 'ask', question: 'who commissions mental health', topicId: 'mental-health-services' },
      },
      expect.objectContaining({ title: 'Secure mental health' }),
    ]);
    expect(cardText(card)).toContain('Which of these did you mean?');
  });

  it('explains an unknown answer plainly and says where to look instead, naming no body', () => {
    const card = renderAnswerCard(
      answer({
        status: 'unknown',
        topic: undefined,
        question: 'what is the weather',
        commissioners: [],
        changes: [],
        sources: [],
        conditionsAsked: [],
        text: 'That is not a question about who commissions NHS services.',
        lookInstead: 'A general search engine.',
      }),
    );
    const text = cardText(card);
    expect(text).toContain('That is not a question about who commissions NHS services.');
    expect(text).toContain('**Where to look instead**\nA general search engine.');
    expect(text).not.toContain('under delegation');
  });

  it('escapes markdown in text from people and from the knowledge files', () => {
    const card = renderAnswerCard(
      answer({
        question: '**bold** [click](https://evil.example)',
        topic: undefined,
        text: 'Costs *rose* by_50_ per cent',
        changes: ['- not a list item', '1. not a numbered item'],
        sources: [{ id: 'x', title: 'A [fake](javascript:alert(1)) link', url: 'javascript:alert(1)' }],
      }),
    );
    const text = cardText(card);
    expect(text).toContain('**\\*\\*bold\\*\\* \\[click\\](https://evil.example)**');
    expect(text).toContain('Costs \\*rose\\* by\\_50\\_ per cent');
    expect(text).toContain('• \\- not a list item');
    expect(text).toContain('• 1\\. not a numbered item');
    expect(text).toContain('• A \\[fake\\](javascript:alert(1)) link');
    // Every ] before a ( is escaped, so no link to the javascript: URL can form.
    expect(text).not.toMatch(/(?<!\\)\]\(javascript/);
  });
});

describe('helpCard', () => {
  const summary: KnowledgeSummary = {
    updated: '2026-10-30',
    updatedText: '30 October 2026',
    topics: 80,
    bodies: 30,
    sources: 120,
    examples: ['Who commissioned health visiting in 2014?', 'Who commissions community pharmacy now?'],
    problems: [],
  };

  it('explains how to ask and offers the knowledge examples as buttons', () => {
    const card = helpCard(summary);
    expect(cardText(card)).toMatch(/How to ask[\s\S]*as of 1 April 2013[\s\S]*@mention/);
    expect(cardText(card)).toContain('last updated 30 October 2026');
    expect(submitActions(card).map((a) => a.data)).toEqual([
      { action: 'ask', question: 'Who commissioned health visiting in 2014?' },
      { action: 'ask', question: 'Who commissions community pharmacy now?' },
    ]);
  });
});

describe('parseCardAction', () => {
  it('takes back the values the cards send, and refuses a date that does not exist or an unknown status', () => {
    const feedback = {
      action: 'feedback',
      helpful: true,
      question: 'who commissions dental?',
      asOf: '2024-02-29',
      topicId: 'dental-services',
      status: 'answered',
    };
    expect(parseCardAction(feedback)).toEqual(feedback);
    expect(parseCardAction({ ...feedback, asOf: '2023-02-29' })).toBeUndefined();
    expect(parseCardAction({ ...feedback, status: 'maybe' })).toBeUndefined();
    expect(parseCardAction({ action: 'ask', question: 'x', topicId: 'Not An Id' })).toBeUndefined();
  });
});

describe("the cards in Microsoft's renderer with Teams' host config", () => {
  const summary = (): KnowledgeSummary => ({ ...engine.summary(), problems: [] });
  const cards = (): [string, AdaptiveCard][] => [
    ['answered', renderAnswerCard(engine.ask('who held GP contracts?', { asOf: '2016-07-01' }))],
    ['announced', renderAnswerCard(engine.ask('Model ICB Blueprint'))],
    [
      'proposed',
      renderAnswerCard(engine.ask('under the Health Bill, who would commission proton beam therapy?')),
    ],
    ['compound', renderAnswerCard(engine.ask('who commissions health visiting and school nursing in 2014?'))],
    ['clarify', renderAnswerCard(engine.ask('who commissions mental health'))],
    ['unknown', renderAnswerCard(engine.ask('what is the weather in Leeds?'))],
    ['thanked', renderAnswerCard(engine.ask('who commissions dental services?'), { feedback: true })],
    ['help', helpCard(summary())],
    ['welcome', welcomeCard(summary())],
  ];

  it('parses and validates every card with no errors', () => {
    for (const [name, card] of cards()) expect(cardProblems(card), name).toEqual([]);
    // The check can fail: an unknown element and a bad colour are both reported.
    const broken = {
      ...renderAnswerCard(answer()),
      body: [{ type: 'Bogus' }, { type: 'TextBlock', text: 'x', color: 'Purple' }],
    };
    expect(cardProblems(broken)).toHaveLength(2);
  });

  it('puts no button text over 20 characters side by side', () => {
    for (const [name, card] of cards()) {
      for (const title of horizontalButtonTitles(card as unknown as Record<string, unknown>))
        expect(title.length, `${name}: "${title}"`).toBeLessThanOrEqual(20);
    }
  });

  it('gives every clarify option and example its own full-width element whose text wraps in full', () => {
    const clarify = engine.ask('who commissions mental health');
    const examples = summary().examples;
    expect(clarify.options.some((o) => o.title.length > 20) && examples.some((e) => e.length > 20)).toBe(
      true,
    );
    const expected: [AdaptiveCard, string[]][] = [
      [renderAnswerCard(clarify), clarify.options.map((o) => o.title)],
      [welcomeCard(summary()), examples.slice(0, 6)],
    ];
    for (const [card, labels] of expected) {
      const choices = card.body.filter((e) => e.selectAction);
      expect(choices.map((c) => (c.selectAction as { title: string }).title)).toEqual(labels);
      for (const c of choices) {
        expect(c).toMatchObject({ type: 'Container', items: [{ type: 'TextBlock', wrap: true }] });
        expect((c.selectAction as { type: string }).type).toBe('Action.Submit');
      }
    }
  });

  it('has every text at a contrast of at least 4.5:1 on its background, the status banner included', () => {
    const { containerStyles } = TEAMS_LIGHT_HOST_CONFIG;
    // What the issue saw: Teams' Warning colour on the white card.
    expect(
      contrast(
        containerStyles.default.foregroundColors.warning.default,
        containerStyles.default.backgroundColor,
      ),
    ).toBeCloseTo(1.47, 1);
    for (const [name, card] of cards()) {
      for (const t of textColours(card as unknown as Record<string, unknown>))
        expect(t.ratio, `${name}: "${t.text}" ${t.foreground} on ${t.background}`).toBeGreaterThanOrEqual(
          4.5,
        );
    }
    const banner = textColours(
      renderAnswerCard(engine.ask('Model ICB Blueprint')) as unknown as Record<string, unknown>,
    ).find((t) => t.text.includes('not yet in effect'));
    expect(banner?.background).toBe(containerStyles.warning.backgroundColor);
  });
});
