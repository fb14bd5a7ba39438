/**
 * The two scripts that must run before a page's first paint (src/head/): the saved theme, so a dark-theme reader
 * never sees a white flash, and the "/" and Ctrl+K search shortcuts, so a key pressed as the page shows is not lost.
 * They are inline in every page's <head> (src/layouts/Base.astro), since a script file there would hold the first
 * paint back for a request (Lighthouse counted 150–300 ms each on a phone). A strict policy runs an inline script
 * only by its hash: these hashes go into the <meta> policy (astro.config.mjs) and are written out in public/_headers
 * and docs/deploy.md, which test/unit/head-scripts.test.ts keeps equal to them. The texts never depend on the build,
 * so the hashes change only when these files do.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files, relative to the project root, in the order the page runs them. */
export const headScriptFiles = ['src/head/theme-init.js', 'src/head/search-shortcut.js'] as const;

/** The CSP source of a script text: `'sha256-…'`, as a browser hashes an inline script's text. */
export const scriptHashSource = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The CSP hash sources of the head scripts (without quotes, as Astro's `scriptDirective.hashes` takes them). */
export function headScriptHashes(root: string): `sha256-${string}`[] {
  return headScriptFiles.map((file) => scriptHashSource(readFileSync(join(root, file), 'utf8')).slice(1, -1) as `sha256-${string}`);
}
