import { createRequire } from 'node:module';
import { networkInterfaces } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../local/browser.js';
import { copyKnowledge, startTestServer, type TestServer } from './helpers.js';

// The maintainers' page in Chromium against the real server: what it lists, where its links go, the
// token rule, and axe-core finding no accessibility problems.

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TOKEN = 'a-maintainers-token-for-tests-0123';

let browser: Browser;
let open: TestServer;
let guarded: TestServer;

beforeAll(async () => {
  [browser, open, guarded] = await Promise.all([
    launchChromium(),
    startTestServer({ knowledgeDir: await copyKnowledge() }),
    startTestServer({ env: { MAINTAINERS_TOKEN: TOKEN } }),
  ]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all([open?.dispose(), guarded?.dispose()]);
});

/** axe-core's violations on the page, as "rule: how many nodes". */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(
    'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => v.id + ": " + v.nodes.length))',
  );
}

async function newPage(headers: Record<string, string> = {}): Promise<Page> {
  // The page forbids every script; axe is injected by the test, so the test's page bypasses that rule.
  const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
  await page.setExtraHTTPHeaders(headers);
  return page;
}

const post = (server: TestServer, path: string, body: object) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the maintainers page', () => {
  it('takes a ticket from the web chat form and gives its reference', { timeout: 90_000 }, async () => {
    const chat = await newPage();
    await chat.goto(`${open.url}/`);
    await chat.getByLabel('Your question').fill('who commissions health visiting?');
    await chat.getByRole('button', { name: 'Ask', exact: true }).click();
    const answer = chat.locator('article.answer').first();
    await answer.getByText('Ask an expert').click();
    await answer
      .getByLabel('Anything the expert should know? (optional)')
      .fill('For the board paper on 0-19 services');
    await answer.getByRole('button', { name: 'Send to an expert' }).click();
    await expect
      .poll(() => answer.locator('.answer__expert-result').textContent())
      .toMatch(/reference is WC-/);
    const reference = /WC-[A-Z0-9]{6}/.exec(
      (await answer.locator('.answer__expert-result').textContent()) ?? '',
    )?.[0];
    expect(await axeViolations(chat)).toEqual([]);
    await chat.close();
    const page = await (await fetch(`${open.url}/maintainers`)).text();
    expect(page).toContain(reference);
    expect(page).toContain('For the board paper on 0-19 services');
  });

  it('lists tickets, unanswered questions and not-helpful answers, linking each topic to its file and line', {
    timeout: 90_000,
  }, async () => {
    const ticket = {
      key: 'listed-ticket-0001',
      question: 'who commissions health visiting?',
      asOf: '2017-04-01',
      topicId: 'health-visiting',
      note: 'Is this still right?',
    };
    const { reference } = (await (await post(open, '/api/tickets', ticket)).json()) as { reference: string };
    // Gaps in the log: an unanswered question asked twice (two wordings), and a not-helpful vote.
    for (const q of [
      'who commissions unicorn grooming?',
      'Who commissions unicorn grooming',
      'write me a poem about ICBs',
    ]) {
      expect((await post(open, '/api/ask', { question: q })).status).toBe(200);
    }
    const vote = {
      helpful: false,
      question: 'who commissions GP contracts?',
      asOf: '2026-11-01',
      topicId: 'gp-contracts',
      status: 'answered',
    };
    expect((await post(open, '/api/feedback', vote)).status).toBe(204);
    await open.flushLogbook();

    const page = await newPage();
    await page.goto(`${open.url}/maintainers`);
    const tickets = page.locator('table[aria-label="Open tickets"]');
    const row = tickets.locator('tr', { hasText: reference });
    expect(await row.textContent()).toContain('Is this still right?');
    expect(await row.textContent()).toMatch(/public-health\.yaml line \d+/);
    const unanswered = page.locator('table[aria-label="Most frequent unanswered questions"]');
    expect(
      await unanswered.locator('tr', { hasText: 'unicorn grooming' }).locator('td').first().textContent(),
    ).toBe('2');
    // Only a question that was in scope asks for a phrasing; a refusal by design names its rule.
    const inScope = await unanswered.locator('tr', { hasText: 'unicorn grooming' }).textContent();
    expect(inScope).toContain('add a phrasing or keyword');
    const refused = await unanswered.locator('tr', { hasText: 'poem about ICBs' }).textContent();
    expect(refused).toContain('out of scope by design (rule writing-requests');
    expect(refused).not.toContain('add a phrasing');
    const notHelpful = page.locator('table[aria-label="Answers voted not helpful"]');
    expect(await notHelpful.textContent()).toMatch(/primary-care\.yaml line \d+/);
    expect(await page.locator('#review + p').textContent()).toContain('None');
    expect(await axeViolations(page)).toEqual([]);

    // The topic link opens the topic's page with its file, line and eras.
    await notHelpful.getByRole('link').first().click();
    await expect.poll(() => page.url()).toContain('/maintainers/topics/gp-contracts');
    expect(await page.locator('.nhsuk-summary-list').textContent()).toMatch(
      /knowledge\/primary-care\.yaml, line \d+/,
    );
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('makes one ticket of a retried web chat request', async () => {
    const body = { key: 'retried-key-0001', question: 'who commissions school nursing?', asOf: '2026-11-01' };
    const first = await post(open, '/api/tickets', body);
    const second = await post(open, '/api/tickets', body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    const bad = await post(open, '/api/tickets', { ...body, key: 'other-key-0001', topicId: 'Not An Id!' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'topicId' });
    const reference = (response: Response) =>
      response.json().then((b) => (b as { reference: string }).reference);
    expect(await reference(second)).toBe(await reference(first));
  });

  it('through a proxy needs the token: a sign-in form, a wrong token refused, the right one let in', {
    timeout: 90_000,
  }, async () => {
    // A proxy on this machine connects from loopback; its forwarding header is what gives it away.
    const viaProxy = { 'X-Forwarded-For': '203.0.113.9' };
    expect((await fetch(`${open.url}/maintainers`, { headers: viaProxy })).status).toBe(403);

    const page = await newPage(viaProxy);
    const response = await page.goto(`${guarded.url}/maintainers`);
    expect(response?.status()).toBe(401);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Maintainers’ token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.nhsuk-error-summary').textContent()).toContain('not right');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Maintainers’ token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Maintainers');
    await page.goto(`${guarded.url}/maintainers/topics/health-visiting`);
    expect(await page.locator('.nhsuk-summary-list').textContent()).toContain('public-health.yaml');
    await page.close();

    const bearer = { ...viaProxy, Authorization: `Bearer ${TOKEN}` };
    expect((await fetch(`${guarded.url}/maintainers`, { headers: bearer })).status).toBe(200);
    const wrong = { ...viaProxy, Authorization: 'Bearer wrong-token-wrong-token' };
    expect((await fetch(`${guarded.url}/maintainers`, { headers: wrong })).status).toBe(401);
  });

  it('with MAINTAINERS_TOKEN set, needs it from 127.0.0.1 too (a proxy on this host may add no header)', async () => {
    // nginx's default proxy_pass connects from loopback and adds no forwarding header: such a request
    // cannot be told from one made on this machine, so the token is the only way in.
    const bare = await fetch(`${guarded.url}/maintainers`);
    expect(bare.status).toBe(401);
    expect(await bare.text()).toContain('Sign in to the maintainers’ page');
    expect((await fetch(`${guarded.url}/maintainers/topics/health-visiting`)).status).toBe(401);
    const bearer = { Authorization: `Bearer ${TOKEN}` };
    expect((await fetch(`${guarded.url}/maintainers`, { headers: bearer })).status).toBe(200);
    expect((await fetch(`${open.url}/maintainers`)).status).toBe(200);
  });

  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

  it.skipIf(!lanAddress)(
    'refuses a request from another address without the token, whatever its headers',
    async () => {
      const server = await startTestServer({ env: { HOST: '0.0.0.0' } });
      try {
        const port = new URL(server.url).port;
        const remote = await fetch(`http://${lanAddress}:${port}/maintainers`, {
          headers: { Host: 'localhost' },
        });
        expect(remote.status).toBe(403);
        expect(await remote.text()).toContain('MAINTAINERS_TOKEN');
        expect((await fetch(`http://127.0.0.1:${port}/maintainers`)).status).toBe(200);
      } finally {
        await server.dispose();
      }
    },
  );
});
