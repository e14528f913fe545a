import { createSeen } from '../seen.js';

/**
 * Remembers which deliveries were already taken, so a redelivered Slack event, slash command, button
 * click or Teams activity is answered once. In process memory by default; with REDIS_URL, shared by
 * every copy of the server (see redis-dedupe.ts).
 */
export interface DedupeStore {
  /** Which store this is, for the start-up line and the logs. */
  readonly kind: 'memory' | 'redis';
  /**
   * True the first time `key` is offered (within the store's time to live), false for every repeat.
   * If the store cannot be asked, resolves true: answering twice is better than losing a question.
   */
  firstTime(key: string): Promise<boolean>;
  close(): Promise<void>;
}

/** How long a delivery id is remembered: Slack retries for about 5 minutes, Bot Framework less. */
export const DEDUPE_TTL_MS = 30 * 60_000;

/** The store of one process; what `npm start` uses when REDIS_URL is unset. */
export function memoryDedupe(options: { ttlMs?: number; max?: number } = {}): DedupeStore {
  const firstTime = createSeen({ ttlMs: options.ttlMs ?? DEDUPE_TTL_MS, max: options.max });
  return {
    kind: 'memory',
    firstTime: async (key) => firstTime(key),
    close: async () => {},
  };
}
