import type { Activity } from 'botbuilder';

/**
 * Remembers keys for a while, to recognise a Bot Framework delivery seen before. The channel
 * redelivers an activity when the bot was slow to answer or the connection dropped, with the same
 * activity id. Bounded, so a busy tenant cannot grow it without limit.
 *
 * The same logic as the Slack adapter's `createSeen` (adapters/slack/dedupe.ts); it is repeated here
 * because adapters do not import each other. It is platform-neutral, so it could move to src/ if a
 * third surface needs it.
 */
export function createSeen(options: { ttlMs?: number; max?: number; now?: () => number } = {}) {
  const ttlMs = options.ttlMs ?? 30 * 60_000;
  const max = options.max ?? 10_000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order, so the first entries are always the oldest.
  const seenAt = new Map<string, number>();

  /** True the first time a key is offered (within the time to live), false for every repeat. */
  return function firstTime(key: string): boolean {
    const at = now();
    for (const [oldKey, when] of seenAt) {
      if (at - when < ttlMs && seenAt.size < max) break;
      seenAt.delete(oldKey);
    }
    if (seenAt.has(key)) return false;
    seenAt.set(key, at);
    return true;
  };
}

/**
 * What identifies one delivery: the activity id within its conversation (Teams numbers activities
 * per conversation, so the id alone is not unique). Undefined when there is nothing safe to key on:
 * an activity without an id, or an invoke, which the channel waits on for a response of its own and
 * which a dropped duplicate would answer with 501.
 */
export function deliveryKey(activity: Pick<Activity, 'id' | 'type' | 'conversation'>): string | undefined {
  const conversationId = activity.conversation?.id;
  if (!activity.id || !conversationId || activity.type === 'invoke') return undefined;
  return `${conversationId}\n${activity.id}`;
}
