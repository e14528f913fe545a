import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogbook, FEEDBACK_FILE } from '../../src/logbook.js';
import { startServerProcess } from '../helpers/process-server.js';
import { tempDir } from './helpers.js';

// Issue 11, failure 10: an acknowledged entry survives kill -9; a torn last line swallows nothing.

const click = (i: number) =>
  JSON.stringify({
    helpful: i % 2 === 0,
    question: `who commissions health visiting? (${i})`,
    asOf: '2017-04-01',
    topicId: 'health-visiting',
    status: 'answered',
  });

const lines = async (path: string) =>
  (await readFile(path, 'utf8').catch(() => ''))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as { question: string }];
      } catch {
        return [];
      }
    });

describe('feedback and unanswered entries across a crash', () => {
  it('keeps every feedback click acknowledged before kill -9', async () => {
    const dataDir = await tempDir('crash');
    const server = await startServerProcess({ DATA_DIR: dataDir });
    const acknowledged: string[] = [];
    try {
      let sent = 0;
      // Clicks keep coming, 20 at a time, until the process is killed in the middle of them.
      const sender = async () => {
        for (;;) {
          const i = sent++;
          const response = await fetch(`${server.url}/api/feedback`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: click(i),
          }).catch(() => undefined);
          if (!response) return;
          if (response.status === 204) acknowledged.push(`who commissions health visiting? (${i})`);
        }
      };
      const senders = Array.from({ length: 20 }, sender);
      while (acknowledged.length < 400) await new Promise((resolve) => setTimeout(resolve, 5));
      await server.stop('SIGKILL');
      await Promise.all(senders);
      const kept = new Set((await lines(join(dataDir, FEEDBACK_FILE))).map((entry) => entry.question));
      const lost = acknowledged.filter((question) => !kept.has(question));
      expect(lost).toEqual([]);
    } finally {
      await server.stop('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('ends a torn last line at start, so the next entry is not swallowed', async () => {
    const dir = await tempDir('torn');
    const path = join(dir, FEEDBACK_FILE);
    try {
      const whole = JSON.stringify({ question: 'before the crash' });
      await writeFile(path, `${whole}\n{"question": "torn by a cra`);
      const repaired: string[] = [];
      const logbook = createLogbook(dir, { onRepaired: (file) => void repaired.push(file) });
      await logbook.feedback({
        at: '2026-11-01T12:00:00.000Z',
        surface: 'local',
        helpful: true,
        question: 'after the restart',
        asOf: '2026-11-01',
        status: 'answered',
      });
      expect((await lines(path)).map((entry) => entry.question)).toEqual([
        'before the crash',
        'after the restart',
      ]);
      expect(repaired).toEqual([FEEDBACK_FILE]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
