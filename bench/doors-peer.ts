import type { Result } from 'autocannon';
import { waitUntil } from '../test/reliability/helpers/server.js';
import { startConnectorStandIn } from '../test/stand-ins/connector.js';
import { FakeSlack } from '../test/stand-ins/slack.js';
import { type Door, loadDoor } from './door-requests.js';

// The bench's other side, in its own process (bench/end-to-end.ts forks it): the Slack and Teams
// stand-ins, which stand for slack.com and the Bot Framework connector, and autocannon, which stands
// for their users. In production neither shares the server's event loop, so here neither does.

export type PeerMessage =
  | { type: 'ready'; slackApiUrl: string; serviceUrl: string }
  | { type: 'loaded'; result: Result; replies?: number; allRepliedMs?: number; cpuMs: number };
export type ParentMessage =
  | { type: 'load'; door: Door; url: string; questions: string[]; first: number }
  | { type: 'close' };

const send = (message: PeerMessage) => process.send?.(message);
const [slack, connector] = await Promise.all([FakeSlack.start(), startConnectorStandIn()]);
const replies: Record<Door, () => number> = {
  ask: () => 0,
  slack: () => slack.posts.length,
  teams: () => connector.replies.length,
};

process.on('message', async (message: ParentMessage) => {
  if (message.type === 'close') {
    await Promise.all([slack.close(), connector.close()]);
    process.disconnect();
    return;
  }
  const { door, url, questions, first } = message;
  const before = replies[door]();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await loadDoor(door, url, questions, connector.serviceUrl, first);
  if (door === 'ask') {
    const used = process.cpuUsage(cpu);
    return send({ type: 'loaded', result, cpuMs: (used.user + used.system) / 1000 });
  }
  await waitUntil(() => replies[door]() - before >= result['2xx'], 30_000);
  const allRepliedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  send({
    type: 'loaded',
    result,
    replies: replies[door]() - before,
    allRepliedMs,
    cpuMs: (used.user + used.system) / 1000,
  });
});
send({ type: 'ready', slackApiUrl: slack.apiUrl, serviceUrl: connector.serviceUrl });
