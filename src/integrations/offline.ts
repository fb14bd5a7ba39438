import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Types only: workbox-build (Rollup, Babel, Terser; ~0.5 s to import) is loaded when a build writes the worker, never in dev.
import type { GenerateSWOptions, ManifestEntry, ManifestTransform, RuntimeCaching } from 'workbox-build';
import { lessonPagePattern, reviewFilePattern, maxPrecachedLessons, precachePolicy, type PrecachePolicy } from '../lib/offline-policy';

/** The service worker's URL; the registration script in src/client/offline uses the same one. */
export const serviceWorkerFile = 'sw.js';

/** Served when a learner opens a page the precache does not hold while offline. */
export const offlineFallbackPage = '/404.html';

/**
 * What the precache leaves out, relative to dist/. Everything else the build wrote is precached, so a chart or
 * quiz script, a data file or a new page added later is offline without touching this list.
 */
export const precacheIgnores = [
  // KaTeX ships each font three times; every browser that runs a service worker reads woff2, so the .woff and
  // .ttf copies would only double the download.
  '**/*.woff',
  '**/*.ttf',
  '**/*.map',
  // Host configuration, not a resource of the site.
  '_headers',
  // Pyodide (about 13 MB): fetched only by a page with a Python question, then kept (runtime cache below).
  'pyodide/**',
  // Pagefind's ready-made UIs and highlighter: the site uses its own search box over the JS API.
  'pagefind/pagefind-ui.*',
  'pagefind/pagefind-modular-ui.*',
  'pagefind/pagefind-component-ui.*',
  'pagefind/pagefind-highlight.js',
  'pagefind/playground/**',
  // The search core for pages of no known language; every page is indexed as English (src/integrations/search.ts).
  'pagefind/wasm.unknown.pagefind',
];

/**
 * What a course over the lesson threshold (src/lib/offline-policy.ts) leaves to runtime caching: lesson pages, their
 * review files (the Review page's templates of a lesson's questions, one per lesson) and Pagefind's per-page result
 * fragments (one per page; the search index itself, its WebAssembly core and metadata stay precached, so search
 * still finds every lesson offline and shows the excerpts of the ones saved).
 */
export function isRuntimeCached(url: string): boolean {
  return lessonPagePattern.test(url) || reviewFilePattern.test(url) || url.startsWith('pagefind/fragment/');
}

/** Runtime caches of the shell policy; their names carry no release, the pages are refreshed when online. */
export const lessonCacheName = 'course-lessons';
export const searchFragmentCacheName = 'course-search-fragments';
/** Pyodide, once a page with a Python question has loaded it (src/client/code/python.ts). */
export const pythonCacheName = 'course-python';

/**
 * The runtime routes of the shell policy (typed here, so that their functions need no annotations); new objects
 * each time, because Workbox's option validation writes its defaults into them.
 */
const shellRoutes = (): RuntimeCaching[] => [
  {
    // Result excerpts: content-hashed names, so a saved one never goes stale.
    urlPattern: ({ url }) => url.pathname.startsWith('/pagefind/fragment/'),
    handler: 'CacheFirst',
    options: { cacheName: searchFragmentCacheName, expiration: { maxEntries: 2000 } },
  },
  {
    // Lesson pages: fresh from the network when there is one, the copy saved on the last visit when not;
    // offline and never visited, the precached "page not found".
    // (Workbox copies this function's source into sw.js: it may use nothing from this module. No type annotations
    // in these functions: their source keys the worker's template, and must read the same whoever strips the types.)
    urlPattern: ({ request, url }) =>
      request.mode === 'navigate' && /^\/[^/]+\/\d+\.\d+\.\d+\/(?:index\.html)?$/.test(url.pathname),
    handler: 'NetworkFirst',
    options: {
      cacheName: lessonCacheName,
      networkTimeoutSeconds: 5,
      expiration: { maxEntries: 2000 },
      precacheFallback: { fallbackURL: offlineFallbackPage },
    },
  },
  {
    // A lesson's review file (fetched by its lesson page when opened, and by the Review page): kept with the lessons,
    // so the questions of a lesson saved on this device come up on the Review page offline. No fallback page: the
    // Review page leaves out what it cannot fetch.
    urlPattern: ({ url }) => /^\/review\/questions\/\d+\.\d+\.\d+\/(?:index\.html)?$/.test(url.pathname),
    handler: 'NetworkFirst',
    options: { cacheName: lessonCacheName, networkTimeoutSeconds: 5, expiration: { maxEntries: 2000 } },
  },
];

