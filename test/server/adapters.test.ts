import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../adapters/index.js';
import { defineAdapter } from '../../src/adapter.js';
import { parseConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/server.js';
import { startupSummary } from '../../src/server/summary.js';
import { recordingLogger, tempDir } from './helpers.js';

// The composition root: a platform is an adapter that describes itself; the server names none.

const echo = defineAdapter<{ greeting: string }>({
  name: 'echo',
  variables: ['ECHO_GREETING'],
  readSettings: (env) =>
    env.ECHO_GREETING === 'bad'
      ? { ok: false, errors: ['ECHO_GREETING must not be "bad": pick a friendlier greeting'] }
      : { ok: true, settings: env.ECHO_GREETING ? { greeting: env.ECHO_GREETING } : undefined },
  summary: (settings, url) => [settings ? `Echo: on at ${url}/echo` : 'Echo: off — set ECHO_GREETING'],
  create: async (settings, { service }) => ({
    name: 'echo',
    routes: () => (req, res, next) => {
      if (req.url !== '/echo') return next();
      res.end(`${settings.greeting}: ${service.summary().topics} topics`);
    },
  }),
});

describe('adapters registered by the composition root', () => {
  it('reads, summarises and mounts an adapter the server has never heard of', async () => {
    const parsed = parseConfig(
      { PORT: '0', DATA_DIR: await tempDir('echo'), DRAIN_SECONDS: '0', ECHO_GREETING: 'hello' },
      [...ADAPTERS, echo],
    );
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(startupSummary(parsed.config, 'http://127.0.0.1:1')).toContain(
      'Echo: on at http://127.0.0.1:1/echo',
    );
    const server = await startServer({ config: parsed.config, logger: recordingLogger() });
    try {
      await server.ready;
      expect(await (await fetch(`${server.url}/echo`)).text()).toMatch(/^hello: \d+ topics$/);
    } finally {
      await server.close();
    }
  });

  it("reports an adapter's own setting errors with the server's", () => {
    const parsed = parseConfig({ PORT: 'x', ECHO_GREETING: 'bad' }, [echo]);
    expect(parsed.ok ? [] : parsed.errors).toEqual([
      expect.stringMatching(/^PORT must be a whole number/),
      'ECHO_GREETING must not be "bad": pick a friendlier greeting',
    ]);
  });
});
