import pythonRun from '../../quiz/python-run.js?raw';
import pythonHarness from './python-harness.js?raw';
import sandboxHarness from './sandbox-harness.js?raw';

/**
 * Python on the page: Pyodide fetched from the site (never a CDN) when a Python question nears
 * the viewport, with a progress bar, and kept by the service worker for offline use; on a metered
 * connection (Save-Data, 2G/3G) nothing is fetched before the learner runs the tests, and the
 * question says how large the download is. Every run gets a fresh worker; the next one loads
 * Pyodide (from the cache) while the learner reads the results, so a run starts at once. The first
 * worker also snapshots its freshly started interpreter: later workers, on this page and on later
 * visits, start from that snapshot instead of starting Python again (bench/python.bench.ts).
 */

/**
 * How long a worker may take to start Pyodide before the run is given up: generous, because a slow
 * phone (or a machine whose cores are busy) takes tens of seconds to compile 9.6 MB of WebAssembly
 * and unpack the standard library, and giving up would only start it all again.
 */
const loadLimitMs = 180_000;

interface PythonSite {
  base: string;
  bytes: number;
  files: string[];
}

const find = <T extends Element = HTMLElement>(root: ParentNode, selector: string) => root.querySelector<T>(selector);

function siteOf(form: HTMLFormElement): PythonSite | undefined {
  const holder = find(form, '[data-python-base]');
  if (!holder) return undefined;
  return { base: holder.dataset.pythonBase!, bytes: Number(holder.dataset.pythonBytes), files: (holder.dataset.pythonFiles ?? '').split(' ') };
}

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Save-Data or a 2G/3G estimate: the learner pays for the download, so it waits for their first run. */
export function isMetered(): boolean {
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean; effectiveType?: string } }).connection;
  return connection?.saveData === true || /(^|-)(2g|3g)$/.test(connection?.effectiveType ?? '');
}

let download: Promise<void> | undefined;
let spare: Promise<Worker> | undefined;
const forms = new Set<HTMLFormElement>();

/** Show the download's state on every Python question of the page (they share one download). */
function showLoad(text: string, fraction?: number) {
  for (const form of forms) {
    const line = find(form, '[data-python-load]');
    if (!line) continue;
    line.hidden = text === '';
    const label = find(line, '[data-python-load-text]');
    if (label) label.textContent = text;
    const bar = find<HTMLProgressElement>(line, 'progress');
    if (bar) {
      bar.hidden = fraction === undefined;
      if (fraction !== undefined) bar.value = fraction;
    }
  }
}

/** Whether Pyodide is already on this device (the service worker's copy). */
async function isSaved(site: PythonSite): Promise<boolean> {
  try {
    return (await caches.match(`${site.base}pyodide.asm.wasm`)) !== undefined;
  } catch {
    return false;
  }
}

/** Fetch Pyodide's files once, counting bytes for the progress bar; the service worker keeps them. */
function fetchPyodide(site: PythonSite): Promise<void> {
  download ??= (async () => {
    let received = 0;
    const total = site.bytes;
    const update = () => showLoad(`Loading Python: ${megabytes(received)} of ${megabytes(total)}…`, Math.min(1, received / total));
    update();
    await Promise.all(
      site.files.map(async (file) => {
        const response = await fetch(`${site.base}${file}`);
        if (!response.ok || !response.body) throw new Error(`${file}: ${response.status}`);
        const reader = response.body.getReader();
        for (let part = await reader.read(); !part.done; part = await reader.read()) {
          received += part.value.byteLength;
          update();
        }
      }),
    );
    performance.mark('python-downloaded');
    showLoad('');
  })().catch((error: unknown) => {
    download = undefined;
    showLoad(`Python could not be loaded (${error instanceof Error ? error.message : String(error)}). Check the connection and run the tests again.`);
    throw error;
  });
  return download;
}

/** The worker's script: where Pyodide is, the shared Python runner, the loader, then the JavaScript sandbox's harness. */
function workerScript(site: PythonSite): string {
  const indexURL = new URL(site.base, location.href).href;
  // Pyodide's conversions test `instanceof Function`: the global stays (its constructors are still pinned, and the
  // page's policy has no 'unsafe-eval', so `Function("…")` throws EvalError all the same).
  return `const indexURL = ${JSON.stringify(indexURL)};\n${pythonRun}\n${pythonHarness}\n;${sandboxHarness}(pythonFactory, ['Function']);\n`;
}

/**
 * Where this device keeps the interpreter's start-up snapshot (a cache of its own: the service
 * worker's `course-python` holds only the site's files, and expires entries by count). gzip: the
 * 30 MB of memory are mostly zeros, about 7 MB stored.
 */
const snapshotCache = 'course-python-snapshot';
const snapshotKey = (site: PythonSite) => new URL(`${site.base}start-up-snapshot`, location.href).href;

