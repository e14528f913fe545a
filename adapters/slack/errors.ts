import type { Logger } from '../../src/surface.js';

/** What to do about the Slack errors an operator can fix. */
const HINTS: Record<string, string> = {
  not_in_channel: 'invite the app to the channel (/invite @whocommissions)',
  channel_not_found: 'the app cannot see that conversation; invite it to the channel',
  missing_scope:
    'add the missing scope under OAuth & Permissions (see adapters/slack/manifest.yaml) and reinstall',
  invalid_auth: 'SLACK_BOT_TOKEN is wrong; copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
  not_authed: 'SLACK_BOT_TOKEN is empty; copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
  token_revoked: 'the bot token was revoked; reinstall the app and copy the new xoxb- token',
  account_inactive: 'the bot token belongs to a deleted app or user; reinstall the app',
  ratelimited: 'Slack is rate limiting the app; it will catch up',
};

interface SlackErrorShape {
  code?: string;
  message?: string;
  statusCode?: number;
  data?: { error?: string; needed?: string };
}

/** The Slack error code (e.g. not_in_channel), or the HTTP status as "http_500". */
export function slackErrorCode(error: unknown): string {
  const e = (error ?? {}) as SlackErrorShape;
  if (typeof e.data?.error === 'string') return e.data.error;
  if (typeof e.statusCode === 'number') return `http_${e.statusCode}`;
  return e.code ?? 'unknown_error';
}

/**
 * Calls the Slack Web API (or a response_url) and logs a failure instead of throwing: one failed
 * reply must never take the whole app down. Returns undefined when the call failed.
 */
export async function callSlack<T>(
  logger: Logger,
  what: string,
  call: () => Promise<T>,
  /** 'info' where the caller has a fallback, so an expected failure does not page anyone. */
  level: 'error' | 'info' = 'error',
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    const code = slackErrorCode(error);
    const hint = HINTS[code];
    const needed = (error as SlackErrorShape).data?.needed;
    logger[level](
      { surface: 'slack', call: what, code, ...(needed ? { needed } : {}), err: error },
      `Slack ${what} failed (${code})${hint ? `: ${hint}` : ''}`,
    );
    return undefined;
  }
}
