import { describe, expect, it } from 'vitest';
import { cardSubmit, channelMention, personalMessage } from './activities.js';
import { postActivity, useTeamsBot } from './bot-server.js';
import { cardOf, cardText, submitActions } from './cards.js';

// Follow-up questions through the real botbuilder adapter over HTTP: each Teams conversation (a
// personal chat, a channel thread) keeps its own last question.

describe('follow-up questions in Teams', () => {
  const teams = useTeamsBot();

  async function ask(activity: object): Promise<string> {
    teams.connector.calls.length = 0;
    const response = await postActivity(teams.url, activity);
    expect(response.status, await response.text()).toBeLessThan(300);
    expect(teams.logger.errors).toEqual([]);
    const [reply] = teams.connector.calls;
    return cardText(cardOf(reply));
  }

  it('reads "what about dental?" in a personal chat against the question before it', async () => {
    const url = teams.connector.serviceUrl;
    await ask(personalMessage(url, 'who commissioned health visiting in 2016?'));
    const text = await ask(personalMessage(url, 'what about dental?'));
    expect(text).toMatch(/dental.*, in 2016 \(from your last question\)/i);
    expect(text).toMatch(/NHS England/);
  });

  it('keeps the date a follow-up carried (and its conditions, through the same reading) when one of its "did you mean" options is chosen', async () => {
    const url = teams.connector.serviceUrl;
    await ask(personalMessage(url, 'our CCG was fully delegated - who handled GP contracts in 2016?'));
    const clarify = await ask(personalMessage(url, 'what about primary care?'));
    expect(clarify).toMatch(/In 2016 \(from your last question\)/);
    const option = submitActions(cardOf(teams.connector.calls[0])).find(
      (a) => a.data.action === 'ask' && a.data.topicId === 'dental-services',
    );
    expect(option, 'the clarify card offers NHS dental services').toBeDefined();
    const chosen = await ask(cardSubmit(url, option?.data, 'bot-msg-clarify'));
    expect(chosen).toMatch(/dental.*, in 2016 \(from your last question\)/i);
    expect(chosen).toContain('As of 1 July 2016');
    expect(chosen).not.toContain('As of today');
  });

  it('keeps a channel thread apart from the personal chat', async () => {
    const url = teams.connector.serviceUrl;
    await ask(personalMessage(url, 'who commissioned health visiting in 2014?'));
    const inChannel = await ask(channelMention(url, 'and in 2016?'));
    expect(inChannel).not.toMatch(/from your last question/);
    const inChat = await ask(personalMessage(url, 'and in 2016?'));
    expect(inChat).toMatch(/\(from your last question\), in 2016/);
  });
});
