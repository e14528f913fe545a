import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { isHelpRequest } from '../../src/help.js';
import type { Answer } from '../../src/schemas/answer.js';
import type { AnswerService, AskOptions } from '../../src/service.js';
import type { DedupeStore } from '../../src/stores/dedupe.js';
import type { Logger } from '../../src/surface.js';
import {
  ACTION,
  type ButtonValue,
  CLARIFY_ACTION_PATTERN,
  decodeValue,
  STALE_ACTION_PATTERN,
} from './actions.js';
import { type AnswerRenderOptions, renderAnswer, renderFailure, type SlackMessage } from './blocks.js';
import { conversationOf, writtenByAPerson } from './conversation.js';
import { callSlack } from './errors.js';
import { renderHelp, renderHome, SLASH_COMMAND } from './home.js';
import { questionFromSlack } from './question.js';

/** Adds to a rendered answer what an optional feature needs (the "Ask an expert" button). */
export type Decorate = (message: SlackMessage, answer: Answer) => SlackMessage;

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Links may unfurl into large previews of guidance pages; answers stay compact. */
const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

/** Every way into the answer engine goes through here, so a failure becomes an apology, not silence. */
async function answerReply(
  service: AnswerService,
  logger: Logger,
  question: string,
  ask: Omit<AskOptions, 'surface'> = {},
  render: AnswerRenderOptions = {},
  decorate?: Decorate,
): Promise<SlackMessage> {
  try {
    if (!ask.topicId && isHelpRequest(question)) return renderHelp(service.summary());
    const answer: Answer = await service.answer(question, { ...ask, surface: 'slack' });
    const message = renderAnswer(answer, render);
    return decorate ? decorate(message, answer) : message;
  } catch (error) {
    logger.error(
      { surface: 'slack', err: error, question: question.slice(0, 200) },
      'The answer engine failed on a Slack question',
    );
    return renderFailure();
  }
}

/**
 * Answers a reading the person chose (a clarify option, or one offered under "Not what I asked") in
 * place of the message it was on, keeping the question's date and the conditions its words state.
 */
export function optionReplier(service: AnswerService, logger: Logger, decorate?: Decorate) {
  return async (value: ButtonValue, body: BlockAction, respond: ButtonArgs['respond']): Promise<void> => {
    const shareable = body.container.is_ephemeral === true;
    // A private answer is no conversation; an option picked in a DM or thread is its last question.
    const channel = body.channel?.id;
    const conversation =
      shareable || !channel
        ? undefined
        : conversationOf(
            channel,
            (body.container.thread_ts ?? body.message?.thread_ts) as string | undefined,
          );
    const message = await answerReply(
      service,
      logger,
      value.q,
      { asOf: value.a, topicId: value.t, ...(conversation ? { conversation } : {}) },
      { shareable },
      decorate,
    );
    // Answer in place: the question back is replaced by the answer to the option chosen.
    await callSlack(logger, 'response_url', () => respond({ replace_original: true, ...message }));
  };
}