/**
 * The service worker for the built site in `outDir`.
 *
 * - `whole-course` (the default; courses of up to 60 lessons): everything precached at install, nothing else
 *   cached; offline, every page works.
 * - `shell`: the same precache without lesson pages, their review files and search fragments; a lesson opened online is
 *   kept with its review file (network first, the saved copy offline), a search result's fragment once shown is kept. Offline, a lesson
 *   never opened gets the precached "page not found", which says it is not saved on this device.
 */
export function serviceWorkerOptions(outDir: string, policy: PrecachePolicy = 'whole-course'): GenerateSWOptions {
  const shellOnly: ManifestTransform = (entries) => ({ manifest: entries.filter((e) => !isRuntimeCached(e.url)), warnings: [] });
  return {
    globDirectory: outDir,
    globPatterns: ['**/*'],
    globIgnores: precacheIgnores,
    swDest: join(outDir, serviceWorkerFile),
    cacheId: 'course',
    // One file to deploy and to compare on update, instead of sw.js plus a workbox-<hash>.js beside it.
    inlineWorkboxRuntime: true,
    mode: 'production',
    sourcemap: false,
    // Vega is about 1 MB minified; the default 2 MB limit is kept well clear of but a silent skip would be worse.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    // Astro's and Pagefind's content-hashed files change name when they change: no cache-busting revision needed.
    dontCacheBustURLsMatching: /^(?:_astro\/|pagefind\/(?:index|fragment)\/)/,
    // `/x/` is served from the precached `/x/index.html`, as the static host does.
    directoryIndex: 'index.html',
    // No query string changes what a static page or file contains (Pagefind adds `?ts=` to its entry file),
    // so all of them are ignored when looking a request up in the precache.
    ignoreURLParametersMatching: [/.*/],
    // A new release waits until the learner accepts the reload (src/client/offline): a page keeps the HTML and
    // the scripts of one release. With skipWaiting false, Workbox adds the SKIP_WAITING message listener that
    // `messageSkipWaiting()` talks to.
    skipWaiting: false,
    // On the very first install, take the open page over at once, so a search or chart loaded later on that
    // same page is served from the precache if the network goes away. Claiming cannot mix releases here:
    // the first page came from the network with the same release the worker precached.
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    // Shell: lesson pages and result fragments never reach the manifest. The globs only spare Workbox from
    // hashing hundreds of megabytes of pages it would drop; shellOnly is the exact rule.
    ...(policy === 'shell'
      ? { globIgnores: [...precacheIgnores, '*/[0-9]*.[0-9]*.[0-9]*/index.html', 'review/questions/**', 'pagefind/fragment/**'], manifestTransforms: [shellOnly] }
      : {}),
    runtimeCaching: [
      {
        // Pyodide's files sit under a folder named by its version: a saved copy never goes stale.
        urlPattern: ({ url }: { url: URL }) => url.pathname.startsWith('/pyodide/'),
        handler: 'CacheFirst' as const,
        options: { cacheName: pythonCacheName, expiration: { maxEntries: 20 } },
      },
      ...(policy === 'shell' ? shellRoutes() : []),
      {
        // A page outside the precache (one added by a newer release, or a mistyped URL) goes to the network;
        // offline, the precached "page not found" answers instead of the browser's error page.
        urlPattern: ({ request }) => request.mode === 'navigate',
        handler: 'NetworkOnly',
        options: { precacheFallback: { fallbackURL: offlineFallbackPage } },
      },
    ],
  };
}

