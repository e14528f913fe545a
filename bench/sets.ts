import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DevQuestion, parseQuestionLines } from './dev-set.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const SHARED = here('../../shared/eval/');
const REGRESSION = here('../test/regression/');
const SETS = here('./sets/');

export interface QuestionFile {
  /** "dev", "dev-chat", "regression/holdout-2", … */
  name: string;
  path: string;
  questions: DevQuestion[];
}

/**
 * Place question sets (test/regression/places-*.jsonl) have a format of their own (bench/place-score.ts):
 * `npm run eval:places` scores them; the question sets and training leave them out.
 */
export const isPlaceSet = (file: string) => /(^|\/)places-[^/]*\.jsonl$/.test(file);

/**
 * The shared dev sets (when ../shared/eval is there), every test/regression/*.jsonl, then every labelled
 * set in bench/sets/, in that order.
 */
export function questionFiles(): QuestionFile[] {
  const files = [
    ...['dev', 'dev-chat']
      .map((name) => ({ name, path: `${SHARED}${name}.jsonl` }))
      .filter((f) => existsSync(f.path)),
    ...readdirSync(REGRESSION)
      .filter((f) => f.endsWith('.jsonl') && !isPlaceSet(f))
      .sort()
      .map((f) => ({ name: `regression/${f.replace('.jsonl', '')}`, path: `${REGRESSION}${f}` })),
    ...readdirSync(SETS)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .map((f) => ({ name: `sets/${f.replace('.jsonl', '')}`, path: `${SETS}${f}` })),
  ];
  return files.map((f) => ({ ...f, questions: parseQuestionLines(readFileSync(f.path, 'utf8'), f.path) }));
}

/** The sets the benchmark reports: dev, dev-chat, and the regression files together. */
export function benchSets(files = questionFiles()): { name: string; questions: DevQuestion[] }[] {
  const labelled = (f: QuestionFile) => f.name.startsWith('regression/') || f.name.startsWith('sets/');
  const regression = files.filter(labelled).flatMap((f) => f.questions);
  return [
    ...files.filter((f) => !labelled(f)),
    ...(regression.length ? [{ name: 'regression', questions: regression }] : []),
  ];
}
