import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleIsStale } from '../server/static/bundle.js';

describe('npm start rebuilds the web bundle when its sources changed', () => {
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it('builds when missing, rebuilds after a source or config change, and not otherwise', () => {
    const root = mkdtempSync(join(tmpdir(), 'ww-bundle-'));
    const web = join(root, 'web');
    const dist = join(web, 'dist');
    mkdirSync(join(web, 'pages'), { recursive: true });
    const page = join(web, 'pages', 'home.ts');
    const config = join(root, 'vite.config.ts');
    writeFileSync(page, 'export {}');
    writeFileSync(config, 'export default {}');
    at(page, 1000);
    at(config, 1000);
    expect(bundleIsStale(web, dist, [config])).toBe(true); // never built

    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    writeFileSync(join(dist, 'assets', 'main.js'), '');
    at(join(dist, 'index.html'), 2000);
    at(join(dist, 'assets', 'main.js'), 3000); // the build's own files never count
    expect(bundleIsStale(web, dist, [config])).toBe(false);

    at(page, 2500); // a page changed by a git pull
    expect(bundleIsStale(web, dist, [config])).toBe(true);
    at(page, 1000);
    at(config, 2500);
    expect(bundleIsStale(web, dist, [config])).toBe(true);
  });
});
