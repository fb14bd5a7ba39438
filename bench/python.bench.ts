// Python code questions, as issue 22 measures them: Chromium against the built site in dist/ (`npm run bench`
// builds it first), lesson 1.2.38's Python challenge. For each cache state it prints the time from the question
// nearing the viewport (the page's `python-near` mark) to a worker that has loaded Pyodide and waits for code
// (`python-ready`), the bytes the server sent meanwhile, and the time from Check to the graded, saved result:
//   cold        — an empty profile (no HTTP cache, no service worker);
//   warm HTTP   — the same profile reloaded, /pyodide/ sent as `immutable` as public/_headers asks of a host;
//   warm SW     — a profile whose service worker has kept Pyodide (`course-python`), /pyodide/ sent `no-cache`,
//                 with the start-up snapshot the first worker kept (`course-python-snapshot`), then without it.
// Then where the time goes, measured in a worker of the page (the same module Blob worker the sandbox uses):
// compiling the WebAssembly alone, and loadPyodide as the harness calls it.
// Set PYTHON_BENCH_DIST to measure another build (e.g. the main branch's, for before/after figures).
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistent } from '../test/support/browser';
import { projectRoot } from '../test/support/project';
import { serveStatic, type StaticSite } from '../test/support/serve';
import { replaceCode } from '../test/support/editor';
import { pythonQuestion as q, pythonQuestionId as id, rightPython as right, wrongPython as wrong } from '../test/support/python-question';

const dist = process.env.PYTHON_BENCH_DIST ?? join(projectRoot, 'dist');
const lesson = '/math-for-ml/1.2.38/';
const KEY = 'course-progress:v2';
const TARGET_COLD_MS = 4000;
const TARGET_WARM_MS = 1500;

let sent = 0;
let immutablePyodide = false;
const startSite = () =>
  serveStatic(dist, 0, {
    cacheControl: (path) => (immutablePyodide && path.startsWith('/pyodide/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
    onSent: (_path, bytes) => { sent += bytes; },
  });

interface Figures {
  readyMs: number;
  downloadedMs?: number;
  bytes: number;
  gradedMs: number;
  nextGradedMs: number;
}

const attempts = async (page: Page) =>
  page.evaluate(([key, qid]) => JSON.parse(localStorage.getItem(key) ?? '{}').lessons?.['1.2.38']?.quiz?.[qid]?.attempts ?? 0, [KEY, id] as const);

async function checkAndWait(page: Page, code: string): Promise<number> {
  const before = await attempts(page);
  await replaceCode(page, q, code);
  const started = await page.evaluate(() => performance.now());
  await page.locator(`${q} [data-check]`).click();
  await page.waitForFunction(
    ([key, qid, n]) => (JSON.parse(localStorage.getItem(key) ?? '{}').lessons?.['1.2.38']?.quiz?.[qid]?.attempts ?? 0) > n,
    [KEY, id, before] as const,
    { timeout: 300_000, polling: 50 },
  );
  return (await page.evaluate(() => performance.now())) - started;
}

/** Open the lesson, scroll to the question, wait for a loaded worker, then Check a wrong solution and a right one (the second on the spare worker). */
async function measure(page: Page): Promise<Figures> {
  // A fresh attempt on a fresh page (a solved question's Check is disabled): progress cleared, then the page loaded again.
  await page.goto(site.origin + lesson, { waitUntil: 'load' });
  await page.evaluate((key) => localStorage.removeItem(key), KEY);
  await page.reload({ waitUntil: 'load' });
  sent = 0;
  await page.locator(q).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => performance.getEntriesByName('python-ready').length > 0, null, { timeout: 300_000, polling: 50 });
  const marks = await page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime;
    return { near: at('python-near')!, ready: at('python-ready')!, downloaded: at('python-downloaded') };
  });
  const bytes = sent;
  const gradedMs = await checkAndWait(page, wrong);
  // The next run's worker loads while the learner reads: wait for it, as a reader would, then Check again.
  await page.waitForFunction(() => performance.getEntriesByName('python-ready').length > 1, null, { timeout: 300_000, polling: 50 });
  const nextGradedMs = await checkAndWait(page, right);
  return {
    readyMs: marks.ready - marks.near,
    ...(marks.downloaded !== undefined ? { downloadedMs: marks.downloaded - marks.near } : {}),
    bytes,
    gradedMs,
    nextGradedMs,
  };
}

