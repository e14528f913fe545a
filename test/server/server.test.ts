import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { afterReloads, copyKnowledge, startTestServer, tempDir } from './helpers.js';

// Node with tsx's loader, not tsx's own command: that one gives the server 30 ms to say it handles a
// signal before it kills it (exit 143), which a busy machine misses.
const NODE_TSX = [process.execPath, '--import', 'tsx'] as const;

describe('readiness', () => {
  it('answers /healthz at once, and /readyz with 503 until the knowledge loads', async () => {
    const dir = await copyKnowledge();
    const bad = 'topics:\n  - id: zz-broken\n    title: Broken on purpose\n    kind: service\n    eras: []\n';
    await writeFile(join(dir, 'zz-broken.yaml'), bad);
    const server = await startTestServer({ knowledgeDir: dir, waitReady: false });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const notReady = await afterReloads(server.logger, async () => {
        const response = await fetch(`${server.url}/readyz`);
        const body = (await response.json()) as { status: string; problems: string[] };
        expect(body.problems.length).toBeGreaterThan(0);
        return { status: response.status, body };
      });
      expect(notReady.status).toBe(503);
      expect(notReady.body.problems[0]).toMatch(/zz-broken\.yaml:5:\d+/);
      const ask = await server.ask({ question: 'who commissions health visiting?' });
      expect(ask.status).toBe(503);
      expect(await ask.text()).toMatch(/The knowledge files have problems/);

      // Fixed by removing it: a file with no content at all is itself a problem now.
      await rm(join(dir, 'zz-broken.yaml'));
      await server.ready;
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect((await server.ask({ question: 'who commissions health visiting?' })).status).toBe(200);
    } finally {
      await server.dispose();
    }
  });
});

describe('knowledge problems are for maintainers', () => {
  it('with MAINTAINERS_TOKEN set, shows file and line only to a request carrying it', async () => {
    const dir = await copyKnowledge();
    await writeFile(join(dir, 'zz-broken.yaml'), 'topics:\n  - id: zz-broken\n    title: [not, text]\n');
    const token = 'a-maintainers-token-for-tests-0123';
    const server = await startTestServer({
      knowledgeDir: dir,
      waitReady: false,
      env: { MAINTAINERS_TOKEN: token },
    });
    const bearer = { Authorization: `Bearer ${token}` };
    try {
      const told = await afterReloads(server.logger, async () => {
        const response = await fetch(`${server.url}/readyz`, { headers: bearer });
        const body = (await response.json()) as { problems: string[] };
        expect(body.problems[0]).toMatch(/zz-broken\.yaml:3:\d+/);
        return response.status;
      });
      expect(told).toBe(503);
      // From 127.0.0.1 without the token, as through a proxy that adds no header: no paths.
      const readyz = await fetch(`${server.url}/readyz`);
      expect(await readyz.json()).toEqual({ status: 'knowledge has problems', problems: [] });
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(503);
      const text = await page.text();
      expect(text).toMatch(/knowledge files have problems, and the server log names them/);
      expect(text).not.toContain('zz-broken');
      expect(await (await fetch(`${server.url}/`, { headers: bearer })).text()).toMatch(
        /zz-broken\.yaml:3:\d+/,
      );
    } finally {
      await server.dispose();
    }
  });
});

