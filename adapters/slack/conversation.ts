/**
 * Message subtypes a person writes: a plain message has none; a file with a message is `file_share`,
 * a thread reply also sent to the channel is `thread_broadcast`, `/me …` is `me_message`. Every other
 * subtype is Slack's own doing (edits, deletions, joins, topic changes) or a bot's, and gets no answer.
 */
const PERSON_SUBTYPES = new Set<string | undefined>([
  undefined,
  'file_share',
  'thread_broadcast',
  'me_message',
]);

/** Whether a message event is something a person wrote (not a bot, not this app, not an edit or join). */
export function writtenByAPerson(
  event: { subtype?: string | undefined; bot_id?: string | undefined; user?: string | undefined },
  botUserId: string | undefined,
): boolean {
  if (!PERSON_SUBTYPES.has(event.subtype)) return false;
  return !event.bot_id && typeof event.user === 'string' && event.user !== '' && event.user !== botUserId;
}

/** A Slack conversation for follow-ups: a thread, or a DM's main channel when not in a thread. */
export function conversationOf(channel: string, threadTs: string | undefined): string {
  return `slack:${channel}:${threadTs ?? ''}`;
}
