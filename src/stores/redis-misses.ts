import type { Redis } from 'ioredis';
import type { MissStore } from '../misses/store.js';
import { Miss } from '../schemas/miss.js';
import type { Logger } from '../surface.js';
import { connectRedis } from './redis-client.js';

const PREFIX = 'whocommissions:miss:';
const BY_KEY = 'whocommissions:miss-key:';
/** Every miss's id, scored by when it was recorded: the list maintainers read, newest first. */
export const MISS_INDEX = 'whocommissions:misses';
/** Redis holds misses in memory: each is kept this long (180 days), and at most MAX_KEPT of them. */
export const MISS_TTL_MS = 180 * 24 * 3600_000;
const MAX_KEPT = 50_000;

/** Sets a key only if it still holds what was read from it (no lost update between two copies). */
const SWAP = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') return 1 end return 0`;

function parse(stored: string | null): Miss | undefined {
  if (stored === null) return undefined;
  try {
    const parsed = Miss.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Misses as Redis keys, shared by every copy of the server; written in a transaction with their index entry. */
export function redisMissStore(client: Redis, options: { ttlMs?: number } = {}): MissStore {
  const ttlMs = options.ttlMs ?? MISS_TTL_MS;
  const get = async (id: string) => parse(await client.get(`${PREFIX}${id}`));
  return {
    kind: 'redis',
    async record(miss) {
      // The key is claimed first, atomically: of two copies taking the same press, one records it.
      const claimed = await client.set(`${BY_KEY}${miss.key}`, miss.id, 'PX', ttlMs, 'NX');
      if (claimed !== 'OK') {
        const id = (await client.get(`${BY_KEY}${miss.key}`)) ?? miss.id;
        return { miss: (await get(id)) ?? { ...miss, id }, created: false };
      }
      const at = Date.parse(miss.at);
      await client
        .multi()
        .set(`${PREFIX}${miss.id}`, JSON.stringify(miss), 'PX', ttlMs)
        .zadd(MISS_INDEX, at, miss.id)
        .zremrangebyscore(MISS_INDEX, '-inf', at - ttlMs)
        .zremrangebyrank(MISS_INDEX, 0, -(MAX_KEPT + 1))
        .exec();
      return { miss, created: true };
    },
    async update(id, change) {
      for (let tries = 0; tries < 5; tries++) {
        const stored = await client.get(`${PREFIX}${id}`);
        const current = parse(stored);
        const next = current && change(current);
        if (!next || stored === null) return undefined;
        if (await client.eval(SWAP, 1, `${PREFIX}${id}`, stored, JSON.stringify(next))) return next;
      }
      throw new Error(`miss ${id} kept changing while it was being updated; try again`);
    },
    async list(limit = 5000) {
      const ids = await client.zrevrange(MISS_INDEX, 0, limit - 1);
      if (ids.length === 0) return [];
      const stored = await client.mget(ids.map((id) => `${PREFIX}${id}`));
      return stored.map(parse).filter((m): m is Miss => m !== undefined);
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

/** Connects to REDIS_URL for the misses; start-up fails with a clear message if it cannot. */
export async function redisMisses(url: string, logger: Logger): Promise<MissStore> {
  const { client } = await connectRedis(url, logger, '"Not what I asked" misses (in DATA_DIR)');
  return redisMissStore(client);
}
