import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../support/project';

/**
 * Astro imports astro.config.mjs with Node first and starts a Vite server to compile it only when that fails
 * (node_modules/astro/dist/core/config/vite-load.js), silently: every `astro dev` and build then pays that server
 * and the compiling of the ~170 modules of src/ the config reaches (issue 23). So the config must stay loadable by
 * Node itself: src/ in erasable TypeScript only (no enum, namespace or parameter property), nothing Vite-only
 * (`?raw`, import.meta.env without a fallback) on the config's side.
 */
describe('astro.config.mjs', () => {
  test('loads in plain Node, without Vite', () => {
    const node = existsSync(join(projectRoot, 'node_modules/.bin/node')) ? join(projectRoot, 'node_modules/.bin/node') : process.execPath;
    const script = "const { default: config } = await import('./astro.config.mjs'); console.log(JSON.stringify(config.integrations.map((i) => i.name)));";
    const run = spawnSync(node, ['--input-type=module', '-e', script], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toContain('course-validation');
  }, 60_000);
});
