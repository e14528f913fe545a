import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADAPTERS } from '../../adapters/index.js';
import type { Answer } from '../../src/schemas/answer.js';
import { parseConfig } from '../../src/server/config.js';
import { type RunningServer, startServer } from '../../src/server/server.js';
import type { Logger } from '../../src/surface.js';

export const REPO_KNOWLEDGE = fileURLToPath(new URL('../../knowledge/', import.meta.url));
/** "Today" in every test, so answers without a date do not drift. */
export const TODAY = new Date('2026-11-01T12:00:00Z');

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  obj: unknown;
  msg?: string;
}

export type RecordingLogger = Logger & {
  lines: LogLine[];
  fatal(obj: unknown, msg?: string): void;
  /** Resolves with the next line logged from now on that `matches`. */
  next(matches: (line: LogLine) => boolean): Promise<LogLine>;
};

/** A logger that keeps what it is told, so tests can read the log and wait for a line. */
export function recordingLogger(): RecordingLogger {
  const lines: LogLine[] = [];
  let waiting: { matches: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  const at = (level: LogLine['level']) => (obj: unknown, msg?: string) => {
    const line = { level, obj, msg };
    lines.push(line);
    const due = waiting.filter((w) => w.matches(line));
    waiting = waiting.filter((w) => !due.includes(w));
    for (const w of due) w.resolve(line);
  };
  return {
    lines,
    next: (matches) => new Promise((resolve) => waiting.push({ matches, resolve })),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
  };
}

/** A throwaway folder, removed by the returned cleanup. */
export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `whocommissions-${prefix}-`));
}

/** A copy of the repository's knowledge/ that a test may edit freely. */
export async function copyKnowledge(): Promise<string> {
  const dir = await tempDir('knowledge');
  await cp(REPO_KNOWLEDGE, dir, { recursive: true });
  return dir;
}

export interface TestServer extends RunningServer {
  logger: RecordingLogger;
  /** What the server told the person at the terminal, in plain words. */
  told: string[];
  dataDir: string;
  ask(body: unknown, headers?: Record<string, string>): Promise<Response>;
  answer(
    question: string,
    extra?: { asOf?: string; topicId?: string; conversation?: string },
  ): Promise<Answer>;
  /** Close the server and remove its folders. */
  dispose(): Promise<void>;
}

/** The real server on 127.0.0.1 and a free port, with the real engine, a pinned clock and quick reloads. */
export async function startTestServer(
  options: {
    knowledgeDir?: string;
    env?: Record<string, string>;
    waitReady?: boolean;
    reloadStableMs?: number;
  } = {},
): Promise<TestServer> {
  const dataDir = await tempDir('data');
  const parsed = parseConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DRAIN_SECONDS: '0',
      ...(options.knowledgeDir ? { KNOWLEDGE_DIR: options.knowledgeDir } : {}),
      ...options.env,
    },
    ADAPTERS,
  );
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const logger = recordingLogger();
  const told: string[] = [];
  const server = await startServer({
    tell: (text) => void told.push(text),
    config: parsed.config,
    logger,
    now: () => TODAY,
    reloadDebounceMs: 50,
    ...(options.reloadStableMs !== undefined ? { reloadStableMs: options.reloadStableMs } : {}),
    shutdownGraceMs: 2000,
  });
  if (options.waitReady !== false) await server.ready;

  const ask = (body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
    fetch(`${server.url}/api/ask`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    ...server,
    logger,
    told,
    dataDir,
    ask,
    async answer(question, extra = {}) {
      const response = await ask({ question, ...extra });
      if (response.status !== 200)
        throw new Error(`/api/ask answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as Answer;
    },
    async dispose() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
      if (options.knowledgeDir && options.knowledgeDir !== REPO_KNOWLEDGE) {
        await rm(options.knowledgeDir, { recursive: true, force: true });
      }
    },
  };
}

/** A line the knowledge loader logs when a load or reload ends, whatever its outcome. */
export const isKnowledgeLine = (line: LogLine) =>
  /knowledge (not )?(re)?loaded|loading knowledge failed/i.test(line.msg ?? '');

/**
 * Resolves with `check`'s value once it passes, trying it again each time the server logs the end of a
 * (re)load: for effects that arrive through the file watcher. No deadline of its own, so a busy machine
 * only makes it slower; the test's own timeout is the one limit.
 */
export async function afterReloads<T>(logger: RecordingLogger, check: () => Promise<T> | T): Promise<T> {
  for (;;) {
    // Listening before checking: a reload that ends during the check is not missed.
    const reloaded = logger.next(isKnowledgeLine);
    try {
      return await check();
    } catch {
      await reloaded;
    }
  }
}

/** Polls until `check` passes or the time runs out; for effects that arrive through the file watcher. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
