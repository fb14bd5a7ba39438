import { parse, type Node } from 'acorn';

/*
 * The check of learner code before it runs, apart from code.ts because it needs a parser (acorn,
 * ~30 KB gzip): the page loads it with the first run, the build imports it directly.
 */

/**
 * Why code is refused before it runs, or undefined: a syntax error (with its line and column), or
 * `import`. `import(…)` is syntax, not a global the sandbox can take away, and it loads from the
 * network; acorn's parser finds it in the syntax tree, so the word in a comment, a string or as a
 * property name (`x.import`) is fine. No string can become code later (the sandbox runs under a
 * policy without 'unsafe-eval', and eval and Function are gone), so checking the source is enough.
 * The page and the build's check of reference solutions both ask, so they agree. Pure; the
 * wrapper in the sandbox is a function body, so the code is parsed as one.
 */
export function refusedCode(code: string): string | undefined {
  const options = { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, locations: true } as const;
  try {
    const found = findImport(parse(code, options));
    if (found) {
      return `Your code uses import (line ${found.loc?.start.line ?? '?'}), which is switched off here: the tests run without the network, so everything your function needs must be in this code.`;
    }
  } catch (error) {
    const at = error as { loc?: { line: number; column: number }; message?: string };
    const message = String(at.message ?? error).replace(/\s*\(\d+:\d+\)$/, '');
    return `Your code does not run: SyntaxError: ${message}${at.loc ? ` (line ${at.loc.line}, column ${at.loc.column + 1})` : ''}.`;
  }
  return undefined;
}

/** The first `import(…)` or `import.meta` in a syntax tree (the parser, not a pattern: the word as a property name, in a string or a comment is not one). */
function findImport(node: unknown): Node | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findImport(child);
      if (found) return found;
    }
    return undefined;
  }
  const typed = node as Node & { meta?: { name?: string } };
  if (typed.type === 'ImportExpression' || (typed.type === 'MetaProperty' && typed.meta?.name === 'import')) return typed;
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'loc' && typeof value === 'object') {
      const found = findImport(value);
      if (found) return found;
    }
  }
  return undefined;
}

