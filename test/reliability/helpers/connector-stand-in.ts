import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorStandIn {
  /** The serviceUrl to put on incoming activities. */
  serviceUrl: string;
  /** Every reply, by the id of the activity it answers. */
  replies: { conversationId: string; replyToId: string }[];
  repliesByActivity(): Map<string, number>;
  close(): Promise<void>;
}

/**
 * A local stand-in for the Bot Framework connector: records replies (POST
 * /v3/conversations/{id}/activities/{replyToId}) and answers member look-ups.
 */
export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  const replies: ConnectorStandIn['replies'] = [];
  let next = 1;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const send = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const member = path.match(/^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/);
      if (req.method === 'GET' && member) {
        return send(200, { id: decodeURIComponent(member[1] as string), name: 'Alex Example' });
      }
      const reply = path.match(/^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/);
      if (req.method === 'POST' && reply) {
        replies.push({
          conversationId: decodeURIComponent(reply[1] as string),
          replyToId: decodeURIComponent(reply[2] as string),
        });
        return send(200, { id: `bot-${next++}` });
      }
      if (req.method === 'POST' || req.method === 'PUT') return send(200, { id: `bot-${next++}` });
      send(404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    replies,
    repliesByActivity() {
      const counts = new Map<string, number>();
      for (const r of replies) counts.set(r.replyToId, (counts.get(r.replyToId) ?? 0) + 1);
      return counts;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A personal (1:1) Teams message to the bot, as the channel sends it. */
export function teamsMessage(serviceUrl: string, id: string, text: string) {
  return {
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: '29:alex', name: 'Alex Example', aadObjectId: '5d2f0b4c-8a9e-4f6b-9c1d-2e3f4a5b6c7d' },
    recipient: { id: '28:whocommissions-bot', name: 'Who commissions' },
    conversation: {
      id: `a:personal-${id}`,
      conversationType: 'personal',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    },
    channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' } },
    locale: 'en-GB',
    text,
    textFormat: 'plain',
  };
}
