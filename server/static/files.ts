import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** The path of a file under `root` (no escaping it), or null. */
function within(root: string, relative: string): string | null {
  const path = normalize(join(root, relative));
  return path.startsWith(root + sep) && existsSync(path) && statSync(path).isFile() ? path : null;
}

export const contentType = (path: string) => types[extname(path)] ?? 'application/octet-stream';

/** A file under `root` (no escaping it), or null. */
export function fileResponse(root: string, relative: string, cache: string): Response | null {
  const path = within(root, relative);
  if (!path) return null;
  const stream = Readable.toWeb(createReadStream(path)) as ReadableStream;
  return new Response(stream, {
    headers: { 'Content-Type': contentType(path), 'Cache-Control': cache, 'Content-Length': String(statSync(path).size) },
  });
}

/** A file under `root` (no escaping it) read whole, or null. */
export function fileBytes(root: string, relative: string): Uint8Array<ArrayBuffer> | null {
  const path = within(root, relative);
  return path ? new Uint8Array(readFileSync(path)) : null;
}

export const readText = (path: string) => readFile(path, 'utf8');
