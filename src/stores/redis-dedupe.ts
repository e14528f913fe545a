import type { Logger } from '../surface.js';
import { DEDUPE_TTL_MS, type DedupeStore } from './dedupe.js';
import { connectRedis } from './redis-client.js';

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
  const { client, warn } = await connectRedis(url, logger, 'de-duplication');
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
