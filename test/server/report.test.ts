import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, normaliseQuestion } from '../../src/cli/report.js';
import { tempDir } from './helpers.js';

const run = promisify(execFile);
let dataDir: string;

const unanswered = (
  question: string,
  status: 'unknown' | 'clarify',
  at = '2026-10-10T09:00:00Z',
  options: string[] = [],
) => JSON.stringify({ at, surface: 'slack', question, asOf: '2026-10-10', status, options });
const vote = (helpful: boolean, topicId: string | undefined, question: string, at = '2026-10-10T09:00:00Z') =>
  JSON.stringify({
    at,
    surface: 'teams',
    helpful,
    question,
    asOf: '2026-10-10',
    status: 'answered',
    ...(topicId ? { topicId } : {}),
  });

beforeAll(async () => {
  dataDir = await tempDir('report');
  await writeFile(
    join(dataDir, 'unanswered.jsonl'),
    [
      unanswered('Who pays for ducks?', 'unknown'),
      unanswered('who pays for  ducks', 'unknown'),
      unanswered('WHO PAYS FOR DUCKS?!', 'unknown'),
      unanswered('who commissions dental?', 'clarify', '2026-10-11T09:00:00Z', [
        'dental-services',
        'oral-health-promotion',
      ]),
      unanswered('an old question', 'unknown', '2026-01-01T09:00:00Z'),
      '{"at": "2026-10-12T09:00:00Z", "question": "cut off mid-wri',
    ].join('\n'),
  );
  await writeFile(
    join(dataDir, 'feedback.jsonl'),
    [
      vote(false, 'health-visiting', 'who commissions health visiting?'),
      vote(false, 'health-visiting', 'health visitors 2014'),
      vote(true, 'health-visiting', 'who commissions health visiting?'),
      vote(false, 'gp-contracts', 'who holds GP contracts?'),
      vote(true, 'dental-services', 'who commissions dentists?'),
    ].join('\n'),
  );
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('the maintainers report', () => {
  it('counts phrasings that differ only in case, spacing and punctuation as one question', () => {
    expect(normaliseQuestion('WHO PAYS FOR  DUCKS?!')).toBe(normaliseQuestion('who pays for ducks'));
  });

  it('lists the most frequent unanswered question first, with the topics a clarify offered', async () => {
    const report = await buildReport(dataDir);
    const lines = report.split('\n');
    const first = lines.findIndex((line) => line.includes('3×'));
    const second = lines.findIndex((line) => line.includes('who commissions dental?'));
    expect(first).toBeGreaterThan(0);
    expect(lines[first]).toMatch(/ducks.*\[unknown\]/);
    expect(second).toBeGreaterThan(first);
    expect(lines[second]).toContain('maybe dental-services, maybe oral-health-promotion');
  });

  it('ranks answers by their not-helpful votes and leaves out answers nobody disliked', async () => {
    const report = await buildReport(dataDir);
    const health = report.indexOf('2 not helpful, 1 helpful  health-visiting');
    const gp = report.indexOf('1 not helpful, 0 helpful  gp-contracts');
    expect(health).toBeGreaterThan(0);
    expect(gp).toBeGreaterThan(health);
    expect(report).not.toContain('dental-services  e.g.');
  });

  it('names the lines it could not read instead of failing', async () => {
    expect(await buildReport(dataDir)).toContain(
      'Skipped 1 line(s) that are not valid entries: unanswered.jsonl:6',
    );
  });

  it('keeps only entries since a given day', async () => {
    const report = await buildReport(dataDir, { since: '2026-10-01' });
    expect(report).not.toContain('an old question');
    expect(report).toContain('Most frequent unanswered questions (4 logged)');
  });

  it('says plainly when nothing has been logged yet', async () => {
    const empty = await tempDir('report-empty');
    const report = await buildReport(empty);
    expect(report).toContain('Nothing logged yet: unanswered.jsonl does not exist.');
    await rm(empty, { recursive: true, force: true });
  });

  it('runs as npm run report, reading DATA_DIR', async () => {
    const { stdout } = await run('node_modules/.bin/tsx', ['src/cli/report.ts', '--top', '1'], {
      env: { ...process.env, DATA_DIR: dataDir },
    });
    expect(stdout).toContain(`Maintainers' report from ${dataDir}`);
    expect(stdout).toContain('ducks');
    expect(stdout).not.toContain('who commissions dental?');
  });
});
