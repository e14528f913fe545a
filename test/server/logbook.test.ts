import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogbook, UNANSWERED_FILE } from '../../src/logbook.js';
import { tempDir } from './helpers.js';

const entry = (question: string) => ({
  at: '2026-11-01T12:00:00.000Z',
  surface: 'local' as const,
  question,
  asOf: '2026-11-01',
  status: 'unknown' as const,
  options: [],
});

describe('the logbook', () => {
  it('stops writing a file at its size limit, says so once, and starts again when it has room', async () => {
    const dir = await tempDir('logbook');
    const full: string[] = [];
    const logbook = createLogbook(dir, { maxBytes: 400, onFull: (file) => void full.push(file) });
    const path = join(dir, UNANSWERED_FILE);
    try {
      for (let i = 0; i < 10; i++) logbook.unanswered(entry(`question ${i}`));
      await logbook.flush();
      const kept = (await readFile(path, 'utf8')).trim().split('\n');
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(10);
      expect((await readFile(path)).length).toBeLessThanOrEqual(400);
      expect(full).toEqual([UNANSWERED_FILE]);

      // Once the file is read and moved away, entries are written again.
      await rm(path);
      logbook.unanswered(entry('after the move'));
      await logbook.flush();
      expect(await readFile(path, 'utf8')).toContain('after the move');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('counts what is already on disk from an earlier run', async () => {
    const dir = await tempDir('logbook');
    const full: string[] = [];
    try {
      await writeFile(join(dir, UNANSWERED_FILE), 'x'.repeat(390));
      const logbook = createLogbook(dir, { maxBytes: 400, onFull: (file) => void full.push(file) });
      logbook.unanswered(entry('one too many'));
      await logbook.flush();
      expect(await readFile(join(dir, UNANSWERED_FILE), 'utf8')).not.toContain('one too many');
      expect(full).toEqual([UNANSWERED_FILE]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
