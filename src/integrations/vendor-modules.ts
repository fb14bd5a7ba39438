/**
 * The client build's large libraries (CodeMirror, mathjs, Vega's runtime, Sucrase, Temml) shipped prebuilt: one
 * Rolldown build (`npm run vendor-modules`, scripts/vendor-modules.ts) bundles and minifies exactly the names our
 * code imports from them into src/client/vendor/, committed, and the client build only links to those files
 * instead of resolving, transforming and minifying their ~1,500 modules again (issue 23: ~1.3 of a small
 * course's ~1.5 client-build CPU s went to them, bench/RESULTS.md).
 *
 * In the client build an import of a vendored package becomes a small module that re-exports the names the manifest
 * lists from `/_astro/vendor/<entry>.<hash>.js`, left external: a name the manifest lacks (new code imports one more)
 * fails the build with Rolldown's "not exported" error naming the importer, never a page that breaks at run time.
 * When an installed package's version differs from the one the files were built from, the build warns and bundles
 * the packages as before (slower, never wrong); test/unit/vendor-modules.test.ts fails until the files are rebuilt.
 * The dev server and the server build use the packages themselves.
 *
 * @packageDocumentation
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { parseAst, type Plugin } from 'vite';

/** Where the prebuilt files and their manifest are committed, relative to the project root. */
export const vendorDir = 'src/client/vendor';

/** The URL directory the client build links them from (Astro's assets directory, `build.assets`). */
export const vendorUrlDir = '/_astro/vendor/';

/**
 * Which prebuilt file a package's imports come from, or undefined when it is bundled as usual. Packages that share
 * code (CodeMirror's, Vega's) go in one file, so that each library exists once on a page.
 */
export function vendorEntryOf(specifier: string): string | undefined {
  if (/^@codemirror\/[^/]+$/.test(specifier) || specifier === '@lezer/highlight' || specifier === 'codemirror') return 'codemirror';
  if (/^vega-(?:dataflow|encode|interpreter|scenegraph|transforms|util|view|view-transforms)$/.test(specifier)) return 'vega';
  if (['mathjs', 'sucrase', 'temml'].includes(specifier)) return specifier;
  return undefined;
}

/** The names imported from each vendored package (`default` for a default import), by package. */
export type VendorImports = Record<string, string[]>;

/** What `npm run vendor-modules` wrote: the files, the names each package gives, the packages built in. */
export interface VendorManifest {
  /** The names each vendored package gives, and the file they come from. */
  readonly specifiers: Readonly<Record<string, { readonly entry: string; readonly names: readonly string[] }>>;
  /** Each entry's file, and the files it imports (shared chunks), all in {@link vendorDir}. */
  readonly entries: Readonly<Record<string, { readonly file: string; readonly imports: readonly string[] }>>;
  /** The version of every package whose code is in the files, by its package.json's path from the project root. */
  readonly packages: Readonly<Record<string, string>>;
}

/**
 * The names a module's source imports (and re-exports) from vendored packages, type-only imports left out; a dynamic
 * import counts by the names destructured from it.
 *
 * @param code - TypeScript or JavaScript source.
 * @param file - Its path, for parse errors.
 * @throws Error naming the file for a namespace import (`import * as`), which would take the whole library.
 */
export function vendorImportsIn(code: string, file: string): VendorImports {
  const found: Record<string, Set<string>> = {};
  const program = parseAst(code, { lang: 'ts' }, file);
  for (const node of program.body) {
    if (node.type !== 'ImportDeclaration' && node.type !== 'ExportNamedDeclaration' && node.type !== 'ExportAllDeclaration') continue;
    const specifier = node.source?.value;
    if (typeof specifier !== 'string' || !vendorEntryOf(specifier)) continue;
    if (('importKind' in node && node.importKind === 'type') || ('exportKind' in node && node.exportKind === 'type')) continue;
    const names = (found[specifier] ??= new Set());
    if (node.type === 'ExportAllDeclaration') throw new Error(`${file}: export * from '${specifier}' would ship the whole library: name what is used`);
    for (const s of node.specifiers ?? []) {
      if (s.type === 'ImportNamespaceSpecifier') throw new Error(`${file}: import * from '${specifier}' would ship the whole library: name what is used`);
      if ('importKind' in s && s.importKind === 'type') continue;
      if ('exportKind' in s && s.exportKind === 'type') continue;
      const imported = s.type === 'ImportDefaultSpecifier' ? 'default' : s.type === 'ImportSpecifier' ? s.imported : s.local;
      names.add(typeof imported === 'string' ? imported : imported.type === 'Identifier' ? imported.name : String(imported.value));
    }
  }
  // `const { a, b } = await import('pkg')` and `(await import('pkg')).a`: the names taken; any other use of a dynamic
  // import would need them all.
  type Node = { type?: string; [key: string]: unknown };
  const visit = (node: unknown, ancestors: Node[]): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n, ancestors));
    const n = node as Node & { source?: { value?: unknown } };
    if (n.type === 'ImportExpression' && typeof n.source?.value === 'string' && vendorEntryOf(n.source.value)) {
      const specifier = n.source.value;
      const [awaited, user] = ancestors.filter((a) => a.type !== 'ParenthesizedExpression').slice(-2).reverse();
      const names: string[] = [];
      const keyName = (key: Node | undefined) => (key?.type === 'Identifier' ? String(key.name) : key?.type === 'Literal' ? String(key.value) : undefined);
      if (awaited?.type === 'AwaitExpression' && user?.type === 'VariableDeclarator' && (user.id as Node).type === 'ObjectPattern') {
        for (const p of (user.id as { properties: Node[] }).properties) names.push(p.type === 'Property' ? (keyName(p.key as Node) ?? '') : '');
      } else if (awaited?.type === 'AwaitExpression' && user?.type === 'MemberExpression' && !user.computed) {
        names.push(keyName(user.property as Node) ?? '');
      }
      if (names.length === 0 || names.includes('')) {
        throw new Error(`${file}: import('${specifier}') is used other than as \`const { … } = await import(…)\` or \`(await import(…)).name\`: name what is used`);
      }
      for (const name of names) (found[specifier] ??= new Set()).add(name);
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value, [...ancestors, n]);
  };
  visit(program, []);
  return Object.fromEntries(Object.entries(found).filter(([, names]) => names.size > 0).map(([specifier, names]) => [specifier, [...names].sort()]));
}

