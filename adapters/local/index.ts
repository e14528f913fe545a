import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler } from 'express';
import type { MissDesk } from '../../src/misses/desk.js';
import { NHSUK_DIR, nhsukStyles } from '../../src/server/nhsuk-styles.js';
import type { AnswerService } from '../../src/service.js';
import type { Logger, Surface } from '../../src/surface.js';
import type { TicketDesk } from '../../src/tickets/desk.js';
import { asHandler } from '../http-handler.js';
import { apiRouter } from './api.js';
import { missesRouter } from './misses-api.js';
import { ticketsRouter } from './tickets-api.js';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/**
 * Everything the page needs is served from here, and text from answers is only ever set as text, so
 * inline scripts and styles are forbidden.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  next();
};

/** The local web chat: a page at `/` and its JSON API, answering from the same service as Slack and Teams. */
export function createLocalSurface(
  service: AnswerService,
  logger: Logger,
  options: {
    tickets?: TicketDesk;
    misses?: MissDesk | undefined;
    isMaintainer: (req: IncomingMessage) => boolean;
  },
): Surface {
  const { tickets } = options;
  return {
    name: 'web chat',
    routes() {
      const app = express.Router();
      const pages = express.Router();
      pages.get('/', securityHeaders, (_req, res) => res.sendFile(join(PUBLIC_DIR, 'index.html')));
      pages.use(['/app', '/assets'], securityHeaders);
      pages.use('/app', express.static(PUBLIC_DIR, { index: false, maxAge: 0 }));
      pages.get('/assets/nhsuk-frontend.min.css', (_req, res) => {
        res.type('text/css').set('Cache-Control', 'public, max-age=86400').send(nhsukStyles());
      });
      pages.use('/assets', express.static(join(NHSUK_DIR, 'assets'), { index: false, maxAge: '1d' }));
      app.use(pages);
      app.use(apiRouter(service, logger, options.isMaintainer));
      if (tickets) app.use(ticketsRouter(service, tickets, logger));
      if (options.misses) app.use(missesRouter(options.misses, logger));
      return asHandler(app);
    },
  };
}
