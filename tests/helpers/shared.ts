// Reference data from outside the project (IATI schema, codelists and rulesets, the REFI-QDA schema,
// CBS exports) lives in the `shared` folder beside the checkout, never in the repository. CI puts it
// at ../shared; in a git worktree it sits beside the main checkout. WEEFWERK_SHARED overrides both.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');

function locate(): string {
  if (process.env.WEEFWERK_SHARED) return resolve(process.env.WEEFWERK_SHARED);
  const beside = resolve(repoRoot, '..', 'shared');
  if (existsSync(beside)) return beside;
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const mainShared = resolve(dirname(common), '..', 'shared');
    if (existsSync(mainShared)) return mainShared;
  } catch {
    // not a git checkout: only ../shared counts
  }
  throw new Error(`Reference data not found: expected the shared folder at ${beside} (or set WEEFWERK_SHARED)`);
}

let found: string | undefined;
/** A path inside the shared reference data. */
export const shared = (...parts: string[]) => join((found ??= locate()), ...parts);
export const readShared = (...parts: string[]) => readFileSync(shared(...parts), 'utf8');
