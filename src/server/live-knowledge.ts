import { createEngine, DEFAULT_KNOWLEDGE_DIR, type Engine } from '../engine.js';
import { formatProblem, KnowledgeLoadError } from '../knowledge/problems.js';
import { type KnowledgeWatcher, watchKnowledge } from '../knowledge/watch.js';
import type { Logbook } from '../logbook.js';
import type { KnowledgeProblem } from '../service.js';
import type { Logger } from '../surface.js';

export interface LiveKnowledgeOptions {
  knowledgeDir?: string;
  logbook: Logbook;
  logger: Logger;
  now?: () => Date;
  /** Watch the folder and reload on change (default true). */
  watch?: boolean;
  debounceMs?: number;
  /** How long a folder that lost a whole file must stay unchanged before it is served (see EngineOptions). */
  stableMs?: number;
  /** Build the knowledge's indexes before people ask (see EngineOptions.warm). */
  warm?: boolean;
  /** Plain words for a person watching the terminal while editing YAML (the log has the same, as JSON). */
  tell?: (text: string) => void;
}

/** The engine once knowledge has loaded, kept current as files change. */
export interface LiveKnowledge {
  /** Undefined until the knowledge has loaded once. */
  engine(): Engine | undefined;
  /** Why the first load has not succeeded yet; empty once an engine exists (see engine.summary().problems). */
  startupProblems(): KnowledgeProblem[];
  /** Resolves with the engine when the knowledge first loads (possibly after a fix on disk). */
  ready: Promise<Engine>;
  /** Resolves when no reload is running or waiting. */
  settled(): Promise<void>;
  close(): void;
}

/**
 * Loads the knowledge and reloads it on every change. A broken edit never replaces good knowledge
 * (the engine swaps only a fully valid load); if the very first load fails, the server stays up,
 * not ready, and tries again on the next save.
 */
export function startLiveKnowledge(options: LiveKnowledgeOptions): LiveKnowledge {
  const dir = options.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR;
  const { logger } = options;
  let engine: Engine | undefined;
  let startupProblems: KnowledgeProblem[] = [];
  let markReady: (engine: Engine) => void = () => {};
  const ready = new Promise<Engine>((resolve) => {
    markReady = resolve;
  });

  const tell = options.tell ?? (() => {});
  let broken = false;
  const logProblems = (problems: KnowledgeProblem[], what: string) => {
    broken = true;
    const lines = problems.map(formatProblem);
    logger.warn(
      { problems: lines },
      `${what}: ${problems.length} problem(s) in the knowledge files\n${lines.join('\n')}`,
    );
    tell(`${what}: ${problems.length} problem(s) in the knowledge files\n  ${lines.join('\n  ')}`);
  };
  const fixed = (what: string) => {
    if (broken) tell(`${what}: the knowledge files are valid again.`);
    broken = false;
  };

  const load = async () => {
    if (!engine) {
      // Where start-up time goes, in the log: imports end where loading starts (ms since the process began).
      const loadingFrom = performance.now();
      try {
        engine = await createEngine({
          knowledgeDir: dir,
          logbook: options.logbook,
          now: options.now,
          stableMs: options.stableMs,
          warm: options.warm,
        });
      } catch (error) {
        if (!(error instanceof KnowledgeLoadError)) throw error;
        startupProblems = error.problems;
        logProblems(error.problems, 'Knowledge not loaded; fix the files and save to try again');
        return;
      }
      startupProblems = [];
      const summary = engine.summary();
      const timing = {
        importedAtMs: Math.round(loadingFrom),
        loadMs: Math.round(performance.now() - loadingFrom),
      };
      logger.info({ topics: summary.topics, updated: summary.updated, dir, ...timing }, 'knowledge loaded');
      fixed('Knowledge loaded');
      markReady(engine);
      return;
    }
    const result = await engine.reload();
    if (result.held) {
      logger.info({ reason: result.held.reason }, `Knowledge not reloaded yet: ${result.held.reason}`);
      retryLater(result.held.retryInMs);
      return;
    }
    if (result.ok) {
      logger.info({ topics: result.summary.topics, updated: result.summary.updated }, 'knowledge reloaded');
      fixed('Knowledge reloaded');
    } else logProblems(result.problems, 'Knowledge NOT reloaded, still answering from the last good version');
  };

  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;
  /** Tries a held reload again later (a save in the meantime reloads sooner, through the watcher). */
  const retryLater = (ms: number) => {
    clearTimeout(retryTimer);
    if (closed) return;
    retryTimer = setTimeout(() => void enqueue(), ms);
  };

  // One load at a time, in order: the first load and reloads from the watcher share this queue.
  let queue = Promise.resolve();
  const enqueue = () => {
    queue = queue
      .then(load)
      .catch((error: unknown) => logger.error({ err: error }, 'loading knowledge failed'));
    return queue;
  };

  void enqueue();
  const watcher: KnowledgeWatcher | undefined =
    options.watch === false
      ? undefined
      : watchKnowledge(dir, enqueue, {
          debounceMs: options.debounceMs,
          onError: (error) =>
            logger.warn({ err: error, dir }, 'watching knowledge files failed; polling instead'),
        });

  return {
    engine: () => engine,
    startupProblems: () => startupProblems,
    ready,
    async settled() {
      await watcher?.settled();
      await queue;
    },
    close: () => {
      closed = true;
      clearTimeout(retryTimer);
      watcher?.close();
    },
  };
}
