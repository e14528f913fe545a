import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderAnswer } from '../../adapters/slack/blocks.js';
import { BOT_USER, type Call, dm, mention, visibleText } from '../stand-ins/slack.js';
import { type HttpSlack, startHttpSlack } from './harness.js';

// Message events in the shapes Slack documents (https://api.slack.com/events/message/file_share,
// …/message/thread_broadcast, …/message/message_changed, …/message/channel_join), through the
// real Bolt app over HTTP: every message a person wrote is answered, whatever its subtype.

let slack: HttpSlack;
let nextId = 0;
const ids = () => {
  nextId += 1;
  return { eventId: `EvP${nextId}`, ts: `1710000${String(nextId).padStart(3, '0')}.000200` };
};
const PARENT_TS = '1709999999.000100';

beforeAll(async () => {
  slack = await startHttpSlack();
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(() => {
  slack.fake.calls.length = 0;
});

const posted = (match: (c: Call) => boolean) =>
  slack.fake.waitFor((c) => c.method === 'chat.postMessage' && match(c));
const dmReplies = () => slack.fake.sent('chat.postMessage').filter((c) => c.body.channel === 'D0ASKER');

/** Replies to a fresh mention: once it is answered, events sent before it have had their turn. */
async function marker(): Promise<void> {
  const { eventId, ts } = ids();
  await slack.event(eventId, mention('who commissions immunisations?', ts));
  await posted((c) => c.body.thread_ts === ts);
}

describe('Slack payloads a person wrote are answered', () => {
  it('answers a DM with a file attached (subtype file_share)', async () => {
    const { eventId, ts } = ids();
    await slack.event(
      eventId,
      dm('who commissioned health visiting in 2017? spreadsheet attached', ts, {
        subtype: 'file_share',
        files: [
          { id: 'F0SHEET', name: 'contracts.xlsx', mimetype: 'application/vnd.ms-excel', mode: 'hosted' },
        ],
        upload: false,
        display_as_bot: false,
      }),
    );
    const reply = await posted((c) => c.body.channel === 'D0ASKER');
    expect(visibleText(reply.body)).toMatch(/Local authority/);
  });

  it('answers an app mention also sent to the channel (subtype thread_broadcast), in its thread', async () => {
    const { eventId, ts } = ids();
    await slack.event(
      eventId,
      mention('who commissioned health visiting in 2017?', ts, {
        subtype: 'thread_broadcast',
        thread_ts: PARENT_TS,
        root: { type: 'message', user: 'U0OTHER', text: 'context', ts: PARENT_TS, thread_ts: PARENT_TS },
      }),
    );
    const reply = await posted((c) => c.body.channel === 'C0GENERAL' && c.body.thread_ts === PARENT_TS);
    expect(visibleText(reply.body)).toMatch(/Local authority/);
  });

  it('answers a DM reply also sent to the conversation (thread_broadcast), in the thread', async () => {
    const { eventId, ts } = ids();
    await slack.event(
      eventId,
      dm('who commissioned health visiting in 2017?', ts, {
        subtype: 'thread_broadcast',
        thread_ts: PARENT_TS,
        root: { type: 'message', user: 'U0ASKER', text: 'earlier', ts: PARENT_TS, thread_ts: PARENT_TS },
      }),
    );
    const reply = await posted((c) => c.body.channel === 'D0ASKER' && c.body.thread_ts === PARENT_TS);
    expect(visibleText(reply.body)).toMatch(/Local authority/);
  });

  it('ignores edits, deletions, joins and bots', async () => {
    const events = [
      dm('', ids().ts, {
        subtype: 'message_changed',
        hidden: true,
        user: undefined,
        message: { type: 'message', user: 'U0ASKER', text: 'who commissions dental?', ts: PARENT_TS },
        previous_message: { type: 'message', user: 'U0ASKER', text: 'who commisions dental', ts: PARENT_TS },
      }),
      dm('', ids().ts, { subtype: 'message_deleted', hidden: true, user: undefined, deleted_ts: PARENT_TS }),
      dm(`<@U0ASKER> has joined the channel`, ids().ts, { subtype: 'channel_join' }),
      dm('who commissions dental?', ids().ts, { subtype: 'bot_message', bot_id: 'B0OTHER', user: undefined }),
      dm('who commissions dental?', ids().ts, { bot_id: 'B0OTHER' }),
      dm('who commissions dental?', ids().ts, { user: BOT_USER }),
    ];
    for (const event of events) await slack.event(ids().eventId, event);
    await marker();
    expect(dmReplies()).toHaveLength(0);
  });
});

describe('follow-up questions in Slack', () => {
  it('reads "and in 2016?" in a DM against the question before it, and says what it took', async () => {
    await slack.event(ids().eventId, dm('who commissioned health visiting in 2014?', ids().ts));
    await posted((c) => c.body.channel === 'D0ASKER');
    slack.fake.calls.length = 0;
    await slack.event(ids().eventId, dm('and in 2016?', ids().ts));
    const reply = await posted((c) => c.body.channel === 'D0ASKER');
    const shown = visibleText(reply.body);
    expect(shown).toMatch(/Health visiting.*\(from your last question\), in 2016/);
    expect(shown).toMatch(/Local authority/);
  });

  it('keeps each channel thread to itself', async () => {
    const first = ids();
    await slack.event(first.eventId, mention('who commissioned health visiting in 2014?', first.ts));
    await posted((c) => c.body.thread_ts === first.ts);
    const inThread = ids();
    await slack.event(inThread.eventId, mention('what about dental?', inThread.ts, { thread_ts: first.ts }));
    const followed = await posted(
      (c) => c.body.thread_ts === first.ts && /dental/i.test(visibleText(c.body)),
    );
    expect(visibleText(followed.body)).toMatch(/in 2014 \(from your last question\)/);
    const elsewhere = ids();
    await slack.event(elsewhere.eventId, mention('what about dental?', elsewhere.ts));
    const fresh = await posted((c) => c.body.thread_ts === elsewhere.ts);
    expect(visibleText(fresh.body)).not.toMatch(/from your last question/);
  });
});

describe('buttons and the asked line', () => {
  it('acknowledges a button the app no longer makes and says it is out of date, logging no error', async () => {
    const status = await slack.click({ action_id: 'wc_legacy_rate_answer', value: '{"old":true}' });
    expect(status).toBe(200);
    const told = await slack.fake.waitFor((c) => c.method === 'response_url');
    expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(told.body.text)).toMatch(/out of date/);
    expect(slack.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('shows * and _ from the question as typed, never as bold or italic', () => {
    const answer = slack.engine.ask('who does *urgent* _dental_ care?');
    const context = renderAnswer(answer).blocks.at(-2);
    expect(context?.type).toBe('context');
    const asked =
      context?.type === 'context'
        ? context.elements.find((e) => 'text' in e && /asked/.test(e.text))
        : undefined;
    expect(asked).toEqual({
      type: 'plain_text',
      text: 'asked: “who does *urgent* _dental_ care?”',
      emoji: false,
    });
  });
});
