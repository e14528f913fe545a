import { z } from 'zod';
import { AnswerStatus } from './answer.js';

export const Surface = z.enum(['slack', 'teams', 'local', 'cli']);
export type Surface = z.infer<typeof Surface>;

/** A helpful / not helpful click on an answer. */
export const FeedbackEntry = z.object({
  at: z.string().describe('ISO timestamp'),
  surface: Surface,
  helpful: z.boolean(),
  question: z.string().max(2000),
  asOf: z.string(),
  topicId: z.string().optional(),
  status: AnswerStatus,
});
export type FeedbackEntry = z.infer<typeof FeedbackEntry>;

/** A question the bot could not answer outright (unknown or clarify). */
export const UnansweredEntry = z.object({
  at: z.string(),
  surface: Surface,
  question: z.string().max(2000),
  asOf: z.string(),
  status: AnswerStatus.exclude(['answered']),
  options: z.array(z.string()).default([]),
});
export type UnansweredEntry = z.infer<typeof UnansweredEntry>;
