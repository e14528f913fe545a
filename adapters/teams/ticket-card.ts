import type { Ticket } from '../../src/schemas/ticket.js';
import { type AdaptiveCard, type CardElement, card, text } from './card.js';
import { escapeMarkdown } from './markdown.js';

const STATUS_WORDS: Record<Ticket['answer']['status'], string> = {
  answered: 'answered',
  clarify: 'asked which topic was meant',
  unknown: 'could not answer',
};

const who = (person: { id: string; name?: string } | undefined) =>
  escapeMarkdown(person?.name ?? 'an expert');

function stateLines(ticket: Ticket): CardElement[] {
  const lines = ticket.replies.map((r) =>
    text(`**Answered by ${who(r.by)}:** ${escapeMarkdown(r.text)}`, { spacing: 'Small' }),
  );
  if (ticket.state === 'closed') lines.push(text(`Closed by ${who(ticket.closedBy)}.`, { isSubtle: true }));
  return lines;
}

/**
 * A ticket as the experts' channel sees it: who asked, where and what, what the bot said, the
 * answers so far, and (until it is closed) a box to answer in and a Close button.
 */
export function ticketCard(ticket: Ticket): AdaptiveCard {
  const { answer } = ticket;
  const body: CardElement[] = [
    text(`**Ticket ${ticket.id}** · ${ticket.state}`, { size: 'Medium' }),
    text(
      `${escapeMarkdown(ticket.asker.name ?? 'Someone')} asked in ${escapeMarkdown(ticket.whereText)}, as of ${escapeMarkdown(ticket.asOf)}:`,
      { isSubtle: true, spacing: 'None' },
    ),
    text(escapeMarkdown(ticket.question), { weight: 'Bolder' }),
    text(
      `The bot ${STATUS_WORDS[answer.status]}${answer.topic ? ` (${escapeMarkdown(answer.topic.title)})` : ''}: ${escapeMarkdown(answer.text)}`,
    ),
  ];
  if (answer.bodies.length > 0)
    body.push(text(`Named: ${answer.bodies.map(escapeMarkdown).join(', ')}`, { spacing: 'None' }));
  if (ticket.note) body.push(text(`**Their note:** ${escapeMarkdown(ticket.note)}`));
  body.push(...stateLines(ticket));
  const actions: CardElement[] = [];
  if (ticket.state !== 'closed') {
    body.push({
      type: 'Input.Text',
      id: 'reply',
      label: 'Your answer (sent to the asker)',
      isMultiline: true,
      maxLength: 4000,
    });
    actions.push(
      { type: 'Action.Submit', title: 'Send answer', data: { action: 'ticket-reply', ticket: ticket.id } },
      { type: 'Action.Submit', title: 'Close ticket', data: { action: 'ticket-close', ticket: ticket.id } },
    );
  }
  return card(body, actions);
}
