import type { AstroIntegration } from 'astro';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/** Where the index lands in dist/, and so the URL the search box imports `pagefind.js` from. */
export const searchIndexDir = 'pagefind';

/** Total size in bytes of the files under `dir`. */
export function directorySize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    const stats = statSync(full);
    if (stats.isDirectory()) {
      const inner = directorySize(full);
      files += inner.files;
      bytes += inner.bytes;
    } else {
      files += 1;
      bytes += stats.size;
    }
  }
  return { files, bytes };
}

/**
 * Builds the Pagefind index over the finished HTML in dist/ (only the parts marked `data-pagefind-body`:
 * lesson articles and course homes, so the header, footer and navigation are not matched on every page).
 * Must run before the offline integration, which precaches the index.
 */
export default function searchIndex(): AstroIntegration {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        try {
          const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: outDir });
          if (added.errors.length > 0) throw new Error(`Pagefind could not index ${outDir}: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: join(outDir, searchIndexDir) });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
          const size = directorySize(join(outDir, searchIndexDir));
          logger.info(`indexed ${added.page_count} pages into /${searchIndexDir}/ (${size.files} files, ${(size.bytes / 1024).toFixed(0)} KB)`);
        } finally {
          // Pagefind runs a helper binary; leaving it running keeps the build process alive.
          await pagefind.close();
        }
      },
    },
  };
}
