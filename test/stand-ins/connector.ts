import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Framework connector. */
export interface ConnectorCall {
  method: string;
  conversationId: string;
  /** The activity id in the path: replied to (POST) or updated (PUT). */
  activityId?: string;
  body: Record<string, unknown>;
}

/** The key id the stand-in publishes its signing key under (one the real Bot Framework has used). */
export const STAND_IN_KEY_ID = 'kbqvtSlUlQ1KjzIhyN-rSUjC0kY';

/** One RSA key for every stand-in: generating one takes a while, and nothing signs with it here. */
const SIGNING_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });

export interface ConnectorStandIn {
  /** The serviceUrl to put on incoming activities. */
  serviceUrl: string;
  /**
   * The Bot Framework's OpenID configuration, stood in for: botbuilder fetches its signing keys from
   * here (TeamsConfig.openIdMetadataUrl) instead of login.botframework.com.
   */
  openIdMetadataUrl: string;
  calls: ConnectorCall[];
  memberLookups: string[];
  /**
   * Who is in each conversation, for member lookups: a conversation listed here answers 404 for anyone
   * else, as Teams does; one not listed knows everyone (Alex Example).
   */
  members: Map<string, string[]>;
  /** The replies: POSTs to …/activities/{id}, in the order they arrived. */
  readonly replies: ConnectorCall[];
  /** New messages (not replies) the bot sent to a conversation, proactively or not: POSTs to …/activities. */
  postsTo(conversationId: string): ConnectorCall[];
  /** Card updates (PUTs to …/activities/{id}) in a conversation. */
  updatesIn(conversationId: string): ConnectorCall[];
  /** Resolves with the first call matching, or rejects naming what was sent instead. */
  waitFor(match: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  /** How many replies each activity id got. */
  repliesByActivity(): Map<string, number>;
  /** Resolves with the first reply to this activity, or rejects naming what was replied to instead. */
  waitForReplyTo(activityId: string, timeoutMs?: number): Promise<ConnectorCall>;
  close(): Promise<void>;
}

/**
 * A local HTTP server answering the few Bot Framework connector calls the bot makes: replies
 * (POST …/activities/{id}), new messages (POST …/activities), updates (PUT …/activities/{id})
 * member lookups (GET …/members/{id}), new conversations (POST /v3/conversations, a new channel thread),
 * and the OpenID configuration and signing keys botbuilder checks tokens against (GET /v1/…).
 */
export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  const calls: ConnectorCall[] = [];
  const memberLookups: string[] = [];
  const members = new Map<string, string[]>();
  let nextId = 1;
  const origin = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const send = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'GET' && path === '/v1/.well-known/openidconfiguration') {
        send(200, { issuer: 'https://api.botframework.com', jwks_uri: `${origin()}/v1/keys` });
        return;
      }
      if (req.method === 'GET' && path === '/v1/keys') {
        send(200, {
          keys: [{ ...SIGNING_KEY, kid: STAND_IN_KEY_ID, use: 'sig', endorsements: ['msteams'] }],
        });
        return;
      }
      const member = path.match(/^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/);
      if (req.method === 'GET' && member) {
        const id = decodeURIComponent(member[2] as string);
        memberLookups.push(id);
        const roster = members.get(decodeURIComponent(member[1] as string));
        if (roster && !roster.includes(id)) {
          send(404, {
            error: { code: 'MemberNotFoundInConversation', message: 'The member is not in the conversation' },
          });
          return;
        }
        send(200, {
          id,
          name: 'Alex Example',
          givenName: 'Alex',
          surname: 'Example',
          userPrincipalName: 'alex@example.org',
        });
        return;
      }
      // A new conversation: in Teams, a new thread in a channel (the activity is its first post).
      if (req.method === 'POST' && path === '/v3/conversations') {
        const body = JSON.parse(raw) as { channelData?: { channel?: { id?: string } }; activity?: object };
        const channel = body.channelData?.channel?.id ?? 'a:new-chat';
        const activityId = `bot-msg-${nextId++}`;
        // Recorded as the activity posted, like every other call, with the new conversation's parameters.
        calls.push({
          method: 'POST',
          conversationId: channel,
          body: { ...body.activity, conversationParameters: body },
        });
        send(201, { id: `${channel};messageid=${activityId}`, activityId });
        return;
      }
      const activity = path.match(/^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/);
      if (activity && (req.method === 'POST' || req.method === 'PUT')) {
        calls.push({
          method: req.method,
          conversationId: decodeURIComponent(activity[1] as string),
          activityId: activity[2] ? decodeURIComponent(activity[2]) : undefined,
          body: JSON.parse(raw) as Record<string, unknown>,
        });
        send(200, {
          id: req.method === 'PUT' ? decodeURIComponent(activity[2] as string) : `bot-msg-${nextId++}`,
        });
        return;
      }
      send(404, { error: { code: 'NotFound', message: `${req.method} ${path} is not stood in for` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const replies = () => calls.filter((c) => c.method === 'POST' && c.activityId !== undefined);
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    openIdMetadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    calls,
    memberLookups,
    members,
    get replies() {
      return replies();
    },
    postsTo: (conversationId) =>
      calls.filter((c) => c.method === 'POST' && !c.activityId && c.conversationId === conversationId),
    updatesIn: (conversationId) =>
      calls.filter(
        (c) => c.method === 'PUT' && c.conversationId.split(';')[0] === conversationId.split(';')[0],
      ),
    async waitFor(match, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.find(match);
        if (found) return found;
        if (Date.now() > until) {
          const seen = calls.map((c) => `${c.method} ${c.conversationId}/${c.activityId ?? ''}`);
          throw new Error(`No matching connector call within ${timeoutMs} ms; sent: ${seen.join(', ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    repliesByActivity() {
      const counts = new Map<string, number>();
      for (const r of replies()) {
        const id = r.activityId as string;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    },
    async waitForReplyTo(activityId, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = replies().find((r) => r.activityId === activityId);
        if (found) return found;
        if (Date.now() > until) {
          const seen = replies().map((r) => r.activityId);
          throw new Error(`No reply to ${activityId} within ${timeoutMs} ms; replied to: ${seen.join(', ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      // The bot's connector client keeps connections alive; close them so the server can stop.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
