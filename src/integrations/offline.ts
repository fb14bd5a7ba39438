import type { AstroIntegration } from 'astro';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSW, type GenerateSWOptions } from 'workbox-build';

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
  // Pagefind's ready-made UIs and highlighter: the site uses its own search box over the JS API.
  'pagefind/pagefind-ui.*',
  'pagefind/pagefind-modular-ui.*',
  'pagefind/pagefind-component-ui.*',
  'pagefind/pagefind-highlight.js',
  'pagefind/playground/**',
  // The search core for pages of no known language; every page is indexed as English (src/integrations/search.ts).
  'pagefind/wasm.unknown.pagefind',
];

/** The service worker for the built site in `outDir`: the whole course precached at install, nothing else cached. */
export function serviceWorkerOptions(outDir: string): GenerateSWOptions {
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
    runtimeCaching: [
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

/**
 * Writes dist/sw.js, a Workbox service worker that precaches the whole built course. Runs at `astro:build:done`
 * after the search integration, so the Pagefind index is in dist/ by then: list it after `searchIndex()`.
 */
export default function offline(): AstroIntegration {
  return {
    name: 'offline',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const { count, size, warnings } = await generateSW(serviceWorkerOptions(outDir));
        // Workbox only warns when it leaves a file out (too big, say): for an offline course that is a defect.
        if (warnings.length > 0) throw new Error(`The service worker would not hold the whole course:\n${warnings.join('\n')}`);
        logger.info(`/${serviceWorkerFile} precaches ${count} files, ${(size / 1024).toFixed(0)} KB`);
      },
    },
  };
}
