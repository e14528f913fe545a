import { fileURLToPath } from 'node:url';
import { examplesToShow } from './help.js';
import {
  changedSince,
  type FileStamp,
  loadKnowledgeDir,
  lostFiles,
  type StampedLoad,
} from './knowledge/load-fs.js';
import type { KnowledgeBase } from './knowledge/model.js';
import { KnowledgeLoadError } from './knowledge/problems.js';
import { type Logbook, nullLogbook } from './logbook.js';
import { resolveTurn, type Turn } from './resolve/followup.js';
import { longDate } from './resolve/format.js';
import { warm, warmInTurns } from './resolve/warm.js';
import type { Answer } from './schemas/answer.js';
import type { Recall } from './schemas/recall.js';
import type { AnswerService, AskOptions, KnowledgeProblem, KnowledgeSummary } from './service.js';

export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL('../knowledge/', import.meta.url));

export interface EngineOptions {
  /** Folder of YAML files; defaults to the repository's knowledge/. */
  knowledgeDir?: string;
  logbook?: Logbook;
  /** The clock, so tests pin "today". */
  now?: () => Date;
  /**
   * How long a folder that has lost a whole file (compared with the knowledge being served) must stay
   * unchanged before it is swapped in (default 3 s): an editor or a deploy replacing files makes the
   * folder briefly incomplete, and a partial knowledge base answers wrongly (no scope.yaml: Scotland).
   */
  stableMs?: number;
  /**
   * Build the per-knowledge indexes before people ask (src/resolve/warm.ts): after the first load (in the
   * background, so readiness is not delayed) and before a reload is swapped in. The server turns it on;
   * tests and the CLI, which answer at once, need not.
   */
  warm?: boolean;
}

/** A reload that was not swapped in yet, why, and when to try again. */
export interface HeldReload {
  reason: string;
  retryInMs: number;
}

export type ReloadResult =
  | { ok: true; summary: KnowledgeSummary; held?: undefined }
  | { ok: false; problems: KnowledgeProblem[]; held?: undefined }
  | { ok: false; problems: []; held: HeldReload };

/** Reads the folder until a read finishes with nothing changed during it (a few tries at most). */
async function loadSettled(dir: string): Promise<{ load: StampedLoad; moved?: string }> {
  let load = await loadKnowledgeDir(dir);
  let moved = await changedSince(dir, load.files);
  for (let tries = 1; moved && tries < 5; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    load = await loadKnowledgeDir(dir);
    moved = await changedSince(dir, load.files);
  }
  return { load, ...(moved ? { moved } : {}) };
}

const fingerprint = (files: FileStamp[]) => files.map((f) => `${f.path}:${f.sha256}`).join('|');

/** The answer service plus what the server needs to keep knowledge live. */
export interface Engine extends AnswerService {
  /** Re-read and re-validate the folder; swap it in only if the whole of it is valid. */
  reload(): Promise<ReloadResult>;
  knowledge(): KnowledgeBase;
  /** One turn of a conversation: the answer read against `previous`, and what to remember of it. */
  turn(question: string, options: AskOptions & { previous?: Recall | undefined }): Promise<Turn>;
}

/** Loads the knowledge (throws KnowledgeLoadError listing every problem if it is invalid) and answers from it. */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const dir = options.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR;
  const logbook = options.logbook ?? nullLogbook;
  const now = options.now ?? (() => new Date());

  const stableMs = options.stableMs ?? 3000;

  const first = (await loadSettled(dir)).load;
  if (!first.ok) throw new KnowledgeLoadError(first.problems);
  // Swapped as one reference, so a request sees either the old or the new knowledge, never a mix.
  let kb: KnowledgeBase = first.kb;
  // In turns, so readiness and the first questions are not held behind it (src/resolve/warm.ts).
  if (options.warm) void warmInTurns(first.kb, now());
  let served: FileStamp[] = first.files;
  let problems: KnowledgeProblem[] = [];
  /** A load that lost a file, and since when the folder has looked exactly like it (real time). */
  let losing: { fingerprint: string; since: number } | undefined;

  /** Holds back a load that lacks a file being served until the folder has stayed so for stableMs. */
  const holdForLoss = (next: StampedLoad): HeldReload | undefined => {
    const lost = lostFiles(served, next.files);
    if (lost.length === 0) {
      losing = undefined;
      return undefined;
    }
    const print = fingerprint(next.files);
    if (losing?.fingerprint !== print) losing = { fingerprint: print, since: Date.now() };
    const waited = Date.now() - losing.since;
    if (waited >= stableMs) return undefined;
    return {
      reason:
        `${lost.join(', ')} ${lost.length === 1 ? 'is' : 'are'} missing compared with the knowledge being served: ` +
        `not swapped in until the folder has stayed like this for ${stableMs / 1000} s (a file being replaced comes back sooner)`,
      retryInMs: stableMs - waited,
    };
  };

  const summary = (): KnowledgeSummary => ({
    updated: kb.updated,
    updatedText: longDate(kb.updated),
    topics: kb.topics.length,
    bodies: kb.bodies.size,
    sources: kb.sources.size,
    // The examples every help text shows (src/help.ts), so each surface offers the same ones.
    examples: examplesToShow(kb.examples),
    problems,
  });

  const turnOf = (question: string, askOptions: AskOptions & { previous?: Recall | undefined }): Turn =>
    resolveTurn(kb, question, {
      asOf: askOptions.asOf,
      topicId: askOptions.topicId,
      today: now(),
      previous: askOptions.previous,
    });
  // Without a remembered question a turn is the plain answer (resolveTurn is resolve then).
  const answerOf = (question: string, askOptions: AskOptions): Answer => turnOf(question, askOptions).answer;
  /** Logs a question the bot could not answer outright; the logbook reports its own failures. */
  const record = async (question: string, askOptions: AskOptions, answer: Answer): Promise<void> => {
    if (!askOptions.surface || answer.status === 'answered') return;
    await logbook
      .unanswered({
        at: now().toISOString(),
        surface: askOptions.surface,
        question: question.slice(0, 2000),
        asOf: answer.asOf,
        status: answer.status,
        options: answer.options.map((o) => o.topicId),
      })
      .catch(() => {});
  };

  return {
    ask(question: string, askOptions: AskOptions = {}): Answer {
      const answer = answerOf(question, askOptions);
      void record(question, askOptions, answer);
      return answer;
    },
    async answer(question: string, askOptions: AskOptions = {}): Promise<Answer> {
      const answer = answerOf(question, askOptions);
      await record(question, askOptions, answer);
      return answer;
    },
    async turn(question, askOptions) {
      const turn = turnOf(question, askOptions);
      await record(question, askOptions, turn.answer);
      return turn;
    },
    summary,
    feedback: (entry) =>
      logbook.feedback({ ...entry, question: entry.question.slice(0, 2000), at: now().toISOString() }),
    async reload(): Promise<ReloadResult> {
      const { load: next, moved } = await loadSettled(dir);
      if (moved) {
        const reason = `${moved} while the folder was being read: not swapped in; reading again`;
        return { ok: false, problems: [], held: { reason, retryInMs: 300 } };
      }
      const held = holdForLoss(next);
      if (held) return { ok: false, problems: [], held };
      if (!next.ok) {
        problems = next.problems;
        return { ok: false, problems };
      }
      losing = undefined;
      if (options.warm) warm(next.kb, now());
      kb = next.kb;
      served = next.files;
      problems = [];
      return { ok: true, summary: summary() };
    },
    knowledge: () => kb,
  };
}
