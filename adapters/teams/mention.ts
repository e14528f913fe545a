import type { Activity } from 'botbuilder';

/**
 * The message text without the bot's own @mention, trimmed. Pure: unlike
 * TurnContext.removeRecipientMention it leaves the activity as it came.
 */
export function textWithoutBotMention(activity: Pick<Activity, 'text' | 'entities' | 'recipient'>): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention') continue;
    const mentioned = (entity as { mentioned?: { id?: string } }).mentioned;
    const mentionText = (entity as { text?: string }).text;
    if (mentioned?.id === botId && typeof mentionText === 'string' && mentionText !== '') {
      text = text.split(mentionText).join(' ');
    }
  }
  // Teams may send &nbsp; around mentions; collapse all whitespace so "help" matches.
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
