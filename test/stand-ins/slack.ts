import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** One request the app made: a Web API method, or a POST to a response_url ("response_url"). */
export interface Call {
  method: string;
  body: Record<string, unknown>;
  authorization?: string;
}

/** Fields Slack's Web API client sends JSON-encoded inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw);
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw))
    body[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  return body;
}

export const BOT_TOKEN = 'xoxb-test-token';
/** The signing secret every test gives the app, and signs its requests with. */
export const SIGNING_SECRET = 'test-signing-secret';
export const APP_TOKEN = 'xapp-test-token';
export const BOT_USER = 'U0BOT';
export const BOT_ID = 'B0BOT';
export const TEAM = 'T0TEST';

type Failure = { status: number } | { error: string };

/**
 * A local stand-in for slack.com/api: records what the app sends and answers like Slack. A
 * `failure` makes one method answer with an HTTP status or a Slack error until cleared.
 */
export class FakeSlack {
  readonly calls: Call[] = [];
  private readonly failures = new Map<string, Failure>();
  private ts = 1_700_000_000;
  /** Where apps.connections.open sends the Socket Mode client. */
  socketUrl = '';
  /** Members of each channel, for conversations.members; a channel not listed is not found. */
  readonly members = new Map<string, string[]>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      fake?.handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        (error: unknown) => {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end(String(error));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/hooks/${id}`;
  }

  fail(method: string, failure: Failure): void {
    this.failures.set(method, failure);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  /** The messages posted (chat.postMessage), in the order they arrived. */
  get posts(): Call[] {
    return this.sent('chat.postMessage');
  }

  /** How many messages went into the thread of each message ts. */
  repliesByThread(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { body } of this.posts) {
      if (typeof body.thread_ts === 'string')
        counts.set(body.thread_ts, (counts.get(body.thread_ts) ?? 0) + 1);
    }
    return counts;
  }

  /** Calls of one method (or all of them). */
  sent(method?: string): Call[] {
    return method ? this.calls.filter((c) => c.method === method) : [...this.calls];
  }

  /** Resolves with the first call matching, or rejects naming what was sent instead. */
  async waitFor(match: (call: Call) => boolean, timeoutMs = 5000): Promise<Call> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const found = this.calls.find(match);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(
      `No matching Slack call within ${timeoutMs} ms; sent: ${this.calls.map((c) => c.method).join(', ')}`,
    );
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** conversations.members as Slack answers it: one page (the app asks for up to 1,000). */
  private membersOf(channel: string): { status: number; body: unknown } {
    const members = this.members.get(channel);
    if (!members) return { status: 200, body: { ok: false, error: 'channel_not_found' } };
    return { status: 200, body: { ok: true, members, response_metadata: { next_cursor: '' } } };
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const path = new URL(req.url ?? '/', this.url).pathname;
    const body = await readBody(req);
    const method = path.startsWith('/hooks/') ? 'response_url' : path.replace(/^\/api\//, '');
    const authorization = req.headers.authorization;
    this.calls.push({
      method,
      body: { ...body, ...(method === 'response_url' ? { hook: path } : {}) },
      ...(authorization ? { authorization } : {}),
    });

    const failure = this.failures.get(method);
    if (failure && 'status' in failure) return { status: failure.status, body: { ok: false } };
    if (failure) return { status: 200, body: { ok: false, error: failure.error } };

    switch (method) {
      case 'auth.test':
        if (authorization !== `Bearer ${BOT_TOKEN}`)
          return { status: 200, body: { ok: false, error: 'invalid_auth' } };
        return {
          status: 200,
          body: {
            ok: true,
            team: 'NHS test',
            user: 'whocommissions',
            team_id: TEAM,
            user_id: BOT_USER,
            bot_id: BOT_ID,
          },
        };
      case 'apps.connections.open':
        if (authorization !== `Bearer ${APP_TOKEN}`)
          return { status: 200, body: { ok: false, error: 'invalid_auth' } };
        return { status: 200, body: { ok: true, url: this.socketUrl } };
      case 'chat.postMessage':
        return { status: 200, body: { ok: true, channel: body.channel, ts: `${++this.ts}.000100` } };
      case 'chat.postEphemeral':
        return { status: 200, body: { ok: true, message_ts: `${++this.ts}.000200` } };
      case 'chat.update':
        return { status: 200, body: { ok: true, channel: body.channel, ts: body.ts } };
      case 'views.publish':
        return { status: 200, body: { ok: true, view: { id: 'V0HOME' } } };
      case 'views.open':
        return { status: 200, body: { ok: true, view: { id: 'V0MODAL', ...(body.view as object) } } };
      case 'conversations.members':
        return this.membersOf(String(body.channel));
      default:
        return { status: 200, body: { ok: true } };
    }
  }
}

/** Slack's request signature: v0= HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface Signing {
  /** Defaults to SIGNING_SECRET. */
  secret?: string;
  /** Seconds; defaults to now. */
  timestamp?: number;
  signature?: string;
}

/** The headers Slack sends with a request: content type, timestamp and signature (valid unless given). */
export function signedHeaders(
  body: string,
  contentType = 'application/json',
  options: Signing = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? sign(options.secret ?? SIGNING_SECRET, timestamp, body),
  };
}

/** POSTs a body to the app as Slack would, signed unless a signature is given. */
export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  options: Signing & { headers?: Record<string, string> } = {},
) {
  return fetch(url, {
    method: 'POST',
    headers: { ...signedHeaders(body, contentType, options), ...options.headers },
    body,
  });
}

/** A Slack event_callback body around one event. */
export function eventBody(eventId: string, event: Record<string, unknown>) {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
  };
}

/** An app_mention event: someone @mentions the bot in a channel; `ts` names the message (and its thread). */
export function mention(text: string, ts: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'app_mention',
    user: 'U0ASKER',
    text: `<@${BOT_USER}> ${text}`,
    ts,
    channel: 'C0GENERAL',
    event_ts: ts,
    ...extra,
  };
}

/** A direct message to the bot. */
export function dm(text: string, ts: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    channel_type: 'im',
    user: 'U0ASKER',
    text,
    ts,
    channel: 'D0ASKER',
    event_ts: ts,
    ...extra,
  };
}

/** The JSON body of an event_callback carrying one @mention of the bot. */
export function mentionEvent(eventId: string, ts: string, question: string): string {
  return JSON.stringify(eventBody(eventId, mention(question, ts)));
}

let triggers = 0;
/** A fresh trigger_id, as Slack gives every command and click its own. */
export const nextTriggerId = () => `${Date.now()}.${++triggers}.abc`;

/** A slash command body as Slack form-encodes it. */
export function commandBody(text: string, responseUrl: string, channel = 'C0GENERAL') {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    team_domain: 'nhs-test',
    channel_id: channel,
    channel_name: 'general',
    user_id: 'U0ASKER',
    user_name: 'asker',
    command: '/whocommissions',
    text,
    api_app_id: 'A0APP',
    response_url: responseUrl,
    trigger_id: nextTriggerId(),
  };
}

/** A block_actions payload for a click on one button. */
export function buttonClick(
  button: { action_id: string; value: string },
  responseUrl: string,
  where: {
    channel?: string;
    ephemeral?: boolean;
    /** The message the button is on: its ts, and the thread it is in. */
    message?: { ts: string; thread_ts?: string };
    user?: string;
  } = {},
) {
  const channel = where.channel ?? 'C0GENERAL';
  const user = where.user ?? 'U0ASKER';
  return {
    type: 'block_actions',
    team: { id: TEAM, domain: 'nhs-test' },
    user: { id: user, username: user === 'U0ASKER' ? 'asker' : user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: where.message?.ts ?? '1700000001.000100',
      channel_id: channel,
      is_ephemeral: !!where.ephemeral,
    },
    trigger_id: nextTriggerId(),
    channel: { id: channel, name: 'general' },
    ...(where.message ? { message: { type: 'message', user: BOT_USER, ...where.message } } : {}),
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        block_id: 'b',
        action_id: button.action_id,
        value: button.value,
        action_ts: '1700000002.1',
      },
    ],
  };
}

/** A view_submission payload: someone pressed the submit button of a modal the app opened. */
export function viewSubmission(
  view: { callback_id: string; private_metadata?: string },
  values: Record<string, Record<string, { type: string; value: string }>>,
  user = 'U0ASKER',
) {
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'nhs-test' },
    user: { id: user, username: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    trigger_id: nextTriggerId(),
    view: {
      id: 'V0MODAL',
      team_id: TEAM,
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata ?? '',
      state: { values },
      hash: '1700000000.abc',
      app_id: 'A0APP',
      bot_id: BOT_ID,
    },
  };
}

/** Every button in a list of Block Kit blocks. */
export function buttonsIn(blocks: unknown): { action_id: string; value: string; text: { text: string } }[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b: { type?: string; elements?: unknown[] }) =>
    b.type === 'actions'
      ? ((b.elements ?? []) as { action_id: string; value: string; text: { text: string } }[])
      : [],
  );
}

/** All the text a person could see in a message: top-level text and the blocks, minus button values (never shown). */
export function visibleText(body: { text?: unknown; blocks?: unknown }): string {
  return JSON.stringify([body.text ?? '', body.blocks ?? []], (key, value) =>
    key === 'value' ? undefined : value,
  );
}

/**
 * A local Socket Mode endpoint speaking Slack's envelope protocol: `hello` on connect, envelopes
 * out, `{ envelope_id, payload }` acks back.
 */
export class FakeSocketMode {
  readonly acks: { envelope_id: string; payload?: unknown }[] = [];
  private readonly sockets = new Set<WebSocket>();
  private envelope = 0;

  private constructor(
    private readonly wss: WebSocketServer,
    readonly url: string,
  ) {
    wss.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (data) => this.acks.push(JSON.parse(String(data))));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'local' } }));
    });
  }

  static async start(): Promise<FakeSocketMode> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const { port } = wss.address() as AddressInfo;
    return new FakeSocketMode(wss, `ws://127.0.0.1:${port}/link`);
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Sends one envelope to every connected client; returns its envelope_id. */
  deliver(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: unknown,
    extra: object = {},
  ): string {
    const envelope_id = `env-${++this.envelope}`;
    const message = JSON.stringify({
      envelope_id,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...extra,
    });
    for (const socket of this.sockets) socket.send(message);
    return envelope_id;
  }

  async waitForAck(envelopeId: string, timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.acks.some((a) => a.envelope_id === envelopeId)) {
      if (Date.now() > until) throw new Error(`Envelope ${envelopeId} was not acked within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
