import { Recall } from '../schemas/recall.js';
import type { Logger } from '../surface.js';
import { RECALL_TTL_MS, type RecallStore } from './recall.js';
import { connectRedis } from './redis-client.js';

const PREFIX = 'whocommissions:recall:';

/**
 * Each conversation's last question, shared by every copy of the server: the follow-up in a thread
 * may reach another copy than the question did. Redis expires it (PX). An outage loses follow-ups
 * (they are read as new questions), never answers.
 */
export async function redisRecall(
  url: string,
  logger: Logger,
  options: { ttlMs?: number } = {},
): Promise<RecallStore> {
  const ttlMs = options.ttlMs ?? RECALL_TTL_MS;
  const { client, warn } = await connectRedis(url, logger, 'follow-up questions');
  const lost = (error: unknown) =>
    warn(error, 'unreachable, so follow-up questions are read as new questions until it is back');
  return {
    kind: 'redis',
    async get(conversation) {
      let stored: string | null;
      try {
        stored = await client.get(`${PREFIX}${conversation}`);
      } catch (error) {
        lost(error);
        return undefined;
      }
      // Written by an older or newer version, or by hand: read as no earlier question.
      return stored === null ? undefined : readRecall(stored);
    },
    async set(conversation, recall) {
      try {
        await client.set(`${PREFIX}${conversation}`, JSON.stringify(recall), 'PX', ttlMs);
      } catch (error) {
        lost(error);
      }
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

function readRecall(stored: string): Recall | undefined {
  try {
    const parsed = Recall.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
