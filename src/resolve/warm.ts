import { setImmediate as nextTurn } from 'node:timers/promises';
import type { KnowledgeBase } from '../knowledge/model.js';
import { readDate } from './dates.js';
import { prepare } from './index.js';
import { readPlace } from './place.js';
import { answer } from './resolve.js';

/**
 * Answers a few messages made from the knowledge itself (a service, a year, a council, a CCG, a slip),
 * so the indexes each kind of message needs, built once per knowledge base on first use, are built
 * before a person waits for them: the first answer after a start or a reload otherwise took 170 to 340
 * ms instead of about 1.
 */
export function warm(kb: KnowledgeBase, today: Date): void {
  for (const message of warmMessages(kb)) answer(kb, message, { today });
}

/**
 * warm, one message per turn of the event loop: at start, /readyz and the first questions are answered
 * between them instead of waiting behind all of them (together a second or more of CPU on a busy
 * machine, most of it the first date parse and the place indexes).
 */
export async function warmInTurns(kb: KnowledgeBase, today: Date): Promise<void> {
  // The first answer builds every index at once (some 500 ms of CPU): built one per turn first, the
  // longest wait behind warming is one of them.
  const council = kb.places.names().find((n) => n.kind === 'council')?.name ?? '';
  const steps = [
    () => prepare(kb),
    () => readDate('in March 2016', today.toISOString().slice(0, 10), kb),
    () => readPlace(kb, `in ${council}`),
    ...warmMessages(kb).map((message) => () => answer(kb, message, { today })),
  ];
  for (const step of steps) {
    await nextTurn();
    step();
  }
}

function warmMessages(kb: KnowledgeBase): string[] {
  const names = kb.places.names();
  const council = names.find((n) => n.kind === 'council')?.name;
  const ccg = names.find((n) => n.kind === 'ccg')?.name;
  const service = kb.topics.find((t) => t.kind === 'service')?.title ?? '';
  return [
    `who commissioned ${service} in 2016?`,
    council ? `who commissions ${service} in ${council} now?` : '',
    council ? `which ICB covers ${council}?` : '',
    ccg ? `what did ${ccg} become?` : '',
    // A slip in a word sends it through typo correction.
    `who comissions ${service.toLowerCase().replace(/(\p{L})(\p{L})/u, '$2$1')}?`,
  ].filter(Boolean);
}
