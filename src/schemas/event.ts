import { z } from 'zod';
import { Id, IsoDate, Text } from './common.js';
import { Status } from './topic.js';

/** A dated change in the system: an Act commencing, a transfer, an announcement. */
export const TimelineEvent = z.strictObject({
  id: Id,
  date: IsoDate,
  title: Text,
  aliases: z
    .array(Text)
    .default([])
    .describe(
      'Names people use for this moment, e.g. "the 0-5 transfer": "just before the 0-5 transfer" reads as a date.',
    ),
  instrument: Text.optional().describe(
    'The Act, order, paper or statement that made the change; named in answers after the event title.',
  ),
  status: Status,
  reviewBy: IsoDate.optional().describe(
    'Required unless in-force or historic: the day to check again; kb:check warns once it has passed.',
  ),
  bodies: z.array(Id).default([]),
  sources: z.array(Id).min(1, 'every event needs at least one source id'),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;
