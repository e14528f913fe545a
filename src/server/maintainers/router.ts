import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { ReportSource } from '../../cli/report.js';
import type { KnowledgeBase } from '../../knowledge/model.js';
import type { MissStore } from '../../misses/store.js';
import type { Logger, TicketRelay } from '../../surface.js';
import type { TicketDesk } from '../../tickets/desk.js';
import { nhsukStyles } from '../nhsuk-styles.js';
import { COOKIE, isMaintainer, sessionValue, tokenMatches } from './access.js';
import { csrfSecret } from './csrf.js';
import { readMaintainersData } from './data.js';
import { html } from './html.js';
import { locateTopics } from './locate.js';
import { missesSection, readMissGroups } from './misses.js';
import { ASSETS, layout, MAINTAINERS_PATH, maintainersPage } from './page.js';
import { ticketRoutes } from './ticket-routes.js';
import { topicPage } from './topic-page.js';

/** The page has no script at all, and everything it shows is escaped text. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface MaintainersOptions {
  /** MAINTAINERS_TOKEN: set, needed for every request (this machine too); unset, the page is this machine's only. */
  token?: string;
  tickets: TicketDesk;
  log: ReportSource;
  /** "Not what I asked" misses, shown as the readings people said were wrong. */
  misses?: Pick<MissStore, 'list'>;
  /** The knowledge being served, and the folder it is read from (for file and line). */
  knowledge(): KnowledgeBase | undefined;
  knowledgeDir: string;
  now: () => Date;
  logger: Logger;
  /** The running surfaces that take an answer written here to their askers (none: web chat only). */
  relays?: () => readonly TicketRelay[];
}

const headers: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // Not no-referrer: with it a browser sends `Origin: null` on the page's own form posts, which
    // csrf.ts could not tell from another site's.
    'Referrer-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  next();
};

function signInPage(problem?: string): string {
  const error = problem
    ? html`<div class="nhsuk-error-summary" aria-labelledby="error-title" role="alert" tabindex="-1">
<h2 class="nhsuk-error-summary__title" id="error-title">There is a problem</h2>
<div class="nhsuk-error-summary__body"><ul class="nhsuk-list nhsuk-error-summary__list"><li><a href="#token">${problem}</a></li></ul></div>
</div>`
    : '';
  return layout(
    'Sign in',
    html`${error}<h1 class="nhsuk-heading-l">Sign in to the maintainers’ page</h1>
<form method="post" action="${MAINTAINERS_PATH}/login" novalidate>
<div class="nhsuk-form-group${problem ? ' nhsuk-form-group--error' : ''}">
<label class="nhsuk-label" for="token">Maintainers’ token</label>
<div class="nhsuk-hint" id="token-hint">The value of MAINTAINERS_TOKEN on the server. Ask whoever runs it.</div>
<input class="nhsuk-input${problem ? ' nhsuk-input--error' : ''}" id="token" name="token" type="password" autocomplete="current-password" aria-describedby="token-hint">
</div>
<button class="nhsuk-button" type="submit">Sign in</button>
</form>`,
  );
}

const CLOSED_HERE = layout(
  'Not available here',
  html`<h1 class="nhsuk-heading-l">The maintainers’ page is open only on the server’s own machine</h1>
<p class="nhsuk-body">This request came from another machine, or through a proxy. To open the page from elsewhere, set MAINTAINERS_TOKEN on the server (at least 16 characters, e.g. from <code>openssl rand -hex 24</code>) and restart it; then sign in with that token.</p>`,
);

/**
 * /maintainers: open tickets, the most frequent unanswered questions, answers voted not helpful and
 * eras past their review date, each linking to its topic and naming the file and line to edit.
 * With MAINTAINERS_TOKEN set it needs the token from everywhere, this machine included; without it,
 * it opens only from this machine (and never through a proxy that adds a forwarding header).
 */
export function maintainersRouter(options: MaintainersOptions): Router {
  const router = express.Router();
  router.use(MAINTAINERS_PATH, headers);
  router.get(`${ASSETS}/nhsuk-frontend.min.css`, (_req, res) =>
    res.type('text/css').set('Cache-Control', 'public, max-age=86400').send(nhsukStyles()),
  );

  const allowed = (req: Request) => isMaintainer(req, options.token);
  const refuse = (res: Response) => {
    if (options.token === undefined) return void res.status(403).type('html').send(CLOSED_HERE);
    res.status(401).type('html').send(signInPage());
  };
  const gate: RequestHandler = (req, res, next) => (allowed(req) ? next() : refuse(res));

  router.post(
    `${MAINTAINERS_PATH}/login`,
    express.urlencoded({ extended: false, limit: '2kb' }),
    signIn(options),
  );

  ticketRoutes(router, {
    tickets: options.tickets,
    relays: options.relays ?? (() => []),
    csrfSecret: csrfSecret(options.token),
    logger: options.logger,
    gate,
  });

  const today = () => options.now().toISOString().slice(0, 10);
  router.get(MAINTAINERS_PATH, gate, async (_req, res) => {
    const kb = options.knowledge();
    if (!kb) return void res.status(503).type('text/plain').send('The knowledge is still loading.\n');
    const data = await readMaintainersData({
      tickets: options.tickets,
      log: options.log,
      kb,
      knowledgeDir: options.knowledgeDir,
      today: today(),
    });
    const misses =
      options.misses && missesSection(data, await readMissGroups(options.misses, options.logger));
    res.type('html').send(maintainersPage(data, misses ? { misses } : {}));
  });

  router.get(`${MAINTAINERS_PATH}/topics/:id`, gate, async (req, res) => {
    const kb = options.knowledge();
    const topic = kb?.topicById.get(String(req.params.id));
    if (!kb || !topic) {
      return void res
        .status(404)
        .type('html')
        .send(
          layout(
            'No such topic',
            html`<h1 class="nhsuk-heading-l">There is no topic ${String(req.params.id)}</h1>`,
          ),
        );
    }
    const place = (await locateTopics(options.knowledgeDir)).get(topic.id);
    res.type('html').send(topicPage(kb, topic, place, today()));
  });
  return router;
}

/** The sign-in form's post: the right token sets the session cookie (12 hours); a wrong one is logged. */
function signIn(options: MaintainersOptions): RequestHandler {
  return (req, res) => {
    const token = options.token;
    if (token === undefined) return void res.status(403).type('html').send(CLOSED_HERE);
    const typed = typeof req.body?.token === 'string' ? req.body.token : '';
    if (!tokenMatches(typed, token)) {
      options.logger.warn(
        { ip: req.socket.remoteAddress },
        'maintainers’ page: a sign-in with a wrong token',
      );
      return void res
        .status(401)
        .type('html')
        .send(signInPage('The token is not right: check MAINTAINERS_TOKEN'));
    }
    const secure = req.secure || req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
    res
      .set(
        'Set-Cookie',
        `${COOKIE}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200${secure}`,
      )
      .redirect(303, MAINTAINERS_PATH);
  };
}
