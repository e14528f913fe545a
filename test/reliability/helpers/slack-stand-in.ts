import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SLACK_BOT_TOKEN = 'xoxb-reliability';
export const SLACK_SIGNING_SECRET = 'reliability-signing-secret';
export const SLACK_BOT_USER = 'U0BOT';
const TEAM = 'T0TEST';

/** A message the app posted to the stand-in. */
export interface SlackPost {
  channel: string;
  threadTs?: string;
  text: string;
}

export interface SlackStandIn {
  /** SLACK_API_URL for the app. */
  apiUrl: string;
  posts: SlackPost[];
  /** How many replies went into the thread of each message ts. */
  repliesByThread(): Map<string, number>;
  close(): Promise<void>;
}

async function formBody(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) return raw ? JSON.parse(raw) : {};
  return Object.fromEntries(new URLSearchParams(raw));
}

/** A local stand-in for slack.com/api answering auth.test and chat.postMessage, recording every post. */
export async function startSlackStandIn(): Promise<SlackStandIn> {
  const posts: SlackPost[] = [];
  let ts = 1_800_000_000;
  const server = createServer((req, res) => {
    formBody(req).then(
      (body) => {
        const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
        let reply: object = { ok: true };
        if (method === 'auth.test') {
          reply = {
            ok: true,
            user: 'whocommissions',
            team: 'NHS test',
            team_id: TEAM,
            user_id: SLACK_BOT_USER,
            bot_id: 'B0BOT',
          };
        } else if (method === 'chat.postMessage') {
          posts.push({
            channel: String(body.channel ?? ''),
            ...(body.thread_ts ? { threadTs: String(body.thread_ts) } : {}),
            text: String(body.text ?? ''),
          });
          reply = { ok: true, channel: body.channel, ts: `${++ts}.000100` };
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply));
      },
      (error: unknown) => {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    posts,
    repliesByThread() {
      const counts = new Map<string, number>();
      for (const p of posts) if (p.threadTs) counts.set(p.threadTs, (counts.get(p.threadTs) ?? 0) + 1);
      return counts;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Slack's request signature: v0= HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function slackSignature(body: string, timestamp: number, secret = SLACK_SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The headers Slack sends with an event, signed now. */
export function signedHeaders(body: string, contentType = 'application/json'): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(body, timestamp),
  };
}

/** An event_callback carrying one @mention of the bot in a channel; `ts` names the message (and its thread). */
export function mentionEvent(eventId: string, ts: string, question: string): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: TEAM,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'app_mention',
      user: 'U0ASKER',
      text: `<@${SLACK_BOT_USER}> ${question}`,
      ts,
      channel: 'C0GENERAL',
      event_ts: ts,
    },
    authorizations: [{ team_id: TEAM, user_id: SLACK_BOT_USER, is_bot: true, is_enterprise_install: false }],
  });
}
