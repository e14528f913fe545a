import type { Decision } from '../decide/decision.js';
import type { Places } from '../places/places.js';
import type { Body } from '../schemas/body.js';
import type { Condition } from '../schemas/condition.js';
import type { TimelineEvent } from '../schemas/event.js';
import type { Reading } from '../schemas/reading.js';
import type { OutOfScope } from '../schemas/scope.js';
import type { Source } from '../schemas/source.js';
import type { Synonym } from '../schemas/synonym.js';
import type { Topic } from '../schemas/topic.js';
import type { KnowledgeProblem } from '../service.js';
import type { ReviewItem } from './era-checks.js';

/** The whole knowledge base, merged from every file and checked as a whole. Never mutated after load. */
export interface KnowledgeBase {
  /** The newest `updated:` date in the files (else their newest modification date), YYYY-MM-DD. */
  readonly updated: string;
  readonly bodies: ReadonlyMap<string, Body>;
  readonly sources: ReadonlyMap<string, Source>;
  readonly conditions: ReadonlyMap<string, Condition>;
  readonly topics: readonly Topic[];
  readonly topicById: ReadonlyMap<string, Topic>;
  readonly events: readonly TimelineEvent[];
  readonly synonyms: readonly Synonym[];
  readonly outOfScope: readonly OutOfScope[];
  readonly examples: string[];
  readonly reading: Reading;
  /** The learnt decision (knowledge/decision-model.yaml plus maintainers' example messages), when trained. */
  readonly decision?: Decision;
  /** Every era and event not yet law (or superseded), with its review date and file:line. */
  readonly reviews: readonly ReviewItem[];
  /** Councils, CCGs, sub-ICB locations, ICBs and NHS England regions by date (knowledge/places). */
  readonly places: Places;
  /** Problems that do not stop the knowledge loading (a source without a url), with file:line. */
  readonly warnings: readonly KnowledgeProblem[];
}
