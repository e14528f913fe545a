import { z } from 'zod';
import { Text } from './common.js';

/**
 * A message a maintainer labels so the bot learns its wording: "in" for a question about who commissions
 * what (or about a body or a change), "out" for anything else. The scope classifier learns these on load.
 */
export const ExampleMessage = z.strictObject({
  text: Text.describe('The message as people type it.'),
  scope: z
    .enum(['in', 'out'])
    .describe('"in": asks who commissions, or about a body or a change; "out": anything else.'),
  why: z.string().optional().describe('For the next maintainer: why it is labelled so.'),
});
export type ExampleMessage = z.infer<typeof ExampleMessage>;
