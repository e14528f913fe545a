import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK_FILE } from '../../src/logbook.js';
import { freePort, sleep } from '../helpers/free-port.js';
import { launchChromium } from '../local/browser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let run: ChildProcess;
let output = '';
let playgroundUrl: string;
let dataDir: string;
let browser: Browser;
let page: Page;

/** Waits for a line of `npm run teams:playground`'s output, failing with all of it if the run ends first. */
async function waitForOutput(pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  for (const started = Date.now(); Date.now() - started < ms; await sleep(100)) {
    const match = pattern.exec(output);
    if (match) return match;
    if (run.exitCode !== null) break;
  }
  throw new Error(`no ${pattern} from npm run teams:playground (exit ${run.exitCode}); it said:\n${output}`);
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'teams-playground-'));
  const [botPort, uiPort] = [await freePort(), await freePort()];
  // Its own process group, so the test can stop npm, the bot and the Playground together.
  run = spawn('npm', ['run', '--silent', 'teams:playground'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(botPort),
      TEAMS_PLAYGROUND_PORT: String(uiPort),
      TEAMSAPPTESTER_BROWSER: 'none',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      M365_AGENTS_PLAYGROUND_LOGFILE: join(dataDir, 'm365agentsplayground.log'),
    },
  });
  for (const stream of [run.stdout, run.stderr]) stream?.on('data', (chunk) => (output += String(chunk)));
  const [, url] = await waitForOutput(/Agents Playground: (http:\/\/127\.0\.0\.1:\d+\/)/, 90_000);
  playgroundUrl = url as string;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(playgroundUrl);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (run?.pid && run.exitCode === null) {
    const exited = once(run, 'exit');
    stopGroup(run.pid, 'SIGINT');
    await Promise.race([exited, sleep(10_000)]);
    if (run.exitCode === null) stopGroup(run.pid, 'SIGKILL');
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 30_000);

/** Signals the run's process group (npm, the bot, the Playground); it may have ended already. */
function stopGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

const cards = () => page.locator('.ac-adaptiveCard');

/** Types a question into the Playground's compose box and waits for the bot's card. */
async function ask(question: string): Promise<Locator> {
  const before = await cards().count();
  await page.locator('[data-lexical-editor="true"]').click();
  await page.keyboard.type(question);
  await page.keyboard.press('Enter');
  await expect.poll(() => cards().count(), { timeout: 20_000 }).toBe(before + 1);
  return cards().nth(before);
}

describe('a conversation in the Microsoft 365 Agents Playground (npm run teams:playground)', () => {
  it('welcomes, answers, asks which was meant and answers in place, and takes feedback', async () => {
    // The personal chat opens with the bot installed: the welcome card, examples in full.
    await expect.poll(() => cards().first().innerText(), { timeout: 30_000 }).toContain('Hello!');
    await expect(cards().first().locator('.ac-selectable').count()).resolves.toBeGreaterThan(0);

    const answered = await ask('who commissions health visiting in 2017?');
    await expect.poll(() => answered.innerText()).toMatch(/Local authority \(council\)\s+commissioned it/);

    const clarify = await ask('who commissions mental health');
    const option = clarify.locator('.ac-selectable').first();
    const title = (await option.getAttribute('title')) ?? '';
    expect(title.length).toBeGreaterThan(20);
    expect(await clarify.innerText()).toContain('As of today,');
    const count = await cards().count();
    await option.click();
    // The card becomes the answer (a message update), keeping "as of today".
    await expect
      .poll(async () => (await clarify.innerText()).startsWith(title), { timeout: 20_000 })
      .toBe(true);
    expect(await clarify.innerText()).toContain('As of today,');
    expect(await cards().count()).toBe(count);
    // Cards carry only what this client supports: no "Full width control is not supported" note.
    expect(await page.locator('body').innerText()).not.toContain('not supported');

    await clarify.getByRole('button', { name: 'Helpful', exact: true }).click();
    await expect.poll(() => clarify.innerText(), { timeout: 20_000 }).toContain('Thanks: marked as helpful.');
    await expect
      .poll(() => readFile(join(dataDir, FEEDBACK_FILE), 'utf8').catch(() => ''), { timeout: 10_000 })
      .toContain('"surface":"teams"');
    const feedback = JSON.parse(
      (await readFile(join(dataDir, FEEDBACK_FILE), 'utf8')).trim().split('\n')[0] ?? '',
    );
    expect(feedback).toMatchObject({
      helpful: true,
      question: 'who commissions mental health',
      status: 'answered',
    });
  }, 120_000);

  it("answers a channel post that @mentions the bot and a colleague, asking without the mentions' tags", async () => {
    await page.locator('button[aria-label="My Team - General"]').click();
    // The channel's "new post" box; the Playground's mention picker inserts the mention entities.
    await page.locator('[data-lexical-editor="true"]').first().click();
    await page.keyboard.type('Hey @');
    await page.getByRole('menuitem', { name: 'Test Bot' }).click();
    await page.keyboard.type(' who commissions school nursing in 2017? cc @');
    await page.getByRole('menuitem', { name: /Megan Bowen/ }).click();
    await page.keyboard.press('Enter');

    const answer = cards().filter({ hasText: 'School nursing' });
    await expect.poll(() => answer.count(), { timeout: 20_000 }).toBe(1);
    expect((await answer.innerText()).split('\n')[0]).toMatch(/^School nursing/);
    expect(await answer.innerText()).not.toMatch(/<at>|Test Bot/);
    await answer.getByRole('button', { name: 'Not helpful', exact: true }).click();
    await expect.poll(() => answer.innerText(), { timeout: 20_000 }).toContain('marked as not helpful');
    const lines = (await readFile(join(dataDir, FEEDBACK_FILE), 'utf8')).trim().split('\n');
    expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({
      helpful: false,
      question: 'Hey who commissions school nursing in 2017? cc Megan Bowen',
    });
  }, 60_000);
});
