import { createServer, type Server } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pyodideDir, pyodideMiddleware } from '../../src/integrations/pyodide';
import { pyodideBase, pyodideFiles } from '../../src/lib/pyodide-files';

/**
 * `npm run dev` serves /pyodide/<version>/ from node_modules (the middleware the integration adds
 * to Vite's server), with the types a browser needs: the runtime compiles as it streams only as
 * application/wasm, and the worker imports pyodide.mjs only as JavaScript.
 */

let server: Server;
let origin: string;

beforeAll(async () => {
  const middleware = pyodideMiddleware();
  // What Vite does after a middleware passes: the next one, here a plain 404.
  server = createServer((req, res) => middleware(req, res, () => res.writeHead(404).end('not found')));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('the dev server’s /pyodide/', () => {
  test.each([
    ['pyodide.mjs', /^text\/javascript/],
    ['pyodide.asm.mjs', /^text\/javascript/],
    ['python_stdlib.zip', /^application\/zip$/],
    ['pyodide-lock.json', /^application\/json/],
  ])('%s comes whole, as %s', async (file, type) => {
    const response = await fetch(`${origin}${pyodideBase}${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(pyodideDir(), file)))).toBe(true);
  });

  test('the runtime is application/wasm and compiles as it streams', async () => {
    const response = await fetch(`${origin}${pyodideBase}pyodide.asm.wasm`);
    expect(response.headers.get('content-type')).toBe('application/wasm');
    expect(Number(response.headers.get('content-length'))).toBe(statSync(join(pyodideDir(), 'pyodide.asm.wasm')).size);
    // compileStreaming refuses any other content type: this is what the browser's loader does.
    const module = await WebAssembly.compileStreaming(response);
    expect(WebAssembly.Module.exports(module).length).toBeGreaterThan(100);
  });

  test('every file a page loads is there; nothing else of node_modules is', async () => {
    for (const file of pyodideFiles) expect((await fetch(`${origin}${pyodideBase}${file}`, { method: 'HEAD' })).status).toBe(200);
    for (const path of [`${pyodideBase}package.json`, `${pyodideBase}../../package.json`, `${pyodideBase}%2e%2e/package.json`, '/pyodide/0.0.1/pyodide.mjs', `${pyodideBase}`]) {
      expect((await fetch(`${origin}${path}`)).status, path).toBe(404);
    }
  });
});