describe('surfaces', () => {
  it('with no credentials mounts the web chat only', async () => {
    const server = await startTestServer();
    try {
      expect((await fetch(`${server.url}/`)).status).toBe(200);
      expect((await fetch(`${server.url}/slack/events`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${server.url}/api/messages`, { method: 'POST' })).status).toBe(404);
      expect(server.logger.lines.find((line) => line.msg === 'ready')?.obj).toMatchObject({
        surfaces: ['web chat'],
      });
      // The start's phases, for reading where start-up time goes from the log.
      expect(server.logger.lines.find((line) => line.msg === 'ready')?.obj).toMatchObject({
        sinceStartMs: expect.any(Number),
      });
      expect(server.logger.lines.find((line) => line.msg === 'knowledge loaded')?.obj).toMatchObject({
        importedAtMs: expect.any(Number),
        loadMs: expect.any(Number),
      });
    } finally {
      await server.dispose();
    }
  });

  it('mounts Teams at /api/messages when configured, beside the web chat', async () => {
    const server = await startTestServer({ env: { TEAMS_ALLOW_UNAUTHENTICATED: 'true' } });
    try {
      expect(server.logger.lines.find((line) => line.msg === 'ready')?.obj).toMatchObject({
        surfaces: ['web chat', 'teams'],
      });
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(response.status).not.toBe(404);
      expect((await fetch(`${server.url}/`)).status).toBe(200);
    } finally {
      await server.dispose();
    }
  });

  it('mounts Slack events at /slack/events with a signing secret, checking signatures on the raw body', async () => {
    // A stand-in for Slack's Web API, so the start-up token check needs no network.
    const slackApi = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({ ok: true, user: 'whocommissions', team: 'Test', user_id: 'U1', bot_id: 'B1' }),
      );
    });
    await new Promise<void>((resolve) => slackApi.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(slackApi.address() as AddressInfo).port}/api/`;
    const secret = 'test-signing-secret';
    const server = await startTestServer({
      env: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: apiUrl },
    });
    try {
      const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123' });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      const signed = await fetch(`${server.url}/slack/events`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Slack-Request-Timestamp': timestamp,
          'X-Slack-Signature': signature,
        },
        body,
      });
      expect(signed.status).toBe(200);
      expect(await signed.text()).toContain('abc123');
      const forged = await fetch(`${server.url}/slack/events`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Slack-Request-Timestamp': timestamp,
          'X-Slack-Signature': 'v0=00',
        },
        body,
      });
      expect(forged.status).toBe(401);
      expect((await fetch(`${server.url}/`)).status).toBe(200);
    } finally {
      await server.dispose();
      slackApi.close();
    }
  });
});

describe('shutdown', () => {
  it('lets a request in flight finish before the server closes', async () => {
    const server = await startTestServer();
    const { port } = new URL(server.url);
    const body = JSON.stringify({ question: 'who commissions health visiting?', asOf: '2017-04-01' });
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString();
    });
    const ended = new Promise((resolve) => socket.once('close', resolve));
    // Send half the request, start shutting down, then send the rest.
    socket.write(
      `POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    socket.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    let closed = false;
    const closing = server.dispose().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    socket.write(body.slice(10));
    await closing;
    await ended;
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(reply).toContain('"local-authority"');
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe('listening', () => {
  it('says which setting to change when the port is taken', async () => {
    const first = await startTestServer();
    try {
      const { port } = new URL(first.url);
      await expect(startTestServer({ env: { PORT: port } })).rejects.toThrow(
        `Port ${port} on 127.0.0.1 is already in use: stop the other server or set PORT to a free port`,
      );
    } finally {
      await first.dispose();
    }
  });
});

describe('npm start', () => {
  it('prints what is on and off, serves the web chat, and stops cleanly on SIGTERM', async () => {
    const dataDir = await tempDir('start');
    const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), 'src/server/main.ts'], {
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collect(child);
    try {
      const url = (await output.printed('stderr', /Web chat: on at (http:\/\/127\.0\.0\.1:\d+)\//))[1];
      expect(output.stderr).toContain('Slack: off — set SLACK_BOT_TOKEN and SLACK_APP_TOKEN to turn it on');
      await output.printed('stdout', /"msg":"ready"/);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      child.kill('SIGTERM');
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(0);
      expect(output.stdout).toContain('"msg":"stopped"');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses to start on a bad setting, naming it', async () => {
    const failed = await promisify(execFile)(NODE_TSX[0], [...NODE_TSX.slice(1), 'src/server/main.ts'], {
      env: { ...process.env, PORT: 'eighty', SLACK_APP_TOKEN: 'xapp-1' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    const { stderr } = failed as { stderr: string };
    expect(stderr).toContain('whocommissions cannot start; fix these settings');
    expect(stderr).toContain('PORT must be a whole number between 0 and 65535, e.g. PORT=3978');
  });
});

/** What the child prints, and a wait for a line it prints (failing if it exits first): no deadline. */
function collect(child: ChildProcess) {
  const output = {
    stdout: '',
    stderr: '',
    printed(stream: 'stdout' | 'stderr', pattern: RegExp): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output[stream]);
          if (!match) return;
          child[stream]?.off('data', check);
          child.off('exit', exited);
          resolve(match);
        };
        const exited = () => reject(new Error(`exited before printing ${pattern}:\n${output[stream]}`));
        child[stream]?.on('data', check);
        child.once('exit', exited);
        check();
      });
    },
  };
  child.stdout?.on('data', (chunk) => {
    output.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk) => {
    output.stderr += chunk.toString();
  });
  return output;
}
