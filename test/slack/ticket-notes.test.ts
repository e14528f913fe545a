import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/schemas/ticket.js';
import { jsonlTickets } from '../../src/stores/jsonl-tickets.js';
import { createTicketDesk, type TicketDesk } from '../../src/tickets/desk.js';
import { buttonsIn, type Call, mention, viewSubmission, visibleText } from '../stand-ins/slack.js';
import { type HttpSlack, startHttpSlack } from './harness.js';

// The asker's note (a modal opened with views.open) and the experts-only rule for answering and
// closing, through the real Bolt app over HTTP against the Slack stand-in.

const EXPERTS = 'C0EXPERTS';
let slack: HttpSlack;
let desk: TicketDesk;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wc-slack-notes-'));
  desk = createTicketDesk(await jsonlTickets(dataDir));
  slack = await startHttpSlack({ expertsChannel: EXPERTS, tickets: desk });
  slack.fake.members.set(EXPERTS, ['U0EXPERT']);
});
afterAll(async () => {
  await slack?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const since = (mark: number) => (call: Call) => slack.fake.calls.indexOf(call) >= mark;

/** Asks by @mention, clicks Ask an expert; the ticket and the asker's "it is with the experts". */
async function openTicket(ts: string): Promise<{ ticket: Ticket; thanks: Call }> {
  expect(await slack.event(`Ev${ts}`, mention('who commissions school nursing?', ts))).toBe(200);
  const reply = await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
  const ask = buttonsIn(reply.body.blocks).find((b) => b.action_id === 'wc_ask_expert');
  const mark = slack.fake.calls.length;
  expect(
    await slack.click(ask as { action_id: string; value: string }, { message: { ts, thread_ts: ts } }),
  ).toBe(200);
  const thanks = await slack.fake.waitFor((c) => c.method === 'response_url' && since(mark)(c));
  await expect
    .poll(async () => (await desk.list(['open'])).find((t) => t.where.thread_ts === ts)?.postKey)
    .toBeTruthy();
  const ticket = (await desk.list(['open'])).find((t) => t.where.thread_ts === ts) as Ticket;
  return { ticket, thanks };
}

const ticketTs = (ticket: Ticket) => String(ticket.postKey?.split(':')[2]);

describe('Slack tickets: notes and experts only', () => {
  it('lets the asker add a note in a modal, stored on the ticket and shown to the experts', async () => {
    const { ticket, thanks } = await openTicket('1700001000.000001');
    const note = buttonsIn(thanks.body.blocks).find((b) => b.action_id === 'wc_ticket_note');
    expect(note?.text.text).toBe('Add a note');

    // Someone else clicking it is told no, and no modal opens.
    let mark = slack.fake.calls.length;
    expect(await slack.click(note as { action_id: string; value: string }, { user: 'U0SOMEONE' })).toBe(200);
    const refused = await slack.fake.waitFor((c) => c.method === 'response_url' && since(mark)(c));
    expect(String(refused.body.text)).toContain('Only the person who asked');
    expect(slack.fake.sent('views.open')).toHaveLength(0);

    mark = slack.fake.calls.length;
    expect(await slack.click(note as { action_id: string; value: string })).toBe(200);
    const opened = await slack.fake.waitFor((c) => c.method === 'views.open' && since(mark)(c));
    const view = opened.body.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(opened.body.trigger_id).toBeTruthy();
    expect(view).toMatchObject({ callback_id: 'wc_ticket_note_modal', private_metadata: ticket.id });
    expect(JSON.stringify(view.blocks)).toContain('who commissions school nursing?');

    const typed = (value: string) => ({ wc_note: { text: { type: 'plain_text_input', value } } });
    const empty = await slack.submit(viewSubmission(view, typed('  ')));
    expect(JSON.parse(empty.body)).toMatchObject({
      response_action: 'errors',
      errors: { wc_note: 'Type a note first.' },
    });
    const stranger = await slack.submit(viewSubmission(view, typed('hello'), 'U0SOMEONE'));
    expect(JSON.parse(stranger.body).errors.wc_note).toContain('Only the person who asked');

    mark = slack.fake.calls.length;
    const sent = await slack.submit(viewSubmission(view, typed('It is for the 0-19 service review.')));
    expect(sent.status).toBe(200);
    const update = await slack.fake.waitFor((c) => c.method === 'chat.update' && since(mark)(c));
    expect(update.body).toMatchObject({ channel: EXPERTS, ts: ticketTs(ticket) });
    expect(visibleText(update.body)).toContain('It is for the 0-19 service review.');
    const told = await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && since(mark)(c));
    expect(told.body).toMatchObject({ channel: EXPERTS, thread_ts: ticketTs(ticket) });
    expect((await desk.get(ticket.id))?.notes).toEqual([
      { by: { id: 'U0ASKER' }, text: 'It is for the 0-19 service review.', at: expect.any(String) },
    ]);
  });

  it('refuses an answer or a close from someone outside the experts’ channel', async () => {
    const { ticket } = await openTicket('1700002000.000001');
    let mark = slack.fake.calls.length;
    const reply = {
      type: 'message',
      channel: EXPERTS,
      user: 'U0STRANGER',
      text: 'Trust me, it is the council.',
      ts: '1700002100.000001',
      thread_ts: ticketTs(ticket),
    };
    expect(await slack.event('EvSTRANGER', reply)).toBe(200);
    const told = await slack.fake.waitFor((c) => c.method === 'chat.postEphemeral' && since(mark)(c));
    expect(told.body).toMatchObject({ channel: EXPERTS, user: 'U0STRANGER', thread_ts: ticketTs(ticket) });
    expect(String(told.body.text)).toContain(`Only members of <#${EXPERTS}> can answer tickets`);
    const asked = slack.fake.calls.find((c) => c.method === 'conversations.members' && since(mark)(c));
    expect(asked?.body.channel).toBe(EXPERTS);
    expect(slack.fake.posts.filter((c) => since(mark)(c) && c.body.channel === 'C0GENERAL')).toEqual([]);

    mark = slack.fake.calls.length;
    const close = { action_id: 'wc_ticket_close', value: ticket.id };
    const where = { channel: EXPERTS, message: { ts: ticketTs(ticket) }, user: 'U0STRANGER' };
    expect(await slack.click(close, where)).toBe(200);
    const refused = await slack.fake.waitFor((c) => c.method === 'response_url' && since(mark)(c));
    expect(String(refused.body.text)).toContain('can close tickets');
    expect(refused.body.replace_original).toBe(false);
    expect((await desk.get(ticket.id))?.state).toBe('open');

    // Without the scope to read the channel's members, Slack refuses, and so does the app, naming the fix.
    slack.fake.fail('conversations.members', { error: 'missing_scope' });
    try {
      mark = slack.fake.calls.length;
      expect(await slack.click(close, { ...where, user: 'U0EXPERT' })).toBe(200);
      await slack.fake.waitFor((c) => c.method === 'response_url' && since(mark)(c));
      expect((await desk.get(ticket.id))?.state).toBe('open');
      expect(
        slack.logger.lines.some((l) =>
          String(l.msg).includes('conversations.members failed (missing_scope)'),
        ),
      ).toBe(true);
    } finally {
      slack.fake.clearFailures();
    }

    // A member closes it, and the ticket records who.
    mark = slack.fake.calls.length;
    expect(await slack.click(close, { ...where, user: 'U0EXPERT' })).toBe(200);
    const closed = await slack.fake.waitFor((c) => c.method === 'response_url' && since(mark)(c));
    expect(visibleText(closed.body)).toContain('Closed by <@U0EXPERT>');
    expect((await desk.get(ticket.id))?.closedBy?.id).toBe('U0EXPERT');
  });

  it('takes an answer written on the maintainers’ page to the asker’s thread', async () => {
    const { ticket } = await openTicket('1700003000.000001');
    const relay = slack.surface.tickets;
    expect(relay?.surface).toBe('slack');
    const mark = slack.fake.calls.length;
    const reply = {
      by: { id: 'maintainers-page', name: 'Priya' },
      text: 'The council.',
      at: new Date().toISOString(),
    };
    expect(await relay?.relay(ticket, reply)).toBe(true);
    const relayed = await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && since(mark)(c));
    expect(relayed.body).toMatchObject({ channel: 'C0GENERAL', thread_ts: '1700003000.000001' });
    expect(visibleText(relayed.body)).toContain('Priya, an expert, answered');
    const change = await desk.replied(ticket.id, reply.by, reply.text);
    if (change.ok) await relay?.refresh(change.ticket);
    const update = await slack.fake.waitFor((c) => c.method === 'chat.update' && since(mark)(c));
    expect(visibleText(update.body)).toContain('Answered by Priya');
  });
});
