/**
 * What identifies one delivery from Slack, so the same request sent twice is handled once: the
 * event_id of an event (kept on every retry), the trigger_id of a slash command or click, or for a
 * click without one, its message and action timestamps. Undefined for anything else.
 */
export function slackDeliveryKey(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.event_id === 'string' && b.event_id) return `slack:event:${b.event_id}`;
  if (typeof b.command === 'string') {
    return typeof b.trigger_id === 'string' && b.trigger_id ? `slack:command:${b.trigger_id}` : undefined;
  }
  if (b.type !== 'block_actions') return undefined;
  if (typeof b.trigger_id === 'string' && b.trigger_id) return `slack:action:${b.trigger_id}`;
  const container = b.container as { message_ts?: unknown } | undefined;
  const action = (b.actions as { action_ts?: unknown }[] | undefined)?.[0];
  if (typeof container?.message_ts !== 'string' || typeof action?.action_ts !== 'string') return undefined;
  return `slack:action:${container.message_ts}:${action.action_ts}`;
}
