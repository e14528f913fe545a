import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { longDate } from '../../src/resolve/format.js';
import type { KnowledgeSummary } from '../../src/service.js';
import { afterReloads, copyKnowledge, startTestServer, type TestServer } from '../server/helpers.js';
import { launchChromium } from './browser.js';

let browser: Browser;
let server: TestServer;
let knowledgeDir: string;
let page: Page;
const pageErrors: string[] = [];

// Two made-up topics with the same name, so a question about it has to be clarified whatever the
// real knowledge or the matcher's tuning does next.
const TWIN_TOPICS = ['zoo', 'circus']
  .map(
    (place, index) => `  - id: zz-zebra-care-${place}
    title: Zebra crossing care in the ${place}
    kind: service
    keywords: [zebra crossing care]
    eras:
      - from: 2013-04-01
        holders: [{ body: ${index === 0 ? 'nhs-england' : 'local-authority'} }]
        note: Made up for the web chat tests.
        sources: [s9]
`,
  )
  .join('');

beforeAll(async () => {
  knowledgeDir = await copyKnowledge();
  await writeFile(join(knowledgeDir, 'zz-twins.yaml'), `topics:\n${TWIN_TOPICS}`);
  [browser, server] = await Promise.all([launchChromium(), startTestServer({ knowledgeDir })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  // The page's own script is plain JS; evaluate strings below because this project has no DOM typings.
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${server.url}/`);
});
afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
});

// The conversation reads top to bottom: the latest answer is the last.
const latestAnswer = () => page.locator('article.answer').last();

async function ask(question: string, asOf = '') {
  const before = await page.locator('article.answer').count();
  await page.getByLabel('Your question').fill(question);
  await page.getByLabel('As of (optional)').fill(asOf);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect.poll(() => page.locator('article.answer').count()).toBe(before + 1);
  return latestAnswer();
}

describe('the web chat in a real browser', () => {
  it('answers health visiting in 2017 with the council, its sources and a timeline', async () => {
    const answer = await ask('who commissions health visiting?', '2017-04-01');
    await expect.poll(() => answer.getAttribute('data-status')).toBe('answered');
    expect(await answer.locator('.answer__commissioners dt').allTextContents()).toEqual([
      'Local authority (council)',
    ]);
    expect(await answer.locator('.answer__as-of').textContent()).toContain(
      'As of 1 April 2017 (the date you chose)',
    );
    expect(await answer.locator('.answer__sources li').count()).toBeGreaterThan(0);
    expect(await answer.locator('.timeline__era').count()).toBeGreaterThanOrEqual(3);
    expect(await answer.locator('.timeline__era--current .timeline__label').textContent()).toBe('Council');
    expect(await answer.locator('.timeline__marker-label').textContent()).toBe('1 April 2017');
    // Era dates are not written out in the Answer; the page writes them the way the server does.
    expect(await answer.locator('.timeline__legend').textContent()).toContain('from 1 October 2015');
    // Keyboard users land on the new answer.
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('H2');
    // A place read names the body itself.
    const leeds = await ask('who commissions health visiting in Leeds?', '2017-04-01');
    await expect.poll(() => leeds.getAttribute('data-status')).toBe('answered');
    expect(await leeds.locator('.answer__commissioners dt').allTextContents()).toEqual([
      'Leeds City Council (Local authority (council))',
    ]);
  });

  it('gives each part of a two-part answer, and of its follow-up, its own timeline and history', async () => {
    const holders = (answer: ReturnType<typeof latestAnswer>, topic: string) =>
      answer
        .locator(`section.answer__part[data-topic-id="${topic}"] .timeline__legend strong`)
        .allTextContents();
    const part = (answer: ReturnType<typeof latestAnswer>, topic: string) =>
      answer.locator(`section.answer__part[data-topic-id="${topic}"]`);
    for (const [question, asOfText, held] of [
      ['health visiting vs school nursing in 2016', '1 July 2016', ['Council', 'Council']],
      ['and in 2012?', '1 July 2012', ['PCT', 'PCT']],
    ] as const) {
      const answer = await ask(question);
      await expect.poll(() => answer.getAttribute('data-status')).toBe('answered');
      expect(await answer.locator('section.answer__part').count()).toBe(2);
      // School nursing never passed through NHS England: its timeline names only its own holders.
      expect(await holders(answer, 'health-visiting')).toEqual(['PCT', 'NHS England', 'Council']);
      expect(await holders(answer, 'school-nursing')).toEqual(['PCT', 'Council']);
      const hv = part(answer, 'health-visiting');
      const sn = part(answer, 'school-nursing');
      expect(await hv.locator('.timeline__marker-label').textContent()).toBe(asOfText);
      expect(await hv.locator('.timeline__era--current .timeline__label').textContent()).toBe(held[0]);
      expect(await sn.locator('.timeline__era--current .timeline__label').textContent()).toBe(held[1]);
      // Each part says what changed for it, and never offers the other part as "see also".
      expect(await hv.locator('.answer__changes').textContent()).toMatch(/NHS England/);
      expect(await sn.locator('.answer__changes').textContent()).not.toMatch(/NHS England/);
      expect(await answer.locator('.answer__see-also').allTextContents()).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/School nursing|Health visiting/)]),
      );
      // Nothing outside the parts repeats one part's history under the whole answer.
      expect(await answer.locator('.nhsuk-card__content > figure.timeline').count()).toBe(0);
    }
  });

  it('marks today apart from the date asked, and draws a planned change dashed and labelled', async () => {
    const answer = await ask('who commissions child health information services?', '2016-01-01');
    expect(await answer.locator('.timeline__marker-label').textContent()).toBe('1 January 2016');
    expect(await answer.locator('.timeline__today-label').textContent()).toBe('today');
    const planned = answer.locator('.timeline__era[data-status="planned"]');
    expect(await planned.locator('.timeline__label').textContent()).toBe('ICB (planned)');
    const outline = `getComputedStyle([...document.querySelectorAll('article.answer')].at(-1).querySelector('.timeline__era[data-status="planned"]')).outlineStyle`;
    expect(await page.evaluate(outline)).toBe('dashed');
    expect(await answer.locator('.timeline__legend-item[data-status="planned"]').textContent()).toContain(
      'needs Parliament',
    );
    // The bar runs into 2027, so its right end is a year, not "now".
    expect(await answer.locator('.timeline__axis span').last().textContent()).not.toMatch(/now/);
  });

  it("shows each commissioner in the engine's words, with the condition under which it holds", async () => {
    const answer = await ask('who holds GP contracts?', '2016-01-01');
    const rows = await answer.locator('.answer__commissioners .nhsuk-summary-list__row').allTextContents();
    expect(rows.length).toBeGreaterThan(1);
    expect(rows).toContain('NHS England' + 'commissioned it, where greater involvement (level 1)');
    expect(rows).toContain(
      'Clinical commissioning group (CCG)' +
        'commissioned it under delegation from NHS England, where delegated commissioning (level 3)',
    );
    for (const row of rows) expect(row.match(/where/gi)).toHaveLength(1);
  });

  it("labels an answer that is not yet law with the engine's status text", async () => {
    const answer = await ask('Model ICB Blueprint');
    expect(await answer.locator('.nhsuk-tag').textContent()).toBe(
      'Announced by the government, not yet in effect',
    );
    const inForce = await ask('who commissions health visiting?', '2017-04-01');
    expect(await inForce.locator('.nhsuk-tag').count()).toBe(0);
  });

  it('gives a different answer when the as-of date changes', async () => {
    await ask('who commissions health visiting?', '2017-04-01');
    const earlier = await ask('who commissions health visiting?', '2014-06-01');
    expect(await earlier.locator('.answer__commissioners dt').allTextContents()).toEqual(['NHS England']);
    expect(await earlier.locator('.timeline__era--current .timeline__label').textContent()).toBe(
      'NHS England',
    );
    expect(await page.locator('article.answer').count()).toBe(2);
  });

  it('answers the topic of a clarify option when it is clicked', async () => {
    const clarify = await ask('who commissions zebra crossing care?', '2017-04-01');
    expect(await clarify.getAttribute('data-status')).toBe('clarify');
    expect(await clarify.locator('button.option').allTextContents()).toEqual(
      expect.arrayContaining(['Zebra crossing care in the zoo', 'Zebra crossing care in the circus']),
    );
    await clarify.getByRole('button', { name: 'Zebra crossing care in the circus' }).click();
    await expect.poll(() => page.locator('article.answer').count()).toBe(2);
    // The option's answer comes below the card it was chosen on.
    expect(await page.locator('article.answer').first().getAttribute('data-status')).toBe('clarify');
    expect(await latestAnswer().getAttribute('data-status')).toBe('answered');
    expect(await latestAnswer().locator('h2').textContent()).toBe('Zebra crossing care in the circus');
    expect(await latestAnswer().locator('.answer__commissioners dt').allTextContents()).toEqual([
      'Local authority (council)',
    ]);
    expect(await latestAnswer().locator('.answer__as-of').textContent()).toContain('1 April 2017');
  });

  it('records a not-helpful click for the maintainers and thanks the person', async () => {
    const answer = await ask('who commissions health visiting?', '2017-04-01');
    await answer.getByRole('button', { name: 'No', exact: true }).click();
    await expect.poll(() => answer.locator('.answer__feedback').textContent()).toContain('Thank you');
    await server.flushLogbook();
    const log = await readFile(join(server.dataDir, 'feedback.jsonl'), 'utf8');
    expect(JSON.parse(log.trim().split('\n').at(-1) ?? '{}')).toMatchObject({
      helpful: false,
      surface: 'local',
      topicId: 'health-visiting',
      asOf: '2017-04-01',
    });
  });

  it('asks an example question when it is clicked', async () => {
    const example = page.locator('button.example').first();
    const text = (await example.textContent()) ?? '';
    await example.click();
    await expect.poll(() => page.locator('article.answer').count()).toBe(1);
    expect(await latestAnswer().locator('.answer__question').textContent()).toContain(text);
    const summary = (await (await fetch(`${server.url}/api/status`)).json()) as KnowledgeSummary;
    expect(await page.locator('#knowledge-date').textContent()).toMatch(
      new RegExp(`^Knowledge base updated ${longDate(summary.updated)}: \\d+ topics`),
    );
  });

  it('works with the keyboard alone: skip link, type, Enter, then Tab to the answer’s links', async () => {
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to the question');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('question');
    await page.keyboard.type('who commissioned health visiting in 2014?');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('article.answer').count()).toBe(1);
    expect(await latestAnswer().locator('.answer__commissioners dt').allTextContents()).toEqual([
      'NHS England',
    ]);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate("document.activeElement?.closest('article') !== null");
    expect(focused).toBe(true);
  });

  it('shows question text as text, never as markup', async () => {
    const answer = await ask('<img src=x onerror="document.title=1"> who commissions health visiting?');
    expect(await answer.locator('.answer__question').textContent()).toContain(
      '<img src=x onerror="document.title=1">',
    );
    expect(await page.locator('article img').count()).toBe(0);
    expect(await page.title()).toContain('Who commissions what');
  });

  it('says what to do when the question is empty, without calling the server', async () => {
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/ask')) asked.push(request.url());
    });
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    expect(await page.locator('#question-error').textContent()).toContain('Type a question');
    expect(await page.locator('article.answer').count()).toBe(0);
    expect(asked).toEqual([]);
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await ask('who commissions health visiting?', '2017-04-01');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('shows a banner with file and line after a broken knowledge edit, and keeps answering', async () => {
    await writeFile(
      join(knowledgeDir, 'zz-broken.yaml'),
      'topics:\n  - id: zz-broken\n    title: [not, text]\n',
    );
    await afterReloads(server.logger, async () => {
      const summary = (await (await fetch(`${server.url}/api/status`)).json()) as KnowledgeSummary;
      expect(summary.problems.length).toBeGreaterThan(0);
    });
    const answer = await ask('who commissions health visiting?', '2017-04-01');
    expect(await answer.locator('.answer__commissioners dt').allTextContents()).toEqual([
      'Local authority (council)',
    ]);
    const banner = page.getByRole('region', { name: 'Knowledge files have problems' });
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect(await banner.locator('li').first().textContent()).toMatch(/zz-broken\.yaml:3:\d+/);
    expect(await page.locator('#out-of-date').isVisible()).toBe(false);

    // Through a proxy (so not this machine, and no MAINTAINERS_TOKEN here): no file paths, only a notice.
    const viaProxy = { 'X-Forwarded-For': '203.0.113.9' };
    const status = (await (await fetch(`${server.url}/api/status`, { headers: viaProxy })).json()) as {
      problems: unknown[];
      outOfDate: boolean;
    };
    expect(status).toMatchObject({ problems: [], outOfDate: true });
    const visitor = await browser.newPage();
    try {
      await visitor.setExtraHTTPHeaders(viaProxy);
      await visitor.goto(`${server.url}/`);
      const notice = visitor.locator('#out-of-date');
      await expect.poll(() => notice.isVisible()).toBe(true);
      expect(await notice.textContent()).toContain('Some answers may be out of date');
      expect(await visitor.locator('#problems').isVisible()).toBe(false);
      expect(await visitor.content()).not.toContain('zz-broken');
    } finally {
      await visitor.close();
    }
  });
});

describe('the web chat as a conversation', () => {
  it('reads a follow-up against the last question on the page, and a new page starts afresh', async () => {
    await ask('who commissioned health visiting in 2014?');
    const followed = await ask('and in 2016?');
    expect(await followed.locator('.answer__follow-up').textContent()).toMatch(
      /^Read as: Health visiting.*\(from your last question\), in 2016$/,
    );
    expect(await followed.locator('.answer__commissioners dt').allTextContents()).toEqual([
      'Local authority (council)',
    ]);
    await page.reload();
    const fresh = await ask('and in 2016?');
    expect(await fresh.locator('.answer__follow-up').count()).toBe(0);
  });

  it('says where to look instead in a sentence of its own, not a highlighted fragment', async () => {
    const answer = await ask("what's the weather forecast for tomorrow?");
    expect(await answer.getAttribute('data-status')).toBe('unknown');
    // A refusal is dated like an answer: the knowledge it was judged against is today's.
    expect(await answer.locator('.answer__as-of').textContent()).toMatch(/^As of \d+ \w+ \d{4} \(today\)\.$/);
    expect(await answer.locator('.nhsuk-inset-text').count()).toBe(0);
    expect(await answer.locator('.answer__look').textContent()).toBe(
      'A general search engine is the place to look for this.',
    );
  });

  it('links each source that has a web address and says what the others are', async () => {
    const answer = await ask('who commissions GP contracts?', '2016-01-01');
    const linked = answer.locator('.answer__sources li:has(a)');
    expect(await linked.count()).toBeGreaterThan(0);
    expect(await linked.first().locator('a').getAttribute('href')).toMatch(/^https:\/\//);
    // The 2006-13 era cites a Commons Library paper the knowledge gives no web address for.
    const prisons = await ask('who commissions prison healthcare?', '2008-06-01');
    const unlinked = await prisons.locator('.answer__sources li:not(:has(a))').allTextContents();
    expect(unlinked.join('\n')).toContain(
      '(House of Commons Library, 2016; House of Commons Library briefing paper 05607',
    );
  });

  it('asks nothing of any other host, fonts included', async () => {
    const elsewhere: string[] = [];
    const fresh = await browser.newPage();
    fresh.on('request', (request) => {
      if (!request.url().startsWith(server.url)) elsewhere.push(request.url());
    });
    await fresh.goto(`${server.url}/`);
    await fresh.getByLabel('Your question').fill('who commissions health visiting?');
    await fresh.getByRole('button', { name: 'Ask', exact: true }).click();
    await fresh.locator('article.answer').waitFor();
    await fresh.evaluate('document.fonts.ready');
    await fresh.close();
    expect(elsewhere).toEqual([]);
  });

  it('has no accessibility violations with a follow-up, a clarify card and an out-of-scope reply', async () => {
    await ask('who commissioned health visiting in 2014?');
    await ask('and in 2016?');
    await ask('who commissions zebra crossing care?', '2017-04-01');
    await ask("what's the weather forecast for tomorrow?");
    const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    // Evaluated through the DevTools protocol, which the page's script-src policy does not govern.
    await page.evaluate(axe);
    const violations = await page.evaluate<{ id: string; nodes: unknown[] }[]>(
      'axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target) })))',
    );
    expect(violations).toEqual([]);
  });
});
