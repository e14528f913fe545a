import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { mergeAndCheck } from '../../src/knowledge/check.js';
import { loadKnowledgeDir } from '../../src/knowledge/load-fs.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { type ParsedFile, type ParseResult, parseKnowledgeFile } from '../../src/knowledge/parse.js';
import { resolve } from '../../src/resolve/resolve.js';
import { Answer } from '../../src/schemas/answer.js';
import type { KnowledgeProblem } from '../../src/service.js';
import { knowledgeTexts } from './helpers/knowledge.js';
import {
  DATE_FIELD_LINE,
  MUTATION_KINDS,
  type MutatedFile,
  type Mutation,
  mutate,
} from './helpers/mutations.js';
import { TODAY } from './helpers/server.js';

/**
 * Runs of the costly property below (each a full merge and check): a quick 100 by default; set
 * FUZZ_RUNS (e.g. FUZZ_RUNS=2000) to search harder.
 */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS) || 100;

/**
 * One seed for every property in this file, new each run and shown in the test names, so a failure
 * can be replayed exactly: FUZZ_SEED=<seed> npx vitest run test/reliability/knowledge-mutation.test.ts
 */
const SEED = Number(process.env.FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
fc.configureGlobal({ seed: SEED });

/**
 * The properties are pure computation (a full merge and check per run, some seconds of CPU in all):
 * on two cores busy with other work they take several times as long, so this file's limit is set only
 * to catch a hang, not to time them (the suite's 30 s was missed under load).
 */
vi.setConfig({ testTimeout: 300_000 });

const ORIGINAL = knowledgeTexts();
const UPDATED = '2026-11-01';

/** Parse results of the untouched files, so each run parses only what it changed. */
const pristine = new Map<string, ParseResult>(
  ORIGINAL.map((f) => [f.text, parseKnowledgeFile(f.file, f.text)]),
);

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATION_KINDS),
  file: fc.nat(),
  a: fc.nat(),
  b: fc.nat(),
});

type Outcome = { ok: true; kb: KnowledgeBase } | { ok: false; problems: KnowledgeProblem[] };

