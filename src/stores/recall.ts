import type { Recall } from '../schemas/recall.js';

/**
 * The last question answered in each conversation, so a follow-up ("and in 2016?") can be read
 * against it. In process memory by default; with REDIS_URL, shared by every copy of the server
 * (see redis-recall.ts), since the next message of a thread may reach another copy.
 */
export interface RecallStore {
  readonly kind: 'memory' | 'redis';
  /** The last question of a conversation, if one was answered there within the time to live. */
  get(conversation: string): Promise<Recall | undefined>;
  /** Remembers the question just answered (replacing the one before). Never rejects. */
  set(conversation: string, recall: Recall): Promise<void>;
  close(): Promise<void>;
}

/** How long a conversation's last question is remembered: a follow-up comes within minutes. */
export const RECALL_TTL_MS = 30 * 60_000;

/** One process's memory of conversations, bounded; the clock is a parameter so tests can move it. */
export function memoryRecall(
  options: { ttlMs?: number; max?: number; now?: () => number } = {},
): RecallStore {
  const ttlMs = options.ttlMs ?? RECALL_TTL_MS;
  const max = options.max ?? 10_000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order; set() re-inserts, so the first entries are the oldest.
  const kept = new Map<string, { recall: Recall; at: number }>();
  return {
    kind: 'memory',
    async get(conversation) {
      const entry = kept.get(conversation);
      if (!entry) return undefined;
      if (now() - entry.at < ttlMs) return entry.recall;
      kept.delete(conversation);
      return undefined;
    },
    async set(conversation, recall) {
      kept.delete(conversation);
      kept.set(conversation, { recall, at: now() });
      for (const [key, entry] of kept) {
        if (kept.size <= max && now() - entry.at < ttlMs) break;
        kept.delete(key);
      }
    },
    close: async () => {},
  };
}
