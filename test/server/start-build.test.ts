import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/process-server.js';

// npm start runs scripts/start.mjs: it builds the server into dist/ when the build is missing or older
// than a source, and the build must find what the sources find next to themselves (knowledge/, the web
// chat's files, nhsuk-frontend).
describe('npm start from a build', () => {
  it('builds dist/ and serves the same answers, pages and assets as the sources do', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'wc-start-build-'));
    const server = await startServerProcess({ DATA_DIR: dataDir }, ['scripts/start.mjs']);
    try {
      const current = JSON.parse(readFileSync('dist/current.json', 'utf8')) as {
        dir: string;
        inputs: string[];
      };
      expect(current.inputs).toContain('src/server/main.ts');
      expect(existsSync(join('dist', current.dir, 'main.mjs'))).toBe(true);
      expect(server.output()).not.toContain('running the TypeScript through tsx');

      const ready = await fetch(`${server.url}/readyz`);
      expect(((await ready.json()) as { knowledge?: string }).knowledge).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const path of ['/', '/app/chat.css', '/app/chat.js', '/assets/nhsuk-frontend.min.css'])
        expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
      const answer = await fetch(`${server.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'who commissioned health visiting in 2014?' }),
      });
      const body = (await answer.json()) as { status: string; commissioners: { body: string }[] };
      expect(body.status).toBe('answered');
      expect(body.commissioners.map((c) => c.body)).toContain('nhs-england');
    } finally {
      await server.stop();
    }
  }, 60_000);
});
