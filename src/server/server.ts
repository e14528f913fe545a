import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { formatProblem } from '../knowledge/problems.js';
import { createLogbook } from '../logbook.js';
import type { Logger, Surface } from '../surface.js';
import type { Config } from './config.js';
import { type LiveKnowledge, startLiveKnowledge } from './live-knowledge.js';
import { buildSurfaces } from './surfaces.js';

export interface ServerOptions {
  config: Config;
  logger: Logger;
  /** The clock, so tests pin "today". */
  now?: () => Date;
  /** Wait after a knowledge file changes before reloading (default 150 ms). */
  reloadDebounceMs?: number;
  /** Time allowed for in-flight requests on shutdown before connections are cut (default 10 s). */
  shutdownGraceMs?: number;
  /** Plain-words messages about the knowledge files for the person at the terminal. */
  tell?: (text: string) => void;
}

export interface RunningServer {
  /** http://host:port, with the port actually bound (PORT=0 picks a free one). */
  url: string;
  /** Resolves when knowledge is loaded and every surface is mounted and started. */
  ready: Promise<void>;
  knowledge: LiveKnowledge;
  /** Resolves when every unanswered question and feedback click logged so far is on disk. */
  flushLogbook(): Promise<void>;
  /** Stop taking requests, let in-flight ones finish, close surfaces, flush the logbook. */
  close(): Promise<void>;
}

/**
 * One HTTP server for every surface. It listens at once so /healthz answers while knowledge loads;
 * chat routes answer 503 until the knowledge is in and the surfaces are mounted.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const logbook = createLogbook(config.dataDir, (error) =>
    logger.warn(
      { err: error, dataDir: config.dataDir },
      'could not write to DATA_DIR; the reply was sent anyway',
    ),
  );
  const knowledge = startLiveKnowledge({
    knowledgeDir: config.knowledgeDir,
    logbook,
    logger,
    now: options.now,
    debounceMs: options.reloadDebounceMs,
    tell: options.tell,
  });

  let surfaces: Surface[] = [];
  let mounted = false;
  // Surfaces mount on their own app, added to the main one once knowledge is loaded.
  const chat = express();
  const app = express();
  app.disable('x-powered-by');
  chat.disable('x-powered-by');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    if (mounted) return void res.json({ status: 'ready', knowledge: knowledge.engine()?.summary().updated });
    const problems = knowledge.startupProblems().map(formatProblem);
    res.status(503).json({ status: problems.length ? 'knowledge has problems' : 'loading', problems });
  });
  app.use(notReadyYet(() => mounted, knowledge));
  app.use(chat);
  app.use(notFound);
  app.use(lastResort(logger));

  const server = await listen(app, config.port, config.host).catch((error: unknown) => {
    knowledge.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  let closing: Promise<void> | undefined;
  const ready = knowledge.ready.then(async (engine) => {
    // Knowledge that finishes loading after shutdown began must not open Socket Mode again.
    if (closing) return;
    surfaces = await buildSurfaces(config, engine, logger);
    for (const surface of surfaces) surface.mount?.(chat);
    for (const surface of surfaces) await surface.start?.();
    mounted = true;
    logger.info({ surfaces: surfaces.map((s) => s.name), url }, 'ready');
  });
  // A surface that cannot start is fatal; the caller decides how to exit.
  ready.catch(() => {});

  const close = () => {
    closing ??= (async () => {
      knowledge.close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive sockets would hold close() open; busy ones go idle once their reply is sent.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const cut = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
      await Promise.allSettled(surfaces.map((surface) => surface.stop?.()));
      await stopped;
      clearInterval(sweep);
      clearTimeout(cut);
      await knowledge.settled();
      await logbook.flush();
    })();
    return closing;
  };

  return { url, ready, knowledge, flushLogbook: () => logbook.flush(), close };
}

function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(
            `Port ${port} on ${host} is already in use: stop the other server or set PORT to a free port`,
          ),
        );
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(
          new Error(
            `HOST=${host} is not an address of this machine: use 127.0.0.1, or 0.0.0.0 for every interface`,
          ),
        );
      } else {
        reject(error);
      }
    });
  });
}

function notReadyYet(isReady: () => boolean, knowledge: LiveKnowledge): RequestHandler {
  return (_req, res, next) => {
    if (isReady()) return next();
    const problems = knowledge.startupProblems().map(formatProblem);
    res
      .status(503)
      .set('Retry-After', '2')
      .type('text/plain')
      .send(
        problems.length
          ? `The knowledge files have problems, so nothing can be answered yet. Fix them and save:\n${problems.join('\n')}\n`
          : 'Starting up: the knowledge base is still loading. Try again in a moment.\n',
      );
  };
}

const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: `nothing at ${req.method} ${req.path}; the web chat is at /` });
};

function lastResort(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    logger.error({ err: error, path: req.path }, 'request failed');
    if (res.headersSent) return next(error);
    res.status(500).json({ error: 'something went wrong; the server log has the details' });
  };
}