/** The lesson pages of dist/, and the bytes a whole-course precache would hold (the same ignores, no Workbox run). */
function scanDist(outDir: string): { total: number; lessons: number } {
  const ignored = precacheIgnores.map((glob) => globRegExp(glob));
  let total = 0;
  let lessons = 0;
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), path);
      else if (path !== serviceWorkerFile && !ignored.some((re) => re.test(path))) {
        total += statSync(join(dir, entry.name)).size;
        if (lessonPagePattern.test(path)) lessons += 1;
      }
    }
  };
  walk(outDir, '');
  return { total, lessons };
}

/** The few glob forms {@link precacheIgnores} uses (`**` any path, `*` within a segment) as a RegExp. */
function globRegExp(glob: string): RegExp {
  const source = glob
    .split('**/')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\0').replace(/\*/g, '[^/]*').replace(/\0/g, '.*'))
    .join('(?:.*/)?');
  return new RegExp(`^${source}$`);
}

const manifestSentinel = '__COURSE_PRECACHE_MANIFEST__';

/** A precache manifest written the way Workbox's minified output writes it (`{url:"…",revision:"…"}`). */
function manifestSource(entries: readonly ManifestEntry[]): string {
  return entries.map((e) => `{url:${JSON.stringify(e.url)},revision:${e.revision === null || e.revision === undefined ? 'null' : JSON.stringify(e.revision)}}`).join(',');
}

/**
 * One of workbox-build's modules, loaded when first needed: its entry module loads the whole bundler (~1 s), which
 * only a template build uses, and dev uses none of it. Required natively: at astro:build:done Vite's module
 * runner, which would serve an import() from here, is already closed.
 */
function loadWorkbox<T>(module: 'get-manifest' | 'generate-sw'): T {
  return createRequire(import.meta.url)(`workbox-build/build/${module}.js`) as T;
}

/** The options that shape the worker's code, without those that only choose what the manifest lists. */
function codeOptions(options: GenerateSWOptions) {
  const { swDest, globDirectory, globPatterns, globIgnores, manifestTransforms, dontCacheBustURLsMatching, maximumFileSizeToCacheInBytes, ...code } = options;
  return code;
}

