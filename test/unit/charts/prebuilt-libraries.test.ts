import { describe, expect, test } from 'vitest';
import { runInNewContext } from 'node:vm';
import { prebuiltExportNames, prebuiltFileName, prebuiltLibraries, prebuiltShim, prebuiltSource } from '../../../src/integrations/prebuilt-libraries';

/**
 * The client build's prebuilt libraries (none at the moment) are their projects' own minified files plus a shim
 * (src/integrations/prebuilt-libraries.ts). The browser tests check that an explorer goes live
 * (test/browser/bowl-explorer.test.ts) and a formula preview shows (quiz-formulas.test.ts) with them; these
 * check that each file is the same API as the ES module the code is written against, whatever version is installed.
 */
describe.each(prebuiltLibraries.map((library) => [library.id, library] as const))('%s for the browser, prebuilt', (id, library) => {
  const source = prebuiltSource(library);

  test('the file defines every name of the ES module, with the same version, and sets its global when run as a module', async () => {
    const esm = (await import(id)) as Record<string, unknown>;
    const names = prebuiltExportNames(source);
    expect(Object.keys(esm).filter((name) => name !== 'default' && !names.includes(name))).toEqual([]);
    // Run as a module runs it (no `module`, no `exports`), the file sets the global, which the shim reads.
    const context: Record<string, { version?: string } | undefined> = {};
    runInNewContext(source, context);
    expect(context[library.global]?.version).toBe(esm.version);
  });

  test('the file is named by its bytes, so a new version never reuses a cached URL', () => {
    expect(prebuiltFileName(library, source)).toMatch(new RegExp(`^_astro/${id}\\.[0-9a-f]{10}\\.min\\.js$`));
    expect(prebuiltFileName(library, source)).not.toBe(prebuiltFileName(library, `${source};`));
  });
});

test('the shim imports the file first, exports its global as the default and each name, even those named like globals', () => {
  const shim = prebuiltShim('/_astro/vega.abc.min.js', 'vega', ['View', 'parse', 'Error', 'changeset', 'default', 'not-a-name']);
  expect(shim.startsWith('import "/_astro/vega.abc.min.js";\n')).toBe(true);
  expect(shim).toContain('export default globalThis["vega"];');
  expect(shim).toContain('export const { View, parse, Error, changeset } = globalThis["vega"];');
  // Vega's `Error` (a log level) is declared by the shim, so its own failure must name the global one.
  expect(shim).toContain('throw new globalThis.Error("vega did not load from /_astro/vega.abc.min.js")');
});
