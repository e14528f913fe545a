import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

// Issue 11, failure 5: a corrupt gzip body is the caller's mistake (400), not a server error (500).

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

const good = gzipSync(Buffer.from(JSON.stringify({ question: 'who commissions immunisations?' })));
const bodies: Record<string, Buffer> = {
  'corrupt gzip': Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7]),
  'truncated gzip': good.subarray(0, good.length - 12),
  'not gzip at all': Buffer.from('{"question": "who commissions immunisations?"}'),
};

const post = (path: string, body: Buffer) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    body,
  });

describe('gzip bodies', () => {
  for (const path of ['/api/ask', '/api/feedback']) {
    for (const [label, body] of Object.entries(bodies)) {
      it(`answers ${label} on ${path} with 400 saying the body could not be read`, async () => {
        const response = await post(path, body);
        expect(response.status).toBe(400);
        expect(((await response.json()) as { error: string }).error).toMatch(/could not be read|not valid/);
        expect(server.logger.lines.filter((line) => line.level === 'error')).toEqual([]);
      });
    }
  }

  it('still answers a valid gzip body', async () => {
    const response = await post('/api/ask', good);
    expect(response.status).toBe(200);
  });
});