/** The loader's logic over texts in memory: every file parsed; merged and checked only if all parsed. */
function load(files: MutatedFile[]): Outcome {
  const parsed: ParsedFile[] = [];
  const problems: KnowledgeProblem[] = [];
  for (const f of files) {
    const result = pristine.get(f.text) ?? parseKnowledgeFile(f.file, f.text);
    if (result.ok) parsed.push(result.parsed);
    else problems.push(...result.problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  return mergeAndCheck(parsed, UPDATED);
}

function applyAll(mutations: Mutation[]): {
  files: MutatedFile[];
  touched: { file: string; line: number }[];
} {
  const files = ORIGINAL.map((f) => ({ ...f }));
  const touched = mutations.flatMap((m) => mutate(files, m) ?? []);
  return { files, touched };
}

/** Every problem names a file of the set and a line and column inside it, and says something. */
function expectLocated(problems: KnowledgeProblem[], files: MutatedFile[], shownAs = (f: string) => f) {
  expect(problems.length).toBeGreaterThan(0);
  const lineCount = new Map(files.map((f) => [shownAs(f.file), f.text.split('\n').length]));
  for (const p of problems) {
    expect(lineCount.has(p.file), `problem names an unknown file: ${JSON.stringify(p)}`).toBe(true);
    expect(Number.isInteger(p.line) && p.line >= 1, `line must be ≥ 1: ${JSON.stringify(p)}`).toBe(true);
    expect(p.line, `line past the end of ${p.file}: ${JSON.stringify(p)}`).toBeLessThanOrEqual(
      (lineCount.get(p.file) ?? 0) + 1,
    );
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.message.trim().length).toBeGreaterThan(10);
  }
}

/** A loaded knowledge base holds everything the files define: nothing dropped, every reference resolves. */
function expectWhole(kb: KnowledgeBase, files: MutatedFile[]) {
  const count = (section: 'topics' | 'bodies' | 'sources' | 'events') =>
    files.reduce((sum, f) => {
      const r = pristine.get(f.text) ?? parseKnowledgeFile(f.file, f.text);
      return sum + (r.ok ? (r.parsed.data[section]?.length ?? 0) : 0);
    }, 0);
  expect(kb.topics.length).toBe(count('topics'));
  expect(kb.bodies.size).toBe(count('bodies'));
  expect(kb.sources.size).toBe(count('sources'));
  expect(kb.events.length).toBe(count('events'));
  for (const topic of kb.topics) {
    expect(kb.topicById.get(topic.id)).toBe(topic);
    for (const era of topic.eras) {
      for (const h of era.holders)
        expect(kb.bodies.has(h.body), `${topic.id} names body ${h.body}`).toBe(true);
      for (const s of era.sources) expect(kb.sources.has(s), `${topic.id} cites ${s}`).toBe(true);
    }
  }
}

describe(`The knowledge loader under random edits (seed ${SEED}; replay with FUZZ_SEED=${SEED})`, () => {
  it('loads the shipped files unchanged, so every failure below comes from a mutation', () => {
    const outcome = load(ORIGINAL.map((f) => ({ ...f })));
    expect(outcome.ok ? [] : outcome.problems).toEqual([]);
  });

  it('either loads a whole knowledge base or fails with problems carrying file and line, never throwing', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const { files } = applyAll(mutations);
        const outcome = load(files);
        if (outcome.ok) expectWhole(outcome.kb, files);
        else expectLocated(outcome.problems, files);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers from any mutated set that still loads, with a valid answer', () => {
    const question = 'who commissioned health visiting in 2017?';
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 2 }), (mutations) => {
        const outcome = load(applyAll(mutations).files);
        if (!outcome.ok) return;
        expect(Answer.safeParse(resolve(outcome.kb, question, { today: TODAY })).success).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('points a broken date at the very line it is on', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), (file, a, b) => {
        const { files, touched } = applyAll([{ kind: 'break a date', file, a, b }]);
        const at = touched[0];
        fc.pre(at !== undefined);
        const outcome = load(files);
        expect(outcome.ok, `a broken date at ${at?.file}:${at?.line} was accepted`).toBe(false);
        if (outcome.ok || !at) return;
        expect(outcome.problems.map((p) => `${p.file}:${p.line}`)).toContain(`${at.file}:${at.line}`);
      }),
      { numRuns: 80 },
    );
  });

  it('points a duplicated key at the original line or the copy', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (file, a) => {
        const { files, touched } = applyAll([{ kind: 'duplicate a key', file, a, b: 0 }]);
        const at = touched[0];
        fc.pre(at !== undefined);
        const outcome = load(files);
        expect(outcome.ok, `a duplicated key at ${at?.file}:${at?.line} was accepted`).toBe(false);
        if (outcome.ok || !at) return;
        const lines = outcome.problems.filter((p) => p.file === at.file).map((p) => p.line);
        expect(
          lines.some((line) => line === at.line || line === at.line + 1),
          `problems at ${lines}`,
        ).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('reports an alias with no anchor (*name) at its own line, in plain words', () => {
    const files = ORIGINAL.map((f) => ({ ...f }));
    const target = files.find((f) => /^\s+title: /m.test(f.text));
    if (!target) throw new Error('no title in the shipped knowledge');
    const lines = target.text.split('\n');
    const index = lines.findIndex((l) => /^\s+title: /.test(l));
    lines[index] = (lines[index] as string).replace(/title: .*/, 'title: *shared-title');
    target.text = lines.join('\n');

    const outcome = load(files);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems).toEqual([
      expect.objectContaining({
        file: target.file,
        line: index + 1,
        message: expect.stringMatching(
          /^"\*shared-title" repeats a value marked "&shared-title", but no value/,
        ),
      }),
    ]);
  });

  it('rejects 30 February in an era with the file and line of the date', () => {
    const files = ORIGINAL.map((f) => ({ ...f }));
    const target = files.find((f) => f.text.split('\n').some((l) => /^\s+from:\s*\d{4}-\d{2}-\d{2}/.test(l)));
    if (!target) throw new Error('no era with a from date in the shipped knowledge');
    const lines = target.text.split('\n');
    const index = lines.findIndex((l) => /^\s+from:\s*\d{4}-\d{2}-\d{2}/.test(l) && DATE_FIELD_LINE.test(l));
    lines[index] = (lines[index] as string).replace(/\d{4}-\d{2}-\d{2}/, '2015-02-30');
    target.text = lines.join('\n');

    const outcome = load(files);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems).toContainEqual(
      expect.objectContaining({ file: target.file, line: index + 1, message: expect.stringMatching(/date/) }),
    );
  });

  it('never hands over a partial knowledge base from the folder loader when one file is broken', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const { files } = applyAll(mutations);
        const dir = await mkdtemp(join(tmpdir(), 'wc-mutation-'));
        try {
          await Promise.all(files.map((f) => writeFile(join(dir, f.file.replace('knowledge/', '')), f.text)));
          const anyFileBroken = files.some(
            (f) => !(pristine.get(f.text) ?? parseKnowledgeFile(f.file, f.text)).ok,
          );
          const outcome = await loadKnowledgeDir(dir, tmpdir());
          if (anyFileBroken) expect(outcome.ok).toBe(false);
          const shownAs = (f: string) => join(dir.slice(tmpdir().length + 1), f.replace('knowledge/', ''));
          if (outcome.ok) expectWhole(outcome.kb, files);
          else expectLocated(outcome.problems, files, shownAs);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 25 },
    );
  });
});
