// What operators of several processes need: a structured access log and a health check.
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { AppEnv } from './types.js';

const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One JSON line per request: time, request id, method, route pattern, status, duration. The route
 * is the pattern (`/t/:token`), never the path, and the query string is never logged, so no token,
 * receipt code or search text reaches the log. A well-formed incoming `X-Request-Id` (from the load
 * balancer) is kept, else one is made; the response carries it back.
 */
export function accessLog(write: (line: string) => void): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && requestIdPattern.test(incoming) ? incoming : randomUUID();
    c.header('X-Request-Id', requestId);
    try {
      await next();
    } finally {
      write(
        JSON.stringify({
          time: new Date().toISOString(),
          requestId,
          method: c.req.method,
          route: routePath(c),
          status: c.res.status,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        }),
      );
    }
  };
}

/**
 * Standard output, a line at a time but one write per turn of the event loop: under load one
 * system call carries the lines of many requests. Lines still waiting when the process exits are
 * written then. One writer per process.
 */
export function stdoutLines(): (line: string) => void {
  return (toStdout ??= lineWriter());
}
let toStdout: ((line: string) => void) | undefined;

function lineWriter(): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    if (!pending.length) return;
    const text = pending.join('');
    pending = [];
    process.stdout.write(text);
  };
  process.once('exit', () => {
    if (pending.length) writeSync(1, pending.join(''));
  });
  return (line) => {
    if (!pending.length) setImmediate(flush);
    pending.push(line + '\n');
  };
}

/** `GET /healthz` for a load balancer: 200 when this process is up and its database answers, else 503. No data, no login. */
export function healthz(db: Db): MiddlewareHandler<AppEnv> {
  return async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await sql`select 1`.execute(db);
      return c.json({ status: 'ok' }, 200);
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  };
}
