import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Result } from 'autocannon';
import type { Logger } from '../src/surface.js';
import { type Running, startEverything, waitUntil } from '../test/reliability/helpers/server.js';
import { type Door, loadDoor, REQUESTS } from './door-requests.js';
import type { ParentMessage, PeerMessage } from './doors-peer.js';
import { round } from './stats.js';

export { CONNECTIONS, REQUESTS } from './door-requests.js';

export interface DoorFigures {
  door: string;
  requests: number;
  perSecond: number;
  /** How long the run took, seconds. */
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts and non-2xx answers together: must be 0. */
  errors: number;
  /** Replies the chat platform's stand-in received (Slack, Teams), or undefined for /api/ask. */
  replies?: number;
  /** From the first request to the last reply at the stand-in, seconds (Slack, Teams). */
  repliedSeconds?: number;
  /**
   * The server process's CPU time (user + system) per request over the run, ms: steadier than wall
   * time on a busy machine. With the client in the same process (inProcess), the client's and the
   * stand-ins' too.
   */
  cpuMsPerRequest?: number;
  /** The client's and stand-ins' process's CPU time per request, ms (not with inProcess). */
  clientCpuMsPerRequest?: number;
  note: string;
}

/** What to run: every door by default, with the server's settings and logger given. */
export interface EndToEndOptions {
  doors?: readonly Door[];
  env?: Record<string, string>;
  logger?: Logger;
  /**
   * autocannon and the stand-ins in the server's own process, as the bench ran them before
   * 5 December 2026: their work then shares the server's one event loop.
   */
  inProcess?: boolean;
  /** Called around each door's load (not the server's start), e.g. to profile only that. */
  around?: (door: Door, load: () => Promise<void>) => Promise<void>;
}

const NAMES: Record<Door, [string, string]> = {
  ask: ['POST /api/ask', 'the answer in the HTTP response'],
  slack: ['Slack events (signed)', 'HTTP time is the ack; answers are posted after it'],
  teams: ['Teams activities', 'reply sent to the connector before the HTTP answer'],
};

interface Loaded {
  result: Result;
  replies?: number;
  allRepliedMs?: number;
  clientCpuMs?: number;
}

function figures(door: Door, loaded: Loaded, cpuMs: number): DoorFigures {
  const r = loaded.result;
  const total = Math.max(1, r.requests.total);
  return {
    door: NAMES[door][0],
    requests: r.requests.total,
    // Over the whole run: autocannon's own average is of one-second buckets, coarse for a few seconds' run.
    perSecond: round(r.requests.total / r.duration),
    seconds: r.duration,
    p50Ms: round(r.latency.p50),
    p99Ms: round(r.latency.p99),
    errors: r.errors + r.timeouts + r.non2xx,
    ...(loaded.replies !== undefined ? { replies: loaded.replies } : {}),
    ...(loaded.allRepliedMs !== undefined ? { repliedSeconds: round(loaded.allRepliedMs / 1000) } : {}),
    cpuMsPerRequest: round(cpuMs / total),
    ...(loaded.clientCpuMs !== undefined ? { clientCpuMsPerRequest: round(loaded.clientCpuMs / total) } : {}),
    note: NAMES[door][1],
  };
}

/** The load's side of the bench: autocannon and the stand-ins, loading one door and counting its replies. */
interface LoadSide {
  slackApiUrl: string;
  load(door: Door, url: string, questions: string[], first: number): Promise<Loaded>;
  close(): Promise<void>;
}

/** autocannon and the stand-ins in a child process of their own (bench/doors-peer.ts). */
async function peerSide(): Promise<LoadSide> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./doors-peer.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<PeerMessage>((resolve, reject) => {
      child.once('message', (m) => resolve(m as PeerMessage));
      child.once('exit', (code) => reject(new Error(`the bench's load process exited (${code})`)));
    });
  const ready = await next();
  if (ready.type !== 'ready') throw new Error('the bench load process did not start');
  const ask = (m: ParentMessage) => child.send(m);
  return {
    slackApiUrl: ready.slackApiUrl,
    serviceUrl: ready.serviceUrl,
    async load(door, url, questions, first) {
      const answer = next();
      ask({ type: 'load', door, url, questions, first });
      const m = await answer;
      if (m.type !== 'loaded') throw new Error('unexpected message from the bench load process');
      return {
        result: m.result,
        ...(m.replies !== undefined ? { replies: m.replies } : {}),
        ...(m.allRepliedMs !== undefined ? { allRepliedMs: m.allRepliedMs } : {}),
        clientCpuMs: m.cpuMs,
      };
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      ask({ type: 'close' });
      await exited;
    },
  } as LoadSide;
}

/** autocannon and the stand-ins started with the server, in this process. */
function inProcessSide(running: Running): LoadSide {
  const replies: Record<Door, () => number> = {
    ask: () => 0,
    slack: () => running.slack.posts.length,
    teams: () => running.connector.replies.length,
  };
  return {
    slackApiUrl: running.slack.apiUrl,
    async load(door, url, questions, first) {
      const before = replies[door]();
      const started = performance.now();
      const result = await loadDoor(door, url, questions, running.connector.serviceUrl, first);
      if (door === 'ask') return { result };
      await waitUntil(() => replies[door]() - before >= result['2xx'], 30_000);
      return { result, replies: replies[door]() - before, allRepliedMs: performance.now() - started };
    },
    close: async () => {},
  };
}

/**
 * The real server on 127.0.0.1 with every surface on (as npm start runs it: indexes built at start),
 * loaded by autocannon at 50 connections: the web chat's POST /api/ask, signed Slack events on
 * /slack/events (each a new @mention, answered through a Slack stand-in), and Teams activities on
 * /api/messages (answered through a connector stand-in). autocannon and the stand-ins run in a child
 * process, as Slack, Microsoft and their users are elsewhere; `inProcess` puts them back in this one.
 */
export async function endToEnd(
  questions: readonly string[],
  options: EndToEndOptions = {},
): Promise<DoorFigures[]> {
  const doors = new Set(options.doors ?? ['ask', 'slack', 'teams']);
  const peer = options.inProcess ? undefined : await peerSide();
  const running = await startEverything({
    env: { ...(peer ? { SLACK_API_URL: peer.slackApiUrl } : {}), ...options.env },
    ...(options.logger ? { logger: options.logger } : {}),
    warm: true,
  }).catch(async (error: unknown) => {
    await peer?.close();
    throw error;
  });
  const side = peer ?? inProcessSide(running);
  const around = options.around ?? ((_door, load) => load());
  const list = [...questions];
  try {
    const out: DoorFigures[] = [];
    let first = 0;
    for (const door of ['ask', 'slack', 'teams'] as const) {
      if (!doors.has(door)) continue;
      let loaded: Loaded | undefined;
      const cpu = process.cpuUsage();
      await around(door, async () => {
        loaded = await side.load(door, running.url, list, first);
      });
      const used = process.cpuUsage(cpu);
      first += REQUESTS;
      out.push(figures(door, loaded as Loaded, (used.user + used.system) / 1000));
    }
    return out;
  } finally {
    await running.close();
    await side.close();
  }
}
