import { beforeAll, describe, expect, it } from 'vitest';
import { renderAnswer } from '../../adapters/slack/blocks.js';
import { renderAnswerCard } from '../../adapters/teams/card.js';
import { renderText } from '../../src/cli/render-text.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { answer } from '../../src/resolve/resolve.js';
import type { Answer } from '../../src/schemas/answer.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// Every surface says in one line what the bot read, so a person sees a misreading at a glance; an answer
// that asks back or refuses says what it read in its text instead.

let kb: KnowledgeBase;
beforeAll(async () => {
  const { decision: _, ...reader } = await shippedKnowledge();
  kb = reader;
});

const surfaces: [string, (a: Answer) => string][] = [
  ['Slack', (a) => JSON.stringify(renderAnswer(a))],
  ['Teams', (a) => JSON.stringify(renderAnswerCard(a))],
  ['the terminal', (a) => renderText(a)],
];

describe('what the bot read', () => {
  it.each(surfaces)('is shown on %s for an answer', (_, render) => {
    const a = answer(kb, 'who commissioned school nursing in 2016?', { today: TODAY });
    expect(a.readAs).toMatch(/^School nursing.* · 1 July 2016$/);
    expect(render(a)).toContain(`Read as: ${a.readAs}`);
  });

  it.each(surfaces)('is not shown on %s for a refusal', (_, render) => {
    const a = answer(kb, 'what is the capital of France?', { today: TODAY });
    expect(a.status).toBe('unknown');
    expect(render(a)).not.toContain('Read as:');
  });
});
