import type { AstroIntegration } from 'astro';
import { copyFileSync, createReadStream, mkdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
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
 * The content type of each kind of Pyodide file, as docs/deploy.md asks a host to send them:
 * `application/wasm` lets the browser compile the runtime while it downloads, and a module script
 * (`pyodide.mjs`) must come with a JavaScript type or the worker refuses to import it.
 */
export const pyodideContentTypes: Record<string, string> = {
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json; charset=utf-8',
};

type Next = (error?: unknown) => void;

/**
 * The dev server's copy of what the build puts in dist/pyodide/<version>/: the same files, read
 * from node_modules, under the same URLs, so a Python question runs in `npm run dev`. Only the files
 * a page loads (pyodideFiles); anything else under /pyodide/ is left to the dev server (its 404).
 */
export function pyodideMiddleware(dir = pyodideDir()) {
  const served = new Set<string>(pyodideFiles);
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = path.startsWith(pyodideBase) ? path.slice(pyodideBase.length) : '';
    if (!served.has(file) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    const source = join(dir, file);
    res.writeHead(200, {
      'content-type': pyodideContentTypes[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(source).size,
      // A folder named by the version: the same URL never holds other bytes (as public/_headers says for the site).
      'cache-control': 'public, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(source).on('error', next).pipe(res);
  };
}

/**
 * Copies Pyodide from node_modules into dist/pyodide/<version>/ after the build (Astro empties
 * dist/ first, so not before), for the pages' Python code questions. Runs before the offline
 * integration, which leaves these files out of the precache (runtime-cached once a learner uses Python).
 * In `astro dev` the same URLs are served from node_modules by pyodideMiddleware.
 */
export default function pyodide(): AstroIntegration {
  return {
    name: 'pyodide',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command !== 'dev') return;
        updateConfig({
          vite: {
            plugins: [{ name: 'course-pyodide-dev', configureServer: (server) => void server.middlewares.use(pyodideMiddleware()) }],
          },
        });
      },
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
