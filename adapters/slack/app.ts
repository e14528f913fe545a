import { App, type AuthorizeResult, ExpressReceiver, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { MissDesk } from '../../src/misses/desk.js';
import type { AnswerService } from '../../src/service.js';
import { type DedupeStore, memoryDedupe } from '../../src/stores/dedupe.js';
import type { Logger } from '../../src/surface.js';
import type { TicketDesk } from '../../src/tickets/desk.js';
import { AfterAcks } from '../after-acks.js';
import { slackDeliveryKey } from './delivery.js';
import { registerExpertListeners, withAskExpert } from './experts.js';
import { type Decorate, optionReplier, registerListeners } from './listeners.js';
import { boltLogger } from './logger.js';
import { registerMisreadListeners, withNotWhatIAsked } from './misread.js';

export const EVENTS_PATH = '/slack/events';

export interface BoltSetup {
  botToken: string;
  /** Socket Mode when set. */
  appToken?: string;
  /** HTTP mode (when there is no app token). */
  signingSecret?: string;
  /** Web API base URL ending in /api/. */
  apiUrl?: string;
  /** Retries of a failed Web API call; undefined keeps each client's own default. */
  retries?: number;
  /** Where delivery ids are remembered; one process's memory unless given (Redis for several copies). */
  dedupe?: DedupeStore;
  /** "Ask an expert": the experts' channel and where tickets go; without it there is no button. */
  experts?: { channel: string; tickets: TicketDesk };
  /** "Not what I asked": where misses are recorded; without it there is no button. */
  misses?: MissDesk;
}

/**
 * Slack's requests are small (an event, a command, a click with its message): a low cap means an
 * unsigned flood costs little to read before the signature is checked.
 */
export const MAX_SLACK_BODY_BYTES = 128 * 1024;

export interface BoltApp {
  app: App;
  mode: 'socket' | 'http';
  /** Set in HTTP mode: its router serves POST /slack/events. */
  expressReceiver?: ExpressReceiver;
  /** Resolves when every event being handled now has been handled. */
  idle(): Promise<void>;
}

/**
 * Wires a Bolt 5 app: the receiver for the mode, authorisation from the bot token, the middleware
 * that drops redeliveries, and the listeners.
 */
export function createBoltApp(setup: BoltSetup, service: AnswerService, logger: Logger): BoltApp {
  const slackLogger = boltLogger(logger);
  const clientOptions = {
    ...(setup.apiUrl ? { slackApiUrl: setup.apiUrl } : {}),
    // A reply that arrives half an hour late is worse than none: a few retries, not Slack's 30 minutes.
    retryConfig: { retries: setup.retries ?? 2 },
  };

  let expressReceiver: ExpressReceiver | undefined;
  let receiver: ExpressReceiver | SocketModeReceiver;
  if (setup.appToken) {
    receiver = new SocketModeReceiver({
      appToken: setup.appToken,
      logger: slackLogger,
      // The Socket Mode client calls apps.connections.open through its own Web API client.
      installerOptions: {
        clientOptions: {
          ...(setup.apiUrl ? { slackApiUrl: setup.apiUrl } : {}),
          ...(setup.retries !== undefined ? { retryConfig: { retries: setup.retries } } : {}),
        },
      },
    });
  } else {
    expressReceiver = new ExpressReceiver({
      signingSecret: setup.signingSecret ?? '',
      endpoints: EVENTS_PATH,
      logger: slackLogger,
      bodyLimit: MAX_SLACK_BODY_BYTES,
    });
    receiver = expressReceiver;
  }

  // Bolt's own token check runs auth.test in its constructor and keeps a failure forever (and an
  // early failure is an unhandled rejection). This one asks again after a failure.
  let identity: Promise<AuthorizeResult> | undefined;
  const authorize = (): Promise<AuthorizeResult> => {
    identity ??= app.client.auth.test({ token: setup.botToken }).then(
      (auth) => ({
        botToken: setup.botToken,
        botId: auth.bot_id,
        botUserId: auth.user_id,
        teamId: auth.team_id,
      }),
      (error: unknown) => {
        identity = undefined;
        throw error;
      },
    );
    return identity;
  };

  const app: App = new App({
    receiver,
    authorize,
    logger: slackLogger,
    logLevel: LogLevel.INFO,
    clientOptions,
    // Bolt's conversation store is unused here, and it costs every event a thrown Error (not found).
    convoStore: false,
    ...(setup.appToken ? { socketMode: true } : {}),
  });

  const inFlight = new Set<Promise<void>>();
  const dedupe = setup.dedupe ?? memoryDedupe();
  const afterAcks = new AfterAcks();
  app.use(async (args) => {
    // A redelivery is dropped only when its id was seen: a retry whose first delivery never reached
    // us (a restart, a 5xx) is the only copy and must be answered.
    const key = slackDeliveryKey(args.body);
    if (key !== undefined && !(await dedupe.firstTime(key))) {
      logger.debug(
        { surface: 'slack', key, retryNum: args.context.retryNum },
        'Dropped a Slack delivery seen before',
      );
      // Commands and clicks wait for an ack; events were acked already.
      if ('ack' in args && typeof args.ack === 'function') await args.ack();
      return;
    }
    // An event was acked by Bolt before this runs (HTTP: the response is written), so its answer can
    // wait until the requests that have arrived are acked too; commands and clicks ack in their
    // listeners, so they run now.
    const acked = !('ack' in args && typeof args.ack === 'function');
    const work = acked ? afterAcks.run(() => args.next()) : args.next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });

  app.error(async (error) => {
    logger.error({ surface: 'slack', err: error }, 'A Slack listener failed');
  });

  const askExpert = setup.experts ? withAskExpert : undefined;
  const { misses } = setup;
  const decorate = decorations([misses ? withNotWhatIAsked : undefined, askExpert]);
  registerListeners(app, service, logger, dedupe, decorate);
  if (setup.experts) registerExpertListeners(app, { service, logger, ...setup.experts });
  if (misses) {
    const answerOption = optionReplier(service, logger, decorate);
    registerMisreadListeners(app, { misses, logger, answerOption, askExpert });
  }

  return {
    app,
    mode: setup.appToken ? 'socket' : 'http',
    ...(expressReceiver ? { expressReceiver } : {}),
    idle: async () => {
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** The optional features' additions to an answer, applied in order; undefined when none is on. */
function decorations(list: (Decorate | undefined)[]): Decorate | undefined {
  const on = list.filter((d): d is Decorate => d !== undefined);
  if (on.length === 0) return undefined;
  return (message, answer) => on.reduce((m, d) => d(m, answer), message);
}
