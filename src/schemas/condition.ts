import { z } from 'zod';
import { Id, Text } from './common.js';

/** One value a condition can take, with the words that tell the resolver a question settles it. */
export const ConditionValue = z.strictObject({
  id: Id,
  label: Text.describe('How the answer names it, e.g. "fully delegated CCG".'),
  phrases: z.array(Text).min(1, 'give at least one phrase people use for it').describe('Lower-case phrases.'),
  decides: z
    .array(Text)
    .default([])
    .describe(
      'Lower-case phrases that settle this value even when the message names another value too: "the wife of a serving sailor, registered with an ordinary NHS GP" is a family with an NHS GP. They count as phrases as well.',
    ),
  default: z
    .boolean()
    .default(false)
    .describe('true: assume this value when a question does not say (e.g. "the general population").'),
});

/** Something the answer depends on besides the date: co-commissioning level, NHS England region, … */
export const Condition = z.strictObject({
  id: Id.describe('e.g. "cocommissioning" or "region".'),
  label: Text,
  question: Text.describe('What to ask back when the answer depends on it.'),
  namesTopics: z
    .boolean()
    .default(false)
    .describe(
      'true when its phrases also name services ("prison"), so they count fully when matching topics.',
    ),
  values: z.array(ConditionValue).min(2, 'a condition needs at least two values'),
});
export type Condition = z.infer<typeof Condition>;
