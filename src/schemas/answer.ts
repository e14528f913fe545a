import { z } from 'zod';
import { Role, Status } from './topic.js';

export const AnswerCommissioner = z.object({
  body: z.string(),
  name: z.string(),
  localName: z
    .string()
    .optional()
    .describe(
      'The body itself where the question names a place: "Leeds City Council", "NHS West Yorkshire ICB (80%), …".',
    ),
  role: Role,
  roleText: z.string().describe('How the role reads after the name, e.g. "commissioned it jointly".'),
  condition: z
    .string()
    .optional()
    .describe('Where it holds only under a condition, e.g. "fully delegated CCG".'),
  note: z
    .string()
    .optional()
    .describe('What the knowledge says about this body\'s part, e.g. "For the 59 services."'),
});

export const AnswerSource = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().optional(),
  publisher: z.string().optional().describe('Who published it, to say what a source without a URL is.'),
  date: z.string().optional().describe('When it was published: YYYY, YYYY-MM or YYYY-MM-DD.'),
  where: z.string().optional().describe('For a source with no public page: what it is and where to find it.'),
});

export const AnswerOption = z.object({
  topicId: z.string(),
  title: z.string(),
});

/**
 * Another way the question could have been read, offered under "Not what I asked": the topic, the
 * reading said as the Read-as line, and a question that gets this reading when typed.
 */
export const AnswerAlternative = z.object({
  topicId: z.string(),
  title: z.string(),
  readAs: z.string().describe('The reading, as the Read-as line: "School nursing · 1 July 2014".'),
  ask: z
    .string()
    .describe(
      'A question that gets this reading when typed: "who commissioned school nursing on 1 July 2014?".',
    ),
});
export type AnswerAlternative = z.infer<typeof AnswerAlternative>;

/** One era of the topic, for the timeline picture and its words. */
export const AnswerEra = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  status: Status,
  bodies: z.array(z.string()).describe('Short names of the bodies holding it then.'),
  range: z
    .string()
    .optional()
    .describe(
      'Its dates as people write them: "until 31 March 2013", "from 1 April 2013 to 30 September 2015".',
    ),
  statusText: z
    .string()
    .optional()
    .describe('For a change not yet law: what it is, e.g. "planned, not yet in effect; needs Parliament".'),
  asOf: z.boolean().optional().describe('True for the era in force on the as-of date.'),
  today: z.boolean().optional().describe('True for the era in force today.'),
});

/** answered: the commissioners are named; clarify: options to choose from; unknown: no match. */
export const AnswerStatus = z.enum(['answered', 'clarify', 'unknown']);
export type AnswerStatus = z.infer<typeof AnswerStatus>;

/** One complete answer: a whole Answer for a single question, or one part of a compound one. */
export const AnswerPart = z.object({
  status: AnswerStatus,
  question: z.string(),
  asOf: z.string().describe('YYYY-MM-DD'),
  asOfSource: z.enum(['given', 'text', 'today']),
  asOfText: z.string().describe('The as-of date as people write it, e.g. "1 June 2014".'),
  topic: z.object({ id: z.string(), title: z.string() }).optional(),
  commissioners: z.array(AnswerCommissioner),
  text: z.string().describe('The answer a person reads, plain text.'),
  changes: z.array(z.string()).describe('What changed around the as-of date.'),
  eraStatus: Status.optional().describe('in-force, or planned/proposed/announced when not yet law.'),
  statusText: z
    .string()
    .optional()
    .describe('A label for an answer that is not yet law, e.g. "Proposed in a bill, not law".'),
  conditionsAsked: z.array(z.string()).describe('Conditions read from the question, as labels.'),
  sources: z.array(AnswerSource),
  options: z.array(AnswerOption),
  timeline: z.array(AnswerEra),
  today: z
    .string()
    .optional()
    .describe(
      'YYYY-MM-DD: the day the answer was made, so a timeline can mark today apart from the as-of date.',
    ),
  todayText: z.string().optional().describe('Today as people write it, e.g. "5 December 2026".'),
  lookInstead: z.string().optional(),
  dateRead: z
    .string()
    .optional()
    .describe('How an approximate or named date was read, e.g. \'read "2016ish" as 1 July 2016\'.'),
  confidence: z.number().min(0).max(1),
  readAs: z
    .string()
    .optional()
    .describe('What the bot read, in one line: "Health visiting · 1 April 2014 · fully delegated CCG".'),
  seeAlso: z
    .array(AnswerOption)
    .optional()
    .describe('Topics people often confuse with this one, offered after the answer.'),
});
export type AnswerPart = z.infer<typeof AnswerPart>;

/**
 * The platform-neutral answer every surface renders. A message that asks about two or more things has
 * `parts`, each a complete answer; then `commissioners` is their union, `topic` the first part's, and
 * `status` is answered only when every part is.
 */
export const Answer = AnswerPart.extend({
  parts: z
    .array(AnswerPart)
    .optional()
    .describe('One complete answer per thing asked, for a compound question.'),
  alternatives: z
    .array(AnswerAlternative)
    .optional()
    .describe('The next-best readings of the question, best first, offered under "Not what I asked".'),
  followUp: z
    .string()
    .optional()
    .describe(
      'How a follow-up was read, saying what it took from the question before, e.g. "Dental services, in 2016 (from your last question)".',
    ),
});
export type Answer = z.infer<typeof Answer>;
