import {
  type Activity,
  CardFactory,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  MessageFactory,
  TeamsInfo,
  TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import type { Answer } from '../../src/schemas/answer.js';
import { AnswerStatus } from '../../src/schemas/answer.js';
import { Id, IsoDate } from '../../src/schemas/common.js';
import { type Ticket, TicketId, type TicketPerson } from '../../src/schemas/ticket.js';
import type { AnswerService } from '../../src/service.js';
import type { Logger, TicketRelay } from '../../src/surface.js';
import { summariseAnswer, type TicketDesk } from '../../src/tickets/desk.js';
import type { AdaptiveCard } from './card.js';
import { ticketCard } from './ticket-card.js';

/** Teams' global address for proactive messages; a team in one region may use its own (see README). */
export const GLOBAL_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

/** "Ask an expert" on an answer card: the answer's question, date, topic and status, and the note typed. */
const AskExpert = z.object({
  action: z.literal('expert'),
  question: z.string().max(2000),
  asOf: IsoDate,
  topicId: Id.max(200).optional(),
  status: AnswerStatus,
  note: z.string().max(2000).optional(),
});

/** An expert's answer typed into the ticket card, or its Close button. */
const TicketReply = z.object({
  action: z.literal('ticket-reply'),
  ticket: TicketId,
  reply: z.string().max(4000).optional(),
});
const TicketClose = z.object({ action: z.literal('ticket-close'), ticket: TicketId });
const ExpertAction = z.discriminatedUnion('action', [AskExpert, TicketReply, TicketClose]);
type ExpertAction = z.infer<typeof ExpertAction>;

export interface TeamsExpertsSetup {
  adapter: CloudAdapter;
  /** The bot's app id ('' when running unauthenticated against a local client). */
  appId: string;
  conversationId: string;
  serviceUrl?: string;
  service: AnswerService;
  tickets: TicketDesk;
  logger: Logger;
}

function cardMessage(card: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

function whereText(activity: Activity): string {
  switch (activity.conversation.conversationType) {
    case 'personal':
      return 'a personal chat with the bot in Teams';
    case 'groupChat':
      return 'a group chat in Teams';
    default:
      return 'a channel in Teams';
  }
}

/**
 * "Ask an expert" in Teams: the button on answer cards, a ticket card posted to the experts' channel
 * (proactively, to a configured channel), an expert's answer typed into that card sent to the asker's
 * conversation, and the card updated to show who answered or closed it.
 */
export class TeamsExperts {
  constructor(private readonly setup: TeamsExpertsSetup) {}

  /** Adds an "Ask an expert" button that opens a short note field and a Send button. */
  decorate = (card: AdaptiveCard, answer: Answer): AdaptiveCard => {
    const data: z.input<typeof AskExpert> = {
      action: 'expert',
      question: answer.question,
      asOf: answer.asOf,
      status: answer.status,
      ...(answer.topic ? { topicId: answer.topic.id } : {}),
    };
    const show = {
      type: 'Action.ShowCard',
      title: 'Ask an expert',
      card: {
        type: 'AdaptiveCard',
        body: [
          {
            type: 'Input.Text',
            id: 'note',
            label: 'Anything the expert should know? (optional)',
            isMultiline: true,
            maxLength: 2000,
          },
        ],
        actions: [{ type: 'Action.Submit', title: 'Send to an expert', data }],
      },
    };
    return { ...card, actions: [...(card.actions ?? []), show] };
  };

  /** Handles a click on an expert button; false for every other activity, which the bot answers. */
  async handle(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    if (activity.type !== 'message' || activity.value === undefined) return false;
    const parsed = ExpertAction.safeParse(activity.value);
    if (!parsed.success) return false;
    await this.act(context, parsed.data);
    return true;
  }

  private async act(context: TurnContext, action: ExpertAction): Promise<void> {
    if (action.action === 'expert') return this.ask(context, action);
    if (!(await this.isExpert(context))) {
      const what = action.action === 'ticket-reply' ? 'answer' : 'close';
      await context.sendActivity(
        `Only members of the experts' channel can ${what} tickets, so nothing was ${what === 'answer' ? 'sent to the asker' : 'closed'}. Ask someone there to add you.`,
      );
      return;
    }
    if (action.action === 'ticket-reply') return this.reply(context, action.ticket, action.reply ?? '');
    return this.close(context, action.ticket);
  }

  /**
   * Whether whoever clicked may answer or close tickets: the click came from the experts' channel (where
   * the ticket cards are), and Teams says they are a member of it, asked at each click (TeamsInfo, the
   * connector's conversation members), so someone who has left can no longer. A lookup Teams refuses
   * for any other reason is logged and counts as no.
   */
  private async isExpert(context: TurnContext): Promise<boolean> {
    const { conversationId, logger } = this.setup;
    const { activity } = context;
    if (activity.conversation.id.split(';')[0] !== conversationId) return false;
    try {
      await TeamsInfo.getTeamMember(context, conversationId, activity.from.id);
      return true;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 403) {
        logger.error({ err: error }, 'Teams: could not check who is in TEAMS_EXPERTS_CONVERSATION');
      }
      return false;
    }
  }

  private person(activity: Activity) {
    return {
      id: activity.from.aadObjectId ?? activity.from.id,
      ...(activity.from.name ? { name: activity.from.name } : {}),
    };
  }

  private async ask(context: TurnContext, action: z.infer<typeof AskExpert>): Promise<void> {
    const { activity } = context;
    const { service, tickets } = this.setup;
    // The same answer again, to say what the bot answered; not logged as a second question.
    const answer = service.ask(action.question, { asOf: action.asOf, topicId: action.topicId });
    const note = action.note?.trim();
    const { ticket, created } = await tickets.open({
      key: `teams:${activity.conversation.id}:${activity.replyToId ?? activity.id ?? ''}:${this.person(activity).id}`,
      surface: 'teams',
      question: action.question,
      asOf: action.asOf,
      answer: summariseAnswer(answer),
      asker: this.person(activity),
      where: JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))),
      whereText: whereText(activity),
      ...(note ? { note } : {}),
    });
    const posted = ticket.postKey ? ticket : await this.post(ticket);
    await context.sendActivity(
      !posted
        ? `Sorry, your question could not be passed to the experts just now (ticket ${ticket.id}). Please try again in a moment.`
        : created
          ? `Thanks: your question is with the experts as ticket ${ticket.id}. Their answer will come here.`
          : `Your question is already with the experts as ticket ${ticket.id}. Their answer will come here.`,
    );
  }

  /**
   * Posts the ticket card as a new thread in the experts' channel (a conversation created in the
   * channel, as Teams starts a channel post); the ticket, with where it was posted, or undefined.
   */
  private async post(ticket: Ticket): Promise<Ticket | undefined> {
    const { adapter, appId, conversationId, logger, tickets } = this.setup;
    // As botbuilder's own TeamsInfo.sendMessageToTeamsChannel builds it: Teams needs no bot or members here.
    const parameters = {
      isGroup: true,
      channelData: { channel: { id: conversationId } },
      activity: cardMessage(ticketCard(ticket)),
    } as ConversationParameters;
    try {
      // The new thread's conversation id, "19:…@thread.tacv2;messageid=…", names the post.
      let thread: string | undefined;
      const serviceUrl = this.setup.serviceUrl ?? GLOBAL_SERVICE_URL;
      await adapter.createConversationAsync(appId, 'msteams', serviceUrl, '', parameters, async (context) => {
        thread = context.activity.conversation.id;
      });
      return thread ? await tickets.posted(ticket.id, `teams:${thread}`) : undefined;
    } catch (error) {
      logger.error(
        { err: error, ticket: ticket.id },
        'Teams: could not post a ticket to TEAMS_EXPERTS_CONVERSATION: is the bot installed in that team?',
      );
      return undefined;
    }
  }

  private async reply(context: TurnContext, id: string, text: string): Promise<void> {
    const { tickets } = this.setup;
    const reply = text.trim();
    const ticket = await tickets.get(id);
    if (!ticket) return void (await context.sendActivity(`There is no ticket ${id}.`));
    if (ticket.state === 'closed') return this.redraw(context, ticket);
    if (!reply) return void (await context.sendActivity('Type your answer in the box first, then send it.'));
    const expert = this.person(context.activity);
    if (!(await this.relay(ticket, expert, reply))) {
      await context.sendActivity(
        `Your answer could not be sent to the asker just now; ticket ${id} stays open.`,
      );
      return;
    }
    const change = await tickets.replied(id, expert, reply);
    if (change.ticket) await this.redraw(context, change.ticket);
  }

  /** Sends an expert's answer to the asker's conversation; false (and logged) when Teams refused. */
  async relay(ticket: Ticket, expert: TicketPerson, reply: string): Promise<boolean> {
    const { adapter, appId, logger } = this.setup;
    try {
      await adapter.continueConversationAsync(
        appId,
        ticket.where as Partial<ConversationReference>,
        (asker) =>
          asker
            .sendActivity(
              `${expert.name ?? 'An expert'}, an expert, answered your question "${ticket.question}" (ticket ${ticket.id}):\n\n${reply}`,
            )
            .then(() => {}),
      );
      return true;
    } catch (error) {
      logger.error(
        { err: error, ticket: ticket.id },
        'Teams: could not send an expert’s answer to the asker',
      );
      return false;
    }
  }

  /** Redraws the ticket's card in the experts' channel (after an answer or a close on the maintainers' page). */
  async refresh(ticket: Ticket): Promise<void> {
    const { adapter, appId, logger } = this.setup;
    const thread = ticket.postKey?.replace(/^teams:/, '');
    const cardId = thread?.split(';messageid=')[1];
    if (!thread || !cardId) return;
    const reference = {
      channelId: 'msteams',
      serviceUrl: this.setup.serviceUrl ?? GLOBAL_SERVICE_URL,
      conversation: { id: thread, isGroup: true, conversationType: 'channel' },
    } as Partial<ConversationReference>;
    try {
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        await context.updateActivity({ ...cardMessage(ticketCard(ticket)), id: cardId });
      });
    } catch (error) {
      logger.warn({ err: error, ticket: ticket.id }, 'Teams: could not update the ticket card');
    }
  }

  /** How answers written on the maintainers' page reach Teams askers. */
  get ticketRelay(): TicketRelay {
    return {
      surface: 'teams',
      relay: (ticket, reply) => this.relay(ticket, reply.by, reply.text),
      refresh: (ticket) => this.refresh(ticket),
    };
  }

  private async close(context: TurnContext, id: string): Promise<void> {
    const change = await this.setup.tickets.close(id, this.person(context.activity));
    if (change.ticket) await this.redraw(context, change.ticket);
  }

  /** Shows the ticket's new state on the card the expert used; a new card if it cannot be updated. */
  private async redraw(context: TurnContext, ticket: Ticket): Promise<void> {
    const id = context.activity.replyToId;
    const message = cardMessage(ticketCard(ticket));
    if (id) {
      try {
        await context.updateActivity({ ...message, id });
        return;
      } catch (error) {
        this.setup.logger.warn({ err: error }, 'Teams: could not update the ticket card; sending a new one');
      }
    }
    await context.sendActivity(message);
  }
}
