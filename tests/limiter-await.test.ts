// A rate limit that is not awaited counts nothing in time and its 429 becomes an unhandled
// rejection while the request goes on. This check reads the server's code with TypeScript's type
// checker and fails on any use of a RateLimiter method whose promise is not awaited (or returned).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every use of a promise-returning RateLimiter method in `files` that is not awaited or returned. */
function unawaitedLimiterCalls(files: string[]): { uses: string[]; unawaited: string[] } {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const uses: string[] = [];
  const unawaited: string[] = [];
  const names = new Set(['hit', 'allow', 'exhausted', 'tooMany', 'reset']);
  const isLimiterMethod = (node: ts.PropertyAccessExpression) => {
    if (!names.has(node.name.text)) return false; // only these names need the (slow) type checker
    const decl = checker.getSymbolAtLocation(node.name)?.declarations?.[0];
    if (!decl || !ts.isMethodDeclaration(decl) || !ts.isClassDeclaration(decl.parent) || decl.parent.name?.text !== 'RateLimiter') return false;
    const signature = checker.getSignatureFromDeclaration(decl);
    return !!signature && checker.getReturnTypeOfSignature(signature).getSymbol()?.name === 'Promise';
  };
  const awaited = (call: ts.Node): boolean => {
    let n = call.parent;
    while (ts.isParenthesizedExpression(n) || ts.isConditionalExpression(n)) n = n.parent;
    if (ts.isAwaitExpression(n) || ts.isReturnStatement(n)) return true;
    // `await Promise.all([limiter.hit(…), …])` awaits each of them
    if (ts.isArrayLiteralExpression(n) && ts.isCallExpression(n.parent) && n.parent.expression.getText() === 'Promise.all') return awaited(n.parent);
    if (ts.isArrowFunction(n) && n.body === call) return true; // `() => limiter.hit(…)` returns it
    return false;
  };
  for (const file of files) {
    const source = program.getSourceFile(file)!;
    if (!/\b(hit|allow|exhausted|tooMany|reset)\b/.test(source.text)) continue;
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node) && isLimiterMethod(node)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        const where = `${relative(root, file)}:${line + 1} ${node.getText()}`;
        uses.push(where);
        const call = node.parent;
        if (!ts.isCallExpression(call) || call.expression !== node || !awaited(call)) unawaited.push(where);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { uses, unawaited };
}

describe('rate limits', () => {
  it('every call to the limiter in the server is awaited', { timeout: 120_000 }, () => {
    const { uses, unawaited } = unawaitedLimiterCalls(tsFiles(join(root, 'server')));
    expect(uses.length).toBeGreaterThanOrEqual(10); // the check sees the real callers
    expect(uses.some((u) => u.startsWith('server/routes/public/'))).toBe(true);
    expect(unawaited).toEqual([]);
  });

  it('the check finds a call that is not awaited', { timeout: 120_000 }, () => {
    const probe = join(root, 'tests', 'fixtures', 'limiter-unawaited.ts');
    const { unawaited } = unawaitedLimiterCalls([probe]);
    expect(unawaited.map((u) => u.replace(/^.*:(\d+) /, '$1 '))).toEqual(['8 limiter.hit', '9 limiter.allow', '11 limiter.reset', '13 limiter.hit']);
  });
});
