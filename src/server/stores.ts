import { createLogbook, type Logbook } from '../logbook.js';
import { type DedupeStore, memoryDedupe } from '../stores/dedupe.js';
import { memoryRecall, type RecallStore } from '../stores/recall.js';
import type { Logger } from '../surface.js';
import type { Config } from './config.js';

/**
 * Where the server keeps what must outlive a request: seen deliveries, each conversation's last
 * question, feedback, unanswered questions.
 */
export interface Stores {
  dedupe: DedupeStore;
  recall: RecallStore;
  logbook: Logbook;
  close(): Promise<void>;
}

/**
 * The stores the configuration asks for: Redis and PostgreSQL when their URLs are set (each client is
 * imported only then), process memory and JSON-lines files otherwise. Throws, naming the variable
 * and the fix, when a configured server cannot be reached: starting without it would quietly break
 * the guarantees that several copies rely on.
 */
export async function openStores(config: Config, logger: Logger): Promise<Stores> {
  const dedupe = config.redisUrl
    ? await (await import('../stores/redis-dedupe.js')).redisDedupe(config.redisUrl, logger)
    : memoryDedupe();
  let recall: RecallStore;
  let logbook: Logbook;
  try {
    recall = config.redisUrl
      ? await (await import('../stores/redis-recall.js')).redisRecall(config.redisUrl, logger)
      : memoryRecall();
  } catch (error) {
    await dedupe.close();
    throw error;
  }
  try {
    logbook = config.databaseUrl
      ? await (await import('../stores/pg-logbook.js')).pgLogbook(config.databaseUrl, logger)
      : fileLogbook(config, logger);
  } catch (error) {
    await Promise.allSettled([dedupe.close(), recall.close()]);
    throw error;
  }
  return {
    dedupe,
    recall,
    logbook,
    async close() {
      await logbook.flush();
      await Promise.allSettled([logbook.close?.(), dedupe.close(), recall.close()]);
    },
  };
}

function fileLogbook(config: Config, logger: Logger): Logbook {
  return createLogbook(config.dataDir, {
    onError: (error) =>
      logger.warn(
        { err: error, dataDir: config.dataDir },
        'could not write to DATA_DIR; the entry was not acknowledged',
      ),
    onFull: (file, maxBytes) =>
      logger.warn(
        { file, dataDir: config.dataDir, maxBytes },
        `${file} in DATA_DIR has reached ${Math.round(maxBytes / 1024 / 1024)} MB, so new entries are not written: ` +
          'read it with npm run report, then move it away or trim it to start logging again',
      ),
    onRepaired: (file) =>
      logger.warn(
        { file, dataDir: config.dataDir },
        `${file} in DATA_DIR ended in a line torn by a crash; it now ends that line, which npm run report skips`,
      ),
  });
}
