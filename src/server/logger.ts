import pino from 'pino';
import type { Config } from './config.js';

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
