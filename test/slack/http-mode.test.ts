import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  BOT_ID,
  BOT_USER,
  buttonsIn,
  type Call,
  dm,
  eventBody,
  mention,
  postSigned,
  sign,
  visibleText,
} from '../stand-ins/slack.js';
import { type HttpSlack, startHttpSlack, TODAY } from './harness.js';

const TODAY_ISO = TODAY.toISOString().slice(0, 10);

let slack: HttpSlack;
let nextId = 0;
/** A fresh event id and message ts per event, as Slack would send. */
const ids = () => {
  nextId += 1;
  return { eventId: `Ev${nextId}`, ts: `1700000${String(nextId).padStart(3, '0')}.000100` };
};

/** Replies in the thread of the message with this ts. */
const repliesTo = (ts: string) => slack.fake.sent('chat.postMessage').filter((c) => c.body.thread_ts === ts);
/**
 * Sends a fresh question and waits for its reply; returns its thread ts. Sent after the events under
 * test and handled along the same path, so once it is answered anything they were going to post has
 * had its turn: a "no (second) reply" check after it does not rest on guessing a time.
 */
async function marker(): Promise<string> {
  const { eventId, ts } = ids();
  await slack.event(eventId, mention('who commissions immunisations?', ts));
  await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
  return ts;
}
/** The thread of every message posted. */
const threads = () => slack.fake.posts.map((c) => c.body.thread_ts);

