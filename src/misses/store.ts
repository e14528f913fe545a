import type { Miss } from '../schemas/miss.js';

/**
 * Where "Not what I asked" presses are kept for maintainers: JSON lines under DATA_DIR
 * (stores/jsonl-misses.ts), Redis with REDIS_URL (stores/redis-misses.ts), or rows in PostgreSQL with
 * DATABASE_URL (stores/pg-misses.ts), which wins when both are set.
 */
export interface MissStore {
  readonly kind: 'file' | 'redis' | 'postgres';
  /** Stores a miss, unless one with the same key exists: then that one, and created false. */
  record(miss: Miss): Promise<{ miss: Miss; created: boolean }>;
  /**
   * Changes one miss: `change` gets the stored miss and returns the new one, or undefined to leave it.
   * Resolves with the stored result, or undefined when there is no such miss or nothing changed.
   */
  update(id: string, change: (miss: Miss) => Miss | undefined): Promise<Miss | undefined>;
  /** The newest misses first. */
  list(limit?: number): Promise<Miss[]>;
  close?(): Promise<void>;
}

/** The most misses listed for the report and the maintainers' page. */
export const MISS_LIST_LIMIT = 5000;
