import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** Headers a reverse proxy adds: a request carrying one came from somewhere else, whatever its socket. */
const FORWARDING = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'x-forwarded-host', 'via'];

/** Whether an address is this machine: 127.0.0.0/8, ::1, or IPv4 loopback written as IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:/i, '');
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return address === '::1';
}

/**
 * A request from this machine itself: decided by the socket's remote address, never by a header a
 * client can write. A reverse proxy on the same machine also connects from loopback, so a request
 * carrying a forwarding header (Forwarded, X-Forwarded-For, X-Real-IP, Via…) is not local: through a
 * proxy, the page asks for the token like anywhere else.
 */
export function isLocalRequest(req: IncomingMessage): boolean {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return false;
  return !FORWARDING.some((name) => req.headers[name] !== undefined);
}

export const COOKIE = 'wc_maintainers';

/** What the cookie holds: derived from the token, so the cookie never carries the token itself. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('whocommissions maintainers session').digest('hex');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether the request shows the token: as `Authorization: Bearer …`, or the cookie a sign-in set. */
export function hasToken(req: IncomingMessage, token: string): boolean {
  const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer && same(bearer, token)) return true;
  const cookie = (req.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  return cookie !== undefined && same(cookie, sessionValue(token));
}

/**
 * Whether a request may see what only maintainers see. With MAINTAINERS_TOKEN set, only the token
 * counts, loopback included: a reverse proxy on the same host (nginx's default `proxy_pass`) adds no
 * forwarding header, so "from this machine" cannot be told from "from anyone through the proxy".
 * Without it, only a request from this machine (not through a proxy that says so) is a maintainer.
 */
export function isMaintainer(req: IncomingMessage, token: string | undefined): boolean {
  return token === undefined ? isLocalRequest(req) : hasToken(req, token);
}

/** Whether a typed token is the right one. */
export function tokenMatches(typed: string, token: string): boolean {
  return same(typed, token);
}
