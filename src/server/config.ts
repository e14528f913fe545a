import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { SlackConfig } from '../../adapters/slack/config.js';
import { TeamsConfig } from '../../adapters/teams/config.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** An unset variable and an empty one (`FOO=` in a .env file) mean the same: not configured. */
const optionalText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);

/** true/false, or 1/0 as many tools write flags; unset is false. */
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

/** An optional URL whose scheme is one of `schemes`; the message shows an example. */
const urlWithScheme = (name: string, schemes: string[], example: string) =>
  optionalText.refine(
    (value) => {
      if (value === undefined) return true;
      try {
        return schemes.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `${name} must be a URL starting ${schemes.map((s) => `${s}//`).join(' or ')}, e.g. ${example}; unset it to run without`,
  );

const DRAIN_MESSAGE =
  'DRAIN_SECONDS must be a number of seconds between 0 and 600, e.g. DRAIN_SECONDS=10 (0 stops at once)';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
  error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent',
});

/** What the server runs with: its own settings, and each surface's settings in that adapter's schema. */
const ConfigSchema = z.object({
  port: z.number(),
  host: z.string(),
  dataDir: z.string(),
  /** Unset means the repository's knowledge/ folder. */
  knowledgeDir: z.string().optional(),
  logLevel: LogLevel,
  /** How long to keep answering after SIGTERM, with /readyz at 503, before stopping. */
  drainMs: z.number(),
  /** The web chat (page and /api/*); off on a public deployment that serves only Slack and Teams. */
  webChat: z.boolean(),
  /** Set: de-duplication in this Redis, shared by every copy. Unset: in this process's memory. */
  redisUrl: z.string().optional(),
  /** Set: feedback and unanswered questions as rows in this PostgreSQL. Unset: JSON lines in dataDir. */
  databaseUrl: z.string().optional(),
  slack: SlackConfig.optional(),
  teams: TeamsConfig.optional(),
});
export type Config = z.output<typeof ConfigSchema>;

/**
 * The environment as the server reads it; every message names the variable and says how to fix it.
 * Each variable is checked by the schema of the setting it fills (the Slack and Teams adapters own
 * theirs); only what is about the variables themselves (which go together, which HOST) is here.
 */
const EnvSchema = z
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
    LOG_LEVEL: z.preprocess((value) => (value === undefined || value === '' ? 'info' : value), LogLevel),
    DRAIN_SECONDS: z.preprocess(
      (value) => (value === undefined || value === '' ? '10' : value),
      z
        .string()
        .regex(/^\d+(\.\d+)?$/, DRAIN_MESSAGE)
        .transform(Number)
        .refine((seconds) => seconds <= 600, DRAIN_MESSAGE),
    ),
    REDIS_URL: urlWithScheme('REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    DATABASE_URL: urlWithScheme(
      'DATABASE_URL',
      ['postgres:', 'postgresql:'],
      'postgres://user:password@127.0.0.1:5432/whocommissions',
    ),
    SLACK_BOT_TOKEN: optionalText.pipe(SlackConfig.shape.botToken.optional()),
    SLACK_APP_TOKEN: optionalText.pipe(SlackConfig.shape.appToken.optional()),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_API_URL: optionalText.pipe(SlackConfig.shape.apiUrl.optional()),
    MicrosoftAppId: optionalText.pipe(TeamsConfig.shape.appId.optional()),
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText.pipe(TeamsConfig.shape.tenantId.optional()),
    MicrosoftAppType: optionalText.pipe(TeamsConfig.shape.appType),
    TEAMS_ALLOW_UNAUTHENTICATED: flag('TEAMS_ALLOW_UNAUTHENTICATED'),
    // On unless turned off: npm start with nothing set is the web chat.
    WEB_CHAT: z.preprocess(
      (value) => (value === undefined || value === '' ? 'true' : value),
      flag('WEB_CHAT'),
    ),
  })
  .superRefine((env, ctx) => {
    const fail = (variable: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [variable], message });
    if (!env.SLACK_BOT_TOKEN && (env.SLACK_APP_TOKEN ?? env.SLACK_SIGNING_SECRET)) {
      const which = env.SLACK_APP_TOKEN ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET';
      fail(
        which,
        `${which} is set but SLACK_BOT_TOKEN is not: set SLACK_BOT_TOKEN (xoxb-…) too, or unset ${which}`,
      );
    }
    if (!env.MicrosoftAppId && env.MicrosoftAppPassword) {
      fail('MicrosoftAppId', 'MicrosoftAppPassword is set but MicrosoftAppId is not: set MicrosoftAppId too');
    }
    if (env.TEAMS_ALLOW_UNAUTHENTICATED && !LOOPBACK.has(env.HOST)) {
      fail(
        'TEAMS_ALLOW_UNAUTHENTICATED',
        `TEAMS_ALLOW_UNAUTHENTICATED=true would accept anyone's messages on ${env.HOST}: use it only with HOST=127.0.0.1 (for the Bot Framework Emulator)`,
      );
    }
  })
  .transform(
    (e): z.input<typeof ConfigSchema> => ({
      port: e.PORT,
      host: e.HOST,
      dataDir: e.DATA_DIR,
      knowledgeDir: e.KNOWLEDGE_DIR,
      logLevel: e.LOG_LEVEL,
      drainMs: Math.round(e.DRAIN_SECONDS * 1000),
      webChat: e.WEB_CHAT,
      redisUrl: e.REDIS_URL,
      databaseUrl: e.DATABASE_URL,
      // Slack is on with a bot token; Teams with an app id, or without one only when asked for.
      slack: e.SLACK_BOT_TOKEN
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            appToken: e.SLACK_APP_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            apiUrl: e.SLACK_API_URL,
          }
        : undefined,
      teams:
        e.MicrosoftAppId || e.TEAMS_ALLOW_UNAUTHENTICATED
          ? {
              appId: e.MicrosoftAppId,
              appPassword: e.MicrosoftAppPassword,
              tenantId: e.MicrosoftAppTenantId,
              appType: e.MicrosoftAppType,
              allowUnauthenticated: e.TEAMS_ALLOW_UNAUTHENTICATED,
            }
          : undefined,
    }),
  )
  .pipe(ConfigSchema);

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Reads the server's settings from environment variables; never throws. */
export function parseConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, errors: [...new Set(parsed.error.issues.map((issue) => issue.message))] };
  }
  return { ok: true, config: parsed.data };
}

/** Whether only this machine can reach the server. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}
