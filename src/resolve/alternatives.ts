import type { KnowledgeBase } from '../knowledge/model.js';
import type { Answer, AnswerAlternative } from '../schemas/answer.js';
import type { Topic } from '../schemas/topic.js';
import { answerKey, type Situation } from './compose.js';
import { ALTERNATIVES } from './config.js';
import { longDate, readAs } from './format.js';
import type { Candidate } from './match.js';

/** What an alternative reading keeps of the question: its date and the conditions it settled. */
export type Reading = Pick<Situation, 'asOf' | 'asOfSource' | 'today' | 'settled'>;

/** The topics an answer already gives or offers: not alternatives to itself. */
function shown(answer: Answer): Set<string> {
  const given = answer.status === 'answered' ? (answer.parts ?? [answer]) : [];
  return new Set([
    ...given.flatMap((p) => (p.topic ? [p.topic.id] : [])),
    ...answer.options.map((o) => o.topicId),
  ]);
}

/** "who commissioned school nursing on 1 July 2014 (fully delegated)?": typed, it asks for this reading. */
export function askFor(kb: KnowledgeBase, topic: Topic, reading: Reading): string {
  const verb = reading.asOf < reading.today ? 'who commissioned' : 'who commissions';
  // A title starting with an abbreviation ("GP practice decisions", "NHS dental") keeps its capitals.
  const title = /^\p{Lu}\p{Lu}/u.test(topic.title)
    ? topic.title
    : topic.title.charAt(0).toLowerCase() + topic.title.slice(1);
  const when = reading.asOfSource === 'today' ? '' : ` on ${longDate(reading.asOf)}`;
  // The knowledge's own first phrase for each condition value is read back as that value.
  const phrases = [...reading.settled].flatMap(([c, v]) => {
    const phrase = kb.conditions.get(c)?.values.find((x) => x.id === v)?.phrases[0];
    return phrase ? [phrase] : [];
  });
  return `${verb} ${title}${when}${phrases.length ? ` (${phrases.join(', ')})` : ''}?`;
}

/**
 * The next-best readings of a question, best first: runner-up topics that explain enough of it, then
 * the topics the knowledge says people confuse with the answer's. Each keeps the question's date and
 * conditions, and must have a record on that date (a reading with nothing to say is no reading).
 */
export function alternativesFor(
  kb: KnowledgeBase,
  answer: Answer,
  ranked: readonly Candidate[],
  situation: Situation,
): AnswerAlternative[] {
  const skip = shown(answer);
  const runnersUp = ranked.filter((c) => c.coverage >= ALTERNATIVES.minCoverage).map((c) => c.entry.topic);
  const confused = (answer.parts ?? [answer])
    .flatMap((p) => p.seeAlso ?? [])
    .map((o) => kb.topicById.get(o.topicId));
  const out: AnswerAlternative[] = [];
  for (const topic of [...runnersUp, ...confused]) {
    if (out.length >= ALTERNATIVES.max) break;
    if (!topic || skip.has(topic.id) || answerKey(kb, topic, situation) === '') continue;
    skip.add(topic.id);
    out.push({
      topicId: topic.id,
      title: topic.title,
      readAs: readAs({
        topic,
        asOfText: longDate(situation.asOf),
        asOfSource: situation.asOfSource,
        conditionsAsked: [...situation.settled].map(
          ([c, v]) => kb.conditions.get(c)?.values.find((x) => x.id === v)?.label ?? v,
        ),
      }),
      ask: askFor(kb, topic, situation),
    });
  }
  return out;
}

/** The answer with its alternatives, when it has any. */
export function withAlternatives(
  kb: KnowledgeBase,
  answer: Answer,
  ranked: readonly Candidate[],
  situation: Situation,
): Answer {
  const alternatives = alternativesFor(kb, answer, ranked, situation);
  return alternatives.length ? { ...answer, alternatives } : answer;
}
