import { fileSource, type ReportSource } from '../cli/report.js';
import { createLogbook, type Logbook } from '../logbook.js';
import type { MissStore } from '../misses/store.js';
import { type DedupeStore, memoryDedupe } from '../stores/dedupe.js';
import { memoryRecall, type RecallStore } from '../stores/recall.js';
import type { Logger } from '../surface.js';
import type { TicketStore } from '../tickets/store.js';
import type { Config } from './config.js';

/**
 * Where the server keeps what must outlive a request: seen deliveries, each conversation's last
 * question, feedback, unanswered questions.
 */
export interface Stores {
  dedupe: DedupeStore;
  recall: RecallStore;
  logbook: Logbook;
  /** "Ask an expert" tickets, beside the feedback: JSON lines in DATA_DIR or rows in PostgreSQL. */
  tickets: TicketStore;
  /** Reads back the unanswered questions and feedback, for the maintainers' page. */
  log: ReportSource;
  /** "Not what I asked" presses: PostgreSQL with DATABASE_URL, else Redis with REDIS_URL, else DATA_DIR. */
  misses: MissStore;
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
  let logbook: Logbook | undefined;
  let tickets: TicketStore | undefined;
  let log: (ReportSource & { close?(): Promise<void> }) | undefined;
  let misses: MissStore | undefined;
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
    tickets = config.databaseUrl
      ? await (await import('../stores/pg-tickets.js')).pgTickets(config.databaseUrl, logger)
      : await (await import('../stores/jsonl-tickets.js')).jsonlTickets(config.dataDir);
    log = config.databaseUrl
      ? await (await import('../cli/report-pg.js')).pgSource(config.databaseUrl, (error) =>
          logger.warn({ err: error }, `PostgreSQL (maintainers' page): ${error.message}`),
        )
      : fileSource(config.dataDir);
    misses = await openMisses(config, logger);
  } catch (error) {
    await Promise.allSettled([
      dedupe.close(),
      recall.close(),
      logbook?.close?.(),
      tickets?.close?.(),
      log?.close?.(),
    ]);
    throw error;
  }
  return withClose({ dedupe, recall, logbook, tickets, log, misses }, log);
}

/** The stores opened, with one close for all (the logbook flushed first). */
function withClose(stores: Omit<Stores, 'close'>, log: { close?(): Promise<void> }): Stores {
  return {
    ...stores,
    async close() {
      await stores.logbook.flush();
      await Promise.allSettled([
        stores.logbook.close?.(),
        stores.tickets.close?.(),
        log.close?.(),
        stores.misses.close?.(),
        stores.dedupe.close(),
        stores.recall.close(),
      ]);
    },
  };
}

/** Where "Not what I asked" presses go: shared by every copy when PostgreSQL or Redis is set. */
export async function openMisses(
  config: Pick<Config, 'databaseUrl' | 'redisUrl' | 'dataDir'>,
  logger: Logger,
): Promise<MissStore> {
  if (config.databaseUrl)
    return (await import('../stores/pg-misses.js')).pgMisses(config.databaseUrl, logger);
  if (config.redisUrl)
    return (await import('../stores/redis-misses.js')).redisMisses(config.redisUrl, logger);
  return (await import('../stores/jsonl-misses.js')).jsonlMisses(config.dataDir);
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
