import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);

/** The module id the client build's `import … from 'vega'` becomes. */
const SHIM_ID = '\0course-vega-prebuilt';

/** Vega's own minified build (UMD), as the Vega project ships it: nothing of ours in it, so nothing to rebuild. */
export function vegaPrebuiltSource(): string {
  // 'vega' resolves to build/vega.module.js (the package exports no package.json); the minified build is beside it.
  return readFileSync(join(dirname(require.resolve('vega')), 'vega.min.js'), 'utf8');
}

/**
 * The names the prebuilt file defines, read by running it once as CommonJS in a sandbox (~40 ms): the shim
 * re-exports exactly what the shipped file has. (Vega's ES modules cannot say: they use top-level await, so
 * only an asynchronous import could load them, and the Vite module runner the config came from is closed by
 * the time the client build runs.)
 */
export function vegaExportNames(source: string): string[] {
  const module = { exports: {} };
  runInNewContext(source, { module, exports: module.exports });
  return Object.keys(module.exports);
}

/** `_astro/vega.<content hash>.min.js`: named by its bytes, so the site's one-year cache of `_astro/` is right for it. */
export function vegaPrebuiltFileName(source: string): string {
  return `_astro/vega.${createHash('sha256').update(source).digest('hex').slice(0, 10)}.min.js`;
}

/**
 * The module that stands for 'vega' in the browser: it imports the prebuilt file (a UMD script: run as a module it
 * sets `globalThis.vega`, as it would as a classic script) and re-exports every name the file defines, so
 * `import * as vega from 'vega'` reads the same API.
 */
export function vegaShim(url: string, names: readonly string[]): string {
  const bindings = names.filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
  return [
    `import ${JSON.stringify(url)};`,
    // globalThis.Error: Vega exports a name `Error` (a log level), which the bindings below declare in this module.
    `if (!globalThis.vega) throw new globalThis.Error(${JSON.stringify(`Vega did not load from ${url}`)});`,
    `export const { ${bindings.join(', ')} } = globalThis.vega;`,
    '',
  ].join('\n');
}

/**
 * In the client build, 'vega' is Vega's own minified file, copied as it is, instead of Vega's ~40 ES modules
 * bundled and minified again on every build: the bundler never parses or minifies it (issue 23: most of the
 * client bundle's time, in every build, was minifying Vega for the chart explorer, which changes only when
 * the vega package does). Only the build's client environment: the server renders charts with the ES modules
 * (src/charts/render.ts), and the dev server pre-bundles 'vega' as it does any dependency.
 */
export function vegaPrebuilt(): Plugin {
  let source = '';
  let fileName = '';
  let base = '/';
  return {
    name: 'course-vega-prebuilt',
    apply: 'build',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name === 'client',
    configResolved(config) {
      base = config.base;
    },
    buildStart() {
      source = vegaPrebuiltSource();
      fileName = vegaPrebuiltFileName(source);
    },
    resolveId(id) {
      if (id === 'vega') return SHIM_ID;
      if (id === base + fileName) return { id, external: true };
      return null;
    },
    load(id) {
      if (id !== SHIM_ID) return null;
      this.emitFile({ type: 'asset', fileName, source });
      return vegaShim(base + fileName, vegaExportNames(source));
    },
  };
}
