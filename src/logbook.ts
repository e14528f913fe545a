import { appendFile, mkdir } from 'node:fs/promises';
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

/**
 * Appends JSON lines under `dataDir`. Writes are queued, never awaited by the caller, so a slow
 * disk never delays a reply; a failed write is reported through `onError` and the bot goes on.
 */
export function createLogbook(dataDir: string, onError: (error: unknown) => void = () => {}): Logbook {
  let queue: Promise<void> = mkdir(dataDir, { recursive: true }).then(
    () => {},
    (error: unknown) => onError(error),
  );
  const append = (file: string, entry: object) => {
    queue = queue
      .then(() => appendFile(join(dataDir, file), `${JSON.stringify(entry)}\n`, 'utf8'))
      .catch((error: unknown) => onError(error));
  };
  return {
    feedback: (entry) => append(FEEDBACK_FILE, entry),
    unanswered: (entry) => append(UNANSWERED_FILE, entry),
    flush: () => queue,
  };
}
