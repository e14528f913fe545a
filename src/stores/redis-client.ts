import { Redis } from 'ioredis';
import type { Logger } from '../surface.js';
import { reasonOf, redacted } from './redacted.js';

/** A connected Redis client and a warning that says what an outage costs, at most every 30 s. */
export interface RedisConnection {
  client: Redis;
  warn(error: unknown, what: string): void;
}

/**
 * Connects to REDIS_URL for one store. Start-up fails with a clear message if Redis cannot be
 * reached; later outages are the caller's to log (through `warn`) and survive.
 */
export async function connectRedis(url: string, logger: Logger, keepsWhat: string): Promise<RedisConnection> {
  const client = new Redis(url, {
    lazyConnect: true,
    // Fail a command at once while disconnected instead of queueing it: a reply must not wait on Redis.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2000,
    connectTimeout: 5000,
  });
  // Per warning, not one for all: the socket's "connection problem" often comes first, and must not
  // hide what the outage costs ("a redelivery may be answered twice"), which is what a person acts on.
  const lastWarning = new Map<string, number>();
  const warn = (error: unknown, what: string) => {
    // ioredis reports every reconnect attempt; once every 30 s is enough for a person to act on.
    if (Date.now() - (lastWarning.get(what) ?? 0) < 30_000) return;
    lastWarning.set(what, Date.now());
    logger.warn({ err: error, redis: redacted(url) }, `Redis: ${what} (${reasonOf(error)})`);
  };
  let connected = false;
  // Before the first connection the socket's own error (ECONNREFUSED) says more than connect()'s.
  let firstError: unknown;
  client.on('error', (error) => {
    if (connected) warn(error, 'connection problem; retrying');
    else firstError ??= error;
  });
  try {
    await client.connect();
    await client.ping();
    connected = true;
  } catch (error) {
    client.disconnect();
    throw new Error(
      `REDIS_URL=${redacted(url)} could not be reached (${reasonOf(firstError ?? error)}): start Redis there, correct REDIS_URL, or unset it to keep ${keepsWhat} in this process`,
      { cause: firstError ?? error },
    );
  }
  return { client, warn };
}