/** The file name of the worker's code for `options` (without its manifest): it changes with the options and Workbox. */
export function serviceWorkerTemplateName(options: GenerateSWOptions): string {
  const code = codeOptions(options);
  let workboxVersion = 'unknown';
  try {
    workboxVersion = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('workbox-build/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // resolved differently: the options alone key the template
  }
  const key = createHash('sha256')
    // A function's source reads differently once its types are stripped by Node or transformed by Vite (spacing,
    // quotes): neither changes the worker Workbox bundles from it.
    .update(JSON.stringify({ workboxVersion, code }, (_k, v: unknown) => (typeof v === 'function' ? String(v).replace(/\s+/g, '').replaceAll("'", '"') : v instanceof RegExp ? String(v) : v)))
    .digest('hex')
    .slice(0, 24);
  return `sw-${key}.js`;
}

/** The worker's code for `options` with a placeholder manifest, bundled by Workbox (Rollup, Babel, Terser: seconds). */
export async function buildServiceWorkerTemplate(options: GenerateSWOptions): Promise<string> {
  const code = codeOptions(options);
  const scratch = mkdtempSync(join(tmpdir(), 'course-sw-'));
  try {
    const { generateSW } = loadWorkbox<typeof import('workbox-build/build/generate-sw.js')>('generate-sw');
    await generateSW({
      ...code,
      globDirectory: scratch,
      globPatterns: [],
      additionalManifestEntries: [{ url: manifestSentinel, revision: null }],
      swDest: join(scratch, 'sw.js'),
    });
    return readFileSync(join(scratch, 'sw.js'), 'utf8');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Where the project keeps the worker's code for its own options, built ahead (`npm run sw-templates`), so that
 * even a cold build (no node_modules/.cache) never runs Workbox's bundler; test/unit/offline-templates.test.ts
 * fails when a change to the options or to Workbox leaves them stale.
 */
export const shippedTemplatesDir = 'src/integrations/sw-templates';

/**
 * Writes the service worker for `options` with the precache manifest of `dist/`.
 *
 * Workbox's generateSW bundles and minifies the worker (Rollup, Babel, Terser) on every build, 3–4 s whatever
 * the size of the course. The worker's code only changes with the options and Workbox's version, so it is built
 * once with a placeholder manifest and kept: in `templateDirs` (the shipped templates, then the build cache) and,
 * when none holds it, built and kept under `cacheDir`. Each build computes the manifest (getManifest: the
 * same globs, transforms and revisions) and puts it in place of the placeholder.
 */
export async function writeServiceWorker(options: GenerateSWOptions, cacheDir: string, templateDirs: readonly string[] = []): Promise<{ count: number; size: number; warnings: string[] }> {
  const { swDest, globDirectory, globPatterns, globIgnores, manifestTransforms, dontCacheBustURLsMatching, maximumFileSizeToCacheInBytes } = options;
  if (!swDest || !globDirectory) throw new Error('writeServiceWorker needs swDest and globDirectory');
  const name = serviceWorkerTemplateName(options);
  const templateFile = join(cacheDir, name);
  let template: string | undefined;
  for (const dir of [...templateDirs, cacheDir]) {
    try {
      template = readFileSync(join(dir, name), 'utf8');
      break;
    } catch {
      // not there: the next place, or build it
    }
  }
  // The manifest needs only Workbox's glob and hash part.
  const { getManifest } = loadWorkbox<typeof import('workbox-build/build/get-manifest.js')>('get-manifest');
  if (template === undefined) {
    template = await buildServiceWorkerTemplate(options);
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(`${templateFile}.${process.pid}.tmp`, template);
    renameSync(`${templateFile}.${process.pid}.tmp`, templateFile);
  }
  const placeholder = `{url:"${manifestSentinel}",revision:null}`;
  if (template.split(placeholder).length !== 2) throw new Error(`The service worker template ${templateFile} does not hold the manifest placeholder once`);
  const globOptions = { globDirectory, globPatterns, globIgnores, manifestTransforms, dontCacheBustURLsMatching, maximumFileSizeToCacheInBytes };
  // Workbox's validation refuses keys present with the value undefined.
  const manifest = await getManifest(Object.fromEntries(Object.entries(globOptions).filter(([, v]) => v !== undefined)) as typeof globOptions);
  writeFileSync(swDest, template.replace(placeholder, () => manifestSource(manifest.manifestEntries)));
  return { count: manifest.count, size: manifest.size, warnings: manifest.warnings };
}

/**
 * Writes dist/sw.js, a Workbox service worker that precaches the whole built course (or its shell, see
 * src/lib/offline-policy.ts). Runs at `astro:build:done` after the search integration, so the Pagefind index is
 * in dist/ by then: list it after `searchIndex()`.
 */
export default function offline(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'offline',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const { total, lessons } = scanDist(outDir);
        const policy = precachePolicy(lessons);
        const { count, size, warnings } = await writeServiceWorker(serviceWorkerOptions(outDir, policy), join(root, 'node_modules', '.cache', 'course-sw'), [join(root, shippedTemplatesDir)]);
        // Workbox only warns when it leaves a file out (too big, say): for an offline course that is a defect.
        if (warnings.length > 0) throw new Error(`The service worker would not hold the whole course:\n${warnings.join('\n')}`);
        const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
        logger.info(
          policy === 'whole-course'
            ? `/${serviceWorkerFile} precaches the whole course: ${count} files, ${kb(size)}`
            : `/${serviceWorkerFile} precaches the shell: ${count} files, ${kb(size)}; the ${lessons} lessons (over ${maxPrecachedLessons}; the whole course would be ${kb(total)}) are saved as they are opened`,
        );
      },
    },
  };
}
