import type { AstroIntegration } from 'astro';
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The folder a build writes into before it is swapped in: beside the real one, so the swap is a rename. */
export const stagingDirOf = (outDir: string) => `${outDir.replace(/\/+$/, '')}.staging`;

/** Where the site a swap replaced waits until the next build removes it: beside the real one, so stepping aside is a rename. */
export const previousDirOf = (outDir: string) => `${outDir.replace(/\/+$/, '')}.previous`;

/**
 * Swap a finished build in for the published one: the old folder steps aside (to {@link previousDirOf}) and the new
 * one takes its name. Only renames, so at every moment dist/ is either the whole old site or the whole new one.
 * The old folder must be gone already ({@link removePrevious}).
 */
export function swapInBuild(stagingDir: string, outDir: string): void {
  const out = outDir.replace(/\/+$/, '');
  if (existsSync(out)) renameSync(out, previousDirOf(out));
  renameSync(stagingDir, out);
}

/**
 * Removes the site the last swap stepped aside, in a child process, while the build goes on. Removing a site is
 * waiting on the disk, not work: 4,249 files at 1,000 lessons took 2.6–3.4 s of a build's wall time with 0.1 s of
 * CPU (their inodes are the new site's hard links: ./incremental-build.ts), so it is done beside the bundling rather
 * than after the swap. The promise settles once it is gone; `rm` missing or failing falls back to removing it here.
 */
export function removePrevious(outDir: string): Promise<void> {
  const previous = previousDirOf(outDir);
  if (!existsSync(previous)) return Promise.resolve();
  const here = () => rmSync(previous, { recursive: true, force: true });
  return new Promise((done) => {
    const child = spawn('rm', ['-rf', '--', previous], { stdio: 'ignore' });
    child.once('error', () => done(here()));
    child.once('exit', (code) => done(code === 0 ? undefined : here()));
  });
}

/**
 * The last good site survives a failed build. Astro empties its output folder before it renders
 * the pages, so a lesson that fails to render (or a crash in a later integration) would leave
 * dist/ empty or half-written, and `npm start` would serve nothing. With this integration a build
 * writes into `dist.staging/`, and only once every integration's `astro:build:done` has run
 * (list it last) is that folder swapped in for dist/. A failed build leaves dist/ byte for byte
 * as it was. The site it replaced waits in `dist.previous/` and is removed while the next build runs
 * ({@link removePrevious}).
 */
export default function lastGoodSite(): AstroIntegration {
  let outDir = '';
  let stagingDir = '';
  let previousRemoved: Promise<void> = Promise.resolve();
  return {
    name: 'last-good-site',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        if (command !== 'build') return;
        outDir = fileURLToPath(config.outDir);
        stagingDir = stagingDirOf(outDir);
        previousRemoved = removePrevious(outDir);
        rmSync(stagingDir, { recursive: true, force: true });
        updateConfig({ outDir: pathToFileURL(`${stagingDir}/`) });
      },
      'astro:build:done': async ({ logger }) => {
        if (!stagingDir) return;
        await previousRemoved;
        swapInBuild(stagingDir, outDir);
        logger.info(`site swapped into ${outDir}`);
      },
    },
  };
}
