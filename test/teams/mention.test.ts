import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNANSWERED_FILE } from '../../src/logbook.js';
import { documentedChannelMention } from './activities.js';
import { postActivity, useTeamsBot } from './bot-server.js';
import { cardOf, cardText, submitActions } from './cards.js';

describe("Microsoft's documented channel mention, through the real botbuilder adapter over HTTP", () => {
  const teams = useTeamsBot({ logbook: true });

  async function send(activity: object): Promise<void> {
    const response = await postActivity(teams.url, activity);
    expect(response.status, await response.text()).toBeLessThan(300);
    expect(teams.logger.errors).toEqual([]);
  }

  it("answers without the bot's mention, and names the other person plainly", async () => {
    const message = documentedChannelMention(
      teams.connector.serviceUrl,
      'Hey ',
      'who commissions health visiting in 2017?',
    );
    await send(message);
    const card = cardOf(teams.connector.calls[0]);
    expect(cardText(card)).toMatch(/^\*\*Health visiting/);
    const helpful = submitActions(card).find((a) => a.title === 'Helpful');
    expect(helpful?.data.question).toBe('Hey who commissions health visiting in 2017? cc Sam Lee');
    expect(JSON.stringify(card)).not.toMatch(/<at>|&lt;at/);
  });

  it('keeps mention tags out of the card title, the buttons and the unanswered log', async () => {
    // A question that needs clarifying: its title is the question itself, and it is logged.
    const message = documentedChannelMention(teams.connector.serviceUrl, '', 'who commissions mental health');
    await send(message);
    const card = cardOf(teams.connector.calls[0]);
    expect(cardText(card).split('\n')[0]).toBe('**who commissions mental health cc Sam Lee**');
    for (const action of submitActions(card))
      expect(action.data.question).toBe('who commissions mental health cc Sam Lee');
    await teams.logbook?.flush();
    const logged = (await readFile(join(teams.dataDir, UNANSWERED_FILE), 'utf8')).trim().split('\n');
    expect(JSON.parse(logged.at(-1) as string).question).toBe('who commissions mental health cc Sam Lee');
  });
});
