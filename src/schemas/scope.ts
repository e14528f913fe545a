import { z } from 'zod';
import { Id, Text } from './common.js';

/** A kind of question the bot does not answer, with where to look instead. */
export const OutOfScope = z.strictObject({
  id: Id,
  reason: Text.describe('Shown to the person, e.g. "whocommissions covers England only."'),
  lookInstead: Text.describe(
    'Where to look instead, as a sentence that reads on its own (every surface shows it alone), e.g. "A general search engine is the place to look for this."',
  ),
  phrases: z.array(Text).min(1).describe('Lower-case words or phrases that mark such a question.'),
  unlessCommissioning: z
    .boolean()
    .default(false)
    .describe('true: ignore the marker when the question plainly asks who commissions something.'),
});
export type OutOfScope = z.infer<typeof OutOfScope>;
