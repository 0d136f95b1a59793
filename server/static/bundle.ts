import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Whether the built web bundle is missing or older than any file it is built from, so that
 * `npm start` after a `git pull` never serves yesterday's pages against today's API.
 */
export function bundleIsStale(webDir: string, distDir: string, extra: string[] = []): boolean {
  const built = join(distDir, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const newer = (path: string): boolean => {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs > builtAt;
    return readdirSync(path).some((name) => join(path, name) !== distDir && newer(join(path, name)));
  };
  return newer(webDir) || extra.some((file) => existsSync(file) && newer(file));
}
