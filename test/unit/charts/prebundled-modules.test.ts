import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  cachedPrebundle,
  packageOfImport,
  packageOfPath,
  prebundle,
  prebundledFileName,
  prebundledModules,
  prebundledModulesPlugin,
} from '../../../src/integrations/prebuilt-libraries';
import { projectRoot } from '../../support/project';

/**
 * CodeMirror and mathjs's parser reach the browser as one esbuild bundle each (src/integrations/prebuilt-libraries.ts).
 * The browser tests check that an editor and a formula preview work with them (code-sandbox, quiz-formulas); these
 * check that a bundle is the same API as the module it stands for, and that its cache is reused only while right.
 */
describe.each(prebundledModules.map((m) => [m] as const))('%s, prebundled', (module) => {
  test('the bundle exports every name the module does, and holds only packages', async () => {
    const made = await prebundle(projectRoot, module);
    const dir = mkdtempSync(join(tmpdir(), 'prebundle-'));
    try {
      const file = join(dir, 'bundle.mjs');
      writeFileSync(file, made.code);
      const bundled = Object.keys(await import(pathToFileURL(file).href)).sort();
      const original = Object.keys(await import(join(projectRoot, module))).sort();
      expect(bundled).toEqual(original);
      expect(Object.keys(made.packages).length).toBeGreaterThan(0);
      for (const dir of Object.keys(made.packages)) expect(dir).toMatch(/node_modules\/(@[^/]+\/)?[^/]+$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('a cached bundle is reused while its packages are installed at the versions it was made from, and made again when one is not', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'prebundle-cache-'));
  try {
    const module = 'src/quiz/expression/mathjs.ts';
    const first = await cachedPrebundle(projectRoot, module, cacheDir);
    const [codeFile] = readdirSync(cacheDir).filter((f) => f.endsWith('.js'));
    const packagesFile = join(cacheDir, codeFile.replace(/\.js$/, '.json'));
    // A marker in the cached code shows whether the next call read it or bundled again.
    writeFileSync(join(cacheDir, codeFile), `${first.code}\n//cached`);
    expect((await cachedPrebundle(projectRoot, module, cacheDir)).code.endsWith('//cached')).toBe(true);
    const packages = JSON.parse(readFileSync(packagesFile, 'utf8')) as Record<string, string>;
    const mathjs = Object.keys(packages).find((dir) => dir.endsWith('node_modules/mathjs'))!;
    writeFileSync(packagesFile, JSON.stringify({ ...packages, [mathjs]: '0.0.1' }));
    const again = await cachedPrebundle(projectRoot, module, cacheDir);
    expect(again.code).toBe(first.code);
    expect(readFileSync(join(cacheDir, codeFile), 'utf8')).toBe(first.code);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('client code importing a package that a bundle holds is an error naming the file and the module to import from', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'prebundle-cache-'));
  try {
    const plugin = prebundledModulesPlugin(projectRoot, cacheDir);
    await (plugin.buildStart as () => Promise<void>).call({});
    const resolveId = plugin.resolveId as (source: string, importer?: string) => Promise<unknown>;
    const importer = join(projectRoot, 'src/client/code/other.ts');
    await expect(resolveId.call({}, '@codemirror/state', importer)).rejects.toThrow(
      `${importer}: imports '@codemirror/state', which the browser gets prebundled in src/client/code/codemirror.ts: import it from there`,
    );
    // A package's own imports of another are the bundle's business, and anything unrelated resolves as usual.
    expect(await resolveId.call({}, '@codemirror/state', join(projectRoot, 'node_modules/@codemirror/view/dist/index.js'))).toBeNull();
    expect(await resolveId.call({}, 'workbox-window', importer)).toBeNull();
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('package names from paths and imports, and file names that change with the bytes', () => {
  expect(packageOfPath('../../work/node_modules/@codemirror/view/dist/index.js')).toEqual({ dir: '../../work/node_modules/@codemirror/view', name: '@codemirror/view' });
  expect(packageOfPath('node_modules/a/node_modules/b/index.js')).toEqual({ dir: 'node_modules/a/node_modules/b', name: 'b' });
  expect(packageOfPath('src/client/code/editor.ts')).toBeUndefined();
  expect(packageOfImport('@codemirror/view')).toBe('@codemirror/view');
  expect(packageOfImport('mathjs/number')).toBe('mathjs');
  for (const source of ['./codemirror', '../x', '/abs', '\0virtual', 'node:fs', 'astro:content']) expect(packageOfImport(source)).toBeUndefined();
  expect(prebundledFileName('src/client/code/codemirror.ts', 'a')).toMatch(/^_astro\/codemirror\.[0-9a-f]{10}\.js$/);
  expect(prebundledFileName('src/client/code/codemirror.ts', 'a')).not.toBe(prebundledFileName('src/client/code/codemirror.ts', 'b'));
});
