import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  types,
} from '@slack/bolt';
import type { Answer } from '../../src/schemas/answer.js';
import type { Ticket } from '../../src/schemas/ticket.js';
import type { AnswerService } from '../../src/service.js';
import type { Logger } from '../../src/surface.js';
import { summariseAnswer, type TicketDesk } from '../../src/tickets/desk.js';
import { decodeValue, encodeValue, valueFor } from './actions.js';
import type { SlackMessage } from './blocks.js';
import { callSlack } from './errors.js';
import { clipPlain } from './escape.js';
import { closedText, EXPERT_ACTION, relayText, ticketMessage } from './ticket-blocks.js';

export { EXPERT_ACTION } from './ticket-blocks.js';

/** Slack allows 25 elements in one actions block. */
const MAX_ELEMENTS = 25;

/**
 * Adds "Ask an expert" to a rendered answer, clarify or refusal: into its feedback buttons when there
 * is room, else as a block of its own. The value is the same as the feedback buttons': the question,
 * date, topic and status, so the click can say what the bot answered without any stored state.
 */
export function withAskExpert(message: SlackMessage, answer: Answer): SlackMessage {
  const button: types.Button = {
    type: 'button',
    text: { type: 'plain_text', text: 'Ask an expert', emoji: true },
    action_id: EXPERT_ACTION.ask,
    value: encodeValue(valueFor(answer)),
  };
  const blocks = [...message.blocks];
  const last = blocks[blocks.length - 1];
  if (last?.type === 'actions' && last.elements.length < MAX_ELEMENTS) {
    blocks[blocks.length - 1] = { ...last, elements: [...last.elements, button] };
  } else {
    blocks.push({ type: 'actions', block_id: 'wc_expert', elements: [button] });
  }
  return { ...message, blocks };
}

/** A reply a person wrote: plain, also sent to the channel, or with a file attached. Not edits or joins. */
const PERSON_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export interface ExpertSetup {
  service: AnswerService;
  logger: Logger;
  /** Channel ID of the experts' channel. */
  channel: string;
  tickets: TicketDesk;
}

/** The experts' copy of a ticket is found again by its channel and message. */
const postKey = (channel: string, ts: string) => `slack:${channel}:${ts}`;

/** Where the clicked answer was, as a place to send the expert's reply back to. */
function whereAsked(body: BlockAction): { where: Record<string, string>; whereText: string } {
  const user = body.user.id;
  const channel = body.channel?.id ?? body.container.channel_id;
  // A private answer (slash command) is not a message anyone can reply under: the reply comes by DM.
  if (body.container.is_ephemeral || !channel) {
    return {
      where: { channel: user },
      whereText: 'a private answer in Slack (the reply goes by direct message)',
    };
  }
  const threadTs =
    body.message?.thread_ts ?? (channel.startsWith('D') ? undefined : body.container.message_ts);
  const where = { channel, ...(threadTs ? { thread_ts: threadTs } : {}) };
  if (channel.startsWith('D')) return { where, whereText: 'a direct message with the bot in Slack' };
  return { where, whereText: `a thread in Slack channel ${channel}` };
}

/**
 * "Ask an expert" in Slack: a click opens a ticket (once per person and message, however often it
 * is clicked or retried) and posts it to the experts' channel; a reply in the ticket's thread is sent
 * to the asker where they asked, and marks the ticket answered; Close closes it.
 */
