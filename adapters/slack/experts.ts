import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  types,
} from '@slack/bolt';
import type { Answer } from '../../src/schemas/answer.js';
import type { Ticket, TicketReply } from '../../src/schemas/ticket.js';
import type { AnswerService } from '../../src/service.js';
import type { Logger, TicketRelay } from '../../src/surface.js';
import { summariseAnswer, type TicketDesk } from '../../src/tickets/desk.js';
import { decodeValue, encodeValue, valueFor } from './actions.js';
import { type SlackMessage, section } from './blocks.js';
import { callSlack } from './errors.js';
import { clipPlain } from './escape.js';
import { isExpert, notAnExpertText } from './expert-members.js';
import { closedText, EXPERT_ACTION, postedAt, postKey, relayText, ticketMessage } from './ticket-blocks.js';
import { noteButton, registerNoteListeners } from './ticket-note.js';

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

type Client = ButtonArgs['client'];

/**
 * "Ask an expert" in Slack: a click opens a ticket (once per person and message, however often it
 * is clicked or retried) and posts it to the experts' channel; a reply in the ticket's thread is sent
 * to the asker where they asked, and marks the ticket answered; Close closes it. Only members of the
 * experts' channel may answer or close (expert-members.ts); the asker may add a note (ticket-note.ts).
 */
export function registerExpertListeners(app: App, setup: ExpertSetup): void {
  app.action<BlockAction<ButtonAction>>(EXPERT_ACTION.ask, (args) => onAsk(setup, args));
  app.event('message', ({ event, client }) => onExpertReply(setup, event as ThreadMessage, client));
  app.action<BlockAction<ButtonAction>>(EXPERT_ACTION.close, (args) => onClose(setup, args));
  registerNoteListeners(app, setup.tickets, setup.logger);
}

/** Posts a ticket to the experts' channel and remembers where; undefined if Slack refused. */
async function postToExperts(setup: ExpertSetup, ticket: Ticket, client: Client) {
  const posted = await callSlack(setup.logger, 'chat.postMessage', () =>
    client.chat.postMessage({
      channel: setup.channel,
      ...ticketMessage(ticket),
      unfurl_links: false,
      unfurl_media: false,
    }),
  );
  if (!posted?.ts) return undefined;
  return setup.tickets.posted(ticket.id, postKey(posted.channel ?? setup.channel, posted.ts));
}

async function onAsk(setup: ExpertSetup, { ack, action, body, client, respond }: ButtonArgs) {
  await ack();
  const value = decodeValue(action.value);
  if (!value) return;
  // The same question, date and topic again, to say what the bot answered; not logged a second time.
  const answer = setup.service.ask(value.q, { asOf: value.a, topicId: value.t });
  const { where, whereText } = whereAsked(body);
  const user = body.user;
  const { ticket, created } = await setup.tickets.open({
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
  const posted = ticket.postKey ? ticket : await postToExperts(setup, ticket, client);
  const text = !posted
    ? `Sorry, your question could not be passed to the experts just now (ticket ${ticket.id}). Please click again in a moment.`
    : created
      ? `Thanks: your question is with the experts as ticket ${ticket.id}. Their answer will come here.`
      : `Your question is already with the experts as ticket ${ticket.id}. Their answer will come here.`;
  // Once it is with the experts, the asker can add what they forgot to say.
  const blocks = posted ? [section(text), noteButton(ticket)] : undefined;
  await callSlack(setup.logger, 'response_url', () =>
    respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) }),
  );
}

interface ThreadMessage {
  channel?: string;
  thread_ts?: string;
  ts?: string;
  text?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
}

/** Tells one person something in the experts' channel, seen only by them. */
const tellOnly = (setup: ExpertSetup, client: Client, user: string, text: string, thread?: string) =>
  callSlack(setup.logger, 'chat.postEphemeral', () =>
    client.chat.postEphemeral({
      channel: setup.channel,
      user,
      text,
      ...(thread ? { thread_ts: thread } : {}),
    }),
  );

