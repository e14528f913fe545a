import pino from 'pino';
import type { Config } from './config.js';
import { chooseLogFormat, textDestination } from './log-format.js';

/**
 * The log on stdout: text a person can read when stdout is a terminal (or LOG_FORMAT=text), JSON
 * lines from pino for whatever collects them otherwise (or LOG_FORMAT=json).
 */
export function stdoutLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): pino.Logger {
  const tty = process.stdout.isTTY === true;
  if (chooseLogFormat(config.logFormat, tty) === 'json') return createLogger(config.logLevel);
  const colour = tty && !process.env.NO_COLOR;
  return createLogger(config.logLevel, textDestination(process.stdout, { colour }));
}

/** Structured JSON logs on stdout (pino), one line per event, for whatever collects them. */
export function createLogger(level: Config['logLevel'], destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      base: { service: 'whocommissions' },
      // Tokens never reach a log line, even if a library error object carries them.
      redact: [
        '*.botToken',
        '*.appToken',
        '*.signingSecret',
        '*.appPassword',
        '*.authorization',
        'req.headers.authorization',
      ],
    },
    destination,
  );
}
