import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { COOKIE } from './access.js';

/** The hidden form field every maintainers' form carries. */
export const CSRF_FIELD = 'csrf';

/**
 * The secret form tokens are made from. With MAINTAINERS_TOKEN it is derived from the token, so a
 * form served by one copy of the server is accepted by another behind the same load balancer;
 * without it the page is this machine's only, and a secret of this process's own is enough.
 */
export function csrfSecret(token: string | undefined): string {
  if (token === undefined) return randomBytes(32).toString('hex');
  return createHmac('sha256', token).update('whocommissions maintainers forms').digest('hex');
}

/** Who is signed in, as far as forms care: the session cookie's value, else the one local session. */
function sessionOf(req: IncomingMessage): string {
  const cookie = (req.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`));
  return cookie ?? 'no cookie';
}

/** The token a form shown to this session carries; another site cannot read it from the page. */
export function csrfToken(secret: string, req: IncomingMessage): string {
  return createHmac('sha256', secret)
    .update(`form:${sessionOf(req)}`)
    .digest('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The host an Origin header names, or undefined when it is "null" or not a URL. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/**
 * Why a form post must be refused, or undefined to accept it. A browser says where a request came
 * from (Sec-Fetch-Site, Origin) and another site cannot forge either; the token in the form is the
 * check for browsers that send neither. Behind a proxy the Host header may be `localhost` (see
 * README), so the Origin may match X-Forwarded-Host instead: a cross-site form cannot set that header.
 */
export function csrfProblem(req: IncomingMessage, secret: string, sent: unknown): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    return `the form was sent from another site (Sec-Fetch-Site: ${site})`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const host = originHost(origin);
    const hosts = [req.headers.host, req.headers['x-forwarded-host']].flat().filter(Boolean);
    if (!host || !hosts.includes(host)) return `the form was sent from another origin (${origin})`;
  }
  if (typeof sent !== 'string' || !sameText(sent, csrfToken(secret, req))) {
    return 'the form has no valid token: open the maintainers’ page again and send the form from there';
  }
  return undefined;
}
