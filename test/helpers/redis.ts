import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, sleep } from './free-port.js';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

const BINARY = '/usr/bin/redis-server';

/** A throwaway Redis from Debian's package on 127.0.0.1, nothing saved to disk. */
export async function startRedis(): Promise<TestRedis> {
  if (!existsSync(BINARY)) {
    throw new Error(`${BINARY} is missing: run bash scripts/ensure-test-services.sh (npm test does)`);
  }
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'wc-redis-'));
  const child: ChildProcess = spawn(
    BINARY,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  await until(async () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }, 'Redis did not answer PING');
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s`);
}

/**
 * Listens for Redis expiring `key` (its keyspace notification), so a test waits for the expiry itself
 * rather than sleeping for a guess at when it happens. Call before the key is written; `expired`
 * resolves once Redis has removed it (Redis's active expiry finds a lone key within about 100 ms of
 * its time to live, later on a busy machine, which only makes the wait longer).
 */
export async function expiryOf(url: string, key: string): Promise<{ expired: Promise<void> }> {
  const subscriber = new Redis(url);
  await subscriber.config('SET', 'notify-keyspace-events', 'Ex');
  let resolve: () => void = () => {};
  const expired = new Promise<void>((r) => {
    resolve = r;
  });
  subscriber.on('message', (_channel: string, expiredKey: string) => {
    if (expiredKey !== key) return;
    subscriber.disconnect();
    resolve();
  });
  await subscriber.subscribe('__keyevent@0__:expired');
  return { expired };
}
