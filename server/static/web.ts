import { Hono } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { notFound } from '../errors.js';
import { ROBOTS_TXT } from '../security.js';
import { Precompressed } from '../compress.js';
import { contentType, fileBytes, fileResponse } from './files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const webDist = join(root, 'web', 'dist');
const swaggerDir = join(root, 'node_modules', 'swagger-ui-dist');
const docsDir = join(root, 'server', 'static', 'docs');

/** The files of swagger-ui-dist the docs page loads. */
const docsAssets = new Set(['swagger-ui.css', 'swagger-ui-bundle.js']);

const immutable = 'public, max-age=31536000, immutable';
const noCache = 'no-cache';

/** The API reference page (Swagger UI over /api/openapi.json). */
export function docsRoutes() {
  const app = new Hono();
  app.get('/api/docs', (c) => {
    c.header('Cache-Control', noCache);
    return c.html(readFileSync(join(docsDir, 'index.html'), 'utf8'));
  });
  // Only what the page loads (server/static/docs/index.html); nothing else of the package.
  app.get('/api/docs/:file{.+}', (c) => {
    const file = c.req.param('file');
    const res =
      file === 'init.js' ? fileResponse(docsDir, 'init.js', noCache) : docsAssets.has(file) ? fileResponse(swaggerDir, file, 'public, max-age=86400') : null;
    if (!res) throw notFound();
    return res;
  });
  return app;
}

/** The built web app: hashed assets cached long, HTML never. */
export function webRoutes() {
  const app = new Hono();
  const pages = new Map<string, string>();
  const page = (name: 'index.html' | 'tell.html') => {
    let html = pages.get(name);
    if (html === undefined) {
      const path = join(webDist, name);
      html = existsSync(path)
        ? readFileSync(path, 'utf8')
        : '<!doctype html><title>Weefwerk</title><p>Web bundle not built: run <code>npm run build</code>.</p>';
      if (existsSync(path)) pages.set(name, html);
    }
    return html;
  };

  // Hashed file names never change content: each is read and compressed (well) once, on first request.
  const assets = new Map<string, Precompressed>();
  app.get('/assets/*', (c) => {
    const file = c.req.path.slice(1);
    let asset = assets.get(file);
    if (!asset) {
      const bytes = fileBytes(webDist, file);
      if (!bytes) return c.notFound();
      assets.set(file, (asset = new Precompressed(bytes)));
    }
    c.header('Cache-Control', immutable);
    return asset.respond(c, contentType(file));
  });
  app.get('/robots.txt', (c) => c.text(ROBOTS_TXT, 200, { 'Cache-Control': 'public, max-age=86400' }));
  app.get('/favicon.svg', (c) => fileResponse(webDist, 'favicon.svg', 'public, max-age=86400') ?? c.notFound());
  // The resident's pages (telling a story by link, reading it back by receipt) are a separate, small bundle.
  app.get('/t/*', (c) => {
    c.header('Cache-Control', noCache);
    return c.html(page('tell.html'));
  });
  app.get('/r/*', (c) => {
    c.header('Cache-Control', noCache);
    return c.html(page('tell.html'));
  });
  app.get('*', (c) => {
    c.header('Cache-Control', noCache);
    return c.html(page('index.html'));
  });
  return app;
}
