// Refreshes docs/web-chat.png from the real page: npx tsx test/local/take-screenshot.ts
import { fileURLToPath } from 'node:url';
import { startTestServer } from '../server/helpers.js';
import { launchChromium } from './browser.js';

const OUTPUT = fileURLToPath(new URL('../../docs/web-chat.png', import.meta.url));

const [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
try {
  const page = await browser.newPage({ viewport: { width: 960, height: 900 }, locale: 'en-GB' });
  await page.goto(`${server.url}/`);
  await page.getByLabel('Your question').fill('Who commissions health visiting?');
  await page.getByLabel('As of (optional)').fill('2014-06-01');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await page.locator('article.answer .timeline').waitFor();
  // The caret and focus ring are noise in a picture.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.screenshot({ path: OUTPUT, fullPage: true });
  process.stdout.write(`wrote ${OUTPUT}\n`);
} finally {
  await browser.close();
  await server.dispose();
}
