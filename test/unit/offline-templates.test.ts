import { expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServiceWorkerTemplate, serviceWorkerOptions, serviceWorkerTemplateName, shippedTemplatesDir } from '../../src/integrations/offline';
import { projectRoot } from '../support/project';

/**
 * The service worker's code is shipped built (src/integrations/sw-templates/), so that no build runs Workbox's
 * bundler. Each shipped file must be what Workbox builds today for the options of its policy, under the name the
 * build looks it up by (the build transforms src/ as this test does, not as Node strips types for the script).
 */
const dir = join(projectRoot, shippedTemplatesDir);

test.each(['whole-course', 'shell'] as const)('the shipped worker for the %s policy is current (else: npm run sw-templates)', { timeout: 60_000 }, async (policy) => {
  const options = serviceWorkerOptions(join(projectRoot, 'dist'), policy);
  const name = serviceWorkerTemplateName(options);
  expect(readdirSync(dir), `npm run sw-templates: no ${name} for the ${policy} policy`).toContain(name);
  expect(readFileSync(join(dir, name), 'utf8'), 'npm run sw-templates: the shipped worker differs from what Workbox builds').toBe(await buildServiceWorkerTemplate(options));
});

test('the two policies have different workers, and nothing else is shipped', () => {
  const names = (['whole-course', 'shell'] as const).map((p) => serviceWorkerTemplateName(serviceWorkerOptions('/anywhere', p)));
  expect(new Set(names).size).toBe(2);
  expect(readdirSync(dir).sort()).toEqual([...names].sort());
});
