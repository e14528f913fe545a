import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/surface.js';
import { callSlack } from './errors.js';

/** Slack's largest page of conversations.members. */
const PAGE = 1000;
/** Enough pages for any experts' channel; a channel bigger than this is no longer a panel of experts. */
const MAX_PAGES = 20;

/**
 * Whether a Slack user is a member of the experts' channel, so may answer or close a ticket: asked of
 * Slack (conversations.members) at each answer or close, so someone who left the channel no longer
 * can. Needs the scope channels:read (a public channel) or groups:read (a private one); without it
 * Slack refuses, the refusal is logged with the scope to add, and nobody is let through.
 */
export async function isExpert(
  client: webApi.WebClient,
  channel: string,
  user: string,
  logger: Logger,
): Promise<boolean> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await callSlack(logger, 'conversations.members', () =>
      client.conversations.members({ channel, limit: PAGE, ...(cursor ? { cursor } : {}) }),
    );
    if (!result) return false;
    if (result.members?.includes(user)) return true;
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) return false;
  }
  return false;
}

/** Said to someone outside the experts' channel who tried to answer or close a ticket. */
export function notAnExpertText(channel: string, what: 'answer' | 'close'): string {
  return `Only members of <#${channel}> can ${what} tickets, so nothing was ${what === 'answer' ? 'sent to the asker' : 'closed'}. Ask someone there to add you.`;
}
