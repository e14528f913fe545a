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
  examples: string[];
  /** Problems in the files on disk when the last reload failed (the last good knowledge is still served). */
  problems: KnowledgeProblem[];
}

/**
 * The port every surface (CLI, Slack, Teams, web chat) talks to.
 * Adapters hold no domain logic: text in, Answer out, render.
 */
export interface AnswerService {
  ask(question: string, options?: AskOptions): Answer;
  summary(): KnowledgeSummary;
  /** Record a helpful / not helpful click. Never throws, never blocks. */
  feedback(entry: Omit<FeedbackEntry, 'at'>): void;
}
