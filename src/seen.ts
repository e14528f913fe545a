/**
 * Remembers keys for a while, to recognise a delivery seen before. Chat platforms redeliver: Slack
 * when an ack was late (and Socket Mode can hand the same envelope over twice, bolt-js #2487), the
 * Bot Framework channel when the bot was slow or the connection dropped; the delivery's id stays the
 * same. Bounded, so a busy workspace or tenant cannot grow it without limit.
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
