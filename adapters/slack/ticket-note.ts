import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  types,
} from '@slack/bolt';
import type { Ticket } from '../../src/schemas/ticket.js';
import type { Logger } from '../../src/surface.js';
import type { TicketDesk } from '../../src/tickets/desk.js';
import { EXPERT_ACTION } from './actions.js';
import type { Block } from './blocks.js';
import { callSlack } from './errors.js';
import { clipMrkdwn, clipPlain, escapeMrkdwn } from './escape.js';
import { postedAt, ticketMessage } from './ticket-blocks.js';

/** The input in the note modal: its block and action ids, where Slack puts the text typed. */
const NOTE_INPUT = { block: 'wc_note', action: 'text' } as const;

/** "Add a note" under the asker's "your question is with the experts": opens the modal. */
export function noteButton(ticket: Ticket): Block {
  const button: types.Button = {
    type: 'button',
    text: { type: 'plain_text', text: 'Add a note' },
    action_id: EXPERT_ACTION.note,
    value: ticket.id,
  };
  return { type: 'actions', block_id: 'wc_ticket_asker', elements: [button] };
}

/** The modal: the question, and a box for what the experts should also know. */
export function noteModal(ticket: Ticket): types.ModalView {
  return {
    type: 'modal',
    callback_id: EXPERT_ACTION.noteModal,
    private_metadata: ticket.id,
    title: { type: 'plain_text', text: 'Add a note' },
    submit: { type: 'plain_text', text: 'Add note' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: { type: 'plain_text', text: `Ticket ${ticket.id}: ${clipPlain(ticket.question, 2500)}` },
      },
      {
        type: 'input',
        block_id: NOTE_INPUT.block,
        label: { type: 'plain_text', text: 'What should the experts also know?' },
        element: {
          type: 'plain_text_input',
          action_id: NOTE_INPUT.action,
          multiline: true,
          max_length: 2000,
        },
      },
    ],
  };
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Why this person may not add a note to this ticket, or undefined when they may. */
function noteRefusal(ticket: Ticket | undefined, user: string): string | undefined {
  if (!ticket) return 'That ticket no longer exists.';
  if (ticket.asker.id !== user) return 'Only the person who asked can add a note to their ticket.';
  if (ticket.state === 'closed') return `Ticket ${ticket.id} is closed, so no note can be added.`;
  return undefined;
}

/** The asker's "Add a note": the button opens the modal (views.open), the submission is stored on the ticket. */
export function registerNoteListeners(app: App, tickets: TicketDesk, logger: Logger): void {
  app.action<BlockAction<ButtonAction>>(EXPERT_ACTION.note, async (args: ButtonArgs) => {
    const { ack, action, body, client, respond } = args;
    await ack();
    const ticket = await tickets.get(action.value ?? '');
    const refusal = noteRefusal(ticket, body.user.id);
    if (refusal || !ticket) {
      await callSlack(logger, 'response_url', () =>
        respond({ response_type: 'ephemeral', replace_original: false, text: refusal }),
      );
      return;
    }
    await callSlack(logger, 'views.open', () =>
      client.views.open({ trigger_id: body.trigger_id, view: noteModal(ticket) }),
    );
  });

  app.view(EXPERT_ACTION.noteModal, async ({ ack, body, view, client }) => {
    const ticket = await tickets.get(view.private_metadata);
    const text = (view.state.values[NOTE_INPUT.block]?.[NOTE_INPUT.action]?.value ?? '').trim();
    const refusal = noteRefusal(ticket, body.user.id) ?? (text ? undefined : 'Type a note first.');
    if (refusal || !ticket) {
      await ack({ response_action: 'errors', errors: { [NOTE_INPUT.block]: refusal ?? '' } });
      return;
    }
    await ack();
    const change = await tickets.addNote(ticket.id, { id: body.user.id }, text);
    const posted = change.ok ? postedAt(change.ticket) : undefined;
    if (!change.ok || !posted) return;
    // The experts' copy shows the note, and a line in its thread tells whoever follows it.
    await callSlack(logger, 'chat.update', () =>
      client.chat.update({ ...posted, ...ticketMessage(change.ticket) }),
    );
    await callSlack(logger, 'chat.postMessage', () =>
      client.chat.postMessage({
        channel: posted.channel,
        thread_ts: posted.ts,
        text: `<@${body.user.id}> added a note to ticket ${ticket.id}: ${clipMrkdwn(escapeMrkdwn(text), 2900)}`,
      }),
    );
  });
}