beforeAll(async () => {
  slack = await startHttpSlack();
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(() => {
  slack.fake.calls.length = 0;
  slack.fake.clearFailures();
});

describe('Slack in HTTP mode', () => {
  it('answers a mention with one threaded reply naming the local authority for health visiting in 2017', async () => {
    const { eventId, ts } = ids();
    expect(await slack.event(eventId, mention('who commissioned health visiting in 2017?', ts))).toBe(200);

    const reply = await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
    expect(reply.body.channel).toBe('C0GENERAL');
    expect(visibleText(reply.body)).toMatch(/Local authority/);
    expect(visibleText(reply.body)).toContain('1 July 2017');
    expect(reply.authorization).toBe('Bearer xoxb-test-token');
    await marker();
    expect(repliesTo(ts)).toHaveLength(1);
  });

  it('answers a direct message in the DM, not in a thread', async () => {
    const { eventId, ts } = ids();
    await slack.event(eventId, dm('who commissions immunisations?', ts));

    const reply = await slack.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'D0ASKER',
    );
    expect(reply.body.thread_ts).toBeUndefined();
    expect(visibleText(reply.body)).toMatch(/NHS England/);
  });

  it('answers the slash command privately, with a Share in channel button', async () => {
    expect(await slack.command('who commissioned health visiting in 2017?')).toBe(200);

    const reply = await slack.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(reply.body).toMatchObject({ channel: 'C0GENERAL', user: 'U0ASKER' });
    expect(visibleText(reply.body)).toMatch(/Local authority/);
    expect(buttonsIn(reply.body.blocks).map((b) => b.text.text)).toContain('Share in channel');
    expect(slack.fake.sent('chat.postMessage')).toHaveLength(0);
  });

  it('answers the slash command through its response_url where the app is not in the channel', async () => {
    slack.fake.fail('chat.postEphemeral', { error: 'not_in_channel' });
    await slack.command('who commissioned health visiting in 2017?', 'C0PRIVATE');

    const reply = await slack.fake.waitFor((c) => c.method === 'response_url');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(visibleText(reply.body)).toMatch(/Local authority/);
  });

  it('explains how to ask, with examples, for /whocommissions help and for an empty mention', async () => {
    await slack.command('help');
    const help = await slack.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(visibleText(help.body)).toContain('Send me a direct message');
    expect(visibleText(help.body)).toContain('Try asking');

    const { eventId, ts } = ids();
    await slack.event(eventId, mention('', ts));
    const reply = await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
    expect(visibleText(reply.body)).toContain('Try asking');
  });

  it('answers in place when someone clicks a clarify option', async () => {
    // Which questions are ambiguous is the engine's business; take the first the knowledge finds so.
    const candidates = [
      'who commissions mental health?',
      'public health',
      'who commissions dental?',
      'screening',
    ];
    const question = candidates.find((q) => slack.engine.ask(q).status === 'clarify');
    if (!question)
      throw new Error(`none of ${candidates.join(' / ')} needs clarifying any more; add one that does`);

    const { eventId, ts } = ids();
    await slack.event(eventId, mention(question, ts));
    const clarify = await slack.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts,
    );
    const option = buttonsIn(clarify.body.blocks).find((b) => b.action_id.startsWith('wc_clarify_'));
    if (!option) throw new Error('the clarify reply has no option buttons');
    const topicId = JSON.parse(option.value).t as string;

    expect(await slack.click(option)).toBe(200);
    const answer = await slack.fake.waitFor((c) => c.method === 'response_url');
    expect(answer.body.replace_original).toBe(true);
    const expected = slack.engine.ask(question, { asOf: TODAY_ISO, topicId });
    expect(expected.status).toBe('answered');
    expect(visibleText(answer.body)).toContain(expected.topic?.title);
    for (const c of expected.commissioners) expect(visibleText(answer.body)).toContain(c.name);
  });

  it('shares a private answer into the channel and removes the private copy', async () => {
    await slack.command('who commissioned health visiting in 2017?');
    const ephemeral = await slack.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    const share = buttonsIn(ephemeral.body.blocks).find((b) => b.text.text === 'Share in channel');
    if (!share) throw new Error('the private answer has no Share in channel button');

    await slack.click(share, { ephemeral: true });
    const shared = await slack.fake.waitFor(
      (c) => c.method === 'response_url' && c.body.response_type === 'in_channel',
    );
    expect(visibleText(shared.body)).toMatch(/Local authority/);
    expect(visibleText(shared.body)).toContain(`shared by <@U0ASKER>`);
    await slack.fake.waitFor((c) => c.method === 'response_url' && c.body.delete_original === true);
  });

  it('records a helpful click in the feedback log and thanks only the person who clicked', async () => {
    const { eventId, ts } = ids();
    await slack.event(eventId, mention('who commissioned health visiting in 2017?', ts));
    const reply = await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
    const helpful = buttonsIn(reply.body.blocks).find((b) => b.action_id === 'wc_helpful');
    if (!helpful) throw new Error('the answer has no Helpful button');

    await slack.click(helpful);
    const thanks = await slack.fake.waitFor((c) => c.method === 'response_url');
    expect(thanks.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(await slack.feedback()).toContainEqual(
      expect.objectContaining({
        surface: 'slack',
        helpful: true,
        question: 'who commissioned health visiting in 2017?',
        asOf: '2017-07-01',
        topicId: 'health-visiting',
        status: 'answered',
      }),
    );
  });

  it('publishes App Home with how to ask, examples, and the knowledge date and size', async () => {
    const { eventId } = ids();
    await slack.event(eventId, {
      type: 'app_home_opened',
      user: 'U0ASKER',
      channel: 'D0ASKER',
      tab: 'home',
      event_ts: '1.2',
    });

    const publish = await slack.fake.waitFor((c) => c.method === 'views.publish');
    expect(publish.body.user_id).toBe('U0ASKER');
    const view = JSON.stringify(publish.body.view);
    expect(view).toContain('"type":"home"');
    expect(view).toContain('Try asking');
    expect(view).toMatch(/Knowledge updated \d{1,2} \w+ \d{4} · \d+ topics/);
  });

  it('rejects a forged signature with 401 and sends nothing', async () => {
    const { eventId, ts } = ids();
    const body = JSON.stringify(eventBody(eventId, mention('who commissions dental?', ts)));
    const res = await postSigned(slack.eventsUrl, body, 'application/json', {
      signature: sign('not-the-secret', Math.floor(Date.now() / 1000), body),
    });
    expect(res.status).toBe(401);
    const markerTs = await marker();
    expect(threads()).toEqual([markerTs]);
  });

  it('rejects a correctly signed request older than five minutes with 401 and sends nothing', async () => {
    const { eventId, ts } = ids();
    const body = JSON.stringify(eventBody(eventId, mention('who commissions dental?', ts)));
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postSigned(slack.eventsUrl, body, 'application/json', { timestamp: sixMinutesAgo });
    expect(res.status).toBe(401);
    const markerTs = await marker();
    expect(threads()).toEqual([markerTs]);
  });

  it('never replies twice when Slack retries an event', async () => {
    const { eventId, ts } = ids();
    const event = mention('who commissioned health visiting in 2017?', ts);
    await slack.event(eventId, event);
    await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);

    const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    expect(await slack.event(eventId, event, retry)).toBe(200);
    // The same event_id again without the header (a redelivery) must not be answered either.
    expect(await slack.event(eventId, event)).toBe(200);
    await marker();
    expect(repliesTo(ts)).toHaveLength(1);
  });

  it('cannot be made to ping a channel or a person: mentions in a question are escaped in the reply', async () => {
    const { eventId, ts } = ids();
    // As Slack sends them: an @channel token, a user mention, and a literally typed "<!here>".
    await slack.event(
      eventId,
      mention('<!channel> <@U0OTHER> &lt;!here&gt; who commissioned health visiting in 2017?', ts),
    );
    const reply = await slack.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);

    const seen = visibleText(reply.body);
    // The asked line is plain_text, which Slack shows as typed and never parses for mentions.
    const mrkdwn = seen.replace(/"type":"plain_text","text":"asked: [^"]*"/, '');
    expect(mrkdwn).not.toMatch(/<!channel>|<!here>|<@U0OTHER>/);
    expect(seen).toContain('"type":"plain_text","text":"asked: “@channel @U0OTHER <!here> who');
    expect(seen).toContain('@channel');
    expect(seen).toMatch(/Local authority/);
  });

  it('ignores bot messages (its own included), edits and joins', async () => {
    const quiet = [
      dm('who commissions dental?', ids().ts, { bot_id: 'B0OTHER' }),
      dm('who commissions dental?', ids().ts, { user: BOT_USER, bot_id: BOT_ID }),
      dm('who commissions dental?', ids().ts, { subtype: 'message_changed' }),
      dm('joined', ids().ts, { subtype: 'channel_join' }),
      mention('who commissions dental?', ids().ts, { bot_id: 'B0OTHER' }),
    ];
    for (const event of quiet) await slack.event(ids().eventId, event);

    // A real question afterwards proves the quiet ones were processed, not still on their way.
    const markerTs = await marker();
    expect(threads()).toEqual([markerTs]);
  });

  it('logs a 500 from the Web API and keeps answering', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    onTestFinished(() => {
      process.off('unhandledRejection', onUnhandled);
    });
    slack.fake.fail('chat.postMessage', { status: 500 });
    const first = ids();
    await slack.event(first.eventId, mention('who commissioned health visiting in 2017?', first.ts));
    await slack.fake.waitFor((c) => c.method === 'chat.postMessage');
    await expect
      .poll(() =>
        slack.logger.lines.some((l) => l.level === 'error' && /chat\.postMessage failed/.test(l.msg ?? '')),
      )
      .toBe(true);

    slack.fake.clearFailures();
    const second = ids();
    await slack.event(second.eventId, mention('who commissioned health visiting in 2017?', second.ts));
    const reply: Call = await slack.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === second.ts,
    );
    expect(visibleText(reply.body)).toMatch(/Local authority/);
    expect(unhandled).toEqual([]);
  });
});
