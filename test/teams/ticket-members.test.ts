import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import type { Ticket } from '../../src/schemas/ticket.js';
import { jsonlTickets } from '../../src/stores/jsonl-tickets.js';
import type { Surface } from '../../src/surface.js';
import { createTicketDesk, type TicketDesk } from '../../src/tickets/desk.js';
import { type ConnectorStandIn, startConnectorStandIn } from '../stand-ins/connector.js';
import { cardSubmit, personalMessage } from './activities.js';
import { NOW, postActivity, recordingLogger, startBotServer, UNAUTHENTICATED } from './bot-server.js';
import { cardOf, cardText, submitActions } from './cards.js';

// Only members of the experts' conversation may answer or close a ticket in Teams: the real botbuilder
// CloudAdapter asks the connector stand-in (TeamsInfo, the conversation's members) at each click.

const EXPERTS = '19:experts@thread.tacv2';
const SAM = { id: '29:sam', name: 'Sam Expert' };
const PAT = { id: '29:pat', name: 'Pat Outsider' };

let connector: ConnectorStandIn;
let desk: TicketDesk;
let dataDir: string;
let bot: { url: string; surface: Surface; close(): Promise<void> };
const logger = recordingLogger();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wc-teams-members-'));
  desk = createTicketDesk(await jsonlTickets(dataDir));
  connector = await startConnectorStandIn();
  connector.members.set(EXPERTS, [SAM.id]);
  const config = {
    ...UNAUTHENTICATED,
    expertsConversation: EXPERTS,
    expertsServiceUrl: connector.serviceUrl,
  };
  bot = await startBotServer(config, await createEngine({ now: () => NOW }), logger, { tickets: desk });
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function deliver(activity: { id: string }) {
  const response = await postActivity(bot.url, activity);
  await response.arrayBuffer();
  expect(response.status).toBe(200);
  return connector.waitForReplyTo(activity.id);
}

/** Asks in a personal chat and sends the answer to the experts; the ticket, once posted. */
async function openTicket(): Promise<Ticket> {
  const answer = cardOf(
    await deliver(personalMessage(connector.serviceUrl, 'who commissions school nursing?')),
  );
  const ask = submitActions(answer).find((a) => (a.data as { action?: string }).action === 'expert');
  await deliver(cardSubmit(connector.serviceUrl, { ...ask?.data }, `bot-answer-${Date.now()}`));
  const [ticket] = await desk.list(['open']);
  expect(ticket?.postKey).toBeTruthy();
  return ticket as Ticket;
}

/** A click on the ticket card by someone, in the experts' channel thread (or elsewhere). */
function click(ticket: Ticket, value: object, from: { id: string; name: string }, conversation?: string) {
  const cardId = String(ticket.postKey?.split('messageid=').pop());
  return {
    ...cardSubmit(connector.serviceUrl, { ticket: ticket.id, ...value }, cardId),
    from,
    conversation: {
      id: conversation ?? `${EXPERTS};messageid=${cardId}`,
      conversationType: 'channel',
      isGroup: true,
    },
  };
}

const sentToAsker = (mark: number) =>
  connector.calls.filter((c, i) => i >= mark && c.conversationId === 'a:personal-alex');

describe('Teams tickets: experts only', () => {
  it('refuses an answer or a close from someone outside the experts’ conversation', async () => {
    const ticket = await openTicket();
    const mark = connector.calls.length;
    connector.memberLookups.length = 0;

    const answer = await deliver(click(ticket, { action: 'ticket-reply', reply: 'It is the council.' }, PAT));
    expect(String(answer.body.text)).toContain("Only members of the experts' channel can answer tickets");
    expect(connector.memberLookups).toEqual([PAT.id]);
    const close = await deliver(click(ticket, { action: 'ticket-close' }, PAT));
    expect(String(close.body.text)).toContain('can close tickets');

    // A member, but clicking from another conversation (a card forwarded, or forged data): refused too.
    const elsewhere = await deliver(
      click(ticket, { action: 'ticket-close' }, SAM, '19:general@thread.tacv2'),
    );
    expect(String(elsewhere.body.text)).toContain('can close tickets');
    expect(sentToAsker(mark)).toEqual([]);
    expect((await desk.get(ticket.id))?.state).toBe('open');
    expect(logger.errors).toEqual([]);

    // A member answers and closes; the ticket records who.
    const reply = click(
      ticket,
      { action: 'ticket-reply', reply: 'The council, from the public health grant.' },
      SAM,
    );
    expect((await postActivity(bot.url, reply)).status).toBe(200);
    await connector.waitFor(
      (c) => connector.calls.indexOf(c) >= mark && c.conversationId === 'a:personal-alex',
    );
    expect((await postActivity(bot.url, click(ticket, { action: 'ticket-close' }, SAM))).status).toBe(200);
    await expect.poll(async () => (await desk.get(ticket.id))?.state).toBe('closed');
    const done = await desk.get(ticket.id);
    expect(done?.replies.map((r) => r.by)).toEqual([{ id: SAM.id, name: SAM.name }]);
    expect(done?.closedBy).toEqual({ id: SAM.id, name: SAM.name });
    expect(done?.closedAt).toBeTruthy();
  });

  it('takes an answer written on the maintainers’ page to the asker and redraws the card', async () => {
    const ticket = await openTicket();
    const relay = bot.surface.tickets;
    expect(relay?.surface).toBe('teams');
    const mark = connector.calls.length;
    const reply = {
      by: { id: 'maintainers-page', name: 'Priya' },
      text: 'The council.',
      at: NOW.toISOString(),
    };
    expect(await relay?.relay(ticket, reply)).toBe(true);
    const relayed = sentToAsker(mark)[0];
    expect(String(relayed?.body.text)).toContain('Priya, an expert, answered');
    const change = await desk.replied(ticket.id, reply.by, reply.text);
    if (change.ok) await relay?.refresh(change.ticket);
    const update = connector.updatesIn(EXPERTS).find((c) => connector.calls.indexOf(c) >= mark);
    expect(update?.activityId).toBe(ticket.postKey?.split('messageid=').pop());
    expect(cardText(cardOf(update as never))).toContain('Answered by Priya');
  });
});
