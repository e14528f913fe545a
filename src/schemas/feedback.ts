import { z } from 'zod';
import { AnswerStatus } from './answer.js';

/**
 * Which surface an entry came from ('slack', 'teams', 'local', 'cli', …). Each adapter names itself,
 * so the core lists no platform and a new one needs no change here.
 */
export const Surface = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'a surface name: lower-case letters, digits and -');
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
