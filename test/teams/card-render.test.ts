import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpCard, renderAnswerCard, welcomeCard } from '../../adapters/teams/card.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { launchChromium } from '../local/browser.js';
import { TEAMS_LIGHT_HOST_CONFIG } from './teams-host-config.js';

/** The width of a Teams chat column on a narrow window, where cut buttons were seen. */
const WIDTH = 440;
const modulePath = (file: string) => fileURLToPath(new URL(`../../node_modules/${file}`, import.meta.url));
const SCREENSHOTS = join(tmpdir(), 'whocommissions-teams-cards');

let browser: Browser;
let page: Page;
let engine: Engine;

beforeAll(async () => {
  [browser, engine] = await Promise.all([
    launchChromium(),
    createEngine({ now: () => new Date('2026-11-01T12:00:00Z') }),
  ]);
  page = await browser.newPage({ viewport: { width: WIDTH + 40, height: 900 } });
  await page.setContent(
    `<!doctype html><html><body style="margin:0"><div id="host" style="width:${WIDTH}px"></div></body></html>`,
  );
  // Microsoft's renderer with markdown-it, as the Agents Playground and the Adaptive Cards designer use it.
  await page.addScriptTag({ path: modulePath('markdown-it/dist/browser/markdown-it.umd.min.js') });
  await page.addScriptTag({ path: modulePath('adaptivecards/dist/adaptivecards.min.js') });
  await page.addStyleTag({ path: modulePath('adaptivecards/dist/adaptivecards.css') });
  await page.addScriptTag({ content: MEASURE_CARD });
  await mkdir(SCREENSHOTS, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

interface MeasureWindow {
  measureCard(json: object, hostConfig: object): Measured;
}

/**
 * Runs in the page (plain JS: the tests are not compiled with the DOM types). An element is cut when
 * it or anything in it holds more than it shows (an ellipsis, a clipped line).
 */
const MEASURE_CARD = `
window.measureCard = (json, hostConfig) => {
  const adaptive = new AdaptiveCards.AdaptiveCard();
  adaptive.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
  adaptive.parse(json);
  const element = adaptive.render();
  document.getElementById('host').replaceChildren(element);
  const cut = (e) => [e, ...e.querySelectorAll('*')].some(
    (x) => x.scrollWidth > x.clientWidth + 1 || x.scrollHeight > x.clientHeight + 1);
  return {
    clickable: [...element.querySelectorAll('.ac-selectable, button')].map((e) => ({
      text: e.innerText.replace(/\\s+/g, ' ').trim(),
      width: e.getBoundingClientRect().width,
      cut: cut(e),
    })),
    cardWidth: element.getBoundingClientRect().width,
    overflows: element.scrollWidth > element.clientWidth + 1,
  };
};`;

interface Measured {
  /** Elements a person clicks: their text, width, and whether any of it is cut off. */
  clickable: { text: string; width: number; cut: boolean }[];
  cardWidth: number;
  overflows: boolean;
}

/** Renders a card in the page with Teams' host config and measures what a person would see. */
async function render(card: object, name: string): Promise<Measured> {
  const measured = (await page.evaluate(
    ([json, hostConfig]) => (globalThis as unknown as MeasureWindow).measureCard(json, hostConfig),
    [card, TEAMS_LIGHT_HOST_CONFIG] as const,
  )) as Measured;
  await page.locator('#host').screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  return measured;
}

describe(`Teams cards rendered by Microsoft's renderer at ${WIDTH} px in Chromium`, () => {
  it('shows every clarify option in full, each as wide as the card', async () => {
    const clarify = engine.ask('who commissions mental health');
    expect(clarify.options.some((o) => o.title.length > 40)).toBe(true);
    const seen = await render(renderAnswerCard(clarify), 'clarify');
    expect(seen.overflows).toBe(false);
    for (const option of clarify.options) {
      const shown = seen.clickable.find((c) => c.text === option.title);
      expect(shown, option.title).toBeDefined();
      expect(shown?.cut, option.title).toBe(false);
      expect(shown?.width).toBeGreaterThan(seen.cardWidth * 0.85);
    }
    for (const c of seen.clickable) expect(c.cut, c.text).toBe(false);
  });

  it('shows every welcome example in full', async () => {
    const summary = engine.summary();
    const seen = await render(welcomeCard(summary), 'welcome');
    for (const example of summary.examples.slice(0, 6)) {
      const shown = seen.clickable.find((c) => c.text === example);
      expect(shown?.cut, example).toBe(false);
    }
    for (const c of seen.clickable) expect(c.cut, c.text).toBe(false);
  });

  it('cuts no button on an answer, a planned change, help or feedback', async () => {
    const cards = {
      answered: renderAnswerCard(engine.ask('who held GP contracts?', { asOf: '2016-07-01' })),
      announced: renderAnswerCard(engine.ask('Model ICB Blueprint')),
      help: helpCard(engine.summary()),
    };
    for (const [name, card] of Object.entries(cards)) {
      const seen = await render(card, name);
      expect(seen.overflows, name).toBe(false);
      expect(seen.clickable.length, name).toBeGreaterThan(0);
      for (const c of seen.clickable) expect(c.cut, `${name}: ${c.text}`).toBe(false);
    }
  });

  it("shows each part's own timeline and what changed, for a two-part question and 'and in 2012?'", async () => {
    const first = await engine.turn('health visiting vs school nursing in 2016', {});
    const second = await engine.turn('and in 2012?', { previous: first.recall });
    for (const [name, { answer }] of [
      ['two-parts', first],
      ['two-parts-follow-up', second],
    ] as const) {
      await render(renderAnswerCard(answer), name);
      // What Microsoft's renderer shows in each part's container (the containers with a separator).
      const parts = (await page.evaluate(
        `[...document.querySelectorAll('#host .ac-container')].map((e) => e.innerText).filter((t) => t.includes('Who held it over time'))`,
      )) as string[];
      const hv = parts.find((t) => t.startsWith('Health visiting')) ?? '';
      const sn = parts.find((t) => t.startsWith('School nursing')) ?? '';
      expect(hv).toMatch(/NHS England: from 1 April 2013 to 30 September 2015/);
      expect(hv).toMatch(/What changed[\s\S]*NHS England/);
      // School nursing never passed through NHS England: its own timeline and changes say so.
      expect(sn).toMatch(/PCT: until 31 March 2013[\s\S]*Council: from 1 April 2013/);
      expect(sn).not.toMatch(/NHS England/);
      expect(sn).not.toMatch(/See also:.*Health visiting/);
      const marked = answer.asOf.startsWith('2012') ? '◀ 1 July 2012' : '◀ 1 July 2016';
      expect(hv).toContain(marked);
      expect(sn).toContain(marked);
    }
  });

  it('says a planned holder would commission it from its date, never "Where: planned"', async () => {
    const card = renderAnswerCard(engine.ask('who will commission SARCs from April 2027?'));
    await render(card, 'planned-holder');
    const shown = (await page.evaluate(`document.querySelector('#host').innerText`)) as string;
    expect(shown).toMatch(/would commission it from 1 April 2027, if the plan takes effect/);
    expect(shown).toMatch(/It needs Parliament and is not confirmed in effect/);
    expect(shown).toMatch(/ICB: from 1 April 2027 \(planned, not yet in effect; needs Parliament\)/);
    expect(shown).not.toMatch(/Where: planned/i);
  });

  it('does detect a cut button: long titles side by side, as the cards had them', async () => {
    const old = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        {
          type: 'ActionSet',
          actions: engine
            .ask('who commissions mental health')
            .options.map((o) => ({ type: 'Action.Submit', title: o.title, data: {} })),
        },
      ],
    };
    const seen = await render(old, 'side-by-side-control');
    expect(seen.clickable.some((c) => c.cut)).toBe(true);
  });
});
