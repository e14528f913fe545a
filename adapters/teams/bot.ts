import {
  type Activity,
  CardFactory,
  type ChannelAccount,
  MessageFactory,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import { isHelpRequest } from '../../src/help.js';
import type { Answer } from '../../src/schemas/answer.js';
import type { AnswerService } from '../../src/service.js';
import type { Logger } from '../../src/surface.js';
import { type AskAction, type FeedbackAction, parseCardAction } from './actions.js';
import { type AdaptiveCard, helpCard, renderAnswerCard, welcomeCard } from './card.js';
import { textWithoutBotMention } from './mention.js';

/** A chat, group chat or channel thread: Teams gives each its own conversation id. */
const conversationKey = (activity: Activity) => `teams:${activity.conversation.id}`;

function cardMessage(card: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/**
 * Teams in, AnswerService out, Adaptive Card back. No domain logic lives here: this is the part
 * that would be rewritten to move to the Microsoft 365 Agents SDK.
 */
export class WhoCommissionsBot extends TeamsActivityHandler {
  constructor(
    private readonly service: AnswerService,
    private readonly logger: Logger,
    /** Adds to an answer card what an optional feature needs (the "Ask an expert" button). */
    private readonly decorate: (card: AdaptiveCard, answer: Answer) => AdaptiveCard = (card) => card,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onTeamsMembersAddedEvent(async (membersAdded, _team, context, next) => {
      await this.welcome(membersAdded, context);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.value !== undefined) {
      const action = parseCardAction(activity.value);
      if (!action) {
        this.logger.warn(
          { conversationType: activity.conversation.conversationType },
          'Teams: unrecognised card action',
        );
        await context.sendActivity(cardMessage(helpCard(this.service.summary())));
      } else if (action.action === 'ask') {
        await this.answerButton(context, action);
      } else {
        await this.recordFeedback(context, action);
      }
      return;
    }

    const question = textWithoutBotMention(activity);
    if (isHelpRequest(question)) {
      await context.sendActivity(cardMessage(helpCard(this.service.summary())));
      return;
    }
    const answer = await this.service.answer(question, {
      surface: 'teams',
      conversation: conversationKey(activity),
    });
    this.logger.debug({ status: answer.status, topic: answer.topic?.id }, 'Teams: answered a message');
    await context.sendActivity(cardMessage(this.decorate(renderAnswerCard(answer), answer)));
  }

  /** A clarify option turns its card into the answer; an example button gets a new card. */
  private async answerButton(context: TurnContext, action: AskAction): Promise<void> {
    const answer = await this.service.answer(action.question, {
      asOf: action.asOf,
      topicId: action.topicId,
      surface: 'teams',
      conversation: conversationKey(context.activity),
    });
    const card = this.decorate(renderAnswerCard(answer), answer);
    if (action.topicId) await this.replaceCard(context, card);
    else await context.sendActivity(cardMessage(card));
  }

  private async recordFeedback(context: TurnContext, action: FeedbackAction): Promise<void> {
    // Thanked only once stored: a failure reaches the turn's error handler, which says sorry.
    await this.service.feedback({
      surface: 'teams',
      helpful: action.helpful,
      question: action.question,
      asOf: action.asOf,
      topicId: action.topicId,
      status: action.status,
    });
    // Redraw the same answer (same question, date and topic) with a thank-you where the buttons were;
    // no surface, so the redraw is not logged as a second question.
    const answer = this.service.ask(action.question, { asOf: action.asOf, topicId: action.topicId });
    await this.replaceCard(
      context,
      this.decorate(renderAnswerCard(answer, { feedback: action.helpful }), answer),
    );
  }

  /** Update the card the button was on; if Teams will not (e.g. the message is gone), post a new one. */
  private async replaceCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
    const id = context.activity.replyToId;
    if (id) {
      try {
        await context.updateActivity({ ...cardMessage(card), id });
        return;
      } catch (error) {
        this.logger.warn({ err: error }, 'Teams: could not update the card in place; sending a new message');
      }
    }
    await context.sendActivity(cardMessage(card));
  }

  /** Welcome once when the bot itself is added, or when its personal chat is opened. */
  private async welcome(membersAdded: ChannelAccount[], context: TurnContext): Promise<void> {
    const botAdded = membersAdded.some((m) => m.id === context.activity.recipient.id);
    if (botAdded || context.activity.conversation.conversationType === 'personal') {
      await context.sendActivity(cardMessage(welcomeCard(this.service.summary())));
    }
  }
}
