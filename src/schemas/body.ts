import { z } from 'zod';
import { Id, IsoDate, Text } from './common.js';

/**
 * How many of a body there were between two dates ("42 ICBs from 1 July 2022 to 31 March 2026"). kb:check
 * warns when an answer's text states the number for dates outside these, so a count cannot outlive them.
 */
export const BodyCount = z.strictObject({
  number: z.number().int().positive().describe('How many, e.g. 42.'),
  from: IsoDate.describe('First day the number held.'),
  to: IsoDate.optional().describe('Last day it held; leave out while it still holds.'),
  sources: z.array(Id).min(1, 'every count needs at least one source id from sources.yaml'),
});
export type BodyCount = z.infer<typeof BodyCount>;

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
  counts: z
    .array(BodyCount)
    .default([])
    .describe(
      'How many there were and when, e.g. { number: 42, from: 2022-07-01, to: 2026-03-31, sources: [s20] }.',
    ),
});
export type Body = z.infer<typeof Body>;
