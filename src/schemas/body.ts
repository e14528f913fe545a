import { z } from 'zod';
import { Id, IsoDate, Text } from './common.js';

/** An organisation that commissions, advises, regulates or is talked about. */
export const Body = z.strictObject({
  id: Id.describe('Stable id used everywhere else, e.g. "icb".'),
  name: Text.describe('Name as shown in answers, e.g. "Integrated care board (ICB)".'),
  short: Text.optional().describe('Short form for tight spaces, e.g. "ICB".'),
  aliases: z.array(Text).default([]).describe('Other names and abbreviations people use, e.g. "NHS CB".'),
  from: IsoDate.optional().describe('First day the body existed or held duties; leave out if long-standing.'),
  to: IsoDate.optional().describe('Last day the body existed; leave out if it still exists.'),
  successors: z.array(Id).default([]).describe('Ids of the bodies that took over its work.'),
  commissioner: z
    .boolean()
    .default(true)
    .describe(
      'false for bodies that never commission, e.g. the CQC: kb:check refuses them as a commissioning holder.',
    ),
  note: Text.optional(),
  sources: z.array(Id).default([]),
});
export type Body = z.infer<typeof Body>;
