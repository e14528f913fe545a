import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/surface.js';

const ORDER: LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/** A log part as text; a circular object must not make logging itself throw. */
function describe(part: unknown): string {
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}

/**
 * Bolt and the Socket Mode client log through this, so their lines land in the server's logger
 * (tagged `surface: slack`) instead of on the console in another format.
 */
export function boltLogger(logger: Logger, initial: LogLevel = LogLevel.INFO): BoltLogger {
  let level = initial;
  let name = 'bolt';
  const at = (wanted: LogLevel, write: (obj: unknown, msg?: string) => void) => {
    return (...parts: unknown[]) => {
      if (ORDER.indexOf(wanted) < ORDER.indexOf(level)) return;
      const err = parts.find((p) => p instanceof Error);
      const msg = parts
        .filter((p) => p !== err)
        .map(describe)
        .join(' ');
      write({ surface: 'slack', component: name, ...(err ? { err } : {}) }, msg);
    };
  };
  return {
    debug: at(LogLevel.DEBUG, (o, m) => logger.debug(o, m)),
    info: at(LogLevel.INFO, (o, m) => logger.info(o, m)),
    warn: at(LogLevel.WARN, (o, m) => logger.warn(o, m)),
    error: at(LogLevel.ERROR, (o, m) => logger.error(o, m)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}
