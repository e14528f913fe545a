import type { Answer } from './schemas/answer.js';
import type { FeedbackEntry, Surface } from './schemas/feedback.js';

/** What a question can carry besides its text. */
export interface AskOptions {
  /** YYYY-MM-DD; overrides any date in the text. */
  asOf?: string;
  /** Answer this topic (a clarify option that was clicked) instead of matching. */
  topicId?: string;
  /** Which surface asked, for the maintainers' log. */
  surface?: Surface;
  /**
   * The conversation (a DM, a thread, a chat, a web chat page) the question is part of: a follow-up
   * ("and in 2016?") is read against the last question answered there. Unset: every question stands alone.
   */
  conversation?: string;
}

/** A knowledge problem a maintainer can act on. */
export interface KnowledgeProblem {
  file: string;
  line: number;
  column: number;
  field: string;
  message: string;
}

export interface KnowledgeSummary {
  /** Date of the newest knowledge file change, YYYY-MM-DD. */
  updated: string;
  /** The same date as people write it, e.g. "22 November 2026", so every surface says it alike. */
  updatedText: string;
  topics: number;
  bodies: number;
  sources: number;
  /** The example questions every help text shows (the first few of knowledge/scope.yaml's). */
  examples: string[];
  /** Problems in the files on disk when the last reload failed (the last good knowledge is still served). */
  problems: KnowledgeProblem[];
}

/**
 * The port every surface (CLI, Slack, Teams, web chat) talks to.
 * Adapters hold no domain logic: text in, Answer out, render.
 */
export interface AnswerService {
  /** The answer at once; a question not answered outright is logged in the background (the CLI). */
  ask(question: string, options?: AskOptions): Answer;
  /**
   * The same answer, once a question not answered outright is stored: chat surfaces reply only then,
   * so a reply means the question is in the maintainers' log. A failed write is logged, not thrown.
   */
  answer(question: string, options?: AskOptions): Promise<Answer>;
  summary(): KnowledgeSummary;
  /** Record a helpful / not helpful click; resolves once stored, rejects if it could not be. */
  feedback(entry: Omit<FeedbackEntry, 'at'>): Promise<void>;
}
