import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changedSince, loadKnowledgeDir } from '../../src/knowledge/load-fs.js';
import { afterReloads, copyKnowledge, startTestServer, type TestServer } from './helpers.js';

// Issue 11, failure 6: a knowledge base read while files were changing, or that lost a whole file,
// is not served until the folder is stable.

const SCOTLAND = 'who commissions GP services in Scotland?';
const EXTRA_TOPIC = `topics:
  - id: zz-moon-base-dentistry
    title: Dentistry on the moon base
    kind: service
    eras:
      - from: 2020-01-01
        holders: [{ body: nhs-england }]
        note: Made up for the live reload tests.
        sources: [s9]
`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

/** Asks about Scotland over and over until stopped; returns every status seen. */
function askAboutScotland(s: TestServer) {
  let running = true;
  const statuses = new Set<string>();
  const loop = (async () => {
    while (running) statuses.add((await s.answer(SCOTLAND)).status);
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return statuses;
    },
  };
}

describe('live reload while files are missing or changing', () => {
  it('never serves a knowledge base without scope.yaml while the file is briefly away', async () => {
    const dir = await copyKnowledge();
    server = await startTestServer({ knowledgeDir: dir, reloadStableMs: 1500 });
    expect((await server.answer(SCOTLAND)).status).toBe('unknown');
    const asking = askAboutScotland(server);
    const scope = join(dir, 'scope.yaml');
    // A deploy or an editor replacing the file: it is away for half a second, then back.
    await rename(scope, `${scope}.away`);
    await pause(500);
    await rename(`${scope}.away`, scope);
    await pause(2500);
    expect([...(await asking.stop())]).toEqual(['unknown']);
    // Whether a reload ran while the file was away depends on the machine's speed; the next test
    // checks the log line saying why a load was held back.
  });

  it('serves a knowledge base that lost a file once the folder has stayed so, saying why it waited', async () => {
    const dir = await copyKnowledge();
    await writeFile(join(dir, 'zz-extra.yaml'), EXTRA_TOPIC);
    server = await startTestServer({ knowledgeDir: dir, reloadStableMs: 800 });
    const s = server;
    await rm(join(dir, 'zz-extra.yaml'));
    await afterReloads(s.logger, () =>
      expect(s.logger.lines.some((line) => line.msg === 'knowledge reloaded')).toBe(true),
    );
    const held = s.logger.lines.findIndex((line) => /zz-extra\.yaml is missing/.test(line.msg ?? ''));
    const reloaded = s.logger.lines.findIndex((line) => line.msg === 'knowledge reloaded');
    expect(held).toBeGreaterThanOrEqual(0);
    expect(held).toBeLessThan(reloaded);
  });

  it('tells that a file changed after it was read (size, time or content)', async () => {
    const dir = await copyKnowledge();
    try {
      const load = await loadKnowledgeDir(dir);
      expect(await changedSince(dir, load.files)).toBeUndefined();
      const scope = join(dir, 'scope.yaml');
      const text = await readFile(scope, 'utf8');
      await writeFile(scope, text.slice(0, text.length / 2));
      expect(await changedSince(dir, load.files)).toMatch(/scope\.yaml changed/);
      await rm(scope);
      expect(await changedSince(dir, load.files)).toMatch(/scope\.yaml disappeared/);
      await writeFile(join(dir, 'new.yaml'), '# new\n');
      expect(await changedSince(dir, load.files)).toMatch(/new\.yaml appeared/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
