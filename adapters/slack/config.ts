import { z } from 'zod';

/**
 * How the Slack surface connects: `botToken` plus either `appToken` (Socket Mode) or `signingSecret`
 * (HTTP mode). adapter.ts fills it from SLACK_* variables, so every message
 * names the variable and says where in the Slack app settings the right value is.
 */
export const SlackConfig = z
  .object({
    /** Bot User OAuth Token, `xoxb-…` (SLACK_BOT_TOKEN). Required in both modes. */
    botToken: z
      .string()
      .startsWith(
        'xoxb-',
        'SLACK_BOT_TOKEN must be a bot token starting with xoxb- (Slack app → OAuth & Permissions → Bot User OAuth Token)',
      ),
    /** App-level token with connections:write, `xapp-…` (SLACK_APP_TOKEN). When set, Socket Mode is used. */
    appToken: z
      .string()
      .startsWith(
        'xapp-',
        'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Slack app → Basic Information → App-Level Tokens, scope connections:write)',
      )
      .optional(),
    /** Signing Secret (SLACK_SIGNING_SECRET): HTTP mode on POST /slack/events when there is no app token. */
    signingSecret: z
      .string()
      .min(1, 'SLACK_SIGNING_SECRET is empty: copy it from Slack app → Basic Information → Signing Secret')
      .optional(),
    /** Web API base URL (SLACK_API_URL), e.g. https://slack-gov.com/api/ for GovSlack, or a stand-in in tests. */
    apiUrl: z
      .string()
      .refine(
        (url) => URL.canParse(url),
        'SLACK_API_URL must be a full URL such as https://slack.com/api/ (leave it unset for the real Slack)',
      )
      .optional(),
    /**
     * Channel ID of the experts' channel (SLACK_EXPERTS_CHANNEL): set, answers get an "Ask an expert"
     * button and tickets are posted there; unset, there is no button.
     */
    expertsChannel: z
      .string()
      .regex(
        /^[CG][A-Z0-9]{2,}$/,
        'SLACK_EXPERTS_CHANNEL must be a channel ID like C0123ABCDEF (open the channel → its name → About → Channel ID), not its name',
      )
      .optional(),
    /** How often a failed Web API call is retried (default 2; tests use 0 so a failure shows at once). */
    retries: z.number().int().min(0).optional(),
    /** How long start() waits for Socket Mode to connect before letting the server go on (default 15 s). */
    connectWaitMs: z.number().min(0).optional(),
  })
  .refine((config) => config.appToken !== undefined || config.signingSecret !== undefined, {
    path: ['botToken'],
    message:
      'SLACK_BOT_TOKEN is set but Slack cannot reach the bot: also set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (events at /slack/events)',
  });
export type SlackConfig = z.infer<typeof SlackConfig>;
