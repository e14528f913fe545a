import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express, { type Express, type RequestHandler } from 'express';
import type { Logger, Surface } from '../../src/server/surface.js';
import type { AnswerService } from '../../src/service.js';
import { WhoCommissionsBot } from './bot.js';
import { botFrameworkAuthOptions, type TeamsConfig } from './config.js';

export type { TeamsAppType, TeamsConfig } from './config.js';

/** The Bot Framework messaging endpoint; the Azure Bot's messaging endpoint is https://<host>/api/messages. */
export const TEAMS_MESSAGES_PATH = '/api/messages';

/**
 * The Teams surface: mounts POST /api/messages with its own JSON parser (the Slack route needs raw
 * bodies, so nothing is parsed app-wide). Throws at once if the settings are incomplete.
 */
export function createTeamsSurface(config: TeamsConfig, service: AnswerService, logger: Logger): Surface {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(botFrameworkAuthOptions(config)),
  );
  const bot = new WhoCommissionsBot(service, logger);
  if (config.allowUnauthenticated) {
    logger.warn(
      { path: TEAMS_MESSAGES_PATH },
      'Teams: authentication is OFF (TEAMS_ALLOW_UNAUTHENTICATED=1): anyone who can reach this port can post to the bot. ' +
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
    if (config.appId.trim() !== '' && !/^Bearer \S+$/i.test(req.get('authorization') ?? '')) {
      logger.debug({ ip: req.ip }, 'Teams: request without a Bot Framework token turned away');
      res
        .status(401)
        .json({ error: 'Unauthorized: a Bot Framework token is required (Authorization: Bearer ...).' });
      return;
    }
    next();
  };

  return {
    name: 'teams',
    mount(app: Express) {
      app.post(TEAMS_MESSAGES_PATH, requireBearer, express.json({ limit: '1mb' }), async (req, res, next) => {
        try {
          await adapter.process(req, res, (context) => bot.run(context));
        } catch (error) {
          next(error);
        }
      });
    },
  };
}
