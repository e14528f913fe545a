import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** An unset variable and an empty one (`FOO=` in a .env file) mean the same: not configured. */
const optionalText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);

const flag = (name: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z
      .enum(['true', 'false', '1', '0'], { error: `${name} must be true or false` })
      .optional()
      .transform((value) => value === 'true' || value === '1'),
  );

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The environment as the server reads it; every message names the variable and says how to fix it. */
export const EnvSchema = z
  .object({
    PORT: z.preprocess(
      (value) => (value === undefined || value === '' ? '3978' : value),
      z
        .string()
        .regex(/^\d+$/, 'PORT must be a whole number between 0 and 65535, e.g. PORT=3978')
        .transform(Number)
        .refine((port) => port <= 65535, 'PORT must be a whole number between 0 and 65535, e.g. PORT=3978'),
    ),
    HOST: optionalText.transform((host) => host ?? '127.0.0.1'),
    DATA_DIR: optionalText.transform((dir) => resolve(dir ?? 'data')),
    KNOWLEDGE_DIR: optionalText
      .transform((dir) => (dir === undefined ? undefined : resolve(dir)))
      .refine(
        (dir) => dir === undefined || isDirectory(dir),
        'KNOWLEDGE_DIR is not a folder: point it at a folder of knowledge YAML files, or unset it to use ./knowledge',
      ),
    LOG_LEVEL: z.preprocess(
      (value) => (value === undefined || value === '' ? 'info' : value),
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent',
      }),
    ),
    SLACK_BOT_TOKEN: optionalText.refine(
      (token) => token === undefined || token.startsWith('xoxb-'),
      'SLACK_BOT_TOKEN must be a bot token starting with xoxb- (Slack app → OAuth & Permissions → Bot User OAuth Token)',
    ),
    SLACK_APP_TOKEN: optionalText.refine(
      (token) => token === undefined || token.startsWith('xapp-'),
      'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Slack app → Basic Information → App-Level Tokens, scope connections:write)',
    ),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_API_URL: optionalText.refine(
      (url) => url === undefined || URL.canParse(url),
      'SLACK_API_URL must be a full URL such as https://slack.com/api/ (leave it unset for the real Slack)',
    ),
    MicrosoftAppId: optionalText.refine(
      (id) => id === undefined || GUID.test(id),
      'MicrosoftAppId must be the bot’s Application (client) ID, a GUID like 00000000-0000-0000-0000-000000000000',
    ),
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText.refine(
      (id) => id === undefined || GUID.test(id),
      'MicrosoftAppTenantId must be your Directory (tenant) ID, a GUID',
    ),
    MicrosoftAppType: z.preprocess(
      (value) => (value === undefined || value === '' ? 'MultiTenant' : value),
      z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        error:
          'MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI (as in the Azure Bot resource)',
      }),
    ),
    TEAMS_ALLOW_UNAUTHENTICATED: flag('TEAMS_ALLOW_UNAUTHENTICATED'),
  })
  .superRefine((env, ctx) => {
    const fail = (variable: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [variable], message });
    const slackConnection = env.SLACK_APP_TOKEN ?? env.SLACK_SIGNING_SECRET;
    if (env.SLACK_BOT_TOKEN && !slackConnection) {
      fail(
        'SLACK_BOT_TOKEN',
        'SLACK_BOT_TOKEN is set but Slack cannot reach the bot: also set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (events at /slack/events)',
      );
    }
    if (!env.SLACK_BOT_TOKEN && slackConnection) {
      const which = env.SLACK_APP_TOKEN ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET';
      fail(
        which,
        `${which} is set but SLACK_BOT_TOKEN is not: set SLACK_BOT_TOKEN (xoxb-…) too, or unset ${which}`,
      );
    }
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      fail(
        'MicrosoftAppPassword',
        'MicrosoftAppId is set but MicrosoftAppPassword is not: set it to the client secret of the bot’s app registration',
      );
    }
    if (!env.MicrosoftAppId && env.MicrosoftAppPassword) {
      fail('MicrosoftAppId', 'MicrosoftAppPassword is set but MicrosoftAppId is not: set MicrosoftAppId too');
    }
    if (env.MicrosoftAppType === 'UserAssignedMSI' && env.MicrosoftAppPassword) {
      fail(
        'MicrosoftAppPassword',
        'MicrosoftAppType=UserAssignedMSI signs in with a managed identity: unset MicrosoftAppPassword',
      );
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      fail(
        'MicrosoftAppTenantId',
        `MicrosoftAppType=${env.MicrosoftAppType} needs MicrosoftAppTenantId, the Directory (tenant) ID the bot was registered in`,
      );
    }
    if (env.TEAMS_ALLOW_UNAUTHENTICATED && env.MicrosoftAppId) {
      fail(
        'TEAMS_ALLOW_UNAUTHENTICATED',
        'TEAMS_ALLOW_UNAUTHENTICATED=true turns authentication off, which makes no sense with MicrosoftAppId set: unset one of them',
      );
    }
    if (env.TEAMS_ALLOW_UNAUTHENTICATED && !LOOPBACK.has(env.HOST)) {
      fail(
        'TEAMS_ALLOW_UNAUTHENTICATED',
        `TEAMS_ALLOW_UNAUTHENTICATED=true would accept anyone's messages on ${env.HOST}: use it only with HOST=127.0.0.1 (for the Bot Framework Emulator)`,
      );
    }
  });

export interface SlackConfig {
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  apiUrl?: string;
}

export interface TeamsConfig {
  appId: string;
  appPassword: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  allowUnauthenticated: boolean;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Unset means the repository's knowledge/ folder. */
  knowledgeDir?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  slack?: SlackConfig;
  teams?: TeamsConfig;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Reads the server's settings from environment variables; never throws. */
export function parseConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, errors: [...new Set(parsed.error.issues.map((issue) => issue.message))] };
  }
  const e = parsed.data;
  const slack: SlackConfig | undefined = e.SLACK_BOT_TOKEN
    ? {
        botToken: e.SLACK_BOT_TOKEN,
        appToken: e.SLACK_APP_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        apiUrl: e.SLACK_API_URL,
      }
    : undefined;
  const teams: TeamsConfig | undefined =
    e.MicrosoftAppId || e.TEAMS_ALLOW_UNAUTHENTICATED
      ? {
          appId: e.MicrosoftAppId ?? '',
          appPassword: e.MicrosoftAppPassword ?? '',
          tenantId: e.MicrosoftAppTenantId,
          appType: e.MicrosoftAppType,
          allowUnauthenticated: e.TEAMS_ALLOW_UNAUTHENTICATED,
        }
      : undefined;
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      dataDir: e.DATA_DIR,
      knowledgeDir: e.KNOWLEDGE_DIR,
      logLevel: e.LOG_LEVEL,
      slack,
      teams,
    },
  };
}

/** Whether only this machine can reach the server. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}
