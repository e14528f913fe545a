import { z } from 'zod';
import { IsoDate } from './common.js';

/**
 * The last question answered in one conversation (a DM, a thread, a Teams chat, a web chat page, a
 * CLI session), kept for a while so a follow-up ("and in 2016?") can be read against it. Plain JSON,
 * so a shared store (Redis) can hold it; read back through this schema.
 */
export const Recall = z.object({
  topicIds: z.array(z.string()).min(1).describe('The topic(s) answered: one, or one per part.'),
  asOf: IsoDate.optional().describe('A date the person gave (not "today"), YYYY-MM-DD.'),
  asOfSource: z.enum(['given', 'text']).optional(),
  datePhrase: z.string().optional().describe('The date as written, e.g. "2016".'),
  conditions: z.record(z.string(), z.string()).describe('condition id → value the question settled.'),
  confidence: z.number().min(0).max(1),
});
export type Recall = z.infer<typeof Recall>;
