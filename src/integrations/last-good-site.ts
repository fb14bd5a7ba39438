import type { AstroIntegration } from 'astro';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The folder a build writes into before it is swapped in: beside the real one, so the swap is a rename. */
export const stagingDirOf = (outDir: string) => `${outDir.replace(/\/+$/, '')}.staging`;

/**
 * Swap a finished build in for the published one: the old folder steps aside, the new one takes its
 * name, the old one is removed. Only renames, so at every moment dist/ is either the whole old site
 * or the whole new one.
 */
export function swapInBuild(stagingDir: string, outDir: string): void {
  const out = outDir.replace(/\/+$/, '');
  const old = `${out}.previous`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(out)) renameSync(out, old);
  renameSync(stagingDir, out);
  rmSync(old, { recursive: true, force: true });
}

/**
 * The last good site survives a failed build. Astro empties its output folder before it renders
 * the pages, so a lesson that fails to render (or a crash in a later integration) would leave
 * dist/ empty or half-written, and `npm start` would serve nothing. With this integration a build
 * writes into `dist.staging/`, and only once every integration's `astro:build:done` has run
 * (list it last) is that folder swapped in for dist/. A failed build leaves dist/ byte for byte
 * as it was. Costs one rename: measured against validating every body first in bench/RESULTS.md.
 */
export default function lastGoodSite(): AstroIntegration {
  let outDir = '';
  let stagingDir = '';
  return {
    name: 'last-good-site',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        if (command !== 'build') return;
        outDir = fileURLToPath(config.outDir);
        stagingDir = stagingDirOf(outDir);
        rmSync(stagingDir, { recursive: true, force: true });
        updateConfig({ outDir: pathToFileURL(`${stagingDir}/`) });
      },
      'astro:build:done': ({ logger }) => {
        if (!stagingDir) return;
        swapInBuild(stagingDir, outDir);
        logger.info(`site swapped into ${outDir}`);
      },
    },
  };
}
