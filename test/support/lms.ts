import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { unzipSync } from 'fflate';

const require = createRequire(import.meta.url);

/**
 * An LMS for browser tests: scorm-again (the LMS-side SCORM runtime, as real LMSs embed it) in a
 * player page that shows a SCO in an iframe, and a server that keeps what each commit sends (the
 * LMS's database) and hands it back on the next launch. It can be told to refuse commits.
 * Serves the unzipped package under /package/ on 127.0.0.1, port 0.
 */
export interface TestLms {
  origin: string;
  /** The player page for one SCO: `/player.html?sco=1.2.38`. */
  playerUrl(sco: string): string;
  /** The CMI values the LMS holds for a SCO (flattened: `cmi.suspend_data` → value). */
  stored(sco: string): Record<string, string>;
  /** Make every commit fail (the LMS answers result false, error 101) until set back. */
  refuseCommits(refuse: boolean): void;
  close(): Promise<void>;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

function player(version: '1.2' | '2004'): string {
  const apiName = version === '1.2' ? 'API' : 'API_1484_11';
  const constructor = version === '1.2' ? 'Scorm12API' : 'Scorm2004API';
  // What an LMS does before launching a SCO: set up the runtime, load the learner's stored data
  // (and the manifest's passing score), then open the launch URL in a frame.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/runtime.js"></script></head><body>
<script>
  const sco = new URLSearchParams(location.search).get('sco');
  const href = new URLSearchParams(location.search).get('href');
  const request = new XMLHttpRequest();
  request.open('GET', '/state/' + sco, false);
  request.send();
  const stored = JSON.parse(request.responseText);
  const api = new ${constructor}({
    lmsCommitUrl: '/commit/' + sco,
    dataCommitFormat: 'flattened',
    autocommit: false,
    logLevel: 5,
  });
  const initial = { ${version === '1.2' ? "'cmi.student_data.mastery_score': '70'" : "'cmi.scaled_passing_score': '0.7'"} };
  for (const key of ['cmi.suspend_data', '${version === '1.2' ? 'cmi.core.lesson_location' : 'cmi.location'}']) {
    if (stored[key]) initial[key] = stored[key];
  }
  api.loadFromFlattenedJSON(initial, '');
  window.${apiName} = api;
  const frame = document.createElement('iframe');
  frame.title = 'Course';
  frame.style.width = '100%';
  frame.style.height = '90vh';
  frame.src = '/package/' + href;
  document.body.append(frame);
</script></body></html>`;
}

export async function startTestLms(zipPath: string, version: '1.2' | '2004'): Promise<TestLms> {
  const root = mkdtempSync(join(tmpdir(), 'lms-'));
  const files = unzipSync(readFileSync(zipPath));
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
  const manifest = new TextDecoder().decode(files['imsmanifest.xml']);
  const launches = new Map([...manifest.matchAll(/scorm[tT]ype="sco" href="([^"]+)"/g)].map((m) => [new URLSearchParams(m[1]!.split('?')[1]).get('sco')!, m[1]!]));
  const runtime = readFileSync(require.resolve(version === '1.2' ? 'scorm-again/scorm12' : 'scorm-again/scorm2004').replace(/esm[\\/]/, ''));
  const store = new Map<string, Record<string, string>>();
  let refuse = false;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Uint8Array) => res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    // The player page's own icon request: an LMS has one; not the package's business.
    if (url.pathname === '/favicon.ico') return send(204, 'image/x-icon', '');
    if (url.pathname === '/player.html') return send(200, types['.html']!, player(version));
    if (url.pathname === '/runtime.js') return send(200, types['.js']!, runtime);
    if (url.pathname.startsWith('/state/')) return send(200, types['.json']!, JSON.stringify(store.get(url.pathname.slice(7)) ?? {}));
    if (url.pathname.startsWith('/commit/') && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (refuse) return send(200, types['.json']!, JSON.stringify({ result: false, errorCode: 101 }));
        const sco = url.pathname.slice(8);
        store.set(sco, { ...(store.get(sco) ?? {}), ...(JSON.parse(body) as Record<string, string>) });
        send(200, types['.json']!, JSON.stringify({ result: true, errorCode: 0 }));
      });
      return;
    }
    if (url.pathname.startsWith('/package/')) {
      const path = normalize(decodeURIComponent(url.pathname.slice('/package/'.length)));
      if (path.startsWith('..')) return send(400, 'text/plain', 'bad path');
      try {
        return send(200, types[extname(path)] ?? 'application/octet-stream', readFileSync(join(root, path)));
      } catch {
        return send(404, 'text/plain', 'not found');
      }
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    playerUrl: (sco) => `${origin}/player.html?sco=${encodeURIComponent(sco)}&href=${encodeURIComponent(launches.get(sco) ?? '')}`,
    stored: (sco) => ({ ...(store.get(sco) ?? {}) }),
    refuseCommits: (value) => void (refuse = value),
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
