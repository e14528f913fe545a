import { z } from 'zod';
import { AnswerStatus } from '../../src/schemas/answer.js';
import { Id, IsoDate } from '../../src/schemas/common.js';

/** A topic id as the knowledge spells it; the bound keeps a forged card value small. */
const TopicId = Id.max(200);

/** A question asked by a button: a clarify option or an example. */
export const AskAction = z.object({
  action: z.literal('ask'),
  question: z.string().max(2000),
  asOf: IsoDate.optional(),
  topicId: TopicId.optional(),
});
export type AskAction = z.infer<typeof AskAction>;

/** A helpful / not helpful click, carrying enough to log it and redraw the answer. */
export const FeedbackAction = z.object({
  action: z.literal('feedback'),
  helpful: z.boolean(),
  question: z.string().max(2000),
  asOf: IsoDate,
  topicId: TopicId.optional(),
  status: AnswerStatus,
});
export type FeedbackAction = z.infer<typeof FeedbackAction>;

export const CardAction = z.discriminatedUnion('action', [AskAction, FeedbackAction]);
export type CardAction = z.infer<typeof CardAction>;

/** The card button a message came from, or undefined for typed text or a value we did not send. */
export function parseCardAction(value: unknown): CardAction | undefined {
  const parsed = CardAction.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
