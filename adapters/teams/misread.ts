import { type Activity, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { MissDesk, Readings } from '../../src/misses/desk.js';
import type { Answer } from '../../src/schemas/answer.js';
import { Id, IsoDate } from '../../src/schemas/common.js';
import { MissId } from '../../src/schemas/miss.js';
import type { Logger } from '../../src/surface.js';
import type { AskAction } from './actions.js';
import { type AdaptiveCard, card, choice, text } from './card.js';
import { escapeMarkdown } from './markdown.js';

/** "Not what I asked" on an answer card: the answer's question, date and topic. */
const MisreadPress = z.object({
  action: z.literal('misread'),
  question: z.string().max(2000),
  asOf: IsoDate,
  topicId: Id.max(200).optional(),
});
/** A reading chosen on the readings card: the clarify option's fields, and the miss it answers. */
const MisreadChoice = z.object({
  action: z.literal('misread-choice'),
  miss: MissId,
  question: z.string().max(2000),
  asOf: IsoDate,
  topicId: Id.max(200),
});
const MisreadAction = z.discriminatedUnion('action', [MisreadPress, MisreadChoice]);

export interface TeamsMisreadsSetup {
  misses: MissDesk;
  logger: Logger;
  /** Adds "Ask an expert" when the experts' channel is set. */
  askExpert?: ((card: AdaptiveCard, answer: Answer) => AdaptiveCard) | undefined;
}

/** The card a press gets: what was read, the readings to choose from, and what to do if none fits. */
export function readingsCard(readings: Readings, experts: boolean): AdaptiveCard {
  const { miss } = readings;
  const body = [
    text(
      miss.read
        ? `I read your question as: **${escapeMarkdown(miss.read)}**.`
        : 'I did not read a service in your question.',
    ),
    text(miss.alternatives.length ? 'Did you mean one of these?' : 'I have no other reading of it.'),
    ...miss.alternatives.map((alt) =>
      choice(alt.title, {
        action: 'misread-choice',
        miss: miss.id,
        question: miss.question,
        asOf: miss.asOf,
        topicId: alt.topicId,
      }),
    ),
    ...miss.alternatives.map((alt) =>
      text(`${escapeMarkdown(alt.readAs)}: or ask “${escapeMarkdown(alt.ask)}”`, {
        isSubtle: true,
        spacing: 'None',
      }),
    ),
    text(
      `${experts ? 'If none of these is it, ask an expert.' : 'If none of these is it, ask again naming the service and the date.'} ${
        readings.recorded
          ? 'Thanks: the maintainers will see that this reading was wrong.'
          : 'Sorry, this could not be recorded for the maintainers just now.'
      }`,
      { isSubtle: true },
    ),
  ];
  return card(body);
}

/**
 * "Not what I asked" in Teams: a button on answer cards; a press records the miss and sends the other
 * readings; a reading chosen is recorded and then answered by the bot's own clarify flow.
 */
export class TeamsMisreads {
  constructor(private readonly setup: TeamsMisreadsSetup) {}

  /** Adds the "Not what I asked" button to an answer card. */
  decorate = (answerCard: AdaptiveCard, answer: Answer): AdaptiveCard => {
    const data: z.input<typeof MisreadPress> = {
      action: 'misread',
      question: answer.question,
      asOf: answer.asOf,
      ...(answer.topic ? { topicId: answer.topic.id } : {}),
    };
    const press = { type: 'Action.Submit', title: 'Not what I asked', data };
    return { ...answerCard, actions: [...(answerCard.actions ?? []), press] };
  };

  /**
   * Handles a press (true: answered here). A chosen reading is recorded, then left to the bot (false)
   * as the clarify option it is, so it is answered the one way options are, in place of its card.
   */
  async handle(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    if (activity.type !== 'message' || activity.value === undefined) return false;
    const parsed = MisreadAction.safeParse(activity.value);
    if (!parsed.success) return false;
    const action = parsed.data;
    if (action.action === 'misread-choice') {
      await this.setup.misses.choose(action.miss, action.topicId);
      const ask: AskAction = {
        action: 'ask',
        question: action.question,
        asOf: action.asOf,
        topicId: action.topicId,
      };
      activity.value = ask;
      return false;
    }
    const readings = await this.setup.misses.press({
      key: `teams:${activity.conversation.id}:${activity.replyToId ?? ''}:${activity.from.id}`,
      surface: 'teams',
      question: action.question,
      asOf: action.asOf,
      topicId: action.topicId,
    });
    const { askExpert } = this.setup;
    const shown = readingsCard(readings, Boolean(askExpert));
    const message: Partial<Activity> = MessageFactory.attachment(
      CardFactory.adaptiveCard(askExpert ? askExpert(shown, readings.answer) : shown),
    );
    await context.sendActivity(message);
    return true;
  }
}
