import { Redis } from 'ioredis';
import type { Logger } from '../surface.js';
import { DEDUPE_TTL_MS, type DedupeStore } from './dedupe.js';
import { reasonOf, redacted } from './redacted.js';

const PREFIX = 'whocommissions:seen:';

/**
 * De-duplication shared by every copy of the server: `SET key 1 NX PX ttl` is atomic in Redis, so of
 * two copies offered the same delivery exactly one gets true. Start-up fails with a clear message if
 * Redis cannot be reached; later outages are logged and deliveries answered (possibly twice) rather
 * than dropped.
 */
export async function redisDedupe(
  url: string,
  logger: Logger,
  options: { ttlMs?: number } = {},
): Promise<DedupeStore> {
  const ttlMs = options.ttlMs ?? DEDUPE_TTL_MS;
  const client = new Redis(url, {
    lazyConnect: true,
    // Fail a command at once while disconnected instead of queueing it: a reply must not wait on Redis.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2000,
    connectTimeout: 5000,
  });
  let lastWarning = 0;
  const warn = (error: unknown, what: string) => {
    // ioredis reports every reconnect attempt; once every 30 s is enough for a person to act on.
    if (Date.now() - lastWarning < 30_000) return;
    lastWarning = Date.now();
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
      `REDIS_URL=${redacted(url)} could not be reached (${reasonOf(firstError ?? error)}): start Redis there, correct REDIS_URL, or unset it to keep de-duplication in this process`,
      { cause: firstError ?? error },
    );
  }
  return {
    kind: 'redis',
    async firstTime(key) {
      try {
        return (await client.set(`${PREFIX}${key}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
      } catch (error) {
        warn(error, 'unreachable, so a redelivery may be answered twice until it is back');
        return true;
      }
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
