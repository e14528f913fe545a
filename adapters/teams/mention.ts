import type { Activity } from 'botbuilder';

/** An `<at>Name</at>` tag as Teams writes a mention into the message text. */
const AT_TAG = /<at\b[^>]*>([\s\S]*?)<\/at>/gi;

interface MentionEntity {
  mentioned?: { id?: string; name?: string };
  text?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The name inside a mention tag, as a person reads it: no tags, no leading @, entities decoded. */
function plainName(inner: string): string {
  return inner
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_m, name: string) => ENTITIES[name] ?? '')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/^\s*@/, '')
    .trim();
}

/**
 * The message text without the bot's own @mention, with anyone else's mention as their plain name,
 * trimmed. Pure: unlike TurnContext.removeRecipientMention it leaves the activity as it came.
 *
 * The bot's mention is found by id and position, never by exact text: the n-th mention entity
 * describes the n-th `<at>` tag, and Teams' entity text may differ from the message text
 * (`<at>@Name</at>` in the entity, `<at>Name</at>` in the text, in Microsoft's own channel example).
 * Should the counts disagree, a tag is the bot's when its name is the bot's mentioned name.
 */
export function textWithoutBotMention(activity: Pick<Activity, 'text' | 'entities' | 'recipient'>): string {
  const botId = activity.recipient?.id;
  const mentions = (activity.entities ?? [])
    .filter((e) => e.type === 'mention')
    .map((e) => e as MentionEntity);
  const text = activity.text ?? '';
  const tags = text.match(AT_TAG)?.length ?? 0;
  const byPosition = tags === mentions.length;
  const botNames = new Set(
    mentions
      .filter((m) => botId !== undefined && m.mentioned?.id === botId)
      .flatMap((m) => [m.mentioned?.name, m.text === undefined ? undefined : plainName(m.text)])
      .filter((n): n is string => Boolean(n))
      .map((n) => n.toLowerCase()),
  );

  let position = 0;
  const cleaned = text.replace(AT_TAG, (_tag, inner: string) => {
    const entity = mentions[position++];
    const name = plainName(inner);
    const isBot = byPosition
      ? botId !== undefined && entity?.mentioned?.id === botId
      : botNames.has(name.toLowerCase());
    return isBot ? ' ' : name;
  });
  // Teams may send &nbsp; around mentions; collapse all whitespace so "help" matches.
  return cleaned
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
