import { z } from 'zod';
import { defineAdapter } from '../../src/adapter.js';
import { messagesOf, optionalText } from '../../src/env.js';
import { SlackConfig } from './config.js';

/** SLACK_* as the Slack surface's settings; Slack is on when SLACK_BOT_TOKEN is set. */
const SlackEnv = z
  .object({
    SLACK_BOT_TOKEN: optionalText.pipe(SlackConfig.shape.botToken.optional()),
    SLACK_APP_TOKEN: optionalText.pipe(SlackConfig.shape.appToken.optional()),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_API_URL: optionalText.pipe(SlackConfig.shape.apiUrl.optional()),
    SLACK_EXPERTS_CHANNEL: optionalText,
  })
  .superRefine((env, ctx) => {
    if (!env.SLACK_BOT_TOKEN && (env.SLACK_APP_TOKEN ?? env.SLACK_SIGNING_SECRET)) {
      const which = env.SLACK_APP_TOKEN ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET';
      ctx.addIssue({
        code: 'custom',
        path: [which],
        message: `${which} is set but SLACK_BOT_TOKEN is not: set SLACK_BOT_TOKEN (xoxb-…) too, or unset ${which}`,
      });
    }
  })
  .transform((e): z.input<typeof SlackConfig> | undefined =>
    e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          appToken: e.SLACK_APP_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          apiUrl: e.SLACK_API_URL,
          expertsChannel: e.SLACK_EXPERTS_CHANNEL,
        }
      : undefined,
  )
  .pipe(SlackConfig.optional());

/** Slack, as the composition root registers it. */
export const slackAdapter = defineAdapter<SlackConfig>({
  name: 'slack',
  variables: [
    'SLACK_BOT_TOKEN',
    'SLACK_APP_TOKEN',
    'SLACK_SIGNING_SECRET',
    'SLACK_API_URL',
    'SLACK_EXPERTS_CHANNEL',
  ],
  readSettings(env) {
    const parsed = SlackEnv.safeParse(env);
    return parsed.success
      ? { ok: true, settings: parsed.data }
      : { ok: false, errors: messagesOf(parsed.error) };
  },
  summary(settings, url) {
    if (!settings) return ['Slack: off — set SLACK_BOT_TOKEN and SLACK_APP_TOKEN to turn it on'];
    const experts = settings.expertsChannel
      ? [`  Ask an expert: tickets go to channel ${settings.expertsChannel} (SLACK_EXPERTS_CHANNEL)`]
      : [];
    if (settings.appToken)
      return ['Slack: on, Socket Mode (SLACK_APP_TOKEN); no public URL needed', ...experts];
    return [`Slack: on, events at ${url}/slack/events (SLACK_SIGNING_SECRET)`, ...experts];
  },
  async create(settings, { service, logger, dedupe, tickets, misses }) {
    // Bolt is large: imported only when Slack is on.
    const { createSlackSurface } = await import('./index.js');
    return createSlackSurface(settings, service, logger, { dedupe, tickets, misses });
  },
});