/** A person's reply in a ticket's thread in the experts' channel: relayed to the asker, if an expert's. */
async function onExpertReply(setup: ExpertSetup, message: ThreadMessage, client: Client) {
  const { channel, tickets, logger } = setup;
  // Only a person's reply in a thread of the experts' channel; the ticket itself is the thread's top.
  if (message.channel !== channel || !message.thread_ts || message.thread_ts === message.ts) return;
  if (message.bot_id || !message.user || !PERSON_SUBTYPES.has(message.subtype)) return;
  const ticket = await tickets.byPost(postKey(channel, message.thread_ts));
  if (!ticket) return;
  const tellThread = (text: string) =>
    callSlack(logger, 'chat.postMessage', () =>
      client.chat.postMessage({ channel, thread_ts: message.thread_ts, text }),
    );
  if (ticket.state === 'closed') return void (await tellThread(closedText(ticket)));
  if (!(await isExpert(client, channel, message.user, logger))) {
    return void (await tellOnly(
      setup,
      client,
      message.user,
      notAnExpertText(channel, 'answer'),
      message.thread_ts,
    ));
  }
  const reply = { by: { id: message.user }, text: message.text ?? '', at: new Date().toISOString() };
  if (!(await relayTo(setup, client, ticket, reply))) {
    await tellThread(
      `Your reply could not be sent to <@${ticket.asker.id}>: the app cannot post where they asked. Ticket ${ticket.id} stays open.`,
    );
    return;
  }
  const change = await tickets.replied(ticket.id, reply.by, reply.text);
  if (change.ok) await refreshPost(setup, client, change.ticket);
}

/** Sends an expert's reply to the asker where they asked; false if Slack refused. */
async function relayTo(setup: ExpertSetup, client: Client, ticket: Ticket, reply: TicketReply) {
  const relayed = await callSlack(setup.logger, 'chat.postMessage', () =>
    client.chat.postMessage({
      ...relayText(ticket, reply.by, reply.text),
      ...ticket.where,
      unfurl_links: false,
      unfurl_media: false,
    } as Parameters<typeof client.chat.postMessage>[0]),
  );
  return Boolean(relayed);
}

/** Redraws the experts' copy of a ticket with its state now. */
async function refreshPost(setup: ExpertSetup, client: Client, ticket: Ticket) {
  const posted = postedAt(ticket);
  if (!posted) return;
  await callSlack(setup.logger, 'chat.update', () =>
    client.chat.update({ ...posted, ...ticketMessage(ticket) }),
  );
}

async function onClose(setup: ExpertSetup, { ack, action, body, client, respond }: ButtonArgs) {
  await ack();
  if (!(await isExpert(client, setup.channel, body.user.id, setup.logger))) {
    const text = notAnExpertText(setup.channel, 'close');
    await callSlack(setup.logger, 'response_url', () =>
      respond({ response_type: 'ephemeral', replace_original: false, text }),
    );
    return;
  }
  const person = { id: body.user.id, ...(body.user.name ? { name: body.user.name } : {}) };
  const change = await setup.tickets.close(action.value ?? '', person);
  const ticket = change.ticket;
  if (!ticket) return;
  await callSlack(setup.logger, 'response_url', () =>
    respond({ replace_original: true, ...ticketMessage(ticket) }),
  );
}

/**
 * How an answer written on the maintainers' page reaches a Slack asker: posted where they asked, as an
 * expert's reply is, and the experts' copy redrawn to show it (and a close).
 */
export function slackTicketRelay(client: Client, setup: ExpertSetup): TicketRelay {
  return {
    surface: 'slack',
    relay: (ticket, reply) => relayTo(setup, client, ticket, reply),
    refresh: (ticket) => refreshPost(setup, client, ticket),
  };
}
