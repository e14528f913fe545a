import { Router } from 'express';
import type { MissDesk } from '../../src/misses/desk.js';
import type { AnswerService } from '../../src/service.js';
import type { DedupeStore } from '../../src/stores/dedupe.js';
import type { Logger, Surface } from '../../src/surface.js';
import type { TicketDesk } from '../../src/tickets/desk.js';
import { asHandler } from '../http-handler.js';
import { createBoltApp, EVENTS_PATH } from './app.js';
import { SlackConfig } from './config.js';
import { slackErrorCode } from './errors.js';
import { slackTicketRelay } from './experts.js';
import { freshSlackRequest } from './fresh.js';

export { EVENTS_PATH } from './app.js';

export interface SlackSurface extends Surface {
  /** 'socket' when an app token is set, otherwise 'http'. */
  readonly mode: 'socket' | 'http';
}

/** Slack's Web API client joins method names onto the base URL, so it must end in a slash. */
function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Settings that did not come through the server are checked too, with the same messages. */
function checked(settings: SlackConfig): SlackConfig {
  const parsed = SlackConfig.safeParse(settings);
  if (!parsed.success) {
    throw new Error(`Slack cannot start: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  return parsed.data;
}

/** Codes that mean the token itself is wrong: starting anyway would only fail on every message. */
const FATAL_AUTH = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'account_inactive',
  'token_expired',
]);

/**
 * The Slack surface for the server. HTTP mode: `routes()` serves POST /slack/events (add it before
 * any JSON body parser; Bolt verifies the signature on the raw body). Socket Mode: `start()` opens the
 * WebSocket and `stop()` closes it.
 */
export function createSlackSurface(
  settings: SlackConfig,
  service: AnswerService,
  logger: Logger,
  stores: { dedupe?: DedupeStore; tickets?: TicketDesk; misses?: MissDesk | undefined } = {},
): SlackSurface {
  const config = checked(settings);
  const { app, mode, expressReceiver, idle } = createBoltApp(
    {
      botToken: config.botToken,
      ...(config.appToken ? { appToken: config.appToken } : { signingSecret: config.signingSecret ?? '' }),
      ...(config.apiUrl ? { apiUrl: withSlash(config.apiUrl) } : {}),
      ...(config.retries !== undefined ? { retries: config.retries } : {}),
      ...(stores.dedupe ? { dedupe: stores.dedupe } : {}),
      ...(stores.misses ? { misses: stores.misses } : {}),
      ...(config.expertsChannel && stores.tickets
        ? { experts: { channel: config.expertsChannel, tickets: stores.tickets } }
        : {}),
    },
    service,
    logger,
  );
  const connectWaitMs = config.connectWaitMs ?? 15_000;
  let mounted = false;
  let started = false;
  /** Set by stop(), which may come while start() is still checking the token or waiting to connect. */
  let stopped = false;
  let wakeStart: () => void = () => {};

  return {
    name: 'slack',
    mode,
    // Answers written on the maintainers' page reach Slack askers as an expert's reply in the thread does.
    ...(config.expertsChannel && stores.tickets
      ? {
          tickets: slackTicketRelay(app.client, {
            service,
            logger,
            channel: config.expertsChannel,
            tickets: stores.tickets,
          }),
        }
      : {}),
    ...(expressReceiver
      ? {
          routes() {
            // Socket Mode takes no routes; HTTP mode checks the request's date before Bolt reads the body.
            const router = Router();
            router.post(EVENTS_PATH, freshSlackRequest());
            router.use(expressReceiver.router);
            mounted = true;
            return asHandler(router);
          },
        }
      : {}),
    async start() {
      if (stopped) return;
      try {
        const auth = await app.client.auth.test({ token: config.botToken });
        logger.info(
          { surface: 'slack', mode, team: auth.team, bot: auth.user },
          `Slack: signed in as @${auth.user}`,
        );
      } catch (error) {
        const code = slackErrorCode(error);
        if (FATAL_AUTH.has(code)) {
          throw new Error(
            `Slack rejected SLACK_BOT_TOKEN (${code}). Copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, reinstalling the app if needed.`,
          );
        }
        // Slack unreachable at start-up is not fatal: the token is checked again on the first event.
        logger.warn(
          { surface: 'slack', code, err: error },
          'Slack: could not check the bot token yet; will retry',
        );
      }
      if (mode === 'http') {
        if (!mounted)
          logger.warn({ surface: 'slack' }, `Slack: HTTP mode, but ${EVENTS_PATH} was never mounted`);
        return;
      }
      // Stopped while the token was being checked: connecting now would leave a socket open.
      if (stopped) return;
      // The Socket Mode client keeps retrying while Slack is unreachable; the rest of the server
      // should not wait for it, so start() waits a while, then lets the connection finish later.
      const connected = app.start().then(
        () => logger.info({ surface: 'slack' }, 'Slack: connected over Socket Mode'),
        (error: unknown) => {
          started = false;
          throw new Error(
            `Slack Socket Mode could not connect (${slackErrorCode(error)}). Check SLACK_APP_TOKEN: an app-level token (xapp-…) with connections:write, and Socket Mode switched on for the app.`,
            { cause: error },
          );
        },
      );
      started = true;
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<'waited' | 'stopped'>((resolve) => {
        timer = setTimeout(() => resolve('waited'), connectWaitMs);
        wakeStart = () => resolve('stopped');
      });
      const outcome = await Promise.race([connected, waited]).finally(() => clearTimeout(timer));
      if (outcome === 'stopped') {
        // stop() closes the connection attempt; how it ends no longer matters.
        connected.catch(() => {});
      } else if (outcome === 'waited') {
        logger.warn(
          { surface: 'slack' },
          `Slack: not connected after ${connectWaitMs / 1000} s; still trying`,
        );
        connected.catch((error: unknown) => logger.error({ surface: 'slack', err: error }, String(error)));
      }
    },
    async stop() {
      stopped = true;
      wakeStart();
      if (started) {
        started = false;
        // Shutting down must finish even if the socket is already gone.
        await app.stop().catch((error: unknown) => {
          logger.warn(
            { surface: 'slack', err: error },
            'Slack: the Socket Mode connection did not close cleanly',
          );
        });
      }
      await idle();
    },
  };
}
