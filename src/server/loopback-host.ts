import type { RequestHandler } from 'express';

/** This machine's own names, with or without a port: what a browser on it sends as Host. */
const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

/**
 * For a server listening on loopback only: refuses a request whose Host header is not
 * 127.0.0.1, localhost or [::1]. A web page on another domain can point that domain at 127.0.0.1
 * (DNS rebinding) and then script the web chat as its own origin; its requests carry its own
 * domain as Host, so they stop here with 421.
 */
export const loopbackHostOnly: RequestHandler = (req, res, next) => {
  const host = req.headers.host ?? '';
  if (LOOPBACK_HOST.test(host)) return next();
  const port = req.socket.localPort;
  res
    .status(421)
    .type('text/plain')
    .send(
      `Host ${host ? `"${host.slice(0, 100)}"` : '(none)'} is not served here: this server listens on this machine only, ` +
        `so open it as http://127.0.0.1:${port}/ or http://localhost:${port}/. Behind a proxy or tunnel, have it send ` +
        'Host: localhost, or set HOST to an address it can reach (the web chat has no login: add your own access control).\n',
    );
};
