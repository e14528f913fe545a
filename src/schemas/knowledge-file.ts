import { z } from 'zod';
import { DecisionModel } from '../decide/model.js';
import { Body } from './body.js';
import { IsoDate } from './common.js';
import { Condition } from './condition.js';
import { TimelineEvent } from './event.js';
import { ExampleMessage } from './example.js';
import { Reading } from './reading.js';
import { OutOfScope } from './scope.js';
import { Source } from './source.js';
import { Synonym } from './synonym.js';
import { Topic } from './topic.js';

/** One YAML file under knowledge/. Any file may hold any of these lists; the loader merges them. */
export const KnowledgeFile = z.strictObject({
  updated: IsoDate.optional().describe(
    'The day a maintainer last reviewed this file, YYYY-MM-DD; the newest one is shown as the knowledge date.',
  ),
  bodies: z.array(Body).optional(),
  sources: z.array(Source).optional(),
  conditions: z.array(Condition).optional(),
  topics: z.array(Topic).optional(),
  events: z.array(TimelineEvent).optional(),
  synonyms: z.array(Synonym).optional(),
  outOfScope: z.array(OutOfScope).optional(),
  reading: Reading.optional().describe(
    "How people's wording is read (negations, date anchors); in one file only.",
  ),
  examples: z.array(z.string().trim().min(1)).optional().describe('Example questions shown to people.'),
  exampleMessages: z
    .array(ExampleMessage)
    .optional()
    .describe('Messages labelled by a maintainer, learnt by the scope classifier when the knowledge loads.'),
  decisionModel: DecisionModel.optional().describe(
    'Written by `npm run train`, never by hand: the learnt decision (in knowledge/decision-model.yaml only).',
  ),
});
export type KnowledgeFile = z.infer<typeof KnowledgeFile>;
