import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);

/** A library the browser gets as its project's own minified build (UMD), not bundled by us. */
export interface PrebuiltLibrary {
  /** The bare import the client code writes. */
  readonly id: string;
  /** The minified build's file name, beside the file the import resolves to in Node. */
  readonly file: string;
  /** The global the build defines when run as a script or a module. */
  readonly global: string;
}

/**
 * The libraries shipped prebuilt: those whose projects publish a minified build that is what the page needs (issue
 * 23: minifying them was most of the client bundle's time in every build, though they change only with their
 * package). KaTeX for the formula preview. Not Vega: the live charts import only the View and the transforms they
 * run from Vega's own packages (src/client/charts/vega-runtime.ts), 343 KB against vega.min.js's whole library, and
 * a smaller chunk is what a waking chart waits for. CodeMirror and mathjs publish none that fits (mathjs's is the
 * whole library, four times what the formula engine takes of it), so they stay bundled.
 */
export const prebuiltLibraries: readonly PrebuiltLibrary[] = [{ id: 'katex', file: 'katex.min.js', global: 'katex' }];

/** The library's minified build, as its project ships it: nothing of ours in it, so nothing to rebuild. */
export function prebuiltSource(library: PrebuiltLibrary): string {
  // The import resolves to the build folder (katex/dist/katex.js); the minified build is beside it.
  return readFileSync(join(dirname(require.resolve(library.id)), library.file), 'utf8');
}

/** `_astro/<id>.<content hash>.min.js`: named by its bytes, so the site's one-year cache of `_astro/` is right for it. */
export function prebuiltFileName(library: PrebuiltLibrary, source: string): string {
  return `_astro/${library.id}.${createHash('sha256').update(source).digest('hex').slice(0, 10)}.min.js`;
}

/**
 * The names the prebuilt file defines, read by running it once as CommonJS in a sandbox (tens of ms): the shim
 * re-exports exactly what the shipped file has. (Vega's ES modules cannot say: they use top-level await, so only an
 * asynchronous import could load them, and the Vite module runner the config came from is closed by the time the
 * client build runs.)
 */
export function prebuiltExportNames(source: string): string[] {
  const module: { exports: object } = { exports: {} };
  runInNewContext(source, { module, exports: module.exports });
  return Object.keys(module.exports);
}

/**
 * The module that stands for the library in the browser: it imports the prebuilt file (a UMD script: run as a module
 * it sets `globalThis[global]`, as it would as a classic script), exports that object as the default and each of its
 * names, so `import katex from 'katex'` and `import * as katex from 'katex'` read the same API.
 */
export function prebuiltShim(url: string, global: string, names: readonly string[]): string {
  const bindings = names.filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
  const library = `globalThis[${JSON.stringify(global)}]`;
  return [
    `import ${JSON.stringify(url)};`,
    // globalThis.Error: a library may export a name `Error` (Vega does: a log level), which the bindings below declare here.
    `if (!${library}) throw new globalThis.Error(${JSON.stringify(`${global} did not load from ${url}`)});`,
    `export default ${library};`,
    `export const { ${bindings.join(', ')} } = ${library};`,
    '',
  ].join('\n');
}

const shimId = (library: PrebuiltLibrary) => `\0course-prebuilt:${library.id}`;

/**
 * The file as the chunk importing it names it: relative, since every client chunk is in `_astro/` beside it. Not
 * root-relative: a SCORM package (src/lms/package.ts) makes the pages' links relative but not the scripts' imports,
 * and an LMS serves the package under a path of its own, so `/_astro/…` would miss there.
 */
const relativeToChunk = (fileName: string) => `./${fileName.slice(fileName.lastIndexOf('/') + 1)}`;

/**
 * In the client build, each library of {@link prebuiltLibraries} is its project's own minified file, copied as it
 * is, instead of its ES modules bundled and minified again on every build: the bundler never parses or minifies
 * it. Only the build's client environment: the server uses the ES modules (charts and formulas at build), and the
 * dev server pre-bundles the libraries as it does any dependency.
 */
export function prebuiltLibrariesPlugin(): Plugin {
  const files = new Map<string, { library: PrebuiltLibrary; source: string; fileName: string }>();
  return {
    name: 'course-prebuilt-libraries',
    apply: 'build',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name === 'client',
    resolveId(id) {
      const library = prebuiltLibraries.find((l) => l.id === id);
      if (library) return shimId(library);
      if ([...files.values()].some((f) => relativeToChunk(f.fileName) === id)) return { id, external: true };
      return null;
    },
    load(id) {
      const library = prebuiltLibraries.find((l) => shimId(l) === id);
      if (!library) return null;
      const source = prebuiltSource(library);
      const fileName = prebuiltFileName(library, source);
      files.set(library.id, { library, source, fileName });
      this.emitFile({ type: 'asset', fileName, source });
      return prebuiltShim(relativeToChunk(fileName), library.global, prebuiltExportNames(source));
    },
  };
}
