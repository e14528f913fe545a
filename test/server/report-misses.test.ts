import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missReport, readMisses } from '../../src/cli/report-misses.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { createMissDesk } from '../../src/misses/desk.js';
import { jsonlMisses } from '../../src/stores/jsonl-misses.js';
import { tempDir } from './helpers.js';

// `npm run report` lists the readings people said were wrong ("Not what I asked"), most frequent
// first, with what they chose instead.

const run = promisify(execFile);
let dataDir: string;
let engine: Engine;

const press = (n: number, question: string) => ({
  key: `local:press-${n}`,
  surface: 'local',
  question,
  asOf: '2026-11-22',
});

beforeAll(async () => {
  dataDir = await tempDir('report-misses');
  engine = await createEngine({ now: () => new Date('2026-11-22T12:00:00Z') });
  const desk = createMissDesk(await jsonlMisses(dataDir), engine.ask, {
    now: () => new Date('2026-11-22T12:00:00Z'),
  });
  // Three people said the prison reading of a dental question was wrong; two chose dental, one none.
  for (const [n, question] of [
    [1, 'who commissions dental in prison?'],
    [2, 'Who commissions dental in prison'],
    [3, 'who commissions dental in prison?'],
    [4, 'who pays for wheelchairs?'],
  ] as const) {
    const { miss } = await desk.press(press(n, question));
    if (n <= 2) await desk.choose(miss.id, 'dental-services');
  }
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the report of readings people said were wrong', () => {
  it('runs as npm run report, most frequent reading first, with what people chose instead', async () => {
    const { stdout } = await run('node_modules/.bin/tsx', ['src/cli/report.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' },
    });
    const section = stdout.slice(stdout.indexOf('Readings people said were wrong'));
    expect(section).toContain('("Not what I asked", 4 recorded)');
    const lines = section.split('\n');
    const prison = lines.findIndex((l) => /^\s+3×\s+Healthcare in prisons/.test(l));
    const wheelchairs = lines.findIndex((l) => /^\s+1×\s+Wheelchair services/.test(l));
    expect(prison).toBeGreaterThan(0);
    expect(wheelchairs).toBeGreaterThan(prison);
    expect(lines[prison]).toContain('e.g. "who commissions dental in prison?"');
    expect(lines[prison + 1]).toMatch(/chosen instead: NHS dental services.* 2, none of those offered 1/);
  });

  it('keeps only misses since --since, and says when there are none', async () => {
    const { misses } = await readMisses({ DATA_DIR: dataDir });
    expect(missReport(misses, { since: '2026-11-22' })).toContain('4 recorded');
    const later = missReport(misses, { since: '2026-11-23' });
    expect(later).toContain('0 recorded');
    expect(later).toContain('None yet.');
  });
});
