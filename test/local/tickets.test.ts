import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/helpers.js';
import { launchChromium } from './browser.js';

// A web chat ticket reaches a person and comes back: asked in the chat, answered and closed by a
// maintainer on /maintainers (signed in with the token), and the answer shown in the asker's chat,
// in the same browser without the reference and in another browser with it. Chromium throughout.

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TOKEN = 'a-maintainers-token-for-ticket-tests';
const ANSWER = 'Councils commission health visiting, from the public health grant (since October 2015).';

let browser: Browser;
let server: TestServer;
const pageErrors: string[] = [];

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchChromium(),
    startTestServer({ env: { MAINTAINERS_TOKEN: TOKEN } }),
  ]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(
    'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => v.id + ": " + v.nodes.length))',
  );
}

async function chatPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${server.url}/`);
  return page;
}

/** Asks in the web chat and sends the answer to an expert; the reference the page gives. */
async function askAnExpert(page: Page, question: string): Promise<string> {
  await page.getByLabel('Your question').fill(question);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  const answer = page.locator('article.answer').first();
  await answer.getByText('Ask an expert').click();
  await answer.getByLabel('Anything the expert should know? (optional)').fill('For a board paper');
  await answer.getByRole('button', { name: 'Send to an expert' }).click();
  const result = answer.locator('.answer__expert-result');
  await expect.poll(() => result.textContent()).toMatch(/reference is WC-/);
  return /WC-[A-Z0-9]{6}/.exec((await result.textContent()) ?? '')?.[0] ?? '';
}

/** A maintainer signs in, opens the ticket from the list, answers it and closes it. */
async function answerAndClose(reference: string): Promise<void> {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  expect((await page.goto(`${server.url}/maintainers`))?.status()).toBe(401);
  await page.getByLabel('Maintainers’ token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('table[aria-label="Open tickets"]').getByRole('link', { name: reference }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe(`Ticket ${reference}`);
  expect(await page.locator('.nhsuk-summary-list').textContent()).toContain('For a board paper');
  expect(await axeViolations(page)).toEqual([]);

  // Sent empty first: refused with the problem shown at the box, nothing recorded.
  await page.getByRole('button', { name: 'Send answer' }).click();
  await expect.poll(() => page.locator('.nhsuk-error-message').textContent()).toContain('Type your answer');
  expect(await axeViolations(page)).toEqual([]);

  await page.getByLabel('Your name').fill('Priya (commissioning team)');
  await page.getByLabel('Your answer').fill(ANSWER);
  await page.getByRole('button', { name: 'Send answer' }).click();
  await expect
    .poll(() => page.locator('[role="status"]').textContent())
    .toContain('Your answer is on the ticket');
  expect(await page.locator('.nhsuk-inset-text').last().textContent()).toContain(ANSWER);

  await page.getByLabel('Your name').fill('Priya (commissioning team)');
  await page.getByRole('button', { name: 'Close ticket' }).click();
  await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('closed');
  expect(await page.locator('.nhsuk-summary-list').textContent()).toMatch(/Closed.*by Priya/s);
  expect(await page.getByRole('button', { name: 'Send answer' }).count()).toBe(0);
  await context.close();
}

describe('a web chat ticket', () => {
  it('is answered and closed on /maintainers, and the asker sees the answer in their chat', {
    timeout: 120_000,
  }, async () => {
    const asker = await browser.newContext({ bypassCSP: true });
    const chat = await chatPage(asker);
    const reference = await askAnExpert(chat, 'who commissions health visiting?');
    const mine = chat.locator(`.my-ticket[data-reference="${reference}"]`);
    expect(await mine.textContent()).toContain('Waiting for an expert');

    await answerAndClose(reference);

    // The asker comes back in the same browser, without the reference: the page remembered it.
    const back = await chatPage(asker);
    const card = back.locator(`.my-ticket[data-reference="${reference}"]`);
    await expect.poll(() => card.locator('.my-ticket__text').textContent()).toBe(ANSWER);
    expect(await card.textContent()).toContain('Priya (commissioning team) answered');
    expect(await card.textContent()).toContain('Closed');
    expect(await back.locator('#status').textContent()).toContain(`An expert has answered: ${reference}`);
    expect(await axeViolations(back)).toEqual([]);

    // In another browser, with only the reference: looked up from the box.
    const elsewhere = await chatPage(await browser.newContext());
    await elsewhere.getByLabel('Asked an expert? Look up the answer').fill('wc-zzzzzz');
    await elsewhere.getByRole('button', { name: 'Look up' }).click();
    await expect
      .poll(() => elsewhere.locator('#reference-error').textContent())
      .toContain('no web chat ticket');
    await elsewhere.getByLabel('Asked an expert? Look up the answer').fill(reference.toLowerCase());
    await elsewhere.getByRole('button', { name: 'Look up' }).click();
    const found = elsewhere.locator(`.my-ticket[data-reference="${reference}"]`);
    await expect.poll(() => found.locator('.my-ticket__text').textContent()).toBe(ANSWER);
    expect(await elsewhere.locator('#reference-error').isHidden()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
