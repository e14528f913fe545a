import type { KnowledgeBase } from '../knowledge/model.js';
import type { Answer } from '../schemas/answer.js';
import { rivalPlaces } from './place.js';
import { listed } from './place-bodies.js';
import type { Read } from './resolve.js';

/**
 * An answer that names a place's bodies rests on reading the place right. Answers from the place tables
 * bypass the learnt decision (it weighs topic readings), so this guard stands in for it where the reading
 * is weakest: a place read through a slip or a clipping ("Suton") while another place is about as close
 * (Luton). Then the bot says what it read and asks for the name in full rather than name a body.
 */
export function placeGuard(kb: KnowledgeBase, r: Read, answer: Answer): Answer {
  if (answer.status !== 'answered' || !r.place?.fuzzy) return answer;
  const rivals = rivalPlaces(kb, r.place);
  if (rivals.length === 0) return answer;
  const { parts: _, ...single } = answer;
  return {
    ...single,
    status: 'unknown',
    commissioners: [],
    changes: [],
    sources: [],
    timeline: [],
    options: [],
    confidence: 0,
    text: `I read "${r.place.words}" as ${r.place.name}, but it is close to ${listed(rivals)} too, so I will not guess.`,
    lookInstead: "Ask again with the place's name in full, or give a postcode or GP practice.",
  };
}
