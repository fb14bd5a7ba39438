import pyodidePackage from 'pyodide/package.json' with { type: 'json' };

/**
 * Pyodide as the site serves it: the npm package's files, copied at build into a folder named by
 * its version (src/integrations/pyodide.ts), so a file never changes under the same URL and the
 * service worker can keep it with CacheFirst. Never a CDN: the page, its worker and the offline
 * copy all read these.
 */
export const pyodideVersion: string = pyodidePackage.version;
export const pyodideBase = `/pyodide/${pyodideVersion}/`;
/** What loadPyodide fetches for plain Python (no packages): the loader, the runtime, the standard library, the package index. */
export const pyodideFiles = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'] as const;
