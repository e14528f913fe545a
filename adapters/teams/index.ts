import type { TurnContext } from 'botbuilder';
import { type RequestHandler, Router } from 'express';
import type { MissDesk } from '../../src/misses/desk.js';
import type { Answer } from '../../src/schemas/answer.js';
import type { AnswerService } from '../../src/service.js';
import { type DedupeStore, memoryDedupe } from '../../src/stores/dedupe.js';
import type { Logger, Surface } from '../../src/surface.js';
import type { TicketDesk } from '../../src/tickets/desk.js';
import { asHandler } from '../http-handler.js';
import { WhoCommissionsBot } from './bot.js';
import type { AdaptiveCard } from './card.js';
import { CachingBotFrameworkAuthentication } from './clients.js';
import { botFrameworkAuthOptions, type TeamsConfig } from './config.js';
import { deliveryKey } from './dedupe.js';
import { TeamsExperts } from './experts.js';
import { fitCardsToHost } from './host.js';
import { TeamsMisreads } from './misread.js';
import { readJson, requireActivity, requireJson } from './request.js';
import { runTurn, TeamsCloudAdapter } from './turn.js';

export type { TeamsConfig } from './config.js';

/** The Bot Framework messaging endpoint; the Azure Bot's messaging endpoint is https://<host>/api/messages. */
export const TEAMS_MESSAGES_PATH = '/api/messages';

/**
 * The Teams surface: mounts POST /api/messages with its own JSON parser (the Slack route needs raw
 * bodies, so nothing is parsed app-wide). Throws at once if the settings are incomplete.
 *
 * A request passes, in order: a bearer token present (401), a JSON content type (415), a body of at
 * most 1 MB (413) that parses (400) into an activity botbuilder can run (400), then botbuilder's own
 * token check (401) and the turn. Auth comes first so a caller without a token learns nothing about
 * the body and costs no parsing; botbuilder can only verify the token itself once the activity is
 * parsed, since the check reads the activity's channelId and serviceUrl.
 */
export function createTeamsSurface(
  config: TeamsConfig,
  service: AnswerService,
  logger: Logger,
  stores: { dedupe?: DedupeStore; tickets?: TicketDesk; misses?: MissDesk | undefined } = {},
): Surface {
  const adapter = new TeamsCloudAdapter(
    new CachingBotFrameworkAuthentication(botFrameworkAuthOptions(config)),
  );
  // "Ask an expert" only with an experts' channel: without one the cards are as they always were.
  const experts =
    config.expertsConversation && stores.tickets
      ? new TeamsExperts({
          adapter,
          appId: config.appId,
          conversationId: config.expertsConversation,
          ...(config.expertsServiceUrl ? { serviceUrl: config.expertsServiceUrl } : {}),
          service,
          tickets: stores.tickets,
          logger,
        })
      : undefined;
  // "Not what I asked" on every answer card when misses are recorded; Ask an expert after it.
  const misreads = stores.misses
    ? new TeamsMisreads({ misses: stores.misses, logger, askExpert: experts?.decorate })
    : undefined;
  const bot = new WhoCommissionsBot(service, logger, decorations([misreads?.decorate, experts?.decorate]));
  if (config.allowUnauthenticated) {
    logger.warn(
      { path: TEAMS_MESSAGES_PATH },
      'Teams: authentication is OFF (TEAMS_ALLOW_UNAUTHENTICATED=true): anyone who can reach this port can post to the bot. ' +
        'Use it only on 127.0.0.1 with a local Bot Framework client.',
    );
  }

  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'Teams: turn failed');
    try {
      await context.sendActivity(
        'Sorry, something went wrong while answering. Please try again in a moment.',
      );
    } catch (sendError) {
      logger.error({ err: sendError }, 'Teams: could not send the error message either');
    }
  };

  // botbuilder answers a token-less request with 401 too, but prints a stack trace to stderr each time;
  // turning those away here keeps the logs readable when scanners find the endpoint. Tokens that are
  // present are still verified by botbuilder.
  const requireBearer: RequestHandler = (req, res, next) => {
    if (config.appId !== '' && !/^Bearer \S+$/i.test(req.get('authorization') ?? '')) {
      logger.debug({ ip: req.ip }, 'Teams: request without a Bot Framework token turned away');
      res
        .status(401)
        .json({ error: 'Unauthorized: a Bot Framework token is required (Authorization: Bearer ...).' });
      return;
    }
    next();
  };

  // The channel redelivers an activity it thinks was not received (a slow answer, a dropped
  // connection). Checked inside the turn, after botbuilder has verified the token, so a forged
  // request cannot mark a real activity id as seen; a duplicate ends with 200 and no reply.
  const dedupe = stores.dedupe ?? memoryDedupe();
  const runOnce = async (context: TurnContext): Promise<void> => {
    const key = deliveryKey(context.activity);
    if (key !== undefined && !(await dedupe.firstTime(`teams:${key}`))) {
      logger.debug(
        { activityId: context.activity.id, activityType: context.activity.type },
        'Teams: dropped an activity seen before',
      );
      return;
    }
    logTeamInstall(context, logger);
    fitCardsToHost(context);
    if (experts && (await experts.handle(context))) return;
    if (misreads && (await misreads.handle(context))) return;
    await bot.run(context);
  };

  return {
    name: 'teams',
    // Answers written on the maintainers' page reach Teams askers as an answer typed in the card does.
    ...(experts ? { tickets: experts.ticketRelay } : {}),
    routes() {
      const app = Router();
      app.post(TEAMS_MESSAGES_PATH, requireBearer, requireJson, readJson, requireActivity, (req, res) =>
        runTurn(adapter, req, res, logger, runOnce),
      );
      return asHandler(app);
    },
  };
}

/**
 * When the bot is added to a team, logs the ids a maintainer needs to make one of its channels the
 * experts' channel: the General channel's id is the team's id, and the serviceUrl is that team's.
 */
function logTeamInstall(context: TurnContext, logger: Logger): void {
  const { activity } = context;
  const team = (activity.channelData as { team?: { id?: unknown; name?: unknown } } | undefined)?.team;
  const added = activity.membersAdded?.some((m) => m.id === activity.recipient.id);
  if (activity.type !== 'conversationUpdate' || !added || typeof team?.id !== 'string') return;
  logger.info(
    { team: team.id, teamName: team.name, serviceUrl: activity.serviceUrl },
    `Teams: added to team ${typeof team.name === 'string' ? team.name : team.id}. To send expert tickets to its General channel, set TEAMS_EXPERTS_CONVERSATION=${team.id} and TEAMS_EXPERTS_SERVICE_URL=${activity.serviceUrl}`,
  );
}

type Decorate = (card: AdaptiveCard, answer: Answer) => AdaptiveCard;

/** The optional features' additions to an answer card, applied in order. */
function decorations(list: (Decorate | undefined)[]): Decorate | undefined {
  const on = list.filter((d): d is Decorate => d !== undefined);
  if (on.length === 0) return undefined;
  return (card, answer) => on.reduce((c, d) => d(c, answer), card);
}
