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
  asks: z
    .strictObject({
      openers: z
        .array(Text)
        .min(1)
        .describe('How the question opens its object: "which", "what", "who is the".'),
      objects: z.array(Text).min(1).describe('The kind of thing asked for: "trust", "hospital", "provider".'),
      verbs: z
        .array(Text)
        .min(1)
        .optional()
        .describe(
          'The verb straight after the object that makes it the doer: "runs", "provides", "does". Without verbs, the opener and object are enough ("how many people …").',
        ),
    })
    .optional()
    .describe(
      'A question asking for a kind of thing rather than a body: an opener, up to two words, an object, then at once a verb ("which hospital trust does the cataract operations", "what hospital runs the clinic"). Words match in any form.',
    ),
  unlessCommissioning: z
    .boolean()
    .default(false)
    .describe('true: ignore the marker when the question plainly asks who commissions something.'),
  unlessAsked: z
    .array(Text)
    .default([])
    .describe(
      'Words that, said in a clause that asks, lift the marker: "Moved from Glasgow. Who commissions dentists here in England?" asks about England.',
    ),
  askingOnly: z
    .boolean()
    .default(false)
    .describe(
      'true: look for the marker only in the clauses that ask, even when they ask who commissions something: "who handles complaints about GPs?" is turned away, "who commissioned dentistry in 2024? Writing up a complaint." is not.',
    ),
});
export type OutOfScope = z.infer<typeof OutOfScope>;
