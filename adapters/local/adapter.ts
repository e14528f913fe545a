import { z } from 'zod';
import { defineAdapter } from '../../src/adapter.js';
import { flag, messagesOf } from '../../src/env.js';
import { createLocalSurface } from './index.js';

// On unless WEB_CHAT=false: npm start with nothing set is the web chat.
const WebChatEnv = z.object({
  WEB_CHAT: z.preprocess((value) => (value === undefined || value === '' ? 'true' : value), flag('WEB_CHAT')),
});

/** The local web chat, as the composition root registers it. Its settings are just "on". */
export const webChatAdapter = defineAdapter<true>({
  name: 'web chat',
  variables: ['WEB_CHAT'],
  readSettings(env) {
    const parsed = WebChatEnv.safeParse(env);
    if (!parsed.success) return { ok: false, errors: messagesOf(parsed.error) };
    return { ok: true, settings: parsed.data.WEB_CHAT ? true : undefined };
  },
  summary(on, url, server) {
    if (!on) return [`Web chat: off (WEB_CHAT=false); health checks at ${url}/healthz and ${url}/readyz`];
    const lines = [`Web chat: on at ${url}/ (no credentials needed)`];
    if (!server.loopback) {
      lines.push(
        `  Listening on ${server.host}: anyone who can reach this machine can use the web chat. Set HOST=127.0.0.1 to keep it local.`,
      );
    }
    return lines;
  },
  create: async (_on, { service, logger, tickets, misses, isMaintainer }) =>
    createLocalSurface(service, logger, { tickets, misses, isMaintainer }),
});
