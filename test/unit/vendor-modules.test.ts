import { describe, expect, test } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readVendorManifest, staleVendorPackages, vendorDir, vendorEntryOf, vendorImportsIn, vendorImportsOfProject } from '../../src/integrations/vendor-modules';
import { projectRoot } from '../support/project';

/**
 * The client's large libraries are committed prebuilt (src/client/vendor/, src/integrations/vendor-modules.ts); the
 * files must give exactly the names src/ imports, built from the installed versions. Else: npm run vendor-modules.
 */
describe('the prebuilt client libraries', () => {
  const manifest = readVendorManifest(projectRoot);

  test('give the names src/ imports from each package (else: npm run vendor-modules)', () => {
    expect(manifest, `no ${vendorDir}/manifest.json: npm run vendor-modules`).toBeDefined();
    const imported = vendorImportsOfProject(projectRoot);
    const built = Object.fromEntries(Object.entries(manifest!.specifiers).map(([specifier, { names }]) => [specifier, names]));
    expect(built, 'npm run vendor-modules: src/ imports other names from the vendored packages than the prebuilt files give').toEqual(imported);
  });

  test('were built from the installed versions (else: npm run vendor-modules)', () => {
    expect(staleVendorPackages(projectRoot, manifest!)).toEqual([]);
  });

  test('are the files the manifest names, and nothing else', () => {
    const named = Object.values(manifest!.entries).flatMap(({ file, imports }) => [file, ...imports]);
    expect(readdirSync(join(projectRoot, vendorDir)).sort()).toEqual([...new Set([...named, 'manifest.json'])].sort());
  });

  test('an import is read by name; types, relative and other packages are left out; a namespace import is refused', () => {
    const code = [
      "import temml from 'temml';",
      "import { EditorView, type ViewUpdate, keymap as keys } from '@codemirror/view';",
      "import type { MathNode } from 'mathjs';",
      "import { parse } from './parse';",
      "import { zipSync } from 'fflate';",
      "export { transform } from 'sucrase';",
    ].join('\n');
    expect(vendorImportsIn(code, 'x.ts')).toEqual({ temml: ['default'], '@codemirror/view': ['EditorView', 'keymap'], sucrase: ['transform'] });
    expect(() => vendorImportsIn("import * as vega from 'vega-util';", 'src/y.ts')).toThrow(/src\/y\.ts: import \* from 'vega-util'/);
    const dynamic = "const { transform } = await import('sucrase');\nconst f = (await import('vega-interpreter')).expressionInterpreter;";
    expect(vendorImportsIn(dynamic, 'd.ts')).toEqual({ sucrase: ['transform'], 'vega-interpreter': ['expressionInterpreter'] });
    expect(() => vendorImportsIn("const m = await import('mathjs');", 'src/z.ts')).toThrow(/src\/z\.ts: import\('mathjs'\)/);
    expect(vendorEntryOf('@codemirror/state')).toBe('codemirror');
    expect(vendorEntryOf('vega')).toBeUndefined();
  });
});
