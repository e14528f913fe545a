// Refreshes the README's pictures of the real page: npx tsx test/local/take-screenshot.ts
//   docs/web-chat.png            a compound answer (two things asked in one question)
//   docs/web-chat-follow-up.png  a follow-up read against the question before it
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../server/helpers.js';
import { launchChromium } from './browser.js';

const output = (name: string) => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));

async function ask(page: Page, question: string): Promise<void> {
  const before = await page.locator('article.answer').count();
  await page.getByLabel('Your question').fill(question);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await page.locator('article.answer').nth(before).waitFor();
}

async function picture(browser: Browser, url: string, name: string, questions: string[]): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 960, height: 900 }, locale: 'en-GB' });
  await page.goto(url);
  for (const question of questions) await ask(page, question);
  // The caret and focus ring are noise in a picture.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.screenshot({ path: output(name), fullPage: true });
  await page.close();
  process.stdout.write(`wrote ${output(name)}\n`);
}

const [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
try {
  await picture(browser, `${server.url}/`, 'web-chat.png', [
    'Health visiting and school nursing in 2014 - who had which?',
  ]);
  await picture(browser, `${server.url}/`, 'web-chat-follow-up.png', [
    'Who commissioned health visiting in 2014?',
    'And in 2016?',
  ]);
} finally {
  await browser.close();
  await server.dispose();
}
