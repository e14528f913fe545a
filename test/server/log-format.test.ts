import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../adapters/index.js';
import { parseConfig } from '../../src/server/config.js';
import { chooseLogFormat, formatLogLine, textDestination } from '../../src/server/log-format.js';
import { createLogger } from '../../src/server/logger.js';

// The log a person reads at a terminal: text, not JSON; JSON for a file, a pipe or LOG_FORMAT=json.

describe('the log at a terminal', () => {
  it('is text at a terminal and JSON otherwise, unless LOG_FORMAT says which', () => {
    expect(chooseLogFormat(undefined, true)).toBe('text');
    expect(chooseLogFormat(undefined, false)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('text', false)).toBe('text');
  });

  it('reads LOG_FORMAT, and names it when it is wrong', () => {
    const read = (env: Record<string, string>) => parseConfig({ PORT: '0', ...env }, ADAPTERS);
    const json = read({ LOG_FORMAT: 'json' });
    expect(json.ok && json.config.logFormat).toBe('json');
    const unset = read({ LOG_FORMAT: '' });
    expect(unset.ok && unset.config.logFormat).toBeUndefined();
    const wrong = read({ LOG_FORMAT: 'pretty' });
    expect(wrong.ok ? [] : wrong.errors).toEqual([
      'LOG_FORMAT must be text or json (unset: text at a terminal, JSON otherwise)',
    ]);
  });

  it('writes one line of text per event: time, level, message, then the fields', () => {
    const written: string[] = [];
    const logger = createLogger('info', textDestination({ write: (text: string) => written.push(text) }));
    logger.info({ surfaces: ['web chat'], url: 'http://127.0.0.1:3978' }, 'ready');
    logger.warn({ err: new Error('Redis went away') }, 'recall degraded');
    logger.error({ err: new Error('boom') }, 'the chat surfaces could not be set up');
    expect(written[0]).toMatch(
      /^\d\d:\d\d:\d\d INFO {2}ready surfaces=\["web chat"\] url=http:\/\/127\.0\.0\.1:3978\n$/,
    );
    expect(written[1]).toMatch(/^\d\d:\d\d:\d\d WARN {2}recall degraded err="Redis went away"\n$/);
    expect(written[2]).toMatch(
      /^\d\d:\d\d:\d\d ERROR the chat surfaces could not be set up\n {4}Error: boom\n {6,}at /,
    );
  });

  it('passes a line that is not pino JSON through unchanged', () => {
    expect(formatLogLine('not json')).toBe('not json\n');
    const coloured = formatLogLine('{"level":40,"time":0,"msg":"m"}', { colour: true });
    expect(coloured).toContain('\u001b[33mWARN \u001b[0m m\n');
  });
});
