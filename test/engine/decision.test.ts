import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { trainedModel } from '../../bench/train.js';
import type { Decision } from '../../src/decide/decision.js';
import { FEATURES } from '../../src/decide/features.js';
import { chooseThreshold, DecisionModel } from '../../src/decide/model.js';
import type { TextClassifier } from '../../src/decide/text-classifier.js';
import { createEngine } from '../../src/engine.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { readAs } from '../../src/resolve/format.js';
import { answer } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import { shippedKnowledge, TODAY } from './helpers.js';

// The decision stage: the reader's answer is given only when the learnt model trusts it; otherwise the
// bot asks back with the readings as options, or refuses when the message looks out of scope.

let kb: KnowledgeBase;
let decision: Decision;
beforeAll(async () => {
  kb = await shippedKnowledge();
  if (!kb.decision) throw new Error('the shipped knowledge has no decision model: run npm run train');
  decision = kb.decision;
});

/** The shipped knowledge with the decision's threshold, and optionally its scope classifier, replaced. */
function withDecision(threshold: number, outOfScope?: number): KnowledgeBase {
  const fixed: TextClassifier = { probability: () => outOfScope ?? 0, toJSON: () => '' };
  const classifiers =
    outOfScope === undefined ? decision.classifiers : { ...decision.classifiers, outOfScope: fixed };
  return { ...kb, decision: { model: { ...decision.model, threshold }, classifiers } };
}

const ask = (base: KnowledgeBase, q: string) => Answer.parse(answer(base, q, { today: TODAY }));

describe('the decision', () => {
  const question = 'who commissioned health visiting in 2014?';

  it.each([
    ['passes an answer it trusts unchanged', 0, undefined, 'answered'],
    ['asks back when it does not trust the reading', 1.01, 0, 'clarify'],
    ['refuses when it does not trust the reading and the message looks out of scope', 1.01, 1, 'unknown'],
  ] as const)('%s', (_, threshold, out, status) => {
    const a = ask(withDecision(threshold, out), question);
    expect(a.status).toBe(status);
    if (status !== 'answered') expect(a.commissioners).toEqual([]);
    if (status === 'clarify') {
      expect(a.options[0]?.topicId).toBe('health-visiting');
      expect(a.options.length).toBeGreaterThanOrEqual(2);
      expect(a.text).toContain('I read it as: Health visiting');
    }
  });

  it('gives the same answer as the reader when there is no model', () => {
    const { decision: _, ...reader } = kb;
    expect(ask(reader, question).commissioners).toEqual(ask(withDecision(0), question).commissioners);
  });

  it.each([
    ['who commissioned health visiting in 2014?', /^Health visiting.* · 1 July 2014$/],
    ['who commissions school nursing?', /^School nursing.* · 22 November 2026 \(today\)$/],
    ['we were fully delegated in 2016, who approved practice mergers?', / · .*2016 · .*delegated/i],
  ])('says what it read: "%s"', (q, expected) => {
    expect(ask(withDecision(0), q).readAs).toMatch(expected);
  });

  it('reads a part of a compound answer on its own', () => {
    const a = ask(withDecision(0), 'health visiting and school nursing in 2014 - who had which?');
    expect(a.parts?.map((p) => p.readAs)).toHaveLength(2);
    expect(a.readAs).toBe(a.parts?.map((p) => p.readAs).join(' + '));
    expect(readAs({ asOfText: '1 July 2014', asOfSource: 'text', conditionsAsked: [] })).toBe('');
  });
});

describe('the threshold', () => {
  it.each([
    // p, right: the lowest threshold that keeps answered-and-wrong at most 1.5 % of all messages, floored at 0.5.
    [[0.99, 0.98, 0.97, 0.96].map((p) => ({ p, right: true })), 100, 0.96],
    [
      [
        { p: 0.99, right: true },
        { p: 0.95, right: false },
        { p: 0.9, right: true },
        { p: 0.8, right: false },
      ],
      100,
      0.9,
    ],
    [
      [
        { p: 0.99, right: false },
        { p: 0.9, right: true },
      ],
      10,
      1,
    ],
    [[{ p: 0.3, right: true }], 10, 0.5],
  ])('is chosen for at most 1.5%% wrong (case %#)', (scored, total, expected) => {
    expect(chooseThreshold(scored, total)).toBe(expected);
  });
});

