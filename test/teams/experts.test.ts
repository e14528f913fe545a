import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { jsonlTickets } from '../../src/stores/jsonl-tickets.js';
import { createTicketDesk, type TicketDesk } from '../../src/tickets/desk.js';
import { type ConnectorStandIn, startConnectorStandIn } from '../stand-ins/connector.js';
import { BOT, cardSubmit, personalMessage } from './activities.js';
import { NOW, postActivity, recordingLogger, startBotServer, UNAUTHENTICATED } from './bot-server.js';
import { cardOf, cardText, submitActions } from './cards.js';

// A whole ticket through the real botbuilder CloudAdapter against the connector stand-in: asked on
// an answer card, posted to the experts' channel, answered in the card, sent to the asker, closed.

const EXPERTS = '19:experts@thread.tacv2';
const EXPERT = { id: '29:sam', name: 'Sam Expert', aadObjectId: '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0' };

let connector: ConnectorStandIn;
let engine: Engine;
let desk: TicketDesk;
let dataDir: string;
let withExperts: { url: string; close(): Promise<void> };
let plain: { url: string; close(): Promise<void> };
const logger = Object.assign(recordingLogger(), { infos: [] as string[] });
logger.info = (_obj: unknown, msg?: string) => void logger.infos.push(msg ?? '');

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wc-teams-experts-'));
  desk = createTicketDesk(await jsonlTickets(dataDir));
  engine = await createEngine({ now: () => NOW });
  connector = await startConnectorStandIn();
  const config = {
    ...UNAUTHENTICATED,
    expertsConversation: EXPERTS,
    expertsServiceUrl: connector.serviceUrl,
  };
  withExperts = await startBotServer(config, engine, logger, { tickets: desk });
  plain = await startBotServer(UNAUTHENTICATED, engine, logger, { tickets: desk });
});
afterAll(async () => {
  await withExperts?.close();
  await plain?.close();
  await connector?.close();
  await rm(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  logger.errors.length = 0;
});

async function deliver(url: string, activity: { id: string }) {
  const response = await postActivity(url, activity);
  await response.arrayBuffer();
  expect(response.status).toBe(200);
  return connector.waitForReplyTo(activity.id);
}

/** An expert's click on the ticket card in the experts' channel thread. */
function expertSubmit(value: object, cardId: string) {
  const base = cardSubmit(connector.serviceUrl, value, cardId);
  return {
    ...base,
    from: EXPERT,
    conversation: { id: `${EXPERTS};messageid=${cardId}`, conversationType: 'channel', isGroup: true },
  };
}

const expertAsk = (card: Record<string, unknown>) =>
  submitActions(card).find((a) => (a.data as { action?: string }).action === 'expert');

describe('Ask an expert in Teams', () => {
  it('shows no button without TEAMS_EXPERTS_CONVERSATION', async () => {
    const reply = await deliver(
      plain.url,
      personalMessage(connector.serviceUrl, 'who commissions health visiting?'),
    );
    expect(expertAsk(cardOf(reply))).toBeUndefined();
    expect(JSON.stringify(cardOf(reply))).not.toContain('Ask an expert');
  });

  it('takes a question to the experts channel and the answer typed in the card back to the asker', async () => {
    const question = personalMessage(connector.serviceUrl, 'who commissions health visiting?');
    const answerCard = cardOf(await deliver(withExperts.url, question));
    expect(JSON.stringify(answerCard.actions)).toContain('"title":"Ask an expert"');
    const ask = expertAsk(answerCard);
    expect(ask).toBeDefined();

    // The note typed into the card's box arrives merged into the button's data.
    const click = cardSubmit(
      connector.serviceUrl,
      { ...ask?.data, note: 'For a board paper' },
      'bot-answer-1',
    );
    const thanks = await deliver(withExperts.url, click);
    expect(String(thanks.body.text)).toMatch(/with the experts as ticket WC-[A-Z0-9]{6}/);
    const post = await connector.waitFor(
      (c) => c.method === 'POST' && c.conversationId === EXPERTS && !c.activityId,
    );
    const ticketCard = cardOf(post);
    expect(cardText(ticketCard)).toContain('who commissions health visiting?');
    expect(cardText(ticketCard)).toContain('Alex Example');
    expect(cardText(ticketCard)).toContain('For a board paper');
    expect(cardText(ticketCard)).toMatch(/council|Local authority/i);

    // Clicked again: the same ticket, not posted twice.
    const again = await deliver(
      withExperts.url,
      cardSubmit(connector.serviceUrl, { ...ask?.data }, 'bot-answer-1'),
    );
    expect(String(again.body.text)).toContain('already with the experts');
    expect(connector.postsTo(EXPERTS)).toHaveLength(1);
    const [ticket] = await desk.list(['open']);
    expect(ticket?.note).toBe('For a board paper');
    expect(ticket?.postKey).toMatch(new RegExp(`^teams:${EXPERTS};messageid=bot-msg-\\d+$`));

    // The expert types an answer into the card and sends it.
    const send = submitActions(ticketCard).find((a) => a.title === 'Send answer');
    expect(send?.data).toEqual({ action: 'ticket-reply', ticket: ticket?.id });
    const cardId = String(ticket?.postKey?.split('messageid=').pop());
    const mark = connector.calls.length;
    const reply = expertSubmit(
      { ...send?.data, reply: 'Councils do, from the public health grant.' },
      cardId,
    );
    const response = await postActivity(withExperts.url, reply);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    const relayed = await connector.waitFor(
      (c) => connector.calls.indexOf(c) >= mark && c.conversationId === 'a:personal-alex',
    );
    expect(String(relayed.body.text)).toContain('Councils do, from the public health grant.');
    expect(String(relayed.body.text)).toContain('Sam Expert');
    const update = await connector.waitFor((c) => connector.calls.indexOf(c) >= mark && c.method === 'PUT');
    expect(update.activityId).toBe(cardId);
    expect(cardText(cardOf(update))).toContain('Answered by Sam Expert');
    expect((await desk.get(ticket?.id ?? ''))?.state).toBe('answered');
    expect(logger.errors).toEqual([]);

    // Close: the card shows it, with nothing left to click.
    const close = submitActions(cardOf(update)).find((a) => a.title === 'Close ticket');
    const mark2 = connector.calls.length;
    const closing = await postActivity(withExperts.url, expertSubmit({ ...close?.data }, cardId));
    await closing.arrayBuffer();
    const closed = await connector.waitFor((c) => connector.calls.indexOf(c) >= mark2 && c.method === 'PUT');
    expect(cardText(cardOf(closed))).toContain('Closed by Sam Expert');
    expect(submitActions(cardOf(closed))).toEqual([]);
    expect((await desk.get(ticket?.id ?? ''))?.state).toBe('closed');
  });

  it('logs the ids to set when it is added to a team, so a maintainer can pick the experts channel', async () => {
    const install = {
      type: 'conversationUpdate',
      id: 'install-1',
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: EXPERT,
      recipient: BOT,
      membersAdded: [BOT],
      conversation: { id: '19:team-general@thread.tacv2', conversationType: 'channel', isGroup: true },
      channelData: { team: { id: '19:team-general@thread.tacv2', name: 'Commissioning experts' } },
    };
    const response = await postActivity(withExperts.url, install);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    expect(logger.infos.join('\n')).toContain(
      `TEAMS_EXPERTS_CONVERSATION=19:team-general@thread.tacv2 and TEAMS_EXPERTS_SERVICE_URL=${connector.serviceUrl}`,
    );
  });
});
