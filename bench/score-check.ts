import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Tally } from './dev-set.js';

const SCORE = fileURLToPath(new URL('../../shared/eval/score.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs ../shared/eval/score.mjs itself on dev (it runs `npm run batch`) and says whether its counts
 * agree with the benchmark's own scoring of our resolver, so the table's rules stay score.mjs's.
 */
export function scoreCheck(ours: Tally | undefined): Promise<string> {
  if (!existsSync(SCORE) || !ours) return Promise.resolve('(score.mjs not found: no cross-check)');
  return new Promise((resolve) => {
    execFile(process.execPath, [SCORE, '--quiet'], { cwd: ROOT, maxBuffer: 1 << 24 }, (_error, stdout) => {
      const m = /accuracy [\d.]+ \((\d+)\/(\d+)\), wrong (\d+), abstained (\d+)/.exec(stdout);
      if (!m) return resolve(`score.mjs printed no tally: ${stdout.trim().split('\n').at(-1) ?? ''}`);
      const [correct, n, wrong, abstained] = m.slice(1).map(Number);
      const same =
        correct === ours.correct && n === ours.n && wrong === ours.wrong && abstained === ours.abstained;
      resolve(
        `score.mjs itself on dev: ${correct}/${n} correct, ${wrong} wrong, ${abstained} abstained (${same ? 'the same as this table' : 'DIFFERENT from this table: the scoring rules have drifted'}).`,
      );
    });
  });
}
