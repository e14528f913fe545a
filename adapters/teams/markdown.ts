/**
 * Escaping for the markdown subset Adaptive Card TextBlocks render in Teams (bold, italic, links,
 * lists). Text from people and from the knowledge files goes through here so that a `*`, `_` or
 * `[x](y)` in it is shown as typed instead of changing the card.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      // Inline markers anywhere in a line. With [ and ] escaped no link can form, so ( and ) may stay.
      .replace(/[\\`*_~[\]]/g, '\\$&')
      // Block markers only mean something at the start of a line.
      .replace(/^(\s*)([#>+-])/gm, '$1\\$2')
      .replace(/^(\s*\d+)\./gm, '$1\\.')
      // Teams substitutes {{DATE(...)}} and {{TIME(...)}} in TextBlocks; a zero-width space stops it.
      .replace(/\{\{/g, '{\u200B{')
  );
}

/** A markdown link whose label is escaped; only http(s) URLs become links, anything else stays text. */
export function markdownLink(label: string, url: string | undefined): string {
  const safeLabel = escapeMarkdown(label);
  if (!url || !/^https?:\/\//i.test(url)) return safeLabel;
  // Parentheses and spaces would end the link target early.
  const target = url.replace(
    /[()\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `[${safeLabel}](${target})`;
}
