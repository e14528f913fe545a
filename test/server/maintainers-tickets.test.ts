import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

// Answering and closing tickets on /maintainers over HTTP: only maintainers, only with the page's own
// form (a token from the page, from this origin), and the web chat asker reads the answer back.

const TOKEN = 'a-maintainers-token-for-csrf-tests';
const bearer = { Authorization: `Bearer ${TOKEN}` };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { MAINTAINERS_TOKEN: TOKEN } });
});
afterAll(async () => {
  await server?.dispose();
});

async function openTicket(key: string): Promise<string> {
  const response = await fetch(`${server.url}/api/tickets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key, question: 'who commissions school nursing?', asOf: '2026-11-01' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { reference: string }).reference;
}

/** The form token on the ticket's page, as a maintainer's browser would read it. */
async function formToken(reference: string): Promise<string> {
  const page = await fetch(`${server.url}/maintainers/tickets/${reference}`, { headers: bearer });
  expect(page.status).toBe(200);
  expect(page.headers.get('referrer-policy')).toBe('same-origin');
  return /name="csrf" value="([0-9a-f]+)"/.exec(await page.text())?.[1] ?? '';
}

const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

const state = async (reference: string) =>
  ((await (await fetch(`${server.url}/api/tickets/${reference}`)).json()) as { state: string }).state;

describe('answering and closing tickets on /maintainers', () => {
  it('refuses a form without the page’s token, or from another site, and changes nothing', async () => {
    const reference = await openTicket('csrf-refusal-0001');
    const close = `/maintainers/tickets/${reference}/close`;
    const csrf = await formToken(reference);
    expect(csrf).toMatch(/^[0-9a-f]{64}$/);

    expect((await postForm(close, {})).status).toBe(401);
    const noToken = await postForm(close, {}, bearer);
    expect(noToken.status).toBe(403);
    expect(await noToken.text()).toContain('Nothing was changed');
    expect((await postForm(close, { csrf: 'f'.repeat(64) }, bearer)).status).toBe(403);
    const crossSite = { ...bearer, 'Sec-Fetch-Site': 'cross-site' };
    expect((await postForm(close, { csrf }, crossSite)).status).toBe(403);
    const otherOrigin = { ...bearer, Origin: 'https://attacker.example' };
    expect((await postForm(close, { csrf }, otherOrigin)).status).toBe(403);
    expect((await postForm(close, { csrf }, { ...bearer, Origin: 'null' })).status).toBe(403);
    expect(await state(reference)).toBe('open');
    expect(server.logger.lines.some((l) => String(l.msg).includes('refused a form'))).toBe(true);
  });

  it('answers and closes with the page’s token from its own origin; the asker reads the answer', async () => {
    const reference = await openTicket('csrf-accept-0001');
    const csrf = await formToken(reference);
    const own = { ...bearer, Origin: server.url, 'Sec-Fetch-Site': 'same-origin' };
    const path = `/maintainers/tickets/${reference}`;

    const empty = await postForm(`${path}/answer`, { csrf, answer: '  ' }, own);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Type your answer');

    const answered = await postForm(`${path}/answer`, { csrf, by: 'Sam', answer: 'The council does.' }, own);
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe(`${path}?done=answered`);
    const seen = (await (await fetch(`${server.url}/api/tickets/${reference}`)).json()) as Record<
      string,
      unknown
    >;
    expect(seen).toMatchObject({
      reference,
      state: 'answered',
      answers: [{ text: 'The council does.', by: 'Sam' }],
    });
    // The asker sees no one's address or where they asked.
    expect(JSON.stringify(seen)).not.toContain('maintainers-page');

    expect((await postForm(`${path}/close`, { csrf, by: 'Sam' }, own)).status).toBe(303);
    expect(await state(reference)).toBe('closed');
    const late = await postForm(`${path}/answer`, { csrf, answer: 'More.' }, own);
    expect(late.status).toBe(409);
    expect((await fetch(`${server.url}/api/tickets/WC-ZZZZZZ`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/tickets/not-a-ref`)).status).toBe(400);
  });
});
