import { ADAPTERS } from '../../adapters/index.js';
import { parseConfig } from './config.js';
import { stdoutLogger } from './logger.js';
import { startServer } from './server.js';
import { startupSummary } from './summary.js';

// `npm start`: read the environment, start the one server, stop cleanly on SIGTERM / SIGINT. This is
// the composition root: the only place in src/ that names the adapters (adapters/index.ts lists them).

const parsed = parseConfig(process.env, ADAPTERS);
if (!parsed.ok) {
  process.stderr.write(
    `whocommissions cannot start; fix these settings (environment variables) and run npm start again:\n${parsed.errors
      .map((error) => `  - ${error}`)
      .join('\n')}\n`,
  );
  process.exit(1);
}
const { config } = parsed;
const logger = stdoutLogger(config);

let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer({
    config,
    logger,
    warm: true,
    tell: (text) => process.stderr.write(`\n${text}\n`),
  });
} catch (error) {
  process.stderr.write(
    `whocommissions cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}

// Plain words for the person at the terminal; the log lines follow (text at a terminal, else JSON).
process.stderr.write(`\n${startupSummary(config, server.url).join('\n')}\n\n`);

// Only setting the surfaces up can fail here; one that cannot start (connect) is logged and the rest go on.
server.ready.catch((error: unknown) => {
  logger.fatal({ err: error }, 'the chat surfaces could not be set up');
  process.stderr.write(`whocommissions stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  void server.close().finally(() => process.exit(1));
});

let stopping = false;
const stop = (signal: NodeJS.Signals | 'parent gone') => {
  if (stopping) {
    // A second Ctrl-C means "now"; a repeated SIGTERM (npm and the process group both pass it on) does not.
    if (signal === 'SIGINT') process.exit(130);
    return;
  }
  stopping = true;
  // Ctrl-C is a person at a terminal, not a load balancer to wait for: no drain.
  const drainMs = signal === 'SIGINT' ? 0 : config.drainMs;
  logger.info({ signal, drainMs }, 'stopping: draining, then finishing requests in flight');
  server.close({ drainMs }).then(
    () => {
      logger.info('stopped');
      process.exit(0);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'stopping failed');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

// npm does not pass SIGTERM on to the script it runs: it exits and leaves the server running. Under
// npm, the parent going away is the same request to stop.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop('parent gone');
  }, 200).unref();
}
