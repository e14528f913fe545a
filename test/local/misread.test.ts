import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMisses } from '../../src/stores/jsonl-misses.js';
import { startTestServer, type TestServer } from '../server/helpers.js';
import { launchChromium } from './browser.js';

// "Not what I asked" on the web chat in Chromium, against the real server: pressed under an answer,
// the other readings shown, one chosen and answered, the miss recorded in DATA_DIR.

let browser: Browser;
let server: TestServer;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${server.url}/`);
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

const misses = async () => [
  ...parseMisses(await readFile(join(server.dataDir, 'misses.jsonl'), 'utf8')).misses.values(),
];

describe('Not what I asked on the web chat', () => {
  it('offers the other readings, answers the one chosen, and records the miss', async () => {
    await page.getByLabel('Your question').fill('who commissions dental in prison?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    const first = page.locator('article.answer').first();
    await expect
      .poll(() => first.locator('.answer__read-as').textContent())
      .toContain('Read as: Healthcare in prisons');

    await first.getByRole('button', { name: 'Not what I asked' }).click();
    const box = first.locator('.answer__misread');
    await expect
      .poll(() => box.locator('.answer__misread-read').textContent())
      .toContain('I read your question as: Healthcare in prisons');
    const readings = box.locator('.answer__readings button');
    expect(await readings.count()).toBeGreaterThanOrEqual(2);
    // Recorded before anything is chosen.
    expect((await misses()).map((m) => [m.surface, m.question, m.chosen])).toEqual([
      ['local', 'who commissions dental in prison?', undefined],
    ]);

    // None of these? The answer's own expert form opens.
    await box.getByRole('button', { name: 'Ask an expert' }).click();
    expect(await first.locator('details.answer__expert').getAttribute('open')).not.toBeNull();

    await box.getByRole('button', { name: /^NHS dental services/ }).click();
    await expect.poll(() => page.locator('article.answer').count()).toBe(2);
    const second = page.locator('article.answer').last();
    await expect.poll(() => second.locator('h2').textContent()).toMatch(/^NHS dental services/);
    // The question's conditions are kept, as a clicked option keeps them.
    expect(await second.locator('.answer__read-as').textContent()).toMatch(
      /NHS dental services.* · people in prison/,
    );
    await expect.poll(async () => (await misses())[0]?.chosen).toBe('dental-services');

    const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axe);
    const violations = await page.evaluate<{ id: string }[]>(
      'axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id })))',
    );
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
