/**
 * Writes the service worker's code for each precache policy into src/integrations/sw-templates/ (npm run sw-templates),
 * so that no build, not even a cold one, runs Workbox's bundler (Rollup, Babel, Terser). The files are committed;
 * test/unit/offline-templates.test.ts fails when they no longer match the options or Workbox's version.
 *
 *   node scripts/sw-templates.ts
 */
import '../src/lib/resolve-ts.ts';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const { buildServiceWorkerTemplate, serviceWorkerOptions, serviceWorkerTemplateName, shippedTemplatesDir } = await import('../src/integrations/offline.ts');

const root = resolve(import.meta.dirname, '..');
const dir = join(root, shippedTemplatesDir);
mkdirSync(dir, { recursive: true });
const wanted = new Set<string>();
for (const policy of ['whole-course', 'shell'] as const) {
  // The output directory only feeds the manifest, which is not part of the template.
  const options = serviceWorkerOptions(join(root, 'dist'), policy);
  const name = serviceWorkerTemplateName(options);
  wanted.add(name);
  writeFileSync(join(dir, name), await buildServiceWorkerTemplate(options));
  console.log(`${shippedTemplatesDir}/${name} (${policy})`);
}
for (const old of readdirSync(dir)) if (!wanted.has(old)) rmSync(join(dir, old));
