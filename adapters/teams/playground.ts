/**
 * `npm run teams:playground`: the bot unauthenticated on 127.0.0.1 and the Microsoft 365 Agents
 * Playground (Microsoft's Teams-like test client, a dev dependency) against it, so the cards can be
 * tried in a personal chat, a group chat and a channel without Azure or a Teams tenant.
 *
 * PORT (default 3978) is the bot's port, TEAMS_PLAYGROUND_PORT (default 56150) the Playground's.
 * TEAMSAPPTESTER_BROWSER=none stops the Playground opening a browser. Ctrl-C stops both.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOOPBACK = '127.0.0.1';

const port = (name: string, fallback: number): number => {
  const value = process.env[name] ?? String(fallback);
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    process.stderr.write(
      `${name}=${value} is not a port: use a whole number up to 65535, e.g. ${name}=${fallback}\n`,
    );
    process.exit(2);
  }
  return Number(value);
};

const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGINT');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(
    () => process.exit(code),
  );
}

function start(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine?: (line: string) => void,
): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) onLine?.(line);
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.\n`);
      stopAll(code === 0 ? 1 : (code ?? 1));
    }
  });
  return child;
}

async function waitForReady(url: string, bot: ChildProcess): Promise<void> {
  for (let tries = 0; tries < 600 && bot.exitCode === null; tries++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the bot did not become ready at ${url}: see its messages above`);
}

async function main(): Promise<void> {
  const botPort = port('PORT', 3978);
  const uiPort = port('TEAMS_PLAYGROUND_PORT', 56150);
  const bot = start('The bot', ['--import', 'tsx', 'src/server/main.ts'], {
    ...process.env,
    HOST: LOOPBACK,
    PORT: String(botPort),
    // The Playground sends no Bot Framework token: authentication off, which the server allows on loopback only.
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(0));
  await waitForReady(`http://${LOOPBACK}:${botPort}/readyz`, bot);

  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const endpoint = `http://${LOOPBACK}:${botPort}/api/messages`;
  // The Playground listens on every interface; the preload keeps it on 127.0.0.1 like the bot.
  const preload = fileURLToPath(new URL('./loopback-listen.mjs', import.meta.url));
  start(
    'The Agents Playground',
    ['--import', preload, cli, '-e', endpoint, '-c', 'msteams', '-p', String(uiPort), '--dt'],
    process.env,
    (line) => {
      // It moves to another port when the one asked for is taken, and says so only in this line.
      const listening = /^Listening on (\d+)/.exec(line.trim());
      if (listening)
        process.stderr.write(
          `\nAgents Playground: http://${LOOPBACK}:${listening[1]}/ (talking to the bot at ${endpoint}; Ctrl-C stops both)\n`,
        );
    },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`teams:playground: ${error instanceof Error ? error.message : String(error)}\n`);
  stopAll(1);
});
