import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonlTickets } from '../../src/stores/jsonl-tickets.js';
import { createTicketDesk, type TicketDesk } from '../../src/tickets/desk.js';
import { buttonsIn, type Call, dm, mention, visibleText } from '../stand-ins/slack.js';
import { type HttpSlack, startHttpSlack } from './harness.js';

// A whole ticket through the real Bolt app over HTTP against the Slack stand-in: asked, posted to the
// experts' channel, answered in its thread, relayed to the asker, closed.

const EXPERTS = 'C0EXPERTS';
let slack: HttpSlack;
let plain: HttpSlack;
let desk: TicketDesk;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wc-slack-experts-'));
  desk = createTicketDesk(await jsonlTickets(dataDir));
  [slack, plain] = await Promise.all([
    startHttpSlack({ expertsChannel: EXPERTS, tickets: desk }),
    startHttpSlack(),
  ]);
  // Who Slack says is in the experts' channel: only they may answer or close.
  slack.fake.members.set(EXPERTS, ['U0EXPERT', 'U0OTHER']);
});
afterAll(async () => {
  await Promise.all([slack?.close(), plain?.close()]);
  await rm(dataDir, { recursive: true, force: true });
});

const since = (index: number) => (call: Call) => slack.fake.calls.indexOf(call) >= index;

/** Asks by @mention and returns the bot's reply in the thread. */
async function askInChannel(h: HttpSlack, eventId: string, ts: string, question: string): Promise<Call> {
  expect(await h.event(eventId, mention(question, ts))).toBe(200);
  return h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
}

const expertButton = (reply: Call) =>
  buttonsIn(reply.body.blocks).find((b) => b.action_id === 'wc_ask_expert');

