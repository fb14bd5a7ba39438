import type { AstroIntegration } from 'astro';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHART_FILE_DIR, externalizeChartSvgs } from '../charts/external';

/** Every HTML file under `dir`, with its path. */
function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '_astro' && entry.name !== 'pagefind') out.push(...htmlFiles(full));
    } else if (entry.name.endsWith('.html')) out.push(full);
  }
  return out;
}

/**
 * After the build, the chart drawings still inline in pages (phone forms, quiz curves) go to content-named
 * files under /charts/ (src/charts/external.ts says why). Runs before the search index and the service worker,
 * so the worker precaches the files with the rest of the site. Pages the incremental build copied from the
 * last one are rendered HTML like the others: they are rewritten the same way, and their files written again.
 */
export default function chartFiles(): AstroIntegration {
  return {
    name: 'chart-files',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const target = join(outDir, CHART_FILE_DIR);
        const written = new Map<string, string>();
        let pages = 0;
        let saved = 0;
        for (const file of htmlFiles(outDir)) {
          const html = readFileSync(file, 'utf8');
          const out = externalizeChartSvgs(html);
          if (out.files.size === 0) continue;
          pages++;
          saved += Buffer.byteLength(html) - Buffer.byteLength(out.html);
          writeFileSync(file, out.html);
          for (const [name, content] of out.files) written.set(name, content);
        }
        if (written.size === 0) return;
        mkdirSync(target, { recursive: true });
        for (const [name, content] of written) writeFileSync(join(target, name), content);
        logger.info(`${written.size} chart drawings moved out of ${pages} pages into /${CHART_FILE_DIR}/ (${(saved / 1024).toFixed(0)} KB of HTML)`);
      },
    },
  };
}
