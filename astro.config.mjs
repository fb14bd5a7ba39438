// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { fileURLToPath } from 'node:url';
import { unified } from '@astrojs/markdown-remark';
// Node loads this config itself, with no Vite server to compile it (Astro falls back to one only when Node cannot):
// src/ is TypeScript written for bundler resolution, so the hook that lets Node find `./problems` as `./problems.ts`
// comes first, and the modules of src/ are imported after it, dynamically (static imports resolve before it runs).
import './src/lib/resolve-ts.ts';

const { remarkPlugins, rehypePlugins } = await import('./src/markdown/index.ts');
const { default: courseValidation, loadFormulaValidation } = await import('./src/integrations/course-validation.ts');
const { default: searchIndex } = await import('./src/integrations/search.ts');
const { default: offline } = await import('./src/integrations/offline.ts');
const { default: chartFiles } = await import('./src/integrations/chart-files.ts');
const { default: lastGoodSite } = await import('./src/integrations/last-good-site.ts');
const { default: cacheSeal } = await import('./src/integrations/cache-seal.ts');
const { default: pyodide } = await import('./src/integrations/pyodide.ts');
const { default: authorGuide } = await import('./src/integrations/author-guide.ts');
const { default: mathFont } = await import('./src/integrations/math-font.ts');
const { lastBuild } = await import('./src/integrations/build-fingerprint.ts');
const { cachedMdxProcessor } = await import('./src/markdown/mdx-cache.ts');
const { shikiColourClasses } = await import('./src/markdown/shiki-classes.ts');
const { vendorModules } = await import('./src/integrations/vendor-modules.ts');

const lastBuildRecord = lastBuild();
// mathjs, for formula questions, only when the course has one; here because, were Astro to load this config through
// Vite, no hook could import it (a dev server loads it later if an author adds one: src/authoring/content-watch.ts).
await loadFormulaValidation(fileURLToPath(new URL('./content', import.meta.url)));

export default defineConfig({
  site: 'https://course.example.org',
  trailingSlash: 'always',
  // Astro 7's default Markdown processor (Sätteri) runs no remark/rehype plugins; math needs unified.
  markdown: {
    // Compiled lessons are kept between builds (src/markdown/mdx-cache.ts): an unchanged lesson is not compiled again.
    processor: cachedMdxProcessor(unified({ remarkPlugins, rehypePlugins }), { root: fileURLToPath(new URL('.', import.meta.url)) }),
    // High-contrast pair: the plain GitHub themes fail WCAG AA contrast for some tokens.
    // Token colours as classes of src/styles/shiki-colours.css, not a style on every token (src/markdown/shiki-classes.ts).
    shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' }, transformers: [shikiColourClasses()] },
  },
  // chartFiles moves the chart drawings still inline in pages into files (src/charts/external.ts) before anything reads dist.
  // mathFont cuts the math font to the characters of the whole site's formulas, so after the merge and before the
  // service worker precaches it.
  // searchIndex, pyodide and offline run after the build, in this order: the service worker precaches the search index
  // and runtime-caches Pyodide.
  // mdx optimize: the static parts of a lesson (prose, KaTeX, Shiki) compile to HTML strings instead of JSX calls,
  // which makes compiling and rendering a lesson several times cheaper (bench/RESULTS.md).
  // lastGoodSite comes last: the build is written to dist.staging/ and swapped in for dist/ only once everything before it is done.
  // cacheSeal comes first: it checks every cache against the seal the last build left before anything reads one.
  // lastBuild's check comes before everything: a build whose inputs and dist/ are as the last finished build left them
  // stops at once (src/integrations/build-fingerprint.ts), one where only lessons changed builds just their pages
  // (src/integrations/incremental-build.ts) and its merge links the rest of the last site in before anything reads
  // the whole site; its record comes after the swap.
  integrations: [lastBuildRecord.check, cacheSeal(), courseValidation(), authorGuide(), mdx({ optimize: true }), chartFiles(), lastBuildRecord.merge, mathFont(), searchIndex(), pyodide(), offline(), lastGoodSite(), lastBuildRecord.record],
  // Every page's CSS in <style> elements (about 33 KB raw, 7 KB gzip a lesson): on a phone's first visit five
  // stylesheet requests held the first paint back (Lighthouse's render-blocking estimate 450–750 ms on slow 4G, bench/RESULTS.md).
  // Astro adds each element's hash to the CSP <meta> below; public/_headers explains why the header needs none.
  build: { inlineStylesheets: 'always' },
  // Every script, font and image is a file under 'self': no inline script needing a per-build hash, no data: URL,
  // so the CSP below can also be sent unchanged as an HTTP header (public/_headers, docs/deploy.md).
  vite: {
    // CodeMirror, mathjs, Vega's runtime, Sucrase and Temml reach the client build prebuilt (src/client/vendor/,
    // npm run vendor-modules), not as ~1,500 modules to resolve, transform and minify again on every build.
    plugins: [vendorModules(fileURLToPath(new URL('.', import.meta.url)))],
    build: {
      assetsInlineLimit: 0,
      rolldownOptions: {
        // Astro's own "use astro:head-inject" marker in every compiled lesson makes the bundler warn that a module-level
        // directive may not be kept; Astro reads it before bundling, so the warning is noise an author cannot act on.
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && String(log.message).includes('astro:head-inject')) return;
          handler(level, log);
        },
      },
    },
  },
  devToolbar: { enabled: false },
  // Pages whose getStaticPaths() cacheKey and module graph are unchanged are copied from the previous build
  // (kept in node_modules/.astro/): editing one lesson re-renders that lesson and the few pages that name it.
  experimental: { incrementalBuild: true },
  // The Content-Security-Policy <meta> on every page (build only; Astro does not apply it in dev).
  // Why each source is there: docs/deploy.md.
  security: {
    csp: {
      // worker-src blob: is the code challenges' sandbox (docs/code-challenges.md): each run is a Blob worker, which
      // inherits this policy, so learner code runs with no 'unsafe-eval' on every host, header or not.
      directives: ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "worker-src 'self' blob:"],
      // 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly search core; it does not allow eval().
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      // Stylesheets only from the site's own files; style="" attributes allowed, because KaTeX (at build) and Shiki
      // write them into the HTML for every formula and code token.
      styleDirective: {
        resources: [
          { resource: "'self'", kind: 'element' },
          { resource: "'unsafe-inline'", kind: 'attribute' },
        ],
      },
    },
  },
});
