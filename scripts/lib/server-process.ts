import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createDb } from '../../db/client.js';
import { migrateToLatest } from '../../db/migrate.js';
import { insertUser } from '../../db/repositories/users.js';
import { hashPassword } from '../../server/auth/passwords.js';

/** A free loopback port, found by binding port 0 and letting it go. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Migrates a database file and adds an admin, so a server started on it needs no setup link. */
export async function prepareDatabase(
  path: string,
  email = 'admin@example.nl',
  password = 'correct horse battery',
): Promise<{ email: string; password: string }> {
  const { db } = createDb(path);
  await migrateToLatest(db);
  await insertUser(db, { email, name: 'Beheerder', role: 'admin', passwordHash: await hashPassword(password) });
  await db.destroy();
  return { email, password };
}

export type ServerProcess = {
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  /** Sends a signal and waits for the process to be gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
};

/** Starts a server script (default: the real `server/index.ts`) as a child process and waits until it listens. */
export async function startServer(databasePath: string, env: Record<string, string> = {}, script = 'server/index.ts'): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: String(port), DATABASE_PATH: databasePath, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept as chunks, joined only when asked: a server under load writes megabytes of access log, and
  // this process (which may be the bench's load generator) must not copy them over and over.
  const chunks: string[] = [];
  const out = () => chunks.join('');
  child.stdout!.on('data', (d) => chunks.push(String(d)));
  child.stderr!.on('data', (d) => chunks.push(String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out()}`)), 30_000);
    const onData = () => {
      if (/Weefwerk runs at|listening /.test(out())) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out()}`));
    };
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    output: out,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export type Remote = {
  baseUrl: string;
  cookie: string | null;
  request(method: string, path: string, body?: unknown): Promise<Response>;
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
  /** Logs in; later requests carry the session cookie. */
  login(email: string, password: string): Promise<void>;
};

/** A small HTTP client for a server in another process: JSON bodies, same-origin header, session cookie. */
export function remote(baseUrl: string): Remote {
  const r: Remote = {
    baseUrl,
    cookie: null,
    request(method, path, body) {
      const headers: Record<string, string> = { origin: baseUrl };
      if (r.cookie) headers.cookie = r.cookie;
      if (body !== undefined) headers['content-type'] = 'application/json';
      return fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    },
    get: (p) => r.request('GET', p),
    post: (p, b) => r.request('POST', p, b),
    async login(email, password) {
      const res = await r.post('/api/auth/login', { email, password });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
      r.cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    },
  };
  return r;
}
