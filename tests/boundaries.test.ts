// The layers hold: db/ never reaches into server/ or web/, db/domain/ is pure, and the web bundle
// never pulls server code (or database code other than the pure domain rules) in at run time; the
// visibility rules in server/access/ are reached through server/access.ts only, and route files hold
// no queries (db/repositories has them).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = process.cwd();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? filesUnder(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

type Import = { spec: string; target: string | null; typeOnly: boolean };

/** Every import, re-export and dynamic import() of a source file; target is the repo-relative path of a relative one. */
export function importsOf(file: string, text = readFileSync(file, 'utf8')): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: Import[] = [];
  const add = (spec: string, typeOnly: boolean) =>
    out.push({ spec, typeOnly, target: spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : null });
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const typeOnly =
        !!c &&
        (c.isTypeOnly ||
          (!c.name &&
            !!c.namedBindings &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly =
        node.isTypeOnly ||
        (!!node.exportClause &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const under = (path: string | null, dir: string) => !!path && (path === dir || path.startsWith(`${dir}/`));

/** The rules; each violation as "file → import". */
export function violations(file: string, imports: Import[]): string[] {
  const rel = relative(root, file);
  const bad: string[] = [];
  for (const i of imports) {
    const where = `${rel} → ${i.spec}`;
    if (under(i.target, 'server/access') && rel !== 'server/access.ts' && !under(rel, 'server/access'))
      bad.push(`${where} (visibility rules are reached through server/access.ts only)`);
    if (under(rel, 'db/domain')) {
      if (!under(i.target, 'db/domain')) bad.push(`${where} (db/domain is pure: it imports only db/domain)`);
    } else if (under(rel, 'db')) {
      if (under(i.target, 'server') || under(i.target, 'web')) bad.push(`${where} (db never imports server or web)`);
    } else if (under(rel, 'web') && !i.typeOnly) {
      if (under(i.target, 'server')) bad.push(`${where} (web never imports server code at run time)`);
      else if (under(i.target, 'db') && !under(i.target, 'db/domain')) bad.push(`${where} (web imports only db/domain at run time)`);
    }
  }
  return bad;
}

describe('layer boundaries', () => {
  it('db/ never imports server/ or web/, db/domain/ is pure, web/ imports no server or database code at run time, server/access/ is reached through server/access.ts', () => {
    const files = ['db', 'web', 'server', 'scripts', 'tests'].flatMap((d) => filesUnder(join(root, d)));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((f) => violations(f, importsOf(f)))).toEqual([]);
  });

  it('the check catches each kind of violation (so a green run means something)', () => {
    const check = (file: string, text: string) => violations(join(root, file), importsOf(join(root, file), text));
    expect(check('db/repositories/x.ts', "import type { StoryQuery } from '../../server/access.js';")).toHaveLength(1);
    expect(check('db/domain/x.ts', "import { z } from 'zod';")).toHaveLength(1);
    expect(check('db/domain/x.ts', "import { phases } from './enums.js';")).toHaveLength(0);
    expect(check('web/pages/x.ts', "import { parseNumber } from '../../server/counting/parse.js';")).toHaveLength(1);
    expect(check('web/pages/x.ts', "const m = await import('../../server/x.js');")).toHaveLength(1);
    expect(check('web/pages/x.ts', "export { roles } from '../../db/schema.js';")).toHaveLength(1);
    expect(check('web/pages/x.ts', "import { phases } from '../../db/domain/enums.js';")).toHaveLength(0);
    expect(check('web/pages/x.ts', "import type { DB } from '../../db/schema.js';")).toHaveLength(0);
    expect(check('server/routes/x.ts', "import { visibleStories } from '../access/stories.js';")).toHaveLength(1);
    expect(check('server/routes/x.ts', "import { visibleStories } from '../access.js';")).toHaveLength(0);
    expect(check('server/access/media.ts', "import { visibleStory } from './stories.js';")).toHaveLength(0);
    expect(check('server/access.ts', "export * from './access/stories.js';")).toHaveLength(0);
  });
});

/** The query-builder calls that start a query: route files leave them to db/repositories (and server/access.ts). */
const queryStarts = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);

/** Every call of a query-builder method that starts a query, as "file:line .name(". */
export function queriesIn(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && queryStarts.has(node.expression.name.text)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      out.push(`${relative(root, file)}:${line} .${node.expression.name.text}(`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('route files hold no queries', () => {
  it('no file under server/routes calls the query builder: reads and writes live in db/repositories, visibility in server/access.ts', () => {
    const files = filesUnder(join(root, 'server/routes'));
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((f) => queriesIn(f))).toEqual([]);
  });

  it('the check catches a query in any form (so a green run means something)', () => {
    const file = join(root, 'server/routes/x.ts');
    expect(queriesIn(file, "await c.var.db.selectFrom('users').selectAll().execute();")).toHaveLength(1);
    expect(queriesIn(file, "await tx\n  .insertInto('codes')\n  .values(v)\n  .execute();")).toHaveLength(1);
    expect(queriesIn(file, "q.where((eb) => eb.exists(eb.selectFrom('storyReviews').select('storyId')));")).toHaveLength(1);
    expect(queriesIn(file, "await db.updateTable('users').set(s).execute(); await db.deleteFrom('sessions').execute();")).toHaveLength(2);
    expect(queriesIn(file, "// db.selectFrom('users') in a comment\nconst s = \"tx.deleteFrom('x')\";")).toHaveLength(0);
    expect(queriesIn(file, 'await listUsers(c.var.db);')).toHaveLength(0);
  });
});
