import autocannon, { type Request, type Result } from 'autocannon';
import { mentionEvent, signedHeaders } from '../test/stand-ins/slack.js';
import { personalMessage } from '../test/teams/activities.js';

export type Door = 'ask' | 'slack' | 'teams';

export const CONNECTIONS = 50;
export const REQUESTS = 2000;

/**
 * autocannon's request for one door, each one new: a web chat question on POST /api/ask, a signed
 * Slack @mention with its own event id on /slack/events, a Teams personal message with its own
 * activity id (replies go to `serviceUrl`) on /api/messages. `first` numbers them apart across doors.
 */
export function doorRequest(
  door: Door,
  questions: readonly string[],
  serviceUrl: string,
  first: number,
): Request {
  let n = first;
  const pick = () => questions[n % questions.length] as string;
  switch (door) {
    case 'ask':
      return {
        method: 'POST',
        path: '/api/ask',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          n++;
          return { ...req, body: JSON.stringify({ question: pick() }) };
        },
      };
    case 'slack':
      return {
        method: 'POST',
        path: '/slack/events',
        setupRequest: (req) => {
          n++;
          const body = mentionEvent(`EvBench${n}`, `1800000000.${String(n).padStart(6, '0')}`, pick());
          return { ...req, body, headers: signedHeaders(body) };
        },
      };
    case 'teams':
      return {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          n++;
          return {
            ...req,
            body: JSON.stringify({ ...personalMessage(serviceUrl, pick()), id: `act-${n}` }),
          };
        },
      };
  }
}

/** One door's load: REQUESTS requests over CONNECTIONS connections, as both the bench and its peer run it. */
export async function loadDoor(
  door: Door,
  url: string,
  questions: readonly string[],
  serviceUrl: string,
  first: number,
): Promise<Result> {
  return await autocannon({
    url,
    connections: CONNECTIONS,
    amount: REQUESTS,
    timeout: 20,
    requests: [doorRequest(door, questions, serviceUrl, first)],
  });
}
