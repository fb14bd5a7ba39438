/**
 * Builds the client's large libraries into src/client/vendor/ (npm run vendor-modules): exactly the names src/
 * imports from them, bundled and minified by Rolldown (Vite's own bundler) into one file per library, plus the
 * manifest the client build reads (src/integrations/vendor-modules.ts says why). The files are committed;
 * test/unit/vendor-modules.test.ts fails when they no longer match src/'s imports or the installed versions.
 *
 *   node scripts/vendor-modules.ts
 */
import '../src/lib/resolve-ts.ts';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { rolldown } from 'rolldown';

const { vendorDir, vendorEntryOf, vendorEntrySources, vendorImportsOfProject } = await import('../src/integrations/vendor-modules.ts');

const root = resolve(import.meta.dirname, '..');
const imports = vendorImportsOfProject(root);
const sources = vendorEntrySources(imports);

// The entries live under node_modules/ so that the packages resolve from them as from src/.
const entryDir = join(root, 'node_modules', '.cache', 'course-vendor-entries');
rmSync(entryDir, { recursive: true, force: true });
mkdirSync(entryDir, { recursive: true });
for (const [entry, source] of Object.entries(sources)) writeFileSync(join(entryDir, `${entry}.js`), source);

const bundle = await rolldown({
  cwd: root,
  input: Object.fromEntries(Object.keys(sources).map((entry) => [entry, join(entryDir, `${entry}.js`)])),
  platform: 'browser',
  // As the client build has them: a library's development-only branches go, and `process` is never read in a browser.
  transform: { define: { 'process.env.NODE_ENV': '"production"', 'process.env': '{}' } },
  logLevel: 'warn',
});
const { output } = await bundle.generate({ format: 'esm', minify: true, entryFileNames: '[name].[hash].js', chunkFileNames: '[name].[hash].js' });
await bundle.close();
// Gone once built: a cache directory the build's seal does not know would only be discarded by the next build.
rmSync(entryDir, { recursive: true, force: true });

/** The package a bundled module belongs to: the nearest package.json above it with a name and a version. */
function packageOf(id: string): { file: string; version: string } | undefined {
  for (let dir = dirname(id); dir.includes('node_modules'); dir = dirname(dir)) {
    try {
      const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (name && version) return { file: relative(root, join(dir, 'package.json')), version };
    } catch {
      // No package.json here: look further up.
    }
  }
  return undefined;
}

const dir = join(root, vendorDir);
mkdirSync(dir, { recursive: true });
for (const old of readdirSync(dir)) rmSync(join(dir, old));
const entries: Record<string, { file: string; imports: string[] }> = {};
const packages = new Map<string, string>();
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  writeFileSync(join(dir, chunk.fileName), chunk.code);
  if (chunk.isEntry) entries[chunk.name] = { file: chunk.fileName, imports: chunk.imports };
  for (const id of chunk.moduleIds) {
    const found = packageOf(id);
    if (found) packages.set(found.file, found.version);
  }
  console.log(`${vendorDir}/${chunk.fileName} (${(chunk.code.length / 1024).toFixed(0)} KB)`);
}
const specifiers = Object.fromEntries(Object.entries(imports).map(([specifier, names]) => [specifier, { entry: vendorEntryOf(specifier)!, names }]));
const manifest = {
  about: 'Written by npm run vendor-modules (scripts/vendor-modules.ts); do not edit.',
  specifiers,
  entries,
  packages: Object.fromEntries([...packages].sort(([a], [b]) => a.localeCompare(b))),
};
writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${vendorDir}/manifest.json: ${Object.keys(specifiers).length} packages imported, ${packages.size} bundled`);
