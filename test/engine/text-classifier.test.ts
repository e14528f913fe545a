import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import naiveBayes from 'wink-naive-bayes-text-classifier';
import { parse } from 'yaml';
import { COMPONENTS, loadText, textTokens } from '../../src/decide/text-classifier.js';

// loadText reads a classifier from the model file and learns the maintainers' examples on top without
// wink (for start-up speed). It must give what wink itself gives: the same model and the same odds.

const model = parse(readFileSync('knowledge/decision-model.yaml', 'utf8')).decisionModel as {
  classifiers: Record<string, string>;
};
const examples = [
  ...(
    parse(readFileSync('knowledge/example-messages.yaml', 'utf8')).exampleMessages as {
      text: string;
      scope: string;
    }[]
  ).map((e) => ({ text: e.text, yes: e.scope === 'out' })),
  // A word never seen in training.
  { text: 'who commissions zyxwvutsrq services', yes: false },
];
const texts = [
  ...examples.map((e) => e.text),
  ...readFileSync('test/regression/questions.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(0, 200)
    .map((line) => (JSON.parse(line) as { question: string }).question),
];

/** wink's own way: import, learn, consolidate, with its two-label odds as a probability. */
function throughWink(json: string, more: typeof examples) {
  const nb = naiveBayes();
  nb.definePrepTasks([textTokens]);
  nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
  nb.importJSON(json);
  for (const e of more) nb.learn(e.text, e.yes ? 'yes' : 'no');
  nb.consolidate();
  const probability = (text: string) => {
    const odds = nb.computeOdds(text) as [string, number][];
    const yes = odds.find(([label]) => label === 'yes')?.[1];
    return yes === undefined || yes === 0 ? 0.5 : 1 / (1 + 2 ** -yes);
  };
  return { json: nb.exportJSON(), probability };
}

describe('a classifier loaded from the model file', () => {
  it.each(COMPONENTS)('%s: the same model and odds as wink, with and without examples on top', (c) => {
    const json = model.classifiers[c] as string;
    for (const more of [[], examples]) {
      const ours = loadText(json, more);
      const wink = throughWink(json, more);
      expect(JSON.parse(ours.toJSON())).toEqual(JSON.parse(wink.json));
      for (const text of texts) expect(ours.probability(text), text).toBeCloseTo(wink.probability(text), 9);
    }
  });

  // wink counts such a word on top of an imported model as "function Object() { [native code] }1"
  // (its imported counts are plain objects), which made the word's odds NaN; ours counts it once.
  it('counts words that are also members of every JavaScript object as words', () => {
    const more = [{ text: 'the constructor of the prototype toString hasOwnProperty', yes: true }];
    const ours = loadText(model.classifiers.outOfScope as string, more);
    const [, , count] = JSON.parse(ours.toJSON()) as [
      unknown,
      unknown,
      Record<string, Record<string, unknown>>,
    ];
    expect(count.yes?.constructor).toBe(1);
    expect(Number.isFinite(ours.probability('a constructor with toString'))).toBe(true);
  });

  it('refuses text that is not a wink export, as wink does', () => {
    expect(() => loadText('{"not": "a model"}')).toThrow(/not a wink/);
    expect(() => loadText('[{"smoothingFactor":0.5},{"yes":1},{},{},[]]')).toThrow(/two labels/);
  });
});