export function registerExpertListeners(app: App, setup: ExpertSetup): void {
  const { service, logger, channel: expertsChannel, tickets } = setup;

  /** Posts a ticket to the experts' channel and remembers where; undefined if Slack refused. */
  const postToExperts = async (ticket: Ticket, client: ButtonArgs['client']) => {
    const posted = await callSlack(logger, 'chat.postMessage', () =>
      client.chat.postMessage({
        channel: expertsChannel,
        ...ticketMessage(ticket),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    if (!posted?.ts) return undefined;
    return tickets.posted(ticket.id, postKey(posted.channel ?? expertsChannel, posted.ts));
  };

  app.action<BlockAction<ButtonAction>>(EXPERT_ACTION.ask, async ({ ack, action, body, client, respond }) => {
    await ack();
    const value = decodeValue(action.value);
    if (!value) return;
    // The same question, date and topic again, to say what the bot answered; not logged a second time.
    const answer = service.ask(value.q, { asOf: value.a, topicId: value.t });
    const { where, whereText } = whereAsked(body);
    const user = body.user;
    const { ticket, created } = await tickets.open({
      key: `slack:${body.team?.id ?? ''}:${body.container.channel_id ?? ''}:${body.container.message_ts ?? ''}:${user.id}`,
      surface: 'slack',
      question: clipPlain(value.q, 2000),
      asOf: value.a,
      answer: summariseAnswer(answer),
      asker: { id: user.id, ...(user.username || user.name ? { name: user.username ?? user.name } : {}) },
      where,
      whereText,
    });
    // A repeat of a click whose post failed posts it now; a repeat of one that was posted does not.
    const posted = ticket.postKey ? ticket : await postToExperts(ticket, client);
    const text = !posted
      ? `Sorry, your question could not be passed to the experts just now (ticket ${ticket.id}). Please click again in a moment.`
      : created
        ? `Thanks: your question is with the experts as ticket ${ticket.id}. Their answer will come here.`
        : `Your question is already with the experts as ticket ${ticket.id}. Their answer will come here.`;
    await callSlack(logger, 'response_url', () =>
      respond({ response_type: 'ephemeral', replace_original: false, text }),
    );
  });

  app.event('message', async ({ event, client }) => {
    const message = event as {
      channel?: string;
      thread_ts?: string;
      ts?: string;
      text?: string;
      user?: string;
      bot_id?: string;
      subtype?: string;
    };
    // Only a person's reply in a thread of the experts' channel; the ticket itself is the thread's top.
    if (message.channel !== expertsChannel || !message.thread_ts || message.thread_ts === message.ts) return;
    if (message.bot_id || !message.user || !PERSON_SUBTYPES.has(message.subtype)) return;
    const ticket = await tickets.byPost(postKey(expertsChannel, message.thread_ts));
    if (!ticket) return;
    const tellThread = (text: string) =>
      callSlack(logger, 'chat.postMessage', () =>
        client.chat.postMessage({ channel: expertsChannel, thread_ts: message.thread_ts, text }),
      );
    if (ticket.state === 'closed') return void (await tellThread(closedText(ticket)));
    const relayed = await callSlack(logger, 'chat.postMessage', () =>
      client.chat.postMessage({
        ...relayText(ticket, message.user as string, message.text ?? ''),
        ...ticket.where,
        unfurl_links: false,
        unfurl_media: false,
      } as Parameters<typeof client.chat.postMessage>[0]),
    );
    if (!relayed) {
      await tellThread(
        `Your reply could not be sent to <@${ticket.asker.id}>: the app cannot post where they asked. Ticket ${ticket.id} stays open.`,
      );
      return;
    }
    const change = await tickets.replied(ticket.id, { id: message.user }, message.text ?? '');
    if (!change.ok) return;
    await callSlack(logger, 'chat.update', () =>
      client.chat.update({
        channel: expertsChannel,
        ts: message.thread_ts as string,
        ...ticketMessage(change.ticket),
      }),
    );
  });

  app.action<BlockAction<ButtonAction>>(EXPERT_ACTION.close, async ({ ack, action, body, respond }) => {
    await ack();
    const change = await tickets.close(action.value ?? '', { id: body.user.id });
    const ticket = change.ticket;
    if (!ticket) return;
    await callSlack(logger, 'response_url', () =>
      respond({ replace_original: true, ...ticketMessage(ticket) }),
    );
  });
}
