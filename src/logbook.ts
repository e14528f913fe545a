import { appendFile, mkdir, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeedbackEntry, UnansweredEntry } from './schemas/feedback.js';

export const FEEDBACK_FILE = 'feedback.jsonl';
export const UNANSWERED_FILE = 'unanswered.jsonl';

/**
 * Where feedback clicks and unanswered questions go, for the maintainers' report: JSON lines under
 * DATA_DIR by default, rows in PostgreSQL with DATABASE_URL (see stores/pg-logbook.ts).
 */
export interface Logbook {
  /** Resolves once the entry is stored, so a surface acknowledges only what is kept; rejects if it cannot be. */
  feedback(entry: FeedbackEntry): Promise<void>;
  unanswered(entry: UnansweredEntry): Promise<void>;
  /** Resolves when everything written so far is stored. */
  flush(): Promise<void>;
  close?(): Promise<void>;
}

/** A logbook that keeps nothing (the CLI, and tests that do not look at the log). */
export const nullLogbook: Logbook = {
  feedback: async () => {},
  unanswered: async () => {},
  flush: async () => {},
};

/** Beyond this size a log file takes no more entries, so a flood of questions cannot fill the disk. */
export const MAX_LOG_BYTES = 50 * 1024 * 1024;

export interface LogbookOptions {
  /** A write failed; the caller's promise rejects too. */
  onError?: (error: unknown) => void;
  /** A file reached `maxBytes` and entries are being skipped; called once until it has room again. */
  onFull?: (file: string, maxBytes: number) => void;
  /** A file ended in a torn line (a crash mid-write) and was given its missing line end. */
  onRepaired?: (file: string) => void;
  /** Largest size of each file, in bytes (default 50 MB). */
  maxBytes?: number;
}

/**
 * Appends JSON lines under `dataDir`. Entries waiting while a write runs go out together in the next
 * one, so a burst costs a few writes, and each caller's promise resolves once its line is in the file:
 * an acknowledged entry survives a crash of the process. A file at its size limit takes no more
 * entries until it is moved away or trimmed.
 */
export function createLogbook(dataDir: string, options: LogbookOptions = {}): Logbook {
  const started = mkdir(dataDir, { recursive: true });
  const writers = new Map<string, FileWriter>();
  const writer = (file: string) => {
    let w = writers.get(file);
    if (!w) {
      w = fileWriter(join(dataDir, file), file, started, options);
      writers.set(file, w);
    }
    return w;
  };
  const append = (file: string, entry: object) => writer(file).append(`${JSON.stringify(entry)}\n`);
  return {
    feedback: (entry) => append(FEEDBACK_FILE, entry),
    unanswered: (entry) => append(UNANSWERED_FILE, entry),
    flush: async () => {
      await Promise.all([...writers.values()].map((w) => w.idle()));
    },
  };
}

interface FileWriter {
  append(line: string): Promise<void>;
  idle(): Promise<void>;
}

interface Waiting {
  line: string;
  resolve(): void;
  reject(error: unknown): void;
}

function fileWriter(
  path: string,
  file: string,
  started: Promise<unknown>,
  options: LogbookOptions,
): FileWriter {
  const maxBytes = options.maxBytes ?? MAX_LOG_BYTES;
  // Before the first write: a line torn by a crash would otherwise swallow the next entry.
  const ready = started
    .then(() => repairTornLine(path))
    .then((repaired) => {
      if (repaired) options.onRepaired?.(file);
    });
  let waiting: Waiting[] = [];
  let running: Promise<void> | undefined;
  let full = false;

  const writeBatch = async (batch: Waiting[]) => {
    await ready;
    // Asked each time, so a file moved away or trimmed takes entries again at once.
    let size = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    let text = '';
    for (const { line } of batch) {
      const bytes = Buffer.byteLength(line);
      if (size + bytes > maxBytes) break;
      size += bytes;
      text += line;
    }
    if (text.length < batch.reduce((n, w) => n + w.line.length, 0)) {
      if (!full) options.onFull?.(file, maxBytes);
      full = true;
    } else full = false;
    if (text) await appendFile(path, text, 'utf8');
  };

  const drain = async () => {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await writeBatch(batch);
        for (const w of batch) w.resolve();
      } catch (error) {
        options.onError?.(error);
        for (const w of batch) w.reject(error);
      }
    }
    running = undefined;
  };

  return {
    append: (line) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ line, resolve, reject });
        running ??= drain();
      }),
    idle: async () => {
      while (running) await running;
    },
  };
}

/** Ends a file whose last line has no line end with one; true if it did. Missing files are fine. */
export async function repairTornLine(path: string): Promise<boolean> {
  const handle = await open(path, 'r+').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!handle) return false;
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] === 0x0a) return false;
    await handle.write('\n', size);
    return true;
  } finally {
    await handle.close();
  }
}
