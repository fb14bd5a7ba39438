import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * Modules of ours that only re-export what the browser takes of a big library. The client build does not bundle
 * them: each is bundled and minified once by esbuild into `_astro/<name>.<content hash>.js` (the library's modules
 * flattened, tree-shaken to the names re-exported), which the chunks that import the module load. Rolldown, with
 * Vite's and Astro's plugin hooks on every module, spent ~1–1.4 CPU s on each of these two in every build (issue
 * 23); esbuild takes ~0.2–0.4 s, and nothing on a build that finds its output cached. The server and dev import the
 * modules as they are.
 */
export const prebundledModules: readonly string[] = ['src/client/code/codemirror.ts', 'src/quiz/expression/mathjs.ts'];

/** A prebundled module: its minified code, and the package folders it holds with their versions. */
export interface Prebundle {
  readonly code: string;
  /** Folder (relative to the project, `node_modules/<name>` or nested) → the version of the package installed there. */
  readonly packages: Readonly<Record<string, string>>;
}

/** `…/node_modules/<name>/…` → the folder of the package the file is in (the innermost node_modules), with its name. */
export function packageOfPath(path: string): { dir: string; name: string } | undefined {
  const m = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(path);
  return m ? { dir: m[1], name: m[2] } : undefined;
}

/** A bare import's package (`@codemirror/view`, `mathjs` from `mathjs/number`); nothing for a relative or virtual one. */
export function packageOfImport(source: string): string | undefined {
  if (/^[./\0]|^[a-z]+:/i.test(source)) return undefined;
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const versionAt = (root: string, dir: string): string | undefined => {
  try {
    return (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
};

/** Bundles one of {@link prebundledModules} with esbuild: browser conditions, ES module, minified. */
export async function prebundle(root: string, file: string): Promise<Prebundle> {
  // Required here, not imported at the top: only a client build needs esbuild (Astro's own dependency). Natively:
  // the Vite module runner that loaded the config is closed by the time the client build starts.
  const { build } = require('esbuild') as typeof import('esbuild');
  const result = await build({
    absWorkingDir: root, entryPoints: [file], bundle: true, minify: true, write: false, format: 'esm', platform: 'browser',
    target: 'es2022', define: { 'process.env.NODE_ENV': '"production"' }, metafile: true, logLevel: 'silent',
  });
  // `(disabled):crypto`: a module a package's `browser` field turns off (seedrandom's Node crypto), bundled as empty.
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('(disabled):') && input !== file);
  const ours = inputs.filter((input) => !packageOfPath(input));
  // A module of ours bundled in here would be a second copy beside the one the rest of the client imports.
  if (ours.length > 0) throw new Error(`${file}: a prebundled module may import only packages, not ${ours.join(', ')}`);
  const packages: Record<string, string> = {};
  for (const input of inputs) {
    const { dir } = packageOfPath(input)!;
    packages[dir] ??= versionAt(root, dir) ?? 'unknown';
  }
  return { code: result.outputFiles[0].text, packages };
}

/** Bump when {@link prebundle}'s options change, so no older output is reused. */
const PREBUNDLE_VERSION = 1;

/**
 * {@link prebundle}, kept in `cacheDir` between builds: keyed by the module's source, esbuild's version and this
 * file's options, and reused only while every package it holds is installed at the version it was made from. (The
 * folder is under node_modules/.cache, so the cache seal checks its bytes before a build reads them.)
 */
export async function cachedPrebundle(root: string, file: string, cacheDir: string): Promise<Prebundle> {
  const esbuildVersion = (require('esbuild') as typeof import('esbuild')).version;
  const key = createHash('sha256').update(`${PREBUNDLE_VERSION}\0${esbuildVersion}\0${file}\0${readFileSync(join(root, file), 'utf8')}`).digest('hex').slice(0, 16);
  const codeFile = join(cacheDir, `${key}.js`);
  const packagesFile = join(cacheDir, `${key}.json`);
  if (existsSync(codeFile) && existsSync(packagesFile)) {
    const packages = JSON.parse(readFileSync(packagesFile, 'utf8')) as Record<string, string>;
    if (Object.entries(packages).every(([dir, version]) => versionAt(root, dir) === version)) return { code: readFileSync(codeFile, 'utf8'), packages };
  }
  const made = await prebundle(root, file);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(codeFile, made.code);
  writeFileSync(packagesFile, JSON.stringify(made.packages));
  return made;
}

/** `_astro/<module's name>.<content hash>.js`, like the bundler's own chunks. */
export function prebundledFileName(module: string, code: string): string {
  const name = module.slice(module.lastIndexOf('/') + 1).replace(/\.ts$/, '');
  return `_astro/${name}.${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js`;
}

const prebundledId = (module: string) => `\0course-prebundled:${module}`;

/**
 * The client build's half of {@link prebundledModules}: an import that resolves to one of them is a module that
 * re-exports its prebundled file (emitted as is, external to the bundler); an import of a package that a prebundled
 * file holds, from anywhere else in our code, is an error naming both (a second copy of CodeMirror's state module,
 * say, breaks every editor).
 */
export function prebundledModulesPlugin(root: string, cacheDir = join(root, 'node_modules', '.cache', 'course-prebundled')): Plugin {
  const files = new Map<string, { fileName: string; code: string; packageNames: Set<string> }>();
  const entryNames = new Set(prebundledModules.map((m) => m.slice(m.lastIndexOf('/') + 1).replace(/\.ts$/, '')));
  return {
    name: 'course-prebundled-modules',
    apply: 'build',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name === 'client',
    async buildStart() {
      const made = await Promise.all(prebundledModules.map((m) => cachedPrebundle(root, m, cacheDir)));
      prebundledModules.forEach((m, i) => {
        const packageNames = new Set(Object.keys(made[i].packages).map((dir) => packageOfPath(`${dir}/`)!.name));
        files.set(m, { fileName: prebundledFileName(m, made[i].code), code: made[i].code, packageNames });
      });
    },
    async resolveId(source, importer) {
      if ([...files.values()].some((f) => relativeToChunk(f.fileName) === source)) return { id: source, external: true };
      const pkg = packageOfImport(source);
      if (pkg && importer && !packageOfPath(importer) && !importer.startsWith('\0')) {
        const holder = [...files].find(([, f]) => f.packageNames.has(pkg));
        if (holder) throw new Error(`${importer}: imports '${source}', which the browser gets prebundled in ${holder[0]}: import it from there, so the page has one copy`);
      }
      // Only a relative import named like one of the modules can be one: no second resolution for every other import.
      const name = source.slice(source.lastIndexOf('/') + 1).replace(/\.(ts|js)$/, '');
      if (!source.startsWith('.') || !entryNames.has(name) || !importer) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      const match = prebundledModules.find((m) => resolved?.id === join(root, m));
      return match ? prebundledId(match) : null;
    },
    load(id) {
      const match = prebundledModules.find((m) => prebundledId(m) === id);
      if (!match) return null;
      const file = files.get(match);
      if (!file) throw new Error(`${match}: not prebundled (the client build's start did not run)`);
      this.emitFile({ type: 'asset', fileName: file.fileName, source: file.code });
      return `export * from ${JSON.stringify(relativeToChunk(file.fileName))};\n`;
    },
  };
}
