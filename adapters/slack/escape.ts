/**
 * Slack mrkdwn treats `&`, `<` and `>` as control characters: `<!channel>` pings a channel and
 * `<@U123>` pings a person. Everything from a user or from the knowledge goes through `escapeMrkdwn`
 * before it is put into mrkdwn, so it can only ever be shown, never acted on.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link Slack will render, or the escaped title alone when the URL is not plain http(s). */
export function mrkdwnLink(url: string | undefined, title: string): string {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return escapeMrkdwn(title);
  // Inside <url|title> a `|` or `>` in the URL would end it early; percent-encoding keeps the URL working.
  const safeUrl = url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  return `<${safeUrl}|${escapeMrkdwn(title)}>`;
}

/** Drop a trailing lone high surrogate, which Slack rejects as invalid text. */
function dropBrokenPair(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}

/**
 * Cuts escaped mrkdwn to at most `max` characters, never inside an `&entity;` or a `<link|…>`,
 * so a cut never turns escaped text back into markup or leaves half a link.
 */
export function clipMrkdwn(mrkdwn: string, max: number): string {
  if (mrkdwn.length <= max) return mrkdwn;
  let cut = mrkdwn.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  return `${dropBrokenPair(cut)}…`;
}

/** Cuts plain_text (button labels, headers), which Slack shows literally and so needs no escaping. */
export function clipPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${dropBrokenPair(text.slice(0, max - 1))}…`;
}
