import { type FSWatcher, watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface WatchOptions {
  /** Editors write a file in several steps; wait this long after the last event before reloading. */
  debounceMs?: number;
  /** Compare file times instead of using fs.watch: for network or bind-mounted folders where events go missing. */
  poll?: boolean;
  /** How often to compare when polling; polling is also the fallback when fs.watch fails. */
  pollMs?: number;
  /** Told when the watcher falls back to polling, or a reload throws. */
  onError?: (error: unknown) => void;
}

export interface KnowledgeWatcher {
  close(): void;
  /** Resolves when no reload is running or waiting: lets tests and shutdown wait for quiet. */
  settled(): Promise<void>;
}

/** Knowledge YAML, and the place tables (knowledge/places/*.csv). */
const isKnowledgeFile = (name: string | null) => name === null || /\.(ya?ml|csv)$/i.test(name);

/**
 * Calls `reload` after the YAML files (or place tables) under `dir` change. Reloads never overlap: a change during a
 * reload queues exactly one more, so the last edit always wins.
 */
export function watchKnowledge(
  dir: string,
  reload: () => Promise<void>,
  options: WatchOptions = {},
): KnowledgeWatcher {
  const debounceMs = options.debounceMs ?? 150;
  const onError = options.onError ?? (() => {});
  let timer: NodeJS.Timeout | undefined;
  let pending = false;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await reload();
        } catch (error) {
          onError(error);
        }
      } while (again && !closed);
      running = undefined;
    })();
    return running;
  };

  const changed = () => {
    if (closed) return;
    clearTimeout(timer);
    pending = true;
    timer = setTimeout(() => {
      pending = false;
      void run();
    }, debounceMs);
  };

  const pollMs = options.pollMs ?? 1000;
  let stopSource = options.poll
    ? startPolling(dir, changed, pollMs)
    : startFsWatch(dir, changed, (error) => {
        onError(error);
        stopSource();
        stopSource = startPolling(dir, changed, pollMs);
      });

  return {
    close() {
      closed = true;
      pending = false;
      clearTimeout(timer);
      stopSource();
    },
    async settled() {
      while (pending || running) {
        await (running ?? new Promise((resolve) => setTimeout(resolve, debounceMs)));
      }
    },
  };
}

/**
 * Watches every folder, each on its own (not recursively): Node's recursive watch on Linux follows each
 * file's inode, so a file saved by replacement (written to a new file and renamed over the old one, as
 * sed -i and many editors do) was never seen again. A folder's watch sees every name in it, whatever
 * inode it has. A new sub-folder is picked up on the event that creates it.
 */
function startFsWatch(dir: string, changed: () => void, failed: (error: unknown) => void): () => void {
  const watchers = new Map<string, FSWatcher>();
  let stopped = false;
  const add = (folder: string) => {
    if (stopped || watchers.has(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (_event, name) => {
        const text = name === null ? null : String(name);
        if (isKnowledgeFile(text)) changed();
        else void addFolders(dir, add).catch(failed);
      });
    } catch (error) {
      // A sub-folder removed between listing and watching is simply gone; the top folder must exist.
      if (folder !== dir && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    watcher.on('error', failed);
    watchers.set(folder, watcher);
  };
  try {
    add(dir);
  } catch (error) {
    // Defer so the caller has assigned its stop function before the fallback replaces it.
    queueMicrotask(() => failed(error));
    return () => {};
  }
  void addFolders(dir, add).catch(failed);
  return () => {
    stopped = true;
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}

/** Calls `add` for every sub-folder of `dir`. */
async function addFolders(dir: string, add: (folder: string) => void): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) if (entry.isDirectory()) add(join(entry.parentPath, entry.name));
}

/** Compares names, sizes and modification times of the knowledge files; cheap for a few dozen files. */
function startPolling(dir: string, changed: () => void, pollMs: number): () => void {
  let last: string | undefined;
  const tick = async () => {
    const now = await fingerprint(dir).catch(() => 'unreadable');
    if (last !== undefined && now !== last) changed();
    last = now;
  };
  void tick();
  const interval = setInterval(() => void tick(), pollMs);
  return () => clearInterval(interval);
}

async function fingerprint(dir: string): Promise<string> {
  const names = (await readdir(dir, { recursive: true })).filter((name) => isKnowledgeFile(name)).sort();
  const parts = await Promise.all(
    names.map(async (name) => {
      const info = await stat(join(dir, name));
      return `${name}:${info.size}:${info.mtimeMs}`;
    }),
  );
  return parts.join('|');
}
