import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Answer } from '../../src/schemas/answer.js';

const TSX = 'node_modules/.bin/tsx';

function run(script: string, args: string[], input = '') {
  return spawnSync(TSX, [script, ...args], { input, encoding: 'utf8', timeout: 60_000 });
}

describe('the command line', () => {
  it('batch writes exactly one JSON answer per question and nothing else', () => {
    const input = [
      JSON.stringify({ id: 'a', question: 'who commissions community pharmacy?', asOf: '2016-05-01' }),
      '',
      JSON.stringify({ id: 'b', question: 'what is the weather like?' }),
      'not json',
      JSON.stringify({ id: 'c', question: 'who commissioned health visiting in June 2014?' }),
    ].join('\n');
    const result = run('src/cli/batch.ts', [], input);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    const answers = lines.map((l) => JSON.parse(l));
    expect(answers.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    for (const a of answers) Answer.parse(a);
    expect(answers[0]).toMatchObject({
      status: 'answered',
      asOf: '2016-05-01',
      topic: { id: 'community-pharmacy' },
    });
    expect(answers[0].commissioners.map((c: { body: string }) => c.body)).toEqual(['nhs-england']);
    expect(answers[1].status).toBe('unknown');
    expect(answers[2]).toMatchObject({ status: 'answered', asOf: '2014-06-01' });
    expect(result.stderr).toMatch(/line 4: not JSON/);
  });

  it('ask prints a readable answer, and the Answer with --json', () => {
    const text = run('src/cli/ask.ts', ['--as-of', '2017-01-01', 'who commissions school nursing?']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Local authority/);
    expect(text.stdout).toMatch(/Sources:/);
    const json = run('src/cli/ask.ts', ['--json', 'who commissioned dentistry in 2009?']);
    expect(Answer.parse(JSON.parse(json.stdout)).commissioners.map((c) => c.body)).toEqual(['pct']);
  });

  it('ask explains a bad date and a missing question', () => {
    expect(run('src/cli/ask.ts', ['--as-of', '2019-02-31', 'x']).stderr).toMatch(
      /--as-of must be a real date written YYYY-MM-DD/,
    );
    expect(run('src/cli/ask.ts', []).stderr).toMatch(/No question given/);
  });

  it('kb:check fails with file and line when a knowledge folder is broken', () => {
    const result = run('src/cli/kb-check.ts', ['test/engine/fixtures/broken-knowledge']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /topics\.yaml:7:\d+ topics\[0\]\.eras\[0\]\.from: write dates as YYYY-MM-DD/,
    );
    expect(result.stderr).toMatch(/1 problem\(s\) found/);
  });
});
