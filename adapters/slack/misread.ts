import type { App, BlockAction, ButtonAction, types } from '@slack/bolt';
import type { MissDesk, Readings } from '../../src/misses/desk.js';
import type { Answer } from '../../src/schemas/answer.js';
import { MissId } from '../../src/schemas/miss.js';
import type { Logger } from '../../src/surface.js';
import {
  ButtonValue,
  decodeValue,
  encodeValue,
  MISREAD_ACTION,
  READING_ACTION_PATTERN,
  readingActionId,
  valueFor,
} from './actions.js';
import { context, type SlackMessage, section } from './blocks.js';
import { callSlack } from './errors.js';
import { clipPlain, escapeMrkdwn } from './escape.js';
import type { optionReplier } from './listeners.js';

/** Slack allows 25 elements in one actions block. */
const MAX_ELEMENTS = 25;

/** A reading's button carries the option's value, as a clarify option's does, and the miss it answers. */
const ReadingValue = ButtonValue.extend({ m: MissId });

function button(text: string, actionId: string, value: string): types.Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clipPlain(text, 75), emoji: true },
    action_id: actionId,
    value,
  };
}

/** Adds "Not what I asked" to an answer's buttons (or a block of its own when they are full). */
export function withNotWhatIAsked(message: SlackMessage, answer: Answer): SlackMessage {
  const press = button('Not what I asked', MISREAD_ACTION.press, encodeValue(valueFor(answer)));
  const blocks = [...message.blocks];
  const last = blocks[blocks.length - 1];
  if (last?.type === 'actions' && last.elements.length < MAX_ELEMENTS)
    blocks[blocks.length - 1] = { ...last, elements: [...last.elements, press] };
  else blocks.push({ type: 'actions', block_id: 'wc_misread', elements: [press] });
  return { ...message, blocks };
}

/** What a press shows: what was read, the readings to choose from, and what to do if none fits. */
export function readingsMessage(readings: Readings, experts: boolean): SlackMessage {
  const { miss } = readings;
  const read = miss.read
    ? `I read your question as: *${escapeMrkdwn(miss.read)}*.`
    : 'I did not read a service in your question.';
  const none = experts
    ? 'If none of these is it, ask an expert.'
    : 'If none of these is it, ask again naming the service and the date, e.g. "who commissioned school nursing in 2016?".';
  const blocks: SlackMessage['blocks'] = [
    section(
      `${read} ${miss.alternatives.length ? 'Did you mean one of these?' : 'I have no other reading of it.'}`,
    ),
  ];
  if (miss.alternatives.length) {
    const elements = miss.alternatives.map((alt, index) =>
      button(
        alt.title,
        readingActionId(index),
        encodeValue({ q: miss.question, a: miss.asOf, t: alt.topicId, m: miss.id } as ButtonValue),
      ),
    );
    blocks.push({ type: 'actions', block_id: 'wc_readings', elements });
    blocks.push(
      context(
        miss.alternatives
          .map((alt) => `${escapeMrkdwn(alt.readAs)}: or ask “${escapeMrkdwn(alt.ask)}”`)
          .join('\n'),
      ),
    );
  }
  const noted = readings.recorded
    ? 'Thanks: the maintainers will see that this reading was wrong.'
    : 'Sorry, this could not be recorded for the maintainers just now.';
  blocks.push(context(`${none} ${noted}`));
  return { text: `${read} ${miss.alternatives.map((a) => a.title).join('; ')}`, blocks };
}

export interface MisreadSetup {
  misses: MissDesk;
  logger: Logger;
  /** The clarify flow: answers a chosen reading in place, with the question's date and conditions. */
  answerOption: ReturnType<typeof optionReplier>;
  /** Adds "Ask an expert" when the experts' channel is set. */
  askExpert?: ((message: SlackMessage, answer: Answer) => SlackMessage) | undefined;
}

/** The surface's ids for one press: the message the button was on, and who pressed it. */
const pressKey = (body: BlockAction) =>
  `slack:${body.team?.id ?? ''}:${body.container.channel_id ?? ''}:${body.container.message_ts ?? ''}:${body.user.id}`;

/** "Not what I asked": a press shows the other readings (to the presser only); a choice answers it. */
export function registerMisreadListeners(app: App, setup: MisreadSetup): void {
  const { misses, logger, answerOption, askExpert } = setup;
  app.action<BlockAction<ButtonAction>>(MISREAD_ACTION.press, async ({ ack, action, body, respond }) => {
    await ack();
    const value = decodeValue(action.value);
    if (!value)
      return void logger.warn(
        { surface: 'slack' },
        'Ignored a "Not what I asked" value the adapter did not make',
      );
    const readings = await misses.press({
      key: pressKey(body),
      surface: 'slack',
      question: value.q,
      asOf: value.a,
      topicId: value.t,
    });
    const shown = readingsMessage(readings, Boolean(askExpert));
    const message = askExpert ? askExpert(shown, readings.answer) : shown;
    await callSlack(logger, 'response_url', () =>
      respond({ response_type: 'ephemeral', replace_original: false, ...message }),
    );
  });

  app.action<BlockAction<ButtonAction>>(READING_ACTION_PATTERN, async ({ ack, action, body, respond }) => {
    await ack();
    const parsed = ReadingValue.safeParse(safeJson(action.value));
    if (!parsed.success)
      return void logger.warn(
        { surface: 'slack' },
        'Ignored a reading button value the adapter did not make',
      );
    const { m, ...value } = parsed.data;
    await misses.choose(m, value.t ?? '');
    await answerOption(value, body, respond);
  });
}

function safeJson(raw: string | undefined): unknown {
  try {
    return JSON.parse(raw ?? '');
  } catch {
    return undefined;
  }
}
