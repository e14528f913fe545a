import autocannon, { type Request, type Result } from 'autocannon';
import { startEverything, waitUntil } from '../test/reliability/helpers/server.js';
import { mentionEvent, signedHeaders } from '../test/stand-ins/slack.js';
import { personalMessage } from '../test/teams/activities.js';
import { round } from './stats.js';

/** A personal (1:1) Teams message to the bot with a given activity id. */
function teamsMessage(serviceUrl: string, id: string, text: string) {
  return { ...personalMessage(serviceUrl, text), id };
}

export const CONNECTIONS = 50;
export const REQUESTS = 2000;

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
  note: string;
}

function figures(door: string, r: Result, note: string, replies?: number): DoorFigures {
  return {
    door,
    requests: r.requests.total,
    // Over the whole run: autocannon's own average is of one-second buckets, coarse for a few seconds' run.
    perSecond: round(r.requests.total / r.duration),
    seconds: r.duration,
    p50Ms: round(r.latency.p50),
    p99Ms: round(r.latency.p99),
    errors: r.errors + r.timeouts + r.non2xx,
    ...(replies !== undefined ? { replies } : {}),
    note,
  };
}

async function cannon(url: string, request: Request): Promise<Result> {
  return autocannon({ url, connections: CONNECTIONS, amount: REQUESTS, timeout: 20, requests: [request] });
}

/**
 * The real server in this process on 127.0.0.1 with every surface on, loaded by autocannon at 50
 * connections: the web chat's POST /api/ask, signed Slack events on /slack/events (each a new
 * @mention, answered through a local Slack stand-in), and Teams activities on /api/messages.
 */
export async function endToEnd(questions: readonly string[]): Promise<DoorFigures[]> {
  const running = await startEverything();
  const pick = (n: number) => questions[n % questions.length] as string;
  try {
    const out: DoorFigures[] = [];
    let n = 0;

    const ask = await cannon(running.url, {
      method: 'POST',
      path: '/api/ask',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ question: pick(n++) }) }),
    });
    out.push(figures('POST /api/ask', ask, 'the answer in the HTTP response'));

    const slackBefore = running.slack.posts.length;
    const slack = await cannon(running.url, {
      method: 'POST',
      path: '/slack/events',
      setupRequest: (req) => {
        n++;
        const body = mentionEvent(`EvBench${n}`, `1800000000.${String(n).padStart(6, '0')}`, pick(n));
        return { ...req, body, headers: signedHeaders(body) };
      },
    });
    await waitUntil(() => running.slack.posts.length - slackBefore >= slack['2xx'], 30_000);
    out.push(
      figures(
        'Slack events (signed)',
        slack,
        'HTTP time is the ack; answers are posted after it',
        running.slack.posts.length - slackBefore,
      ),
    );

    const teamsBefore = running.connector.replies.length;
    const teams = await cannon(running.url, {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => {
        n++;
        return {
          ...req,
          body: JSON.stringify(teamsMessage(running.connector.serviceUrl, `act-${n}`, pick(n))),
        };
      },
    });
    await waitUntil(() => running.connector.replies.length - teamsBefore >= teams['2xx'], 30_000);
    out.push(
      figures(
        'Teams activities',
        teams,
        'reply sent to the connector before the HTTP answer',
        running.connector.replies.length - teamsBefore,
      ),
    );
    return out;
  } finally {
    await running.close();
  }
}
