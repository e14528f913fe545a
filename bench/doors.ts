import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createLogger } from '../src/server/logger.js';
import { startPostgres, type TestPostgres } from '../test/helpers/postgres.js';
import { startRedis, type TestRedis } from '../test/helpers/redis.js';
import type { Door } from './door-requests.js';
import { endToEnd } from './end-to-end.js';
import { benchSets } from './sets.js';

// The bench's end-to-end part alone (npm run bench runs it too), for working on the doors:
//   tsx bench/doors.ts [--redis] [--postgres] [--pino] [--in-process] [--only=slack,teams,ask] [--runs=N]
// --redis / --postgres start Debian's servers on loopback (as the tests do) and set REDIS_URL /
// DATABASE_URL; --pino logs at info through pino to /dev/null, as npm start does, instead of a
// logger that drops everything; --in-process runs autocannon and the stand-ins in the server's process,
// as the bench did before 5 December 2026. Prints one JSON line per run with the load average around it.
// --profile=DIR writes a CPU profile of each door's load alone (server, stand-ins and autocannon: one
// process) to DIR/<door>.cpuprofile.

const flag = (name: string) => process.argv.includes(`--${name}`);
const value = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const doors = (value('only') ?? 'ask,slack,teams').split(',') as Door[];
const runs = Number(value('runs') ?? 1);
const load = () => loadavg().map((v) => Math.round(v * 100) / 100);

let redis: TestRedis | undefined;
let postgres: TestPostgres | undefined;
try {
  const env: Record<string, string> = {};
  if (flag('redis')) {
    redis = await startRedis();
    env.REDIS_URL = redis.url;
  }
  if (flag('postgres')) {
    postgres = await startPostgres();
    env.DATABASE_URL = await postgres.createDatabase('bench_doors');
  }
  const logger = flag('pino') ? createLogger('info', pino.destination('/dev/null')) : undefined;
  const profileDir = value('profile');
  const around = profileDir
    ? async (door: Door, run: () => Promise<void>) => {
        const session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 500 });
        await session.post('Profiler.start');
        await run();
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(join(profileDir, `${door}.cpuprofile`), JSON.stringify(profile));
        session.disconnect();
      }
    : undefined;
  const questions = benchSets().flatMap((s) => s.questions.map((q) => q.question));
  for (let i = 0; i < runs; i++) {
    const before = load();
    const figures = await endToEnd(questions, {
      doors,
      env,
      inProcess: flag('in-process'),
      ...(logger ? { logger } : {}),
      ...(around ? { around } : {}),
    });
    process.stdout.write(
      `${JSON.stringify({ loadBefore: before, loadAfter: load(), stores: Object.keys(env), pino: Boolean(logger), inProcess: flag('in-process'), figures })}\n`,
    );
  }
} finally {
  await redis?.stop();
  await postgres?.stop();
}
