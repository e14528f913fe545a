import { z } from 'zod';
import { Id, IsoDate, Text } from './common.js';

/** A public document that an answer rests on. */
export const Source = z.strictObject({
  id: Id.describe('Short id used in topics, e.g. "s7".'),
  title: Text,
  publisher: Text,
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, {
      message: 'write the date as YYYY, YYYY-MM or YYYY-MM-DD',
      abort: true,
    })
    .refine((d) => d.length === 4 || IsoDate.safeParse(d.length === 7 ? `${d}-01` : d).success, {
      message: 'this date does not exist in the calendar',
    })
    .describe('Publication date, as precise as known.'),
  url: z.url({ message: 'must be a full web address starting with https://' }).optional(),
  offline: Text.optional().describe(
    'Only for a source with no public web page: what it is and where a person can find it.',
  ),
  note: Text.optional(),
});
export type Source = z.infer<typeof Source>;
