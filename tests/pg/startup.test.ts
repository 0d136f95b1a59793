// A DATABASE_URL that cannot be used stops the server at startup with one clear line, no stack trace.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';

function startWith(databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: { ...process.env, PORT: '65500', DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('a bad DATABASE_URL', () => {
  it('stops the server with one line when it is not a postgres URL, nothing listens there, or the server is not PostgreSQL', { timeout: 120_000 }, async () => {
    const http = createServer((_, res) => res.end('HTTP/1.1 200 OK\r\n\r\nnot a database'));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const httpPort = (http.address() as AddressInfo).port;
    try {
      const cases = [
        ['mysql://u:secret@127.0.0.1/x', /^Weefwerk cannot start: DATABASE_URL: must be a postgres:\/\/ URL/],
        ['postgres://u:secret@127.0.0.1:1/x', /^Weefwerk cannot start: DATABASE_URL postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x: cannot use it \(ECONNREFUSED/],
        [`postgres://u:secret@127.0.0.1:${httpPort}/x`, /^Weefwerk cannot start: DATABASE_URL postgres:\/\/u:\*\*\*@127\.0\.0\.1:\d+\/x: cannot use it/],
      ] as const;
      const outs = await Promise.all(cases.map(([url]) => startWith(url)));
      outs.forEach((out, i) => {
        expect(out.code, out.stderr).toBe(1);
        expect(out.stderr.trim().split('\n'), out.stderr).toHaveLength(1);
        expect(out.stderr).toMatch(cases[i]![1]);
        expect(out.stderr).not.toContain('secret');
        expect(out.stderr).not.toMatch(/\n\s+at /);
        expect(out.stdout).not.toMatch(/runs at/);
      });
    } finally {
      http.close();
    }
  });
});
