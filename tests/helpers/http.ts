import { connect } from 'node:net';
import { createApp } from '../../server/app.js';
import { listen } from '../../server/http.js';
import type { TestApp } from './app.js';

export type Served = {
  port: number;
  /** Access-log lines of the served app (JSON, one per request). */
  log: { status: number; method: string; route: string }[];
  close(): Promise<void>;
};

/** The test's app (same database and config, access log on) served by the real Node server on a free loopback port. */
export async function serveOnLoopback(t: TestApp, serverOptions?: Parameters<typeof listen>[0]['serverOptions']): Promise<Served> {
  const log: Served['log'] = [];
  const app = createApp({ db: t.db, config: { ...t.config, accessLog: true }, log: (line) => log.push(JSON.parse(line)) });
  const { server, port } = await listen({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', serverOptions });
  return {
    port,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * Writes `data` to a fresh connection and collects everything the server sends until it closes
 * the connection. `then`: after writing, end our side (`end`), cut the connection (`destroy`, after
 * `afterMs`), or keep it open (`wait`).
 */
export function rawExchange(port: number, data: string | Buffer, then: 'end' | 'destroy' | 'wait' = 'wait', afterMs = 100): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(data);
      if (then === 'end') socket.end();
      if (then === 'destroy') setTimeout(() => (socket.destroy(), resolve(out)), afterMs);
    });
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (out += d));
    socket.on('close', () => resolve(out));
    socket.on('error', (e) => (then === 'destroy' ? resolve(out) : reject(e)));
    setTimeout(() => (socket.destroy(), reject(new Error(`no close after 10 s; got ${JSON.stringify(out)}`))), 10_000).unref();
  });
}

/** The HTTP responses in what a connection received, in order: status, headers (lower-case) and body. */
export function responses(received: string): { status: number; headers: Record<string, string>; body: string }[] {
  const out: { status: number; headers: Record<string, string>; body: string }[] = [];
  let rest = received;
  while (rest.startsWith('HTTP/1.1 ')) {
    const end = rest.indexOf('\r\n\r\n');
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    const bodyBytes = Buffer.from(rest.slice(end + 4));
    const body = bodyBytes.subarray(0, length).toString();
    out.push({ status: Number(statusLine!.split(' ')[1]), headers, body });
    rest = bodyBytes.subarray(length).toString();
  }
  return out;
}
