import { appendFile, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeedbackEntry, UnansweredEntry } from './schemas/feedback.js';

export const FEEDBACK_FILE = 'feedback.jsonl';
export const UNANSWERED_FILE = 'unanswered.jsonl';

/** Where feedback clicks and unanswered questions go, for the maintainers' report. */
export interface Logbook {
  feedback(entry: FeedbackEntry): void;
  unanswered(entry: UnansweredEntry): void;
  /** Resolves when everything written so far is on disk. */
  flush(): Promise<void>;
}

/** A logbook that keeps nothing (the CLI, and tests that do not look at the log). */
export const nullLogbook: Logbook = {
  feedback() {},
  unanswered() {},
  flush: async () => {},
};

/** Beyond this size a log file takes no more entries, so a flood of questions cannot fill the disk. */
export const MAX_LOG_BYTES = 50 * 1024 * 1024;

export interface LogbookOptions {
  /** A write failed; the bot goes on. */
  onError?: (error: unknown) => void;
  /** A file reached `maxBytes` and entries are being skipped; called once until it has room again. */
  onFull?: (file: string, maxBytes: number) => void;
  /** Largest size of each file, in bytes (default 50 MB). */
  maxBytes?: number;
}

/**
 * Appends JSON lines under `dataDir`. Writes are queued, never awaited by the caller, so a slow
 * disk never delays a reply; a failed write is reported through `onError` and the bot goes on.
 * A file at its size limit takes no more entries until it is moved away or trimmed.
 */
export function createLogbook(dataDir: string, options: LogbookOptions = {}): Logbook {
  const onError = options.onError ?? (() => {});
  const maxBytes = options.maxBytes ?? MAX_LOG_BYTES;
  const full = new Set<string>();
  let queue: Promise<void> = mkdir(dataDir, { recursive: true }).then(
    () => {},
    (error: unknown) => onError(error),
  );
  const append = (file: string, entry: object) => {
    const line = `${JSON.stringify(entry)}\n`;
    queue = queue
      .then(async () => {
        const path = join(dataDir, file);
        // Asked each time, so a file moved away or trimmed takes entries again at once.
        const size = await stat(path).then(
          (stats) => stats.size,
          () => 0,
        );
        if (size + Buffer.byteLength(line) > maxBytes) {
          if (!full.has(file)) {
            full.add(file);
            options.onFull?.(file, maxBytes);
          }
          return;
        }
        full.delete(file);
        await appendFile(path, line, 'utf8');
      })
      .catch((error: unknown) => onError(error));
  };
  return {
    feedback: (entry) => append(FEEDBACK_FILE, entry),
    unanswered: (entry) => append(UNANSWERED_FILE, entry),
    flush: () => queue,
  };
}
