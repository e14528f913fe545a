import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type KnowledgeWatcher, watchKnowledge } from '../../src/knowledge/watch.js';
import { eventually, tempDir } from './helpers.js';

let dir: string;
let watcher: KnowledgeWatcher | undefined;
beforeEach(async () => {
  dir = await tempDir('watch');
  await mkdir(join(dir, 'nested'));
});
afterEach(async () => {
  watcher?.close();
  await rm(dir, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watching the knowledge folder', () => {
  it('reloads once for a burst of saves, after the burst', async () => {
    let reloads = 0;
    // The debounce is long beside the gaps between saves, so a loaded machine still sees one burst.
    watcher = watchKnowledge(dir, async () => void reloads++, { debounceMs: 500 });
    for (let i = 0; i < 5; i++) {
      await writeFile(join(dir, 'topics.yaml'), `# save ${i}\n`);
      await pause(10);
    }
    await eventually(() => expect(reloads).toBe(1));
    await pause(700);
    expect(reloads).toBe(1);
  });

  it('keeps reloading a file saved by replacement, as sed -i and many editors save (issue 11)', async () => {
    let reloads = 0;
    const path = join(dir, 'nested', 'topics.yaml');
    await writeFile(path, '# first\n');
    watcher = watchKnowledge(dir, async () => void reloads++, { debounceMs: 30 });
    await pause(100);
    for (let save = 1; save <= 3; save++) {
      // Written to a new file, then renamed over the old one: the old inode is gone.
      await writeFile(`${path}.tmp-${save}`, `# save ${save}\n`);
      await rename(`${path}.tmp-${save}`, path);
      await eventually(() => expect(reloads).toBe(save));
      await pause(100);
    }
  });

  it('sees YAML files in sub-folders and ignores other files', async () => {
    let reloads = 0;
    watcher = watchKnowledge(dir, async () => void reloads++, { debounceMs: 30 });
    await writeFile(join(dir, 'notes.txt'), 'not knowledge');
    await pause(150);
    expect(reloads).toBe(0);
    await writeFile(join(dir, 'nested', 'more.yml'), '# new\n');
    await eventually(() => expect(reloads).toBe(1));
  });

  it('never runs two reloads at once, and runs one more for a save made during a reload', async () => {
    let running = 0;
    let overlapped = false;
    const seen: string[] = [];
    // The first reload lasts until both later saves have been seen, however slow the machine.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    watcher = watchKnowledge(
      dir,
      async () => {
        running += 1;
        overlapped ||= running > 1;
        seen.push('start');
        if (seen.length === 1) await held;
        running -= 1;
      },
      { debounceMs: 20 },
    );
    await writeFile(join(dir, 'a.yaml'), '# 1\n');
    await eventually(() => expect(seen).toHaveLength(1));
    await writeFile(join(dir, 'a.yaml'), '# 2\n');
    await pause(60);
    await writeFile(join(dir, 'a.yaml'), '# 3\n');
    await pause(300);
    release();
    await eventually(() => expect(seen).toHaveLength(2));
    await watcher.settled();
    expect(overlapped).toBe(false);
    expect(seen).toHaveLength(2);
  });

  it('keeps watching after a reload throws, and reports the error', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    watcher = watchKnowledge(
      dir,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('disk on fire');
      },
      { debounceMs: 20, onError: (error) => errors.push(error) },
    );
    await writeFile(join(dir, 'a.yaml'), '# 1\n');
    await eventually(() => expect(errors).toHaveLength(1));
    await writeFile(join(dir, 'a.yaml'), '# 2\n');
    await eventually(() => expect(calls).toBe(2));
  });

  it('notices saves by polling when asked to, for folders where file events go missing', async () => {
    let reloads = 0;
    watcher = watchKnowledge(dir, async () => void reloads++, { poll: true, pollMs: 50, debounceMs: 20 });
    await pause(120);
    await writeFile(join(dir, 'nested', 'polled.yaml'), '# new\n');
    await eventually(() => expect(reloads).toBe(1));
  });
});