/** Every .ts file under `dir`. */
function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts'))
    .map((d) => join(d.parentPath, d.name));
}

/**
 * The names src/ imports from vendored packages, merged over its TypeScript modules (the client code and the modules
 * it shares with the server; server-only imports of the same packages add names, which only costs bytes).
 *
 * @param root - The project root.
 */
export function vendorImportsOfProject(root: string): VendorImports {
  const merged: Record<string, Set<string>> = {};
  for (const file of typeScriptFiles(join(root, 'src')).sort()) {
    if (file.startsWith(join(root, vendorDir))) continue;
    for (const [specifier, names] of Object.entries(vendorImportsIn(readFileSync(file, 'utf8'), relative(root, file)))) {
      for (const name of names) (merged[specifier] ??= new Set()).add(name);
    }
  }
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)).map(([s, names]) => [s, [...names].sort()]));
}

/** The source of each prebuilt file's entry: a re-export of exactly the imported names, by entry. */
export function vendorEntrySources(imports: VendorImports): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const [specifier, names] of Object.entries(imports)) {
    const entry = vendorEntryOf(specifier)!;
    sources[entry] = (sources[entry] ?? '') + `export { ${names.join(', ')} } from '${specifier}';\n`;
  }
  return sources;
}

/** The committed manifest, or undefined when there is none. */
export function readVendorManifest(root: string): VendorManifest | undefined {
  const file = join(root, vendorDir, 'manifest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as VendorManifest) : undefined;
}

/** The version in a package.json, or undefined when there is none. */
function versionAt(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** The packages of the manifest installed at another version than the files were built from ("package.json: built → installed"). */
export function staleVendorPackages(root: string, manifest: VendorManifest): string[] {
  return Object.entries(manifest.packages)
    .map(([file, built]) => [file, built, versionAt(join(root, file)) ?? 'not installed'] as const)
    .filter(([, built, installed]) => built !== installed)
    .map(([file, built, installed]) => `${file}: ${built} → ${installed}`);
}

const VIRTUAL = '\0course-vendor:';

/**
 * The client build's side: vendored imports re-export from the prebuilt files, which are emitted into
 * `_astro/vendor/` when a page uses them.
 *
 * @param root - The project root.
 */
export function vendorModules(root: string): Plugin {
  let manifest: VendorManifest | undefined;
  const emitted = new Set<string>();
  return {
    name: 'course-vendor-modules',
    // Before Vite's resolver, which would find the packages in node_modules.
    enforce: 'pre',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    buildStart() {
      manifest = readVendorManifest(root);
      const stale = manifest ? staleVendorPackages(root, manifest) : ['no manifest'];
      if (stale.length > 0) {
        this.warn(`${vendorDir} is out of date (${stale.join(', ')}): the libraries are bundled from node_modules; run npm run vendor-modules`);
        manifest = undefined;
      }
    },
    resolveId(id) {
      if (!manifest) return undefined;
      if (id.startsWith(vendorUrlDir)) return { id, external: true };
      return manifest.specifiers[id] ? VIRTUAL + id : undefined;
    },
    load(id) {
      if (!manifest || !id.startsWith(VIRTUAL)) return undefined;
      const { entry, names } = manifest.specifiers[id.slice(VIRTUAL.length)]!;
      const { file, imports } = manifest.entries[entry]!;
      for (const f of [file, ...imports]) emitted.add(f);
      return `export { ${names.join(', ')} } from '${vendorUrlDir}${file}';\n`;
    },
    buildEnd(error) {
      // Rolldown's message names the importer and the name; say how to provide it.
      if (error?.message.includes(VIRTUAL)) this.warn(`a name above is not in the prebuilt libraries of ${vendorDir}: run npm run vendor-modules`);
    },
    renderChunk(code, chunk) {
      if (!code.includes(vendorUrlDir)) return null;
      // Relative to the chunk, as imports between Vite's own chunks are: a site served below the host's root (a SCORM
      // package inside an LMS, a base path) finds the files beside its own, not at the host's /_astro/.
      const up = posix.relative(posix.dirname(chunk.fileName), vendorUrlDir.slice(1));
      const relativeDir = `${up.startsWith('.') ? up : `./${up}`}/`;
      return { code: code.replace(new RegExp(`(["'\`])${vendorUrlDir}`, 'g'), (_, quote: string) => quote + relativeDir), map: null };
    },
    generateBundle() {
      for (const file of emitted) {
        this.emitFile({ type: 'asset', fileName: `${vendorUrlDir.slice(1)}${file}`, source: readFileSync(join(root, vendorDir, file)) });
      }
    },
  };
}
