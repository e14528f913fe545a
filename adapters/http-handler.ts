import type { Request, Response, Router } from 'express';
import type { HttpHandler } from '../src/surface.js';

/** An express Router as the core's framework-free handler type (express takes Node's request as is). */
export function asHandler(router: Router): HttpHandler {
  return (req, res, next) => router(req as Request, res as Response, next);
}
