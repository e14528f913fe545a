import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from './knowledge/load-fs.js';
import type { KnowledgeBase } from './knowledge/model.js';
import { KnowledgeLoadError } from './knowledge/problems.js';
import { type Logbook, nullLogbook } from './logbook.js';
import { longDate } from './resolve/format.js';
import { resolve } from './resolve/resolve.js';
import type { Answer } from './schemas/answer.js';
import type { AnswerService, AskOptions, KnowledgeProblem, KnowledgeSummary } from './service.js';

export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL('../knowledge/', import.meta.url));

export interface EngineOptions {
  /** Folder of YAML files; defaults to the repository's knowledge/. */
  knowledgeDir?: string;
  logbook?: Logbook;
  /** The clock, so tests pin "today". */
  now?: () => Date;
}

export type ReloadResult =
  | { ok: true; summary: KnowledgeSummary }
  | { ok: false; problems: KnowledgeProblem[] };

/** The answer service plus what the server needs to keep knowledge live. */
export interface Engine extends AnswerService {
  /** Re-read and re-validate the folder; swap it in only if the whole of it is valid. */
  reload(): Promise<ReloadResult>;
  knowledge(): KnowledgeBase;
}

/** Loads the knowledge (throws KnowledgeLoadError listing every problem if it is invalid) and answers from it. */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const dir = options.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR;
  const logbook = options.logbook ?? nullLogbook;
  const now = options.now ?? (() => new Date());

  const first = await loadKnowledgeDir(dir);
  if (!first.ok) throw new KnowledgeLoadError(first.problems);
  // Swapped as one reference, so a request sees either the old or the new knowledge, never a mix.
  let kb: KnowledgeBase = first.kb;
  let problems: KnowledgeProblem[] = [];

  const summary = (): KnowledgeSummary => ({
    updated: kb.updated,
    updatedText: longDate(kb.updated),
    topics: kb.topics.length,
    bodies: kb.bodies.size,
    sources: kb.sources.size,
    examples: kb.examples,
    problems,
  });

  const answerOf = (question: string, askOptions: AskOptions): Answer =>
    resolve(kb, question, { asOf: askOptions.asOf, topicId: askOptions.topicId, today: now() });
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
    summary,
    feedback: (entry) =>
      logbook.feedback({ ...entry, question: entry.question.slice(0, 2000), at: now().toISOString() }),
    async reload() {
      const next = await loadKnowledgeDir(dir);
      if (!next.ok) {
        problems = next.problems;
        return { ok: false, problems };
      }
      kb = next.kb;
      problems = [];
      return { ok: true, summary: summary() };
    },
    knowledge: () => kb,
  };
}
