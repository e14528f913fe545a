import { spawnSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { Answer } from '../../src/schemas/answer.js';

const TSX = 'node_modules/.bin/tsx';

/** A real process, for what only a process shows: what reaches stdout, and the exit code. */
function run(script: string, args: string[], input = '') {
  return spawnSync(TSX, [script, ...args], { input, encoding: 'utf8', timeout: 60_000 });
}

/**
 * `npm run ask -- …args` in this process, much quicker than a process of its own. ask.ts runs its
 * main() when imported, reading process.argv and setting process.exitCode when done; both are put
 * back afterwards, and console.log / console.error are caught instead of printed.
 */
async function ask(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts) => void stdout.push(parts.join(' ')));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...parts) => void stderr.push(parts.join(' ')));
  const { argv, exitCode } = process;
  process.argv = [argv[0] as string, 'src/cli/ask.ts', ...args];
  process.exitCode = undefined;
  try {
    vi.resetModules();
    await import('../../src/cli/ask.js');
    const code = await vi.waitFor(
      () => {
        if (process.exitCode === undefined) throw new Error('ask has not finished');
        return Number(process.exitCode);
      },
      { timeout: 20_000, interval: 10 },
    );
    return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
  } finally {
    process.argv = argv;
    process.exitCode = exitCode;
    log.mockRestore();
    error.mockRestore();
  }
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

  it('ask prints a readable answer, and the Answer with --json', async () => {
    const text = await ask(['--as-of', '2017-01-01', 'who commissions school nursing?']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Local authority/);
    expect(text.stdout).toMatch(/Sources:/);
    const leeds = await ask(['--as-of', '2017-01-01', 'who commissions school nursing in Leeds?']);
    expect(leeds.stdout).toContain('• Leeds City Council (Local authority (council))');
    const json = await ask(['--json', 'who commissioned dentistry in 2009?']);
    expect(json.code).toBe(0);
    expect(Answer.parse(JSON.parse(json.stdout)).commissioners.map((c) => c.body)).toEqual(['pct']);
  });

  it('ask explains a bad date and a missing question, with exit code 2', async () => {
    const badDate = await ask(['--as-of', '2019-02-31', 'x']);
    expect(badDate.stderr).toMatch(/--as-of must be a real date written YYYY-MM-DD/);
    expect(badDate.code).toBe(2);
    const none = await ask([]);
    expect(none.stderr).toMatch(/No question given/);
    expect(none.code).toBe(2);
  });

  it('ask --help prints the usage, its options and the examples every help text shows', async () => {
    const help = await ask(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run ask -- \[options\] "your question"/);
    for (const option of ['--as-of YYYY-MM-DD', '--json', '--explain', '--session', '-h, --help'])
      expect(help.stdout).toContain(option);
    const { createEngine } = await import('../../src/engine.js');
    for (const example of (await createEngine()).summary().examples)
      expect(help.stdout).toContain(`npm run ask -- "${example}"`);
    expect((await ask(['-h'])).stdout).toBe(help.stdout);
  });

  it('ask --session reads each question against the one before; batch keeps every line on its own', () => {
    const session = run(
      'src/cli/ask.ts',
      ['--session', '--json'],
      'who commissioned health visiting in 2014?\nand in 2016?\n',
    );
    expect(session.status).toBe(0);
    const [first, second] = session.stdout
      .trim()
      .split('\n')
      .map((l) => Answer.parse(JSON.parse(l)));
    expect(first?.followUp).toBeUndefined();
    expect(second?.followUp).toMatch(/^Health visiting.*\(from your last question\), in 2016$/);
    expect(second?.commissioners.map((c) => c.body)).toEqual(['local-authority']);

    const batch = run(
      'src/cli/batch.ts',
      [],
      [
        JSON.stringify({ id: 'q', question: 'who commissioned health visiting in 2014?' }),
        JSON.stringify({ id: 'f', question: 'and in 2016?' }),
      ].join('\n'),
    );
    const followUp = JSON.parse(batch.stdout.trim().split('\n')[1] ?? '{}');
    expect(followUp.followUp).toBeUndefined();
    expect(followUp.topic).toBeUndefined();
  }, 120_000);

  it('kb:check fails with file and line when a knowledge folder is broken', () => {
    const result = run('src/cli/kb-check.ts', ['test/engine/fixtures/broken-knowledge']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /topics\.yaml:7:\d+ topics\[0\]\.eras\[0\]\.from: write dates as YYYY-MM-DD/,
    );
    expect(result.stderr).toMatch(/1 problem\(s\) found/);
  });
});