/** In a module Blob worker of the page: compile the runtime alone, then loadPyodide as python-harness.js calls it. */
async function breakdown(page: Page) {
  return page.evaluate(async (base) => {
    const indexURL = new URL(base, location.href).href;
    const script = `
      const indexURL = ${JSON.stringify(indexURL)};
      const t0 = performance.now();
      const bytes = await (await fetch(indexURL + 'pyodide.asm.wasm')).arrayBuffer();
      const t1 = performance.now();
      await WebAssembly.compile(bytes);
      const t2 = performance.now();
      await WebAssembly.compileStreaming(fetch(indexURL + 'pyodide.asm.wasm'));
      const t3 = performance.now();
      const { loadPyodide } = await import(indexURL + 'pyodide.mjs');
      const t4 = performance.now();
      const py = await loadPyodide({ indexURL, jsglobals: {}, stdout() {}, stderr() {}, checkAPIVersion: true, _makeSnapshot: true });
      const t5 = performance.now();
      py.runPython('def f(x):\\n    return x * 2\\n');
      const t6 = performance.now();
      const snapshot = py.makeMemorySnapshot();
      const t7 = performance.now();
      const again = await loadPyodide({ indexURL, jsglobals: {}, stdout() {}, stderr() {}, checkAPIVersion: true, _loadSnapshot: snapshot });
      const t8 = performance.now();
      again.runPython('def f(x):\\n    return x * 2\\n');
      postMessage({ readWasm: t1 - t0, compile: t2 - t1, compileStreaming: t3 - t2, importLoader: t4 - t3, loadPyodide: t5 - t4, firstCode: t6 - t5, makeSnapshot: t7 - t6, fromSnapshot: t8 - t7, snapshotBytes: snapshot.byteLength });
    `;
    const url = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
    const worker = new Worker(url, { type: 'module' });
    const result = await new Promise<Record<string, number>>((resolve, reject) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message));
    });
    worker.terminate();
    return result;
  }, '/pyodide/314.0.8/');
}

let site: StaticSite;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const line = (name: string, f: Figures, target: number) =>
  `  ${name.padEnd(20)} ready ${s(f.readyMs)} after nearing the viewport (target ≤ ${s(target)}: ${f.readyMs <= target ? 'met' : 'missed'})` +
  `${f.downloadedMs !== undefined ? `, of which download ${s(f.downloadedMs)}` : ''}; ${mb(f.bytes)} sent; Check → graded ${s(f.gradedMs)}, next run ${s(f.nextGradedMs)}`;

test('Python questions: first run ready, cold and warm; bytes; time to a graded result', { timeout: 1_200_000 }, async () => {
  site = await startSite();
  const load = loadavg().map((n) => n.toFixed(2)).join(', ');
  const out: string[] = ['', `Python on 1.2.38 (${dist}); ${cpus().length} cores, load average ${load}`];
  try {
    // Cold and warm HTTP cache: one profile on disk (an in-memory one keeps no 9.6 MB entry), service worker blocked,
    // /pyodide/ immutable as on a real host.
    immutablePyodide = true;
    let context: BrowserContext = await launchPersistent({ serviceWorkers: 'block' });
    let page = await context.newPage();
    const cold = await measure(page);
    const warmHttp = await measure(page);
    const parts = await breakdown(page);
    await context.close();

    // Warm service-worker cache: a persistent profile; the first visit fills `course-python`, the second is measured.
    immutablePyodide = false;
    context = await launchPersistent();
    page = await context.newPage();
    await page.goto(site.origin + lesson, { waitUntil: 'load' });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
    const coldSw = await measure(page);
    await page.waitForFunction(async () => (await (await caches.open('course-python')).keys()).length >= 5, null, { timeout: 120_000 });
    await page.waitForFunction(async () => (await (await caches.open('course-python-snapshot')).keys()).length === 1, null, { timeout: 120_000 });
    const warmSw = await measure(page);
    // The same warm cache without the start-up snapshot: what it saves, in this run.
    await page.evaluate(() => caches.delete('course-python-snapshot'));
    const warmSwNoSnapshot = await measure(page);
    await context.close();

    out.push(
      line('cold', cold, TARGET_COLD_MS),
      line('warm HTTP', warmHttp, TARGET_WARM_MS),
      line('cold (SW)', coldSw, TARGET_COLD_MS),
      line('warm SW', warmSw, TARGET_WARM_MS),
      line('warm SW, no snapshot', warmSwNoSnapshot, TARGET_WARM_MS),
      `  ratios: warm HTTP / cold ${(warmHttp.readyMs / cold.readyMs).toFixed(2)}, warm SW / cold ${(warmSw.readyMs / cold.readyMs).toFixed(2)}, ` +
        `warm SW with the snapshot / without ${(warmSw.readyMs / warmSwNoSnapshot.readyMs).toFixed(2)}`,
      `  where a warm start goes (one worker, HTTP cache): read the wasm ${s(parts.readWasm!)}, compile it ${s(parts.compile!)} ` +
        `(streaming, from cache: ${s(parts.compileStreaming!)}), import the loader ${s(parts.importLoader!)}, loadPyodide ${s(parts.loadPyodide!)}, first code ${s(parts.firstCode!)}`,
      `  start-up snapshot: made in ${s(parts.makeSnapshot!)}, ${mb(parts.snapshotBytes!)}; loadPyodide from it ${s(parts.fromSnapshot!)} ` +
        `(${(parts.loadPyodide! / parts.fromSnapshot!).toFixed(1)}× faster than starting Python)`,
    );
  } finally {
    await site.close();
    console.log(out.join('\n'));
  }
});
