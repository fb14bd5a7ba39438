import type { AstroIntegration } from 'astro';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pyodideBase, pyodideFiles } from '../lib/pyodide-files';

/** The folder of the installed pyodide package. */
export function pyodideDir(): string {
  return dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
}

/** The bytes a learner downloads for the first Python run (the files as stored; a host that compresses sends less). */
export function pyodideBytes(): number {
  const dir = pyodideDir();
  return pyodideFiles.reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
}

/**
 * Copies Pyodide from node_modules into dist/pyodide/<version>/ after the build (Astro empties
 * dist/ first, so not before), for the pages' Python code questions. Runs before the offline
 * integration, which leaves these files out of the precache (runtime-cached once a learner uses Python).
 */
export default function pyodide(): AstroIntegration {
  return {
    name: 'pyodide',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const target = join(fileURLToPath(dir), pyodideBase);
        mkdirSync(target, { recursive: true });
        const source = pyodideDir();
        for (const file of pyodideFiles) copyFileSync(join(source, file), join(target, file));
        logger.info(`${pyodideBase} holds Pyodide for Python questions: ${(pyodideBytes() / 1024 / 1024).toFixed(1)} MB, loaded only by pages that have one`);
      },
    },
  };
}
