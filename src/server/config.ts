import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Adapter, ServerFacts } from '../adapter.js';
import { messagesOf, optionalText } from '../env.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

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

const LogFormat = z.enum(['text', 'json'], {
  error: 'LOG_FORMAT must be text or json (unset: text at a terminal, JSON otherwise)',
});

/** The server's own settings; each adapter reads its own (see src/adapter.ts). */
const ConfigSchema = z.object({
  port: z.number(),
  host: z.string(),
  dataDir: z.string(),
  /** Unset means the repository's knowledge/ folder. */
  knowledgeDir: z.string().optional(),
  logLevel: LogLevel,
  /** text or json; unset, text when the log goes to a terminal and JSON otherwise. */
  logFormat: LogFormat.optional(),
  /** How long to keep answering after SIGTERM, with /readyz at 503, before stopping. */
  drainMs: z.number(),
  /** Set: de-duplication in this Redis, shared by every copy. Unset: in this process's memory. */
  redisUrl: z.string().optional(),
  /** Set: feedback and unanswered questions as rows in this PostgreSQL. Unset: JSON lines in dataDir. */
  databaseUrl: z.string().optional(),
  /** Set: /maintainers needs it for every request, this machine's too. Unset: only from this machine. */
  maintainersToken: z.string().optional(),
});

/** What the server runs with: its own settings, the adapters it ships with, and each one's settings. */
export type Config = z.output<typeof ConfigSchema> & {
  adapters: readonly Adapter[];
  /** Each adapter's settings by name; undefined for an adapter that is off. */
  settings: Readonly<Record<string, unknown>>;
};

/** The server's own variables; every message names the variable and says how to fix it. */
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
    LOG_FORMAT: z.preprocess((value) => (value === '' ? undefined : value), LogFormat.optional()),
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
    MAINTAINERS_TOKEN: optionalText.refine(
      (token) => token === undefined || (token.length >= 16 && !/\s/.test(token)),
      'MAINTAINERS_TOKEN must be at least 16 characters without spaces, e.g. from openssl rand -hex 24; unset it to open /maintainers only from this machine',
    ),
  })
  .transform(
    (e): z.input<typeof ConfigSchema> => ({
      port: e.PORT,
      host: e.HOST,
      dataDir: e.DATA_DIR,
      knowledgeDir: e.KNOWLEDGE_DIR,
      logLevel: e.LOG_LEVEL,
      logFormat: e.LOG_FORMAT,
      drainMs: Math.round(e.DRAIN_SECONDS * 1000),
      redisUrl: e.REDIS_URL,
      databaseUrl: e.DATABASE_URL,
      maintainersToken: e.MAINTAINERS_TOKEN,
    }),
  )
  .pipe(ConfigSchema);

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Reads the server's settings, and each adapter's, from environment variables; never throws. */
export function parseConfig(env: NodeJS.ProcessEnv, adapters: readonly Adapter[]): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  const errors = parsed.success ? [] : messagesOf(parsed.error);
  const host = parsed.success ? parsed.data.host : env.HOST?.trim() || '127.0.0.1';
  const facts: ServerFacts = { host, loopback: isLoopback(host) };
  const settings: Record<string, unknown> = {};
  for (const adapter of adapters) {
    const reading = adapter.readSettings(env, facts);
    if (reading.ok) settings[adapter.name] = reading.settings;
    else errors.push(...reading.errors);
  }
  if (!parsed.success || errors.length > 0) return { ok: false, errors: [...new Set(errors)] };
  return { ok: true, config: { ...parsed.data, adapters, settings } };
}

/** The facts about the server an adapter may check its settings against. */
export function serverFacts(config: Pick<Config, 'host'>): ServerFacts {
  return { host: config.host, loopback: isLoopback(config.host) };
}

/** Whether only this machine can reach the server. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}
