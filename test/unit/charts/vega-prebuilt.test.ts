import { describe, expect, test } from 'vitest';
import { runInNewContext } from 'node:vm';
import { vegaExportNames, vegaPrebuiltFileName, vegaPrebuiltSource, vegaShim } from '../../../src/integrations/vega-prebuilt';

/**
 * The client build's 'vega' is Vega's own minified file plus a shim (src/integrations/vega-prebuilt.ts). The browser
 * test of the explorers (test/browser/bowl-explorer.test.ts) checks that a chart goes live with it; these check that
 * it is the same API as the ES module the code is written against, whatever version of Vega is installed.
 */
describe('Vega for the browser, prebuilt', () => {
  const source = vegaPrebuiltSource();

  test('the file defines every name of Vega’s ES module, with the same version', async () => {
    const esm = await import('vega');
    const names = vegaExportNames(source);
    expect(names.length).toBeGreaterThan(100);
    expect(Object.keys(esm).filter((name) => !names.includes(name))).toEqual([]);
    // Run as a module runs it (no `module`, no `exports`), the file sets globalThis.vega, which the shim reads.
    const context: { vega?: { version?: string; View?: unknown } } = {};
    runInNewContext(source, context);
    expect(context.vega?.version).toBe(esm.version);
    expect(typeof context.vega?.View).toBe('function');
  });

  test('the shim imports the file first and re-exports each name, even those named like globals', () => {
    const shim = vegaShim('/_astro/vega.abc.min.js', ['View', 'parse', 'Error', 'changeset', 'default', 'not-a-name']);
    expect(shim.startsWith('import "/_astro/vega.abc.min.js";\n')).toBe(true);
    expect(shim).toContain('export const { View, parse, Error, changeset } = globalThis.vega;');
    // Vega's `Error` (a log level) is declared by the shim, so its own failure must name the global one.
    expect(shim).toContain('throw new globalThis.Error("Vega did not load from /_astro/vega.abc.min.js")');
  });

  test('the file is named by its bytes, so a new Vega never reuses a cached URL', () => {
    expect(vegaPrebuiltFileName(source)).toMatch(/^_astro\/vega\.[0-9a-f]{10}\.min\.js$/);
    expect(vegaPrebuiltFileName(source)).not.toBe(vegaPrebuiltFileName(`${source};`));
  });
});
