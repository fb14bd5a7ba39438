import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '../..');

/** The pieces of the project a build needs, besides content/ and node_modules/. */
const projectFiles = ['src', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json'];

/**
 * A scratch copy of the project whose files are `contentDirs` (each holding a content/ tree) laid over one another (later
 * ones replace files of earlier ones), for building broken fixtures without touching content/.
 */
export function scratchProject(name: string, contentDirs: string[]): string {
  const dir = join(projectRoot, '.cache', 'projects', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of projectFiles) cpSync(join(projectRoot, file), join(dir, file), { recursive: true });
  // Link each installed package but keep node_modules/.astro, .vite and .cache (Astro's data store,
  // Vite's cache and the course's build caches) private, so concurrent fixture builds never read,
  // seal or discard one another's caches.
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(projectRoot, 'node_modules'))) {
    if (entry === '.astro' || entry === '.vite' || entry === '.cache') continue;
    symlinkSync(join(projectRoot, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  for (const overlay of contentDirs) cpSync(overlay, dir, { recursive: true });
  return dir;
}

export interface BuildResult {
  code: number | null;
  /** stdout and stderr together, without terminal colours */
  output: string;
}

/** `astro build` in `dir` under the Node that runs the tests (the project's pinned Node 24). */
export function astroBuild(dir: string, env: Record<string, string> = {}): Promise<BuildResult> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: dir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1', ...env },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    // eslint-disable-next-line no-control-regex
    child.on('close', (code) => ok({ code, output: output.replace(/\u001b\[[0-9;]*m/g, '') }));
  });
}
