/**
 * Vega and Vega-Lite for the build's chart rendering (./render.ts, ./live-compile.ts), imported on the first
 * chart that is not in the cache: importing them costs Node about 0.3 CPU s, which a dev server start or a
 * rebuild whose charts all come from the cache should not pay before its first page (issue 23). Their
 * versions, which key the cache, are read from their package files without importing them.
 *
 * Node only.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { vegaTextWidth } from './text-width';

export interface VegaLibs {
  readonly vega: typeof import('vega');
  readonly vegaLite: typeof import('vega-lite');
}

let libs: Promise<VegaLibs> | undefined;

/** Vega and Vega-Lite, imported once. */
export function loadVega(): Promise<VegaLibs> {
  libs ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => {
    // Without a canvas Vega guesses text 1.5 times too wide and lays every chart out around that; measure
    // like a browser instead (text-width.ts). Vega calls a width function set here for all its text.
    (vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;
    return { vega, vegaLite };
  });
  return libs;
}

/**
 * The installed version of a package, from the package.json above its entry point (neither package's
 * exports list that file, so it cannot be imported).
 */
function installedVersion(name: string): string {
  const require = createRequire(import.meta.url);
  for (let dir = dirname(require.resolve(name)); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
    } catch {
      // No package.json at this level: go up.
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the version of the installed package ${name}`);
  }
}

let versions: string | undefined;

/** "vega <version>\0vega-lite <version>", for cache keys. */
export function vegaVersions(): string {
  versions ??= `vega ${installedVersion('vega')}\0vega-lite ${installedVersion('vega-lite')}`;
  return versions;
}
