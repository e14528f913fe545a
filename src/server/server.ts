import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { DEFAULT_KNOWLEDGE_DIR } from '../engine.js';
import { formatProblem } from '../knowledge/problems.js';
import type { Logger, Surface } from '../surface.js';
import { createTicketDesk } from '../tickets/desk.js';
import { type Config, isLoopback } from './config.js';
import { type LiveKnowledge, startLiveKnowledge } from './live-knowledge.js';
import { loopbackHostOnly } from './loopback-host.js';
import { isMaintainer } from './maintainers/access.js';
import { maintainersRouter } from './maintainers/router.js';
import { openStores } from './stores.js';
import { buildSurfaces } from './surfaces.js';

export interface ServerOptions {
  config: Config;
  logger: Logger;
  /** The clock, so tests pin "today". */
  now?: () => Date;
  /** Build the knowledge's indexes before people ask (src/resolve/warm.ts); `npm start` turns it on. */
  warm?: boolean;
  /** Wait after a knowledge file changes before reloading (default 150 ms). */
  reloadDebounceMs?: number;
  /** How long a knowledge folder that lost a whole file must stay unchanged before it is served (default 3 s). */
  reloadStableMs?: number;
  /**
   * Time allowed on shutdown for in-flight requests before connections are cut, and for a surface
   * still starting (e.g. Slack checking its token) before it is stopped anyway (default 10 s).
   */
  shutdownGraceMs?: number;
  /** Plain-words messages about the knowledge files for the person at the terminal. */
  tell?: (text: string) => void;
}

export interface RunningServer {
  /** http://host:port, with the port actually bound (PORT=0 picks a free one). */
  url: string;
  /**
   * Resolves when knowledge is loaded and every surface is mounted: the chat routes answer from then
   * on. Rejects only if the surfaces could not be set up at all. Starting them comes after.
   */
  ready: Promise<void>;
  /**
   * Resolves when every surface's start() has finished (e.g. Socket Mode connected, or stopped
   * waiting). Never rejects: a surface that cannot start is logged and the others go on.
   */
  started: Promise<void>;
  knowledge: LiveKnowledge;
  /** Resolves when every unanswered question and feedback click logged so far is on disk. */
  flushLogbook(): Promise<void>;
  /**
   * Drain, then stop: /readyz answers 503 at once so a load balancer stops sending new requests, the
   * server keeps answering for `drainMs` (default DRAIN_SECONDS) while it notices, then stops taking
   * requests, lets in-flight ones finish, closes the surfaces and flushes the logbook. Called again
   * while closing, it returns the same promise.
   */
  close(options?: { drainMs?: number }): Promise<void>;
}