/** The snapshot of a started interpreter, once a worker has made one (this page) or it was kept (an earlier visit). */
let snapshot: Promise<ArrayBuffer | undefined> | undefined;

function savedSnapshot(site: PythonSite): Promise<ArrayBuffer | undefined> {
  snapshot ??= (async () => {
    try {
      const response = await (await caches.open(snapshotCache)).match(snapshotKey(site));
      if (!response?.body) return undefined;
      return await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
    } catch {
      return undefined;
    }
  })();
  return snapshot;
}

/** Keep a worker's fresh snapshot for this page's next workers and, compressed, for the next visit (best effort). */
function keepSnapshot(site: PythonSite, made: ArrayBuffer) {
  snapshot = Promise.resolve(made);
  void (async () => {
    try {
      const body = new Blob([made]).stream().pipeThrough(new CompressionStream('gzip'));
      await (await caches.open(snapshotCache)).put(snapshotKey(site), new Response(body, { headers: { 'content-type': 'application/gzip' } }));
    } catch {
      /* no storage (private mode, quota): the next visit makes one again */
    }
  })();
}

/** A snapshot that did not start a worker is dropped, here and on the device: the next worker starts from scratch and makes another. */
function dropSnapshot(site: PythonSite) {
  snapshot = Promise.resolve(undefined);
  // (No Cache Storage at all on a page that is not a secure context: `caches` itself is missing.)
  void (async () => (await caches.open(snapshotCache)).delete(snapshotKey(site)))().catch(() => undefined);
}

/** A new worker that has loaded Pyodide and waits for code (it says `loaded` once, before any learner code is in it). */
async function startWorker(site: PythonSite): Promise<Worker> {
  const from = await savedSnapshot(site);
  try {
    return await startWorkerFrom(site, from);
  } catch (error) {
    if (!from) throw error;
    dropSnapshot(site);
    return startWorkerFrom(site, undefined);
  }
}

function startWorkerFrom(site: PythonSite, from: ArrayBuffer | undefined): Promise<Worker> {
  const url = URL.createObjectURL(new Blob([workerScript(site)], { type: 'text/javascript' }));
  const worker = new Worker(url, { type: 'module', name: 'python-tests' });
  URL.revokeObjectURL(url);
  // A copy (not a transfer): the page keeps the snapshot for the workers after this one.
  worker.postMessage(from ? { snapshot: from } : {});
  const started = new Promise<Worker>((resolve, reject) => {
    const timer = setTimeout(() => fail('Python took too long to start'), loadLimitMs);
    function fail(message: string) {
      clearTimeout(timer);
      worker.terminate();
      reject(new Error(message));
    }
    worker.addEventListener('message', function loaded(event: MessageEvent<unknown>) {
      worker.removeEventListener('message', loaded);
      worker.removeEventListener('error', failed);
      clearTimeout(timer);
      const data = event.data as { type?: unknown; snapshot?: unknown } | null;
      if (data?.type === 'loaded') {
        // Made before any learner code was in that worker: safe to start the next ones from.
        if (!from && data.snapshot instanceof ArrayBuffer) keepSnapshot(site, data.snapshot);
        // bench/python.bench.ts reads the first of these: from near the viewport to a run that can start.
        performance.mark('python-ready');
        resolve(worker);
      }
      else fail('Python did not start');
    });
    function failed(event: ErrorEvent) {
      event.preventDefault();
      fail(`Python could not start: ${event.message || 'the worker failed'}`);
    }
    worker.addEventListener('error', failed);
  });
  return started;
}

/** Load Pyodide now unless the connection is metered and it is not saved yet; then have a worker ready. */
export async function preparePython(form: HTMLFormElement): Promise<void> {
  const site = siteOf(form);
  if (!site) return;
  forms.add(form);
  if (download || spare) return;
  if (isMetered() && !(await isSaved(site))) {
    showLoad(`Python runs in your browser. The first run downloads ${megabytes(site.bytes)}, once: it is kept for offline use.`);
    return;
  }
  warm(site);
}

function warm(site: PythonSite) {
  if (spare) return;
  const next = fetchPyodide(site).then(() => startWorker(site));
  spare = next;
  // A spare that failed is not kept: the next run starts a new one.
  next.catch(() => { if (spare === next) spare = undefined; });
}

/**
 * A loaded worker for one run, fresh; the next run's worker starts loading once this one is taken.
 * Rejects with a sentence for the learner when Pyodide cannot be loaded.
 */
export async function pythonWorker(form: HTMLFormElement): Promise<Worker> {
  const site = siteOf(form);
  if (!site) throw new Error('This question has no Python runtime.');
  forms.add(form);
  warm(site);
  const worker = await spare!;
  spare = undefined;
  return worker;
}

/** Start the next run's worker (after a run has finished, so it does not compete with one). */
export function warmPython(form: HTMLFormElement): void {
  const site = siteOf(form);
  if (site && download) warm(site);
}
