import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobin {
  url: string;
  /** Which backend (0, 1, …) served each request, in order. */
  served: number[];
  close(): Promise<void>;
}

/**
 * A small load balancer on 127.0.0.1: each request goes to the next backend in turn; a backend that
 * refuses the connection is skipped (as a real balancer's health check would), and a request cut
 * off mid-way gets 502. The response carries x-backend, the index of the backend that answered.
 */
export async function startRoundRobin(backends: string[]): Promise<RoundRobin> {
  let next = 0;
  const served: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const index = next++ % backends.length;
        const target = new URL(req.url ?? '/', backends[index]);
        const out = request(
          target,
          { method: req.method, headers: { ...req.headers, host: target.host } },
          (back) => {
            served.push(index);
            res.writeHead(back.statusCode ?? 502, { ...back.headers, 'x-backend': String(index) });
            back.pipe(res);
          },
        );
        out.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNREFUSED' && tries < backends.length) return attempt(tries + 1);
          if (!res.headersSent) res.writeHead(502).end(`backend ${index} failed: ${error.code}`);
          else res.destroy();
        });
        out.end(body);
      };
      attempt(1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
