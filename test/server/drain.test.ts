import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/process-server.js';
import { tempDir } from './helpers.js';

// Issue 11, failure 9: SIGTERM drains (/readyz 503 first, still answering), and npm start passes it on.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const QUESTION = JSON.stringify({ question: 'who commissions immunisations?' });

/** A POST /api/ask whose body is sent in two halves; resolves with the status once answered. */
function slowAsk(url: string): { finish(): void; status: Promise<number> } {
  const req = request(`${url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(QUESTION) },
  });
  const status = once(req, 'response').then(([res]) => {
    res.resume();
    return res.statusCode as number;
  });
  req.write(QUESTION.slice(0, 10));
  return { finish: () => req.end(QUESTION.slice(10)), status };
}

/** /readyz asked again after each answer until it stops saying ready: its first other status. */
async function readyzOnceDraining(url: string): Promise<number> {
  for (;;) {
    const status = (await fetch(`${url}/readyz`)).status;
    if (status !== 200) return status;
    await sleep(20);
  }
}

describe('stopping on SIGTERM', () => {
  it('answers /readyz 503 at once, keeps answering for DRAIN_SECONDS, finishes requests in flight, then exits 0', async () => {
    const dataDir = await tempDir('drain');
    const server = await startServerProcess({ DATA_DIR: dataDir, DRAIN_SECONDS: '2' });
    try {
      const inFlight = slowAsk(server.url);
      await sleep(100);
      const signalledAt = Date.now();
      server.child.kill('SIGTERM');
      // Wait for the drain to begin (the signal takes its time on a busy machine), not for a fixed time.
      expect(await readyzOnceDraining(server.url)).toBe(503);
      // A new request during the drain is still answered (the load balancer has not noticed yet).
      const during = await fetch(`${server.url}/api/ask`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: QUESTION,
      });
      expect(during.status).toBe(200);
      await sleep(1000);
      inFlight.finish();
      expect(await inFlight.status).toBe(200);
      expect(await server.exited).toBe(0);
      expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(2000);
    } finally {
      await server.stop('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('stops without the drain period on Ctrl-C (SIGINT): a person, not a load balancer', async () => {
    const dataDir = await tempDir('sigint');
    const server = await startServerProcess({ DATA_DIR: dataDir, DRAIN_SECONDS: '10' });
    try {
      const signalledAt = Date.now();
      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(5000);
    } finally {
      await server.stop('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('stops the server when only the npm start process is sent SIGTERM', async () => {
    const dataDir = await tempDir('npm-start');
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DRAIN_SECONDS: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let text = '';
    npm.stderr.on('data', (chunk) => {
      text += String(chunk);
    });
    try {
      const deadline = Date.now() + 20_000;
      let url: string | undefined;
      while (!url && Date.now() < deadline) {
        url = /Web chat: on at (http:\/\/[^\s/]+)\//.exec(text)?.[1];
        await sleep(50);
      }
      if (!url) throw new Error(`npm start did not start:\n${text}`);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      process.kill(npm.pid as number, 'SIGTERM');
      const stopped = async () => {
        for (let i = 0; i < 100; i++) {
          if (!(await fetch(`${url}/healthz`).catch(() => undefined))) return true;
          await sleep(100);
        }
        return false;
      };
      expect(await stopped()).toBe(true);
    } finally {
      // The whole process group this test started, in case the server outlived npm.
      try {
        process.kill(-(npm.pid as number), 'SIGKILL');
      } catch {}
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
