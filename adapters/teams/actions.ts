import { z } from 'zod';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A question asked by a button: a clarify option or an example. */
export const AskAction = z.object({
  action: z.literal('ask'),
  question: z.string().max(2000),
  asOf: IsoDate.optional(),
  topicId: z.string().max(200).optional(),
});
export type AskAction = z.infer<typeof AskAction>;

/** A helpful / not helpful click, carrying enough to log it and redraw the answer. */
export const FeedbackAction = z.object({
  action: z.literal('feedback'),
  helpful: z.boolean(),
  question: z.string().max(2000),
  asOf: IsoDate,
  topicId: z.string().max(200).optional(),
  status: z.enum(['answered', 'clarify', 'unknown']),
});
export type FeedbackAction = z.infer<typeof FeedbackAction>;

export const CardAction = z.discriminatedUnion('action', [AskAction, FeedbackAction]);
export type CardAction = z.infer<typeof CardAction>;

/** The card button a message came from, or undefined for typed text or a value we did not send. */
export function parseCardAction(value: unknown): CardAction | undefined {
  const parsed = CardAction.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
