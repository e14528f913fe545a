import type { Express } from 'express';
import type { AnswerService } from '../../src/service.js';
import type { Logger, Surface } from '../../src/surface.js';
import { createBoltApp, EVENTS_PATH } from './app.js';
import { slackErrorCode } from './errors.js';

export { EVENTS_PATH } from './app.js';

/** How the Slack surface connects. `botToken` plus either `appToken` (Socket Mode) or `signingSecret` (HTTP). */
export interface SlackConfig {
  /** Bot User OAuth Token, `xoxb-…` (SLACK_BOT_TOKEN). Required in both modes. */
  botToken: string;
  /** App-level token with connections:write, `xapp-…` (SLACK_APP_TOKEN). When set, Socket Mode is used. */
  appToken?: string;
  /** Signing Secret (SLACK_SIGNING_SECRET): HTTP mode on POST /slack/events when there is no app token. */
  signingSecret?: string;
  /** Web API base URL (SLACK_API_URL), e.g. https://slack-gov.com/api/ for GovSlack or a local stand-in in tests. */
  apiUrl?: string;
  /** How often a failed Web API call is retried (default 2; tests use 0 so a failure shows at once). */
  retries?: number;
  /** How long start() waits for Socket Mode to connect before letting the server go on (default 15 s). */
  connectWaitMs?: number;
}

export interface SlackSurface extends Surface {
  /** 'socket' when an app token is set, otherwise 'http'. */
  readonly mode: 'socket' | 'http';
}

/** Slack's Web API client joins method names onto the base URL, so it must end in a slash. */
function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Checks the config up front, so a wrong token is reported at start-up with how to fix it. */
export function checkSlackConfig(config: SlackConfig): void {
  if (!config.botToken) {
    throw new Error(
      'Slack: SLACK_BOT_TOKEN is missing. Copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.',
    );
  }
  if (!config.botToken.startsWith('xoxb-')) {
    throw new Error(
      'Slack: SLACK_BOT_TOKEN must be a bot token starting xoxb- (from OAuth & Permissions), not a user or app-level token.',
    );
  }
  if (config.appToken !== undefined && !config.appToken.startsWith('xapp-')) {
    throw new Error(
      'Slack: SLACK_APP_TOKEN must be an app-level token starting xapp- (Basic Information → App-Level Tokens, scope connections:write).',
    );
  }
  if (!config.appToken && !config.signingSecret) {
    throw new Error(
      'Slack: set SLACK_APP_TOKEN (Socket Mode, no public URL needed) or SLACK_SIGNING_SECRET (HTTP mode on /slack/events).',
    );
  }
}

/**
 * Reads the Slack settings from the environment. Undefined when SLACK_BOT_TOKEN is not set (Slack is
 * then simply off); throws a message saying what to set when the settings are incomplete.
 */
export function slackConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SlackConfig | undefined {
  const botToken = env.SLACK_BOT_TOKEN?.trim();
  if (!botToken) return undefined;
  const config: SlackConfig = {
    botToken,
    ...(env.SLACK_APP_TOKEN?.trim() ? { appToken: env.SLACK_APP_TOKEN.trim() } : {}),
    ...(env.SLACK_SIGNING_SECRET?.trim() ? { signingSecret: env.SLACK_SIGNING_SECRET.trim() } : {}),
    ...(env.SLACK_API_URL?.trim() ? { apiUrl: env.SLACK_API_URL.trim() } : {}),
  };
  checkSlackConfig(config);
  return config;
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
 * The Slack surface for the server. HTTP mode: `mount(app)` adds POST /slack/events (mount it before
 * any JSON body parser; Bolt verifies the signature on the raw body). Socket Mode: `start()` opens the
 * WebSocket and `stop()` closes it.
 */
export function createSlackSurface(
  config: SlackConfig,
  service: AnswerService,
  logger: Logger,
): SlackSurface {
  checkSlackConfig(config);
  const { app, mode, expressReceiver, idle } = createBoltApp(
    {
      botToken: config.botToken,
      ...(config.appToken ? { appToken: config.appToken } : { signingSecret: config.signingSecret ?? '' }),
      ...(config.apiUrl ? { apiUrl: withSlash(config.apiUrl) } : {}),
      ...(config.retries !== undefined ? { retries: config.retries } : {}),
    },
    service,
    logger,
  );
  const connectWaitMs = config.connectWaitMs ?? 15_000;
  let mounted = false;
  let started = false;

  return {
    name: 'slack',
    mode,
    mount(server: Express) {
      if (!expressReceiver) return; // Socket Mode takes no routes.
      server.use(expressReceiver.router);
      mounted = true;
    },
    async start() {
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
      const waited = new Promise<'waited'>((resolve) => {
        timer = setTimeout(() => resolve('waited'), connectWaitMs);
      });
      const outcome = await Promise.race([connected, waited]).finally(() => clearTimeout(timer));
      if (outcome === 'waited') {
        logger.warn(
          { surface: 'slack' },
          `Slack: not connected after ${connectWaitMs / 1000} s; still trying`,
        );
        connected.catch((error: unknown) => logger.error({ surface: 'slack', err: error }, String(error)));
      }
    },
    async stop() {
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
