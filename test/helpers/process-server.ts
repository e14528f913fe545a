import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything written to stderr so far (start-up lines, JSON logs). */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>;
  /** Sends a signal and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/**
 * The real server as its own process (`node --import tsx src/server/main.ts`, what `npm start` runs),
 * on 127.0.0.1 and a free port; resolves once /readyz answers 200.
 */
export async function startServerProcess(
  env: Record<string, string>,
  args: string[] = ['--import', 'tsx', 'src/server/main.ts'],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const keep = (chunk: unknown) => {
    text += String(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  const url = await waitFor(
    () => /Web chat: on at (http:\/\/[^\s/]+)\//.exec(text)?.[1],
    exited,
    () => text,
  );
  await waitFor(
    async () => ((await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined),
    exited,
    () => text,
  );
  return {
    child,
    url,
    output: () => text,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  exited: Promise<unknown>,
  output: () => string,
  // Generous: a first start through tsx on a loaded 2-core CI machine has taken over 20 s.
  timeoutMs = 60_000,
): Promise<T> {
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !ended) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server process did not become ready${ended ? ' (it exited)' : ''}:\n${output()}`);
}
