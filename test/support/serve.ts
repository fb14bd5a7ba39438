import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
  // Pyodide: WebAssembly compiles while it downloads only when served as application/wasm.
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
};

export interface StaticSite {
  origin: string;
  /** Serve another directory at the same address from now on (a new release of the site). */
  swap(dir: string): void;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** The Cache-Control of a path (default `no-cache` for all): e.g. public/_headers' `immutable` for /pyodide/, to measure a warm HTTP cache. */
  cacheControl?: (path: string) => string;
  /** Told of every file sent whole, with its size: the bytes a page downloaded, counted where they leave. */
  onSent?: (path: string, bytes: number) => void;
}

/** Serve a built site on 127.0.0.1 like a static host does: `/x/` → `/x/index.html`, 404.html otherwise. */
export async function serveStatic(dir: string, port = 0, options: ServeOptions = {}): Promise<StaticSite> {
  let root = resolve(dir);
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = normalize(decodeURIComponent(url.pathname));
    if (path.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    let file = join(root, path);
    try {
      const s = await stat(file);
      if (s.isDirectory()) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { location: `${url.pathname}/` }).end();
          return;
        }
        file = join(file, 'index.html');
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': options.cacheControl?.(url.pathname) ?? 'no-cache',
      });
      res.end(body);
      options.onSent?.(url.pathname, body.length);
    } catch {
      const notFound = await readFile(join(root, '404.html')).catch(() => Buffer.from('not found'));
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(notFound);
    }
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    swap(next) {
      root = resolve(next);
    },
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
