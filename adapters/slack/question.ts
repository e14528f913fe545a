/**
 * Turns the text of a Slack message into the plain question a person meant. Slack sends mentions,
 * channels and links as `<…>` tokens and `&`, `<`, `>` as entities; the answer engine wants words.
 * The bot's own mention is removed; other tokens become their readable form (`<!channel>` → `@channel`).
 */
export function questionFromSlack(text: string, botUserId?: string): string {
  const readable = text.replace(/<([^<>]*)>/g, (_token, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? undefined : inner.slice(bar + 1);
    if (target.startsWith('@')) {
      if (botUserId && target.slice(1) === botUserId) return ' ';
      return label ? `@${label.replace(/^@/, '')}` : target;
    }
    if (target.startsWith('#')) return label ? `#${label}` : target;
    if (target.startsWith('!')) {
      if (label) return label;
      const special = target.slice(1).split('^')[0] ?? '';
      return `@${special}`;
    }
    return label ?? target;
  });
  return readable
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
