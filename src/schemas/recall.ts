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
  place: z
    .object({
      code: z.string(),
      kind: z.enum(['council', 'ccg', 'sub-icb', 'icb', 'region']),
      name: z.string(),
      words: z.string(),
    })
    .optional()
    .describe('The place the question named ("Leeds"): a follow-up that names none keeps it.'),
  bodyAsk: z
    .object({
      ask: z.enum(['which', 'became', 'formedFrom', 'merged', 'started', 'ended', 'still']),
      kind: z.enum(['council', 'ccg', 'sub-icb', 'icb', 'region', 'pct', 'local-nhs']).optional(),
    })
    .optional()
    .describe('What a question about a local body asked ("which ICB"): "and in 2019?" asks it again.'),
});
export type Recall = z.infer<typeof Recall>;
