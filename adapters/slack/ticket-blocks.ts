import type { types } from '@slack/bolt';
import type { Ticket, TicketPerson } from '../../src/schemas/ticket.js';
/** Action ids of the expert buttons: on an answer, and on the ticket in the experts' channel. */
import { EXPERT_ACTION } from './actions.js';
import { type Block, context, type SlackMessage, section } from './blocks.js';
import { clipMrkdwn, escapeMrkdwn } from './escape.js';

export { EXPERT_ACTION };

const STATUS_WORDS: Record<Ticket['answer']['status'], string> = {
  answered: 'answered',
  clarify: 'asked which topic was meant',
  unknown: 'could not answer',
};

/** A Slack user id, safe to put in a mention. */
const mention = (id: string) => (/^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : escapeMrkdwn(id));

/** A Slack user as a mention; someone from elsewhere (the maintainers' page) by the name they gave. */
const personText = (person: TicketPerson) =>
  /^[UW][A-Z0-9]+$/.test(person.id) ? `<@${person.id}>` : escapeMrkdwn(person.name ?? person.id);

function whereLine(ticket: Ticket): string {
  const channel = typeof ticket.where.channel === 'string' ? ticket.where.channel : '';
  if (/^[CG][A-Z0-9]+$/.test(channel)) return `in a thread in <#${channel}>`;
  if (channel.startsWith('D')) return 'in a direct message with me';
  return 'in a private answer';
}

function botAnswerLine(ticket: Ticket): string {
  const { answer } = ticket;
  const topic = answer.topic ? ` (${escapeMrkdwn(answer.topic.title)})` : '';
  const bodies = answer.bodies.length ? `\nNamed: ${answer.bodies.map(escapeMrkdwn).join(', ')}` : '';
  return `*I ${STATUS_WORDS[answer.status]}*${topic}:\n>${clipMrkdwn(escapeMrkdwn(answer.text), 1500)}${bodies}`;
}

function stateLine(ticket: Ticket): string {
  const last = ticket.replies[ticket.replies.length - 1];
  const answered = last ? `Answered by ${personText(last.by)}; the reply was sent to the asker.` : '';
  if (ticket.state === 'closed')
    return [answered, `Closed by ${ticket.closedBy ? personText(ticket.closedBy) : 'an expert'}.`].join(' ');
  if (ticket.state === 'answered')
    return `${answered} Reply again in the thread to send more; close it when done.`;
  return 'Reply in this thread: your reply is sent to the asker, where they asked.';
}

/** The experts' copy of a ticket is found again by its channel and message. */
export const postKey = (channel: string, ts: string) => `slack:${channel}:${ts}`;

/** Where the experts' copy of a ticket was posted, read back from its post key. */
export function postedAt(ticket: Ticket): { channel: string; ts: string } | undefined {
  const match = /^slack:([A-Z0-9]+):(\d+\.\d+)$/.exec(ticket.postKey ?? '');
  return match?.[1] && match[2] ? { channel: match[1], ts: match[2] } : undefined;
}

/** The ticket as the experts' channel shows it: who asked, what, what the bot said, and its state. */
export function ticketMessage(ticket: Ticket): SlackMessage {
  const blocks: Block[] = [
    section(
      `*Ticket ${ticket.id}* · ${ticket.state}\n${mention(ticket.asker.id)} asked ${whereLine(ticket)}, as of ${escapeMrkdwn(ticket.asOf)}:\n>${clipMrkdwn(escapeMrkdwn(ticket.question), 1000)}`,
    ),
    section(botAnswerLine(ticket)),
  ];
  if (ticket.note) blocks.push(section(`*Their note:*\n>${clipMrkdwn(escapeMrkdwn(ticket.note), 1500)}`));
  // The last few notes added later (Slack caps a message at 50 blocks; the ticket keeps them all).
  for (const note of ticket.notes.slice(-5)) {
    blocks.push(section(`*Note added by the asker:*\n>${clipMrkdwn(escapeMrkdwn(note.text), 1500)}`));
  }
  blocks.push(context(stateLine(ticket)));
  if (ticket.state !== 'closed') {
    const close: types.Button = {
      type: 'button',
      text: { type: 'plain_text', text: 'Close ticket' },
      action_id: EXPERT_ACTION.close,
      value: ticket.id,
    };
    blocks.push({ type: 'actions', block_id: 'wc_ticket', elements: [close] });
  }
  return {
    text: `Ticket ${ticket.id} (${ticket.state}): ${clipMrkdwn(escapeMrkdwn(ticket.question), 200)}`,
    blocks,
  };
}

/** The expert's reply, as the asker receives it. The reply is Slack text an expert wrote, kept as written. */
export function relayText(ticket: Ticket, expert: TicketPerson, reply: string): SlackMessage {
  const intro = `${personText(expert)}, an expert, answered your question “${clipMrkdwn(escapeMrkdwn(ticket.question), 300)}” (ticket ${ticket.id}):`;
  return {
    text: `${intro} ${clipMrkdwn(reply, 1000)}`,
    blocks: [section(intro), section(clipMrkdwn(reply, 2900) || '(no text)')],
  };
}

/** Said in a closed ticket's thread when someone replies there. */
export function closedText(ticket: Ticket): string {
  return `Ticket ${ticket.id} is closed, so this reply was not sent to ${mention(ticket.asker.id)}.`;
}
