import type { Activity } from 'botbuilder';

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