// Training is pure computation (6-9 s of CPU on a quiet machine; over 40 s was seen with both cores busy
// elsewhere): the limit only catches a hang.
describe('the model file', { timeout: 300_000 }, () => {
  it('is what npm run train makes of the labelled sets and the knowledge today (run npm run train if not)', async () => {
    const shipped = DecisionModel.parse(
      parse(await readFile('knowledge/decision-model.yaml', 'utf8')).decisionModel,
    );
    const fresh = await trainedModel();
    expect(fresh.trainedOn).toEqual(shipped.trainedOn);
    expect(fresh.features).toEqual([...FEATURES]);
    expect(fresh.threshold).toBeCloseTo(shipped.threshold, 3);
    for (const [i, w] of fresh.weights.entries()) expect(w).toBeCloseTo(shipped.weights[i] ?? Number.NaN, 3);
    // Training reads every labelled set: on a busy machine that takes far longer than the usual limit, which
    // is there to catch a hang, not to time the training (npm run bench does that).
  }, 600_000);
});

describe('model and knowledge on reload', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'decision-'));
    await cp('knowledge', dir, { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses a model trained on other features, names the file and line, and keeps serving the last good one', async () => {
    const engine = await createEngine({ knowledgeDir: dir, stableMs: 0 });
    const file = join(dir, 'decision-model.yaml');
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace('    - bias\n', '    - a feature no longer read\n'));
    const result = await engine.reload();
    expect(result.ok).toBe(false);
    const problem = result.ok ? undefined : result.problems[0];
    expect(problem?.file).toMatch(/decision-model\.yaml$/);
    expect(problem?.line).toBeGreaterThan(1);
    expect(problem?.message).toContain('npm run train');
    expect(engine.knowledge().decision?.model.features).toEqual([...FEATURES]);
    await writeFile(file, good);
    expect((await engine.reload()).ok).toBe(true);
  });

  it('learns a maintainer example message on reload', async () => {
    const text = 'can you make me a rota for the practice nurses';
    const engine = await createEngine({ knowledgeDir: dir, stableMs: 0 });
    const p0 = engine.knowledge().decision?.classifiers.outOfScope.probability(text) ?? 1;
    const examples = Array.from({ length: 5 }, () => `  - text: ${text}\n    scope: out\n`).join('');
    await writeFile(join(dir, 'example-messages.yaml'), `exampleMessages:\n${examples}`);
    expect((await engine.reload()).ok).toBe(true);
    const p1 = engine.knowledge().decision?.classifiers.outOfScope.probability(text) ?? 0;
    expect(p1).toBeGreaterThan(p0);
  });
});

describe('a text classifier', () => {
  it("gives wink's own naive Bayes probability, from its table of odds", async () => {
    const { default: naiveBayes } = await import('wink-naive-bayes-text-classifier');
    const { textTokens, trainText } = await import('../../src/decide/text-classifier.js');
    const examples = [
      ['write me a letter to the practice', true],
      ['draft an email about the merger', true],
      ['what dose of flu vaccine for a child', true],
      ['who commissions health visiting', false],
      ['who commissioned dental services in 2016', false],
      ['which body holds GP contracts now', false],
    ] as const;
    const ours = trainText(examples.map(([text, yes]) => ({ text, yes })));
    const wink = naiveBayes();
    wink.definePrepTasks([textTokens]);
    wink.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
    for (const [text, yes] of examples) wink.learn(text, yes ? 'yes' : 'no');
    wink.consolidate();
    for (const text of ['please write a letter about dental', 'who commissions flu vaccine', 'zebra']) {
      const odds = wink.computeOdds(text).find(([label]) => label === 'yes')?.[1] ?? 0;
      expect(ours.probability(text)).toBeCloseTo(1 / (1 + 2 ** -odds), 10);
    }
  });
});
