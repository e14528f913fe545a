import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUESTION_LENGTH } from '../../adapters/local/api.js';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

const errorOf = async (response: Response) => (await response.json()) as { error: string; field?: string };

describe('POST /api/ask', () => {
  it('answers health visiting in 2017 with the council', async () => {
    const answer = await server.answer('who commissions health visiting?', { asOf: '2017-04-01' });
    expect(answer.status).toBe('answered');
    expect(answer.asOf).toBe('2017-04-01');
    expect(answer.asOfSource).toBe('given');
    expect(answer.commissioners.map((c) => c.body)).toEqual(['local-authority']);
  });

  it('answers the topic a clarify option names, not the best match for the text', async () => {
    const answer = await server.answer('who commissions it?', {
      topicId: 'health-visiting',
      asOf: '2014-06-01',
    });
    expect(answer.topic?.id).toBe('health-visiting');
    expect(answer.commissioners.map((c) => c.body)).toEqual(['nhs-england']);
  });

  it('treats an empty asOf as no date', async () => {
    const answer = await server.answer('who commissions health visiting?', { asOf: '' });
    expect(answer.asOfSource).toBe('today');
  });

  it('rejects a body that is not JSON with 415', async () => {
    const response = await server.ask('question=hello', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(415);
    expect((await errorOf(response)).error).toMatch(/Content-Type: application\/json/);
  });

  it('rejects malformed JSON with 400 and says so', async () => {
    const response = await server.ask('{"question": "who', { 'Content-Type': 'application/json' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).error).toMatch(/not valid JSON/);
  });

  it('rejects a body larger than 8 kB with 413', async () => {
    const response = await server.ask({ question: 'x'.repeat(9000) });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).error).toMatch(/larger than 8kb/);
  });

  it('rejects a missing question with 400 naming the field', async () => {
    const response = await server.ask({ asOf: '2017-01-01' });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({
      error: 'question is missing: send {"question": "…"}',
      field: 'question',
    });
  });

  it('rejects an empty question', async () => {
    const response = await server.ask({ question: '   ' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).error).toMatch(/question is empty/);
  });

  it('rejects a question over the length limit and accepts one at it', async () => {
    const tooLong = await server.ask({ question: 'a'.repeat(MAX_QUESTION_LENGTH + 1) });
    expect(tooLong.status).toBe(400);
    expect((await errorOf(tooLong)).error).toMatch(/longer than 500 characters/);
    const atLimit = await server.ask({ question: 'a'.repeat(MAX_QUESTION_LENGTH) });
    expect(atLimit.status).toBe(200);
  });

  it('rejects a date that is not YYYY-MM-DD or does not exist', async () => {
    for (const asOf of ['01/04/2017', '2017-02-30', 2017]) {
      const response = await server.ask({ question: 'who commissions health visiting?', asOf });
      expect(response.status, `asOf ${asOf}`).toBe(400);
      expect((await errorOf(response)).field).toBe('asOf');
    }
  });

  it('rejects unknown fields, naming them and the ones it knows', async () => {
    const response = await server.ask({ question: 'who commissions health visiting?', date: '2017-01-01' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).error).toBe(
      'unknown field "date": the fields are question, asOf, topicId and conversation',
    );
  });

  it('reads a follow-up against the last question with the same conversation id, and only that', async () => {
    await server.answer('who commissioned health visiting in 2014?', { conversation: 'api-test-one' });
    const followed = await server.answer('and in 2016?', { conversation: 'api-test-one' });
    expect(followed.followUp).toMatch(/\(from your last question\), in 2016$/);
    expect(followed.commissioners.map((c) => c.body)).toEqual(['local-authority']);
    expect((await server.answer('and in 2016?', { conversation: 'api-test-two' })).followUp).toBeUndefined();
    expect((await server.answer('and in 2016?')).followUp).toBeUndefined();
    const bad = await server.ask({ question: 'and in 2016?', conversation: 'a b' });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toEqual({
      error: 'conversation must be 8 to 64 letters, digits, "-" or "_"',
      field: 'conversation',
    });
  });

  it('rejects JSON that is not an object', async () => {
    const response = await server.ask('["who commissions health visiting?"]', {
      'Content-Type': 'application/json',
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).error).toMatch(/send a JSON object/);
  });

  it('writes unanswered questions to DATA_DIR without holding up the reply', async () => {
    const answer = await server.answer('what colour are the ducks in the hospital pond?');
    expect(answer.status).toBe('unknown');
    await server.flushLogbook();
    const lines = (await readFile(join(server.dataDir, 'unanswered.jsonl'), 'utf8')).trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as { question: string; surface: string });
    expect(entries).toContainEqual(
      expect.objectContaining({
        question: 'what colour are the ducks in the hospital pond?',
        surface: 'local',
      }),
    );
  });
});

describe('POST /api/feedback', () => {
  it('records a not-helpful click in feedback.jsonl', async () => {
    const response = await fetch(`${server.url}/api/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        helpful: false,
        question: 'who commissions health visiting?',
        asOf: '2017-04-01',
        topicId: 'health-visiting',
        status: 'answered',
      }),
    });
    expect(response.status).toBe(204);
    await server.flushLogbook();
    const entry = JSON.parse(await readFile(join(server.dataDir, 'feedback.jsonl'), 'utf8'));
    expect(entry).toMatchObject({ helpful: false, topicId: 'health-visiting', surface: 'local' });
  });

  it('rejects feedback without a helpful flag', async () => {
    const response = await fetch(`${server.url}/api/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question: 'q', asOf: '2017-04-01', status: 'answered' }),
    });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({ error: 'helpful must be true or false', field: 'helpful' });
  });
});

describe('other routes', () => {
  it('gives the knowledge date written out for the web chat, so it need not format it', async () => {
    const status = (await (await fetch(`${server.url}/api/status`)).json()) as {
      updated: string;
      updatedText: string;
    };
    const [year, month, day] = status.updated.split('-').map(Number);
    const written = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day)).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(status.updatedText).toBe(written);
  });

  it('serves the web chat page and NHS.UK styles with a strict content security policy', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Who commissions what');
    const css = await fetch(`${server.url}/assets/nhsuk-frontend.min.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });

  it('answers unknown paths with a JSON 404 that points to the web chat', async () => {
    const response = await fetch(`${server.url}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect((await errorOf(response)).error).toMatch(/the web chat is at \//);
  });
});

describe('WEB_CHAT=false', () => {
  it('serves no page and no /api routes, but still the health checks', async () => {
    const off = await startTestServer({ env: { WEB_CHAT: 'false' } });
    try {
      expect((await fetch(`${off.url}/`)).status).toBe(404);
      expect((await off.ask({ question: 'who commissions immunisations?' })).status).toBe(404);
      expect((await fetch(`${off.url}/readyz`)).status).toBe(200);
    } finally {
      await off.dispose();
    }
  });
});
