import { beforeAll, describe, expect, it } from 'vitest';
import { renderHelp, renderHome } from '../../adapters/slack/home.js';
import { helpCard, welcomeCard } from '../../adapters/teams/card.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { EXAMPLES_SHOWN, examplesToShow } from '../../src/help.js';
import { TODAY } from './helpers.js';

// The example questions people are offered: one list (knowledge/scope.yaml), the same few shown on
// every surface, and every one of them answered.

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ now: () => TODAY });
});

describe('the example questions', () => {
  it('are each answered outright by the resolver, all of them, not only those shown', () => {
    const examples = engine.knowledge().examples;
    expect(examples.length).toBeGreaterThanOrEqual(EXAMPLES_SHOWN);
    for (const example of examples) {
      const answer = engine.ask(example);
      expect({ example, status: answer.status }).toEqual({ example, status: 'answered' });
      expect(answer.commissioners.length, example).toBeGreaterThan(0);
    }
  });

  it('are the same few in the Slack help, the App Home and the Teams welcome and help cards', () => {
    const summary = engine.summary();
    const shown = examplesToShow(engine.knowledge().examples);
    expect(summary.examples).toEqual(shown);
    const slack = [renderHelp(summary), renderHome(summary)].map((m) => JSON.stringify(m.blocks));
    const teams = [welcomeCard(summary), helpCard(summary)].map((c) => JSON.stringify(c));
    for (const text of [...slack, ...teams]) {
      for (const example of shown) expect(text).toContain(example);
      for (const example of engine.knowledge().examples.slice(EXAMPLES_SHOWN))
        expect(text).not.toContain(example);
    }
  });
});

describe('where to look instead', () => {
  it('is written as a sentence that reads on its own for every out-of-scope rule', () => {
    for (const rule of engine.knowledge().outOfScope) {
      expect(rule.lookInstead, rule.id).toMatch(/^[A-Z].*\.$/);
      expect(
        rule.lookInstead.split(/\s+/).length,
        `${rule.id}: "${rule.lookInstead}"`,
      ).toBeGreaterThanOrEqual(6);
    }
  });
});
