import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createTeamsSurface, type TeamsConfig } from '../../adapters/teams/index.js';
import type { AnswerService } from '../../src/service.js';
import type { Logger } from '../../src/surface.js';

export const UNAUTHENTICATED: TeamsConfig = {
  appId: '',
  appPassword: '',
  appType: 'MultiTenant',
  allowUnauthenticated: true,
};

/** Collects what the adapter logs, so a test can show an error instead of a bare failed assertion. */
export function recordingLogger(): Logger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return {
    errors,
    debug() {},
    info() {},
    warn() {},
    error(obj) {
      errors.push(obj);
    },
  };
}

/** The Teams surface mounted on its own express app on 127.0.0.1, as the server would mount it. */
export async function startBotServer(
  config: TeamsConfig,
  service: AnswerService,
  logger: Logger,
): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  const surface = createTeamsSurface(config, service, logger);
  surface.mount?.(app);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** POSTs an activity the way the Bot Framework channel would, without a token unless one is given. */
export async function postActivity(url: string, activity: object, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}
