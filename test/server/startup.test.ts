import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { startTestServer, type TestServer } from './helpers.js';

/**
 * Slack as seen from a server starting up: auth.test can be held (Slack slow or unreachable) or
 * refused; apps.connections.open points at a local Socket Mode endpoint that counts open sockets.
 */
async function slowSlack(authTest: 'hold' | 'invalid_auth') {
  const held: ServerResponse[] = [];
  const calls: string[] = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  wss.on('connection', (socket) =>
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'local' } })),
  );
  const reply = (res: ServerResponse, body: object) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const signedIn = { ok: true, team: 'Test', user: 'whocommissions', team_id: 'T1', user_id: 'U1' };

  const api = createServer((req, res) => {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    calls.push(method);
    req.resume();
    if (method === 'auth.test') {
      if (authTest === 'hold') held.push(res);
      else reply(res, { ok: false, error: authTest });
    } else if (method === 'apps.connections.open') reply(res, { ok: true, url: socketUrl });
    else reply(res, { ok: true });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  return {
    env: {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_APP_TOKEN: 'xapp-test',
      SLACK_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/`,
    },
    calls,
    held,
    /** Slack answers the token check at last. */
    release() {
      for (const res of held.splice(0)) reply(res, signedIn);
    },
    openSockets: () => [...wss.clients].filter((socket) => socket.readyState === socket.OPEN).length,
    async close() {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      api.closeAllConnections();
      await new Promise<void>((resolve) => api.close(() => resolve()));
    },
  };
}

const until = async (check: () => boolean, what: string, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function serverWith(slack: Awaited<ReturnType<typeof slowSlack>>): Promise<TestServer> {
  cleanups.push(() => slack.close());
  const server = await startTestServer({ env: slack.env, waitReady: false });
  cleanups.push(() => server.dispose());
  return server;
}

describe('start-up with a slow chat surface', () => {
  it('is ready and answers in the web chat while Slack is still being reached', async () => {
    const slack = await slowSlack('hold');
    const server = await serverWith(slack);
    await server.ready;
    await until(() => slack.held.length > 0, 'the Slack token check');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await server.ask({ question: 'who commissions health visiting?' })).status).toBe(200);

    slack.release();
    await server.started;
    expect(slack.calls).toContain('apps.connections.open');
    await until(() => slack.openSockets() === 1, 'the Socket Mode connection');
    await server.close();
    await until(() => slack.openSockets() === 0, 'the Socket Mode connection to close');
  });

  it('logs a surface that cannot start and keeps the others serving', async () => {
    const slack = await slowSlack('invalid_auth');
    const server = await serverWith(slack);
    await server.ready;
    await server.started;
    const failure = server.logger.lines.find((line) => line.level === 'error');
    expect(failure?.msg).toMatch(/^slack could not start: Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);
    expect(server.told.join('\n')).toMatch(/slack could not start; the other chat surfaces are running/);
    expect((await server.ask({ question: 'who commissions health visiting?' })).status).toBe(200);
  });
});

describe('shutdown during start-up', () => {
  it('leaves no Socket Mode connection open when Slack answers after shutdown began', async () => {
    const slack = await slowSlack('hold');
    const server = await serverWith(slack);
    // Not waiting for ready: shutdown must be safe at any point of start-up.
    await until(() => slack.held.length > 0, 'the Slack token check');

    const closing = server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    slack.release();
    await closing;
    // Give a connection opened too late the time to show up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.openSockets()).toBe(0);
  });

  it('gives up waiting for a start that never finishes, and still opens nothing afterwards', async () => {
    const slack = await slowSlack('hold');
    const server = await serverWith(slack);
    // Not waiting for ready: shutdown must be safe at any point of start-up.
    await until(() => slack.held.length > 0, 'the Slack token check');

    const began = Date.now();
    await server.close(); // shutdownGraceMs is 2 s in tests
    expect(Date.now() - began).toBeLessThan(4000);
    slack.release();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.calls).not.toContain('apps.connections.open');
    expect(slack.openSockets()).toBe(0);
  });
});
