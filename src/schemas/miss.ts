import { z } from 'zod';
import { AnswerAlternative, AnswerStatus } from './answer.js';
import { Surface } from './feedback.js';

/** "M-" and eight letters or digits people can read out (no 0/O, 1/I), like ticket references. */
export const MissId = z.string().regex(/^M-[2-9A-HJ-NP-Z]{8}$/, 'a miss reference like M-7KQ2M9AB');

/**
 * A person said "Not what I asked" about an answer: the question, what the bot read, the readings it
 * offered instead, and which one they chose, if any. No one's name or id is kept: `key` is a hash of
 * the surface's ids for the press, only so a repeated or retried press records one miss.
 */
export const Miss = z.object({
  id: MissId,
  key: z.string().min(1).max(200),
  at: z.string().describe('ISO timestamp of the press'),
  surface: Surface,
  question: z.string().max(2000),
  asOf: z.string(),
  status: AnswerStatus.describe('What the bot did with the question: answered, asked back, or could not.'),
  /** The Read-as line of the answer, or '' when it read no service (a refusal). */
  read: z.string().max(1000),
  /** The topics the answer gave (one per part), for grouping by reading. */
  topicIds: z.array(z.string()).default([]),
  alternatives: z.array(AnswerAlternative).default([]),
  chosen: z.string().optional().describe('The topic id of the reading chosen, once one is.'),
  chosenAt: z.string().optional(),
});
export type Miss = z.infer<typeof Miss>;