/** The mention, DM, slash command, button and App Home listeners. No domain logic lives here. */
export function registerListeners(
  app: App,
  service: AnswerService,
  logger: Logger,
  dedupe: DedupeStore,
  decorate?: Decorate,
): void {
  const reply = (...args: Parameters<typeof answerReply>) =>
    answerReply(args[0], args[1], args[2], args[3], args[4], decorate);
  // One reply per Slack message, whichever events it arrives as (a mention can also be a DM).
  const firstReply = (channel: string, ts: string) => dedupe.firstTime(`slack:message:${channel}:${ts}`);

  app.event('app_mention', async ({ event, context, client }) => {
    // Other bots (and this one) never get an answer, so two bots cannot talk to each other forever.
    if (!writtenByAPerson(event, context.botUserId)) return;
    if (!(await firstReply(event.channel, event.ts))) return;
    // The reply goes in the mention's thread, so a follow-up there is read against this question.
    const conversation = conversationOf(event.channel, event.thread_ts ?? event.ts);
    const message = await reply(service, logger, questionFromSlack(event.text, context.botUserId), {
      conversation,
    });
    await callSlack(logger, 'chat.postMessage', () =>
      client.chat.postMessage({
        channel: event.channel,
        thread_ts: event.thread_ts ?? event.ts,
        ...message,
        ...NO_UNFURL,
      }),
    );
  });

  app.event('message', async ({ event, context, client }) => {
    // Messages a person wrote in a DM, with a file or sent to the channel too; not edits, joins, bots.
    if (event.channel_type !== 'im' || !writtenByAPerson(event, context.botUserId)) return;
    if (!(await firstReply(event.channel, event.ts))) return;
    const text = 'text' in event && typeof event.text === 'string' ? event.text : '';
    const thread = 'thread_ts' in event && typeof event.thread_ts === 'string' ? event.thread_ts : undefined;
    const message = await reply(service, logger, questionFromSlack(text, context.botUserId), {
      conversation: conversationOf(event.channel, thread),
    });
    await callSlack(logger, 'chat.postMessage', () =>
      client.chat.postMessage({
        channel: event.channel,
        ...(thread ? { thread_ts: thread } : {}),
        ...message,
        ...NO_UNFURL,
      }),
    );
  });

  app.command(SLASH_COMMAND, async ({ command, ack, client, respond, context }) => {
    await ack();
    const message = await reply(
      service,
      logger,
      questionFromSlack(command.text, context.botUserId),
      {},
      { shareable: true },
    );
    const posted = await callSlack(
      logger,
      'chat.postEphemeral',
      () => client.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, ...message }),
      'info',
    );
    // chat.postEphemeral needs the app in the conversation; the command's response_url works everywhere.
    if (!posted) {
      await callSlack(logger, 'response_url', () => respond({ response_type: 'ephemeral', ...message }));
    }
  });

  const answerOption = optionReplier(service, logger, decorate);
  app.action<BlockAction<ButtonAction>>(CLARIFY_ACTION_PATTERN, async ({ ack, action, body, respond }) => {
    await ack();
    const value = decodeValue(action.value);
    if (!value) return warnBadValue(logger, action.action_id);
    await answerOption(value, body, respond);
  });

  app.action<BlockAction<ButtonAction>>(ACTION.share, async ({ ack, action, body, respond }) => {
    await ack();
    const value = decodeValue(action.value);
    if (!value) return warnBadValue(logger, action.action_id);
    const message = await reply(
      service,
      logger,
      value.q,
      { asOf: value.a, topicId: value.t },
      { sharedBy: body.user.id },
    );
    const shared = await callSlack(logger, 'response_url', () =>
      respond({ response_type: 'in_channel', replace_original: false, ...message }),
    );
    if (shared) await callSlack(logger, 'response_url', () => respond({ delete_original: true }));
  });

  const feedback =
    (helpful: boolean) =>
    async ({ ack, action, respond }: ButtonArgs) => {
      await ack();
      const value = decodeValue(action.value);
      if (!value) return warnBadValue(logger, action.action_id);
      const recorded = await service
        .feedback({
          surface: 'slack',
          helpful,
          question: value.q,
          asOf: value.a,
          ...(value.t ? { topicId: value.t } : {}),
          status: value.s ?? 'answered',
        })
        .then(
          () => true,
          () => false,
        );
      // Thank only the person who clicked, and only once it is stored; the answer stays as it was.
      await callSlack(logger, 'response_url', () =>
        respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: recorded
            ? 'Thanks, your feedback is recorded.'
            : 'Sorry, your feedback could not be recorded just now. Please click again in a moment.',
        }),
      );
    };
  app.action<BlockAction<ButtonAction>>(ACTION.helpful, feedback(true));
  app.action<BlockAction<ButtonAction>>(ACTION.notHelpful, feedback(false));

  // A button from an older version of the app (an old message): acknowledged, and the person told.
  app.action<BlockAction>(STALE_ACTION_PATTERN, async ({ ack, action, respond }) => {
    await ack();
    logger.info(
      { surface: 'slack', actionId: action.action_id },
      'A button the app no longer makes was clicked',
    );
    await callSlack(logger, 'response_url', () =>
      respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That button is out of date: it is from an earlier version of whocommissions. Please ask your question again.',
      }),
    );
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await callSlack(logger, 'views.publish', async () => {
      const view = renderHome(service.summary());
      return client.views.publish({ user_id: event.user, view });
    });
  });
}

function warnBadValue(logger: Logger, actionId: string): void {
  logger.warn(
    { surface: 'slack', actionId },
    'Ignored a button click whose value the Slack adapter did not make',
  );
}