/**
 * One HTTP server for every surface. It listens at once so /healthz answers while knowledge loads;
 * chat routes answer 503 until the knowledge is in and the surfaces are mounted.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const stores = await openStores(config, logger);
  const { logbook } = stores;
  const tickets = createTicketDesk(stores.tickets, options.now);
  const knowledge = startLiveKnowledge({
    knowledgeDir: config.knowledgeDir,
    logbook,
    logger,
    now: options.now,
    debounceMs: options.reloadDebounceMs,
    stableMs: options.reloadStableMs,
    tell: options.tell,
    warm: options.warm,
  });

  let surfaces: Surface[] = [];
  let mounted = false;
  let closing: Promise<void> | undefined;
  let draining = false;
  /** What start-up is doing now (loading the adapters, then starting them); settles, never rejects. */
  let startup: Promise<unknown> = Promise.resolve();
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  // Surfaces mount on their own app, added to the main one once knowledge is loaded.
  const chat = express();
  const app = express();
  app.disable('x-powered-by');
  chat.disable('x-powered-by');
  // On loopback, only this machine's names: a web page elsewhere cannot rebind its domain to 127.0.0.1.
  if (isLoopback(config.host)) app.use(loopbackHostOnly);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // While draining, every reply asks the client to reconnect, which a load balancer sends elsewhere.
  app.use((_req, res, next) => {
    if (draining) res.set('Connection', 'close');
    next();
  });
  const maintainer = (req: IncomingMessage) => isMaintainer(req, config.maintainersToken);
  const state = () => ({ draining, mounted });
  app.get('/readyz', readiness(state, knowledge, maintainer));
  app.use(notReadyYet(() => mounted, knowledge, maintainer));
  app.use(
    maintainersRouter({
      token: config.maintainersToken,
      tickets,
      log: stores.log,
      misses: stores.misses,
      knowledge: () => knowledge.engine()?.knowledge(),
      knowledgeDir: config.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR,
      now: options.now ?? (() => new Date()),
      logger,
      relays: () => surfaces.flatMap((surface) => (surface.tickets ? [surface.tickets] : [])),
    }),
  );
  app.use(chat);
  app.use(notFound);
  app.use(lastResort(logger));

  const server = await listen(app, config.port, config.host).catch(async (error: unknown) => {
    knowledge.close();
    await stores.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  /** Starts one surface; a failure is told and logged, and the other surfaces go on. */
  const startSurface = async (surface: Surface) => {
    // Shutdown may begin while another surface is starting: this one must not open anything then.
    if (closing || !surface.start) return;
    try {
      await surface.start();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger.error({ err: error, surface: surface.name }, `${surface.name} could not start: ${reason}`);
      options.tell?.(`${surface.name} could not start; the other chat surfaces are running.\n  ${reason}`);
    }
  };

  const ready = knowledge.ready.then(async (engine) => {
    // Knowledge that finishes loading after shutdown began must not open Socket Mode again.
    if (closing) return;
    const building = buildSurfaces(config, engine, logger, stores, tickets);
    startup = building.catch(() => {});
    const built = await building;
    if (closing) return;
    surfaces = built;
    for (const surface of surfaces) {
      const routes = surface.routes?.();
      if (routes) chat.use(routes);
    }
    // Ready once the routes are in: a slow Slack connection must not keep the web chat and Teams at 503.
    mounted = true;
    // sinceStartMs: from the process's start (performance.now()), the figure `npm start` → /readyz measures.
    const sinceStartMs = Math.round(performance.now());
    logger.info({ surfaces: surfaces.map((s) => s.name), url, sinceStartMs }, 'ready');
    startup = Promise.all(surfaces.map(startSurface));
  });
  // Setting up the surfaces can fail (a bad setting); the caller decides how to exit.
  ready.catch(() => {});
  ready
    .then(() => startup)
    .then(
      () => markStarted(),
      () => markStarted(),
    );

  const close = (closeOptions: { drainMs?: number } = {}) => {
    closing ??= (async () => {
      draining = true;
      const drainMs = closeOptions.drainMs ?? config.drainMs;
      if (drainMs > 0) {
        logger.info({ drainMs }, `draining: /readyz answers 503; still answering for ${drainMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, drainMs));
      }
      knowledge.close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive sockets would hold close() open; busy ones go idle once their reply is sent.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const graceMs = options.shutdownGraceMs ?? 10_000;
      const cut = setTimeout(() => server.closeAllConnections(), graceMs);
      // A surface still starting would open its connection after being stopped: let start-up settle
      // first (for at most the grace time; then stop anyway, and the surface must not open it later).
      await settled(() => startup, graceMs);
      await Promise.allSettled(surfaces.map((surface) => surface.stop?.()));
      await stopped;
      clearInterval(sweep);
      clearTimeout(cut);
      await knowledge.settled();
      await stores.close();
    })();
    return closing;
  };

  return { url, ready, started, knowledge, flushLogbook: () => logbook.flush(), close };
}

/** Waits until `current()` settles and is still the latest, or until the time is up. */
async function settled(current: () => Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<'time up'>((resolve) => {
    timer = setTimeout(() => resolve('time up'), timeoutMs);
  });
  try {
    for (;;) {
      const waitingFor = current();
      if ((await Promise.race([waitingFor.then(() => 'done'), timeUp])) === 'time up') return;
      if (current() === waitingFor) return;
    }
  } finally {
    clearTimeout(timer);
  }
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

/** GET /readyz: 200 once mounted; 503 while loading, draining, or when the knowledge has problems. */
function readiness(
  state: () => { draining: boolean; mounted: boolean },
  knowledge: LiveKnowledge,
  maintainer: (req: IncomingMessage) => boolean,
): RequestHandler {
  return (req, res) => {
    const { draining, mounted } = state();
    if (draining) return void res.status(503).json({ status: 'draining: stopping soon' });
    if (mounted) return void res.json({ status: 'ready', knowledge: knowledge.engine()?.summary().updated });
    const problems = knowledge.startupProblems().map(formatProblem);
    res.status(503).json({
      status: problems.length ? 'knowledge has problems' : 'loading',
      // File paths and lines are for maintainers; a load balancer needs only the status.
      problems: maintainer(req) ? problems : [],
    });
  };
}

function notReadyYet(
  isReady: () => boolean,
  knowledge: LiveKnowledge,
  maintainer: (req: IncomingMessage) => boolean,
): RequestHandler {
  return (req, res, next) => {
    if (isReady()) return next();
    const problems = knowledge.startupProblems().map(formatProblem);
    let text = 'Starting up: the knowledge base is still loading. Try again in a moment.\n';
    if (problems.length && maintainer(req)) {
      text = `The knowledge files have problems, so nothing can be answered yet. Fix them and save:\n${problems.join('\n')}\n`;
    } else if (problems.length) {
      text =
        'Nothing can be answered yet: the knowledge files have problems, and the server log names them for whoever runs it. Try again later.\n';
    }
    res.status(503).set('Retry-After', '2').type('text/plain').send(text);
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