describe('Ask an expert in Slack', () => {
  it('shows no button without SLACK_EXPERTS_CHANNEL', async () => {
    const reply = await askInChannel(
      plain,
      'Ev0PLAIN',
      '1700000050.000001',
      'who commissions health visiting?',
    );
    expect(expertButton(reply)).toBeUndefined();
    expect(buttonsIn(reply.body.blocks).map((b) => b.action_id)).toContain('wc_helpful');
  });

  it('takes a question from a channel thread to the experts and their reply back to the thread', async () => {
    const asked = '1700000100.000001';
    const reply = await askInChannel(slack, 'Ev1ASK', asked, 'who commissions health visiting?');
    const button = expertButton(reply);
    expect(button?.text.text).toBe('Ask an expert');
    const answerTs = '1700000100.000500';
    const where = { message: { ts: answerTs, thread_ts: asked } };

    // Clicked, and clicked again (a new click, not a redelivery): one ticket, posted once.
    let mark = slack.fake.calls.length;
    expect(await slack.click(button as { action_id: string; value: string }, where)).toBe(200);
    const post = await slack.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === EXPERTS,
    );
    const thanks = await slack.fake.waitFor((c) => c.method === 'response_url' && since(mark)(c));
    expect(String(thanks.body.text)).toMatch(/with the experts as ticket WC-[A-Z0-9]{6}/);
    const shown = visibleText(post.body);
    expect(shown).toContain('who commissions health visiting?');
    expect(shown).toContain('<@U0ASKER>');
    expect(shown).toContain(`<#C0GENERAL>`);
    expect(shown).toMatch(/Local authority|council/i);

    mark = slack.fake.calls.length;
    expect(await slack.click(button as { action_id: string; value: string }, where)).toBe(200);
    const again = await slack.fake.waitFor((c) => c.method === 'response_url' && since(mark)(c));
    expect(String(again.body.text)).toContain('already with the experts');
    expect(slack.fake.posts.filter((c) => c.body.channel === EXPERTS)).toHaveLength(1);
    const open = await desk.list(['open']);
    expect(open).toHaveLength(1);
    const ticket = open[0];
    expect(ticket?.answer.topic?.id).toBe('health-visiting');
    expect(ticket?.where).toEqual({ channel: 'C0GENERAL', thread_ts: asked });

    // The expert replies in the ticket's thread: relayed to the asker's thread, ticket answered.
    const postTs = String(slack.fake.posts.find((c) => c.body.channel === EXPERTS)?.body.ts ?? '');
    const ticketTs = (await desk.get(ticket?.id ?? ''))?.postKey?.split(':')[2] ?? postTs;
    mark = slack.fake.calls.length;
    const expertReply = {
      type: 'message',
      channel: EXPERTS,
      channel_type: 'channel',
      user: 'U0EXPERT',
      text: 'Councils do, through the public health grant.',
      ts: '1700000200.000001',
      thread_ts: ticketTs,
      event_ts: '1700000200.000001',
    };
    expect(await slack.event('Ev2REPLY', expertReply)).toBe(200);
    const relayed = await slack.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0GENERAL' && since(mark)(c),
    );
    expect(relayed.body.thread_ts).toBe(asked);
    expect(visibleText(relayed.body)).toContain('Councils do, through the public health grant.');
    expect(visibleText(relayed.body)).toContain('<@U0EXPERT>');
    const update = await slack.fake.waitFor((c) => c.method === 'chat.update' && since(mark)(c));
    expect(update.body).toMatchObject({ channel: EXPERTS, ts: ticketTs });
    expect(visibleText(update.body)).toContain('Answered by <@U0EXPERT>');
    expect((await desk.get(ticket?.id ?? ''))?.state).toBe('answered');

    // Close from the ticket's own button: the experts' message shows it closed.
    const close = buttonsIn(update.body.blocks).find((b) => b.action_id === 'wc_ticket_close');
    expect(close?.value).toBe(ticket?.id);
    mark = slack.fake.calls.length;
    expect(
      await slack.click(close as { action_id: string; value: string }, {
        channel: EXPERTS,
        message: { ts: ticketTs },
        user: 'U0EXPERT',
      }),
    ).toBe(200);
    const closed = await slack.fake.waitFor((c) => c.method === 'response_url' && since(mark)(c));
    expect(closed.body.replace_original).toBe(true);
    expect(visibleText(closed.body)).toContain('Closed by <@U0EXPERT>');
    expect(buttonsIn(closed.body.blocks)).toEqual([]);
    expect((await desk.get(ticket?.id ?? ''))?.state).toBe('closed');

    // A reply after closing is not relayed; the thread is told why.
    mark = slack.fake.calls.length;
    expect(
      await slack.event('Ev3LATE', {
        ...expertReply,
        ts: '1700000300.000001',
        event_ts: '1700000300.000001',
      }),
    ).toBe(200);
    const told = await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && since(mark)(c));
    expect(told.body.channel).toBe(EXPERTS);
    expect(String(told.body.text)).toContain('is closed');
  });

  it('relays to a direct message, and ignores other threads in the experts channel', async () => {
    expect(await slack.event('Ev4DM', dm('who commissions GP contracts?', '1700000400.000001'))).toBe(200);
    const reply = await slack.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'D0ASKER',
    );
    const before = (await desk.list()).length;
    expect(
      await slack.click(expertButton(reply) as { action_id: string; value: string }, {
        channel: 'D0ASKER',
        message: { ts: '1700000400.000500' },
      }),
    ).toBe(200);
    await expect.poll(async () => (await desk.list()).length).toBe(before + 1);
    const ticket = (await desk.list(['open']))[0];
    expect(ticket?.where).toEqual({ channel: 'D0ASKER' });
    await expect.poll(async () => (await desk.get(ticket?.id ?? ''))?.postKey).toBeTruthy();
    const ticketTs = (await desk.get(ticket?.id ?? ''))?.postKey?.split(':')[2];

    const mark = slack.fake.calls.length;
    // Chatter in another thread of the experts' channel is nobody's ticket.
    expect(
      await slack.event('Ev5OTHER', {
        type: 'message',
        channel: EXPERTS,
        user: 'U0EXPERT',
        text: 'lunch?',
        ts: '1700000500.000002',
        thread_ts: '1699999999.000001',
      }),
    ).toBe(200);
    expect(
      await slack.event('Ev6REPLY', {
        type: 'message',
        channel: EXPERTS,
        user: 'U0EXPERT',
        text: 'NHS England, delegated to ICBs.',
        ts: '1700000500.000003',
        thread_ts: ticketTs,
      }),
    ).toBe(200);
    const relayed = await slack.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'D0ASKER' && since(mark)(c),
    );
    expect(relayed.body.thread_ts).toBeUndefined();
    expect(visibleText(relayed.body)).toContain('NHS England, delegated to ICBs.');
    expect(slack.fake.calls.slice(mark).filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });
});
