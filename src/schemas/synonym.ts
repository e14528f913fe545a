import { z } from 'zod';
import { Text } from './common.js';

/** Words that mean the same; questions and knowledge are both rewritten to `canonical`. */
export const Synonym = z.strictObject({
  canonical: Text.describe('The form used inside the knowledge base, e.g. "general ophthalmic services".'),
  variants: z
    .array(Text)
    .min(1, 'list at least one other way of saying it')
    .describe('e.g. ["GOS", "sight tests"].'),
});
export type Synonym = z.infer<typeof Synonym>;
