import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

/** fetch cannot set Host, so the request is made by hand. */
function get(url: string, path: string, host: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

describe('on 127.0.0.1, the Host a request names', () => {
  it('is served when it is this machine: 127.0.0.1, localhost or [::1], with or without the port', async () => {
    const { port } = new URL(server.url);
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      'localhost',
      'LOCALHOST',
    ]) {
      expect((await get(server.url, '/api/status', host)).status, host).toBe(200);
    }
  });

  it('is refused with 421 and what to do when it is another name, as DNS rebinding sends', async () => {
    for (const host of ['attacker.example', 'attacker.example:3978', '127.0.0.1.attacker.example', 'x']) {
      const response = await get(server.url, '/api/status', host);
      expect(response.status, host).toBe(421);
      expect(response.body).toMatch(/is not served here: this server listens on this machine only/);
      expect(response.body).toMatch(/open it as http:\/\/127\.0\.0\.1:\d+\//);
    }
  });
});
