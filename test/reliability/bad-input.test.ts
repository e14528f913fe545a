import { describe, expect, it } from 'vitest';
import { mentionEvent, signedHeaders } from '../stand-ins/slack.js';
import { personalMessage } from '../teams/activities.js';
import { useEverything } from './helpers/server.js';

const running = useEverything();

const JSON_TYPE = { 'content-type': 'application/json' };
const MB = 1024 * 1024;

async function post(path: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${running.url}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}

/** A clear error: a 4xx with a JSON body whose "error" says what to do. */
function expectClearError(res: { status: number; type: string; text: string }, status: number) {
  expect(res.status, res.text.slice(0, 200)).toBe(status);
  expect(res.type).toMatch(/application\/json/);
  const body = JSON.parse(res.text) as { error?: unknown };
  expect(typeof body.error === 'string' && body.error.length > 10, res.text).toBe(true);
}

/** The server still answers a good question after a bad request. */
async function expectStillServing() {
  const res = await post(
    '/api/ask',
    JSON.stringify({ question: 'who commissions health visiting?' }),
    JSON_TYPE,
  );
  expect(res.status).toBe(200);
  expect(JSON.parse(res.text)).toMatchObject({ status: 'answered', topic: { id: 'health-visiting' } });
}

describe.each(['/api/ask', '/api/feedback'])('Bad input at %s', (path) => {
  it('answers an oversized body with 413 and keeps serving', async () => {
    expectClearError(await post(path, JSON.stringify({ question: 'x'.repeat(2 * MB) }), JSON_TYPE), 413);
    await expectStillServing();
  });

  it('answers malformed JSON with 400 and keeps serving', async () => {
    expectClearError(await post(path, '{"question": "who commissions', JSON_TYPE), 400);
    await expectStillServing();
  });

  it('answers a body that is not JSON with 415 and keeps serving', async () => {
    expectClearError(
      await post(path, 'question=who+commissions+dentists', { 'content-type': 'text/plain' }),
      415,
    );
    expectClearError(
      await post(path, 'question=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
    );
    await expectStillServing();
  });

  it('answers missing fields, wrong types and non-objects with 400 naming the problem', async () => {
    for (const body of [
      '{}',
      '[]',
      'null',
      '"text"',
      '{"question": 5}',
      '{"question": ""}',
      '{"question": "x", "evil": 1}',
    ]) {
      expectClearError(await post(path, body, JSON_TYPE), 400);
    }
    await expectStillServing();
  });
});

describe('Bad input at /api/ask in particular', () => {
  it('answers a date that does not exist with 400 naming asOf', async () => {
    const res = await post(
      '/api/ask',
      JSON.stringify({ question: 'who commissions dentists?', asOf: '2015-02-30' }),
      JSON_TYPE,
    );
    expectClearError(res, 400);
    expect(JSON.parse(res.text).field).toBe('asOf');
  });

  it('answers a question longer than the limit with 400, not a truncated answer', async () => {
    expectClearError(
      await post('/api/ask', JSON.stringify({ question: 'dentist '.repeat(200) }), JSON_TYPE),
      400,
    );
  });
});

describe('Bad input at /slack/events', () => {
  const body = mentionEvent('EvBad1', '1920000000.000001', 'who commissions dentists?');

  it('turns away an unsigned, a wrongly signed and a replayed event with 401', async () => {
    expect((await post('/slack/events', body, JSON_TYPE)).status).toBe(401);
    expect(
      (await post('/slack/events', body, signedHeaders(body, 'application/json', { signature: 'v0=00' })))
        .status,
    ).toBe(401);
    const replayed = signedHeaders(body, 'application/json', {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect((await post('/slack/events', body, replayed)).status).toBe(401);
    await expectStillServing();
  });

  it('answers signed malformed JSON and an empty body with 400', async () => {
    const broken = '{"type": "event_callback", "event": {';
    expect((await post('/slack/events', broken, signedHeaders(broken))).status).toBe(400);
    expect((await post('/slack/events', '', signedHeaders(''))).status).toBe(400);
    await expectStillServing();
  });

  it('answers an oversized body with 413', async () => {
    const huge = 'x'.repeat(30 * MB);
    expect((await post('/slack/events', huge, signedHeaders(huge))).status).toBe(413);
    await expectStillServing();
  });
});

describe('Bad input at /api/messages (Teams)', () => {
  it('answers an oversized body with 413 and keeps serving', async () => {
    const activity = personalMessage(running.connector.serviceUrl, 'x'.repeat(2 * MB));
    expectClearError(await post('/api/messages', JSON.stringify(activity), JSON_TYPE), 413);
    await expectStillServing();
  });

  it('answers malformed JSON with 400 and keeps serving', async () => {
    expectClearError(await post('/api/messages', '{"type": "message", "text": ', JSON_TYPE), 400);
    await expectStillServing();
  });

  it('answers a body that is not JSON with 415', async () => {
    expectClearError(await post('/api/messages', 'hello', { 'content-type': 'text/plain' }), 415);
    await expectStillServing();
  });

  it('answers an activity without its required fields with 400', async () => {
    for (const bad of ['{}', '[]', '{"type": "message"}']) {
      expectClearError(await post('/api/messages', bad, JSON_TYPE), 400);
    }
    await expectStillServing();
  });
});

describe('Bad input anywhere else', () => {
  it('answers an unknown path with 404 in JSON and keeps serving', async () => {
    const res = await post('/api/nothing-here', '{}', JSON_TYPE);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text).error).toMatch(/nothing at POST/);
    await expectStillServing();
  });
});
