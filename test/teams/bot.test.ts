import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { supportsFullWidth } from '../../adapters/teams/host.js';
import { escapeMarkdown } from '../../adapters/teams/markdown.js';
import { FEEDBACK_FILE } from '../../src/logbook.js';
import {
  CHANNEL_THREAD,
  cardSubmit,
  channelMention,
  personalInstall,
  personalMessage,
} from './activities.js';
import { NOW, postActivity, useTeamsBot } from './bot-server.js';
import { cardOf, cardText, submitActions } from './cards.js';

/** A question the knowledge answers with more than one topic, so the bot must ask which. */
const AMBIGUOUS = 'who commissions mental health';

describe('the Teams bot over HTTP, with the real engine', () => {
  const teams = useTeamsBot({ logbook: true });

  async function send(activity: object): Promise<void> {
    const response = await postActivity(teams.url, activity);
    expect(response.status, await response.text()).toBeLessThan(300);
    expect(teams.logger.errors).toEqual([]);
  }

  it('answers a personal message with an Adaptive Card naming the body that commissioned it then', async () => {
    const message = personalMessage(teams.connector.serviceUrl, 'who commissions health visiting in 2017');
    await send(message);

    expect(teams.connector.calls).toHaveLength(1);
    const [reply] = teams.connector.calls;
    expect(reply?.method).toBe('POST');
    expect(reply?.conversationId).toBe('a:personal-alex');
    expect(reply?.activityId).toBe(message.id);
    const text = cardText(cardOf(reply));
    // 2017 is in the past: the answer says who commissioned it then.
    expect(text).toMatch(/\*\*Local authority[^*]*\*\* commissioned/i);
    expect(text).toContain('2017');
    expect(text).not.toMatch(/NHS England\*\* commissions/);
  });

  it('answers an @mention in a channel inside its thread, with the mention taken out of the question', async () => {
    const message = channelMention(teams.connector.serviceUrl, 'who commissions health visiting in 2017');
    await send(message);

    expect(teams.connector.calls).toHaveLength(1);
    const [reply] = teams.connector.calls;
    expect(reply?.conversationId).toBe(CHANNEL_THREAD);
    expect(reply?.activityId).toBe(message.id);
    expect(reply?.body.replyToId).toBe(message.id);
    const card = cardOf(reply);
    expect(cardText(card)).toMatch(/local authorit/i);
    const helpful = submitActions(card).find((a) => a.title === 'Helpful');
    expect(helpful?.data.question).toBe('who commissions health visiting in 2017');
  });

  it('asks which topic was meant, and answers in place when an option is clicked', async () => {
    expect(teams.engine.ask(AMBIGUOUS).status, `"${AMBIGUOUS}" should need clarifying`).toBe('clarify');
    await send(personalMessage(teams.connector.serviceUrl, AMBIGUOUS));
    const clarify = teams.connector.calls[0];
    const options = submitActions(cardOf(clarify)).filter((a) => a.data.action === 'ask');
    expect(options.length).toBeGreaterThan(1);
    const chosen = options[0] as { title: string; data: Record<string, unknown> };
    expect(chosen.data).toMatchObject({ question: AMBIGUOUS });
    expect(chosen.data).not.toHaveProperty('asOf');

    teams.connector.calls.length = 0;
    await send(cardSubmit(teams.connector.serviceUrl, chosen.data, 'bot-msg-clarify'));

    expect(teams.connector.calls).toHaveLength(1);
    const [update] = teams.connector.calls;
    expect(update?.method).toBe('PUT');
    expect(update?.activityId).toBe('bot-msg-clarify');
    const answer = teams.engine.ask(AMBIGUOUS, { topicId: chosen.data.topicId as string });
    expect(answer.status).toBe('answered');
    const text = cardText(cardOf(update));
    expect(text).toContain(escapeMarkdown(chosen.title));
    for (const c of answer.commissioners) expect(text).toContain(escapeMarkdown(c.name));
    // The clarify card was "as of today"; the answer it turns into says so too, as a typed question would.
    expect(cardText(cardOf(clarify))).toContain('As of today, 1 November 2026');
    expect(text).toContain('As of today, 1 November 2026');
    // A local client (here the stand-in, as the Playground) gets no Teams-only width, sent or updated.
    expect(cardOf(clarify)).not.toHaveProperty('msteams');
    expect(cardOf(update)).not.toHaveProperty('msteams');
  });

  it('asks for the full width only from Teams itself (an HTTPS connector)', () => {
    expect(supportsFullWidth('https://smba.trafficmanager.net/teams/')).toBe(true);
    expect(supportsFullWidth(teams.connector.serviceUrl)).toBe(false);
    expect(supportsFullWidth(undefined)).toBe(false);
  });

  it('records a helpful click in the feedback log and thanks the person on the card', async () => {
    await send(personalMessage(teams.connector.serviceUrl, 'who commissions health visiting in 2017'));
    const helpful = submitActions(cardOf(teams.connector.calls[0])).find((a) => a.title === 'Helpful');
    expect(helpful).toBeDefined();

    teams.connector.calls.length = 0;
    await send(cardSubmit(teams.connector.serviceUrl, helpful?.data, 'bot-msg-answer'));
    await teams.logbook?.flush();

    const lines = (await readFile(join(teams.dataDir, FEEDBACK_FILE), 'utf8')).trim().split('\n');
    expect(JSON.parse(lines.at(-1) as string)).toEqual({
      surface: 'teams',
      helpful: true,
      question: 'who commissions health visiting in 2017',
      asOf: expect.stringMatching(/^2017-/),
      topicId: 'health-visiting',
      status: 'answered',
      at: NOW.toISOString(),
    });
    const [update] = teams.connector.calls;
    expect(update?.method).toBe('PUT');
    const card = cardOf(update);
    expect(cardText(card)).toContain('Thanks');
    expect(submitActions(card)).toEqual([]);
  });

  it('gives a greeting the how-to-ask card, as Slack does, rather than an answer', async () => {
    await send(personalMessage(teams.connector.serviceUrl, 'hey'));
    expect(cardText(cardOf(teams.connector.calls[0]))).toContain('How to ask');
  });

  it('explains how to ask, with the knowledge examples as buttons, when asked for help', async () => {
    await send(personalMessage(teams.connector.serviceUrl, 'help'));
    const card = cardOf(teams.connector.calls[0]);
    expect(cardText(card)).toContain('How to ask');
    const examples = submitActions(card).map((a) => a.data.question);
    expect(examples.length).toBeGreaterThan(0);
    expect(teams.engine.summary().examples).toEqual(expect.arrayContaining(examples));
  });

  it('welcomes the person when the bot is installed in a personal chat, looking the member up first', async () => {
    teams.connector.memberLookups.length = 0;
    await send(personalInstall(teams.connector.serviceUrl));
    expect(teams.connector.memberLookups).toEqual(['29:alex']);
    expect(teams.connector.calls).toHaveLength(1);
    expect(cardText(cardOf(teams.connector.calls[0]))).toContain('Hello');
  });
});
