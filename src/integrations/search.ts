import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { searchDocument } from './search-document';

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

/** Every HTML file under `dir` (not the search index's own folder), relative to `dir` with `/` separators. */
function htmlFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (path !== searchIndexDir && path !== '_astro') out.push(...htmlFiles(dir, path));
    } else if (entry.name.endsWith('.html')) out.push(path);
  }
  return out;
}

/** What the documents' manifest keeps of a page: its size and modification time, and the SHA-1 of its HTML. */
interface PageStamp {
  stamp: string;
  hash: string;
  /** Whether the page has a document (a page without `data-pagefind-body` has none, and is not read again either). */
  indexed: boolean;
}

/**
 * Writes the search document (./search-document.ts) of every page of `outDir` that has one into `docsDir`, at the
 * page's own path, and removes the documents of pages that are gone. A page whose HTML did not change since the
 * last build (its hash is in `docsDir`/manifest.json) keeps its document: at 1,000 lessons making them is seconds.
 * A page with the size and modification time it had then (a page an incremental build linked in from the last
 * site: ./incremental-build.ts) is not even read.
 */
export function writeSearchDocuments(outDir: string, docsDir: string): { pages: number; made: number } {
  const manifestFile = join(docsDir, 'manifest.json');
  let previous: Record<string, PageStamp> = {};
  try {
    previous = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, PageStamp>;
  } catch {
    rmSync(docsDir, { recursive: true, force: true });
  }
  const next: Record<string, PageStamp> = {};
  let made = 0;
  for (const path of htmlFiles(outDir)) {
    const stats = statSync(join(outDir, path));
    const stamp = `${stats.size}:${stats.mtimeMs}`;
    const before = previous[path];
    if (before?.stamp === stamp) {
      next[path] = before;
      continue;
    }
    const html = readFileSync(join(outDir, path));
    const hash = createHash('sha1').update(html).digest('hex');
    if (before?.hash === hash) {
      next[path] = { ...before, stamp };
      continue;
    }
    const doc = searchDocument(html.toString('utf8'));
    next[path] = { stamp, hash, indexed: doc !== undefined };
    if (doc === undefined) {
      if (before?.indexed) rmSync(join(docsDir, 'pages', path), { force: true });
      continue;
    }
    mkdirSync(dirname(join(docsDir, 'pages', path)), { recursive: true });
    writeFileSync(join(docsDir, 'pages', path), doc);
    made += 1;
  }
  for (const path of Object.keys(previous)) if (!(path in next)) rmSync(join(docsDir, 'pages', path), { force: true });
  mkdirSync(docsDir, { recursive: true });
  writeFileSync(manifestFile, JSON.stringify(next));
  return { pages: Object.values(next).filter((p) => p.indexed).length, made };
}

/**
 * Builds the Pagefind index over the finished HTML in dist/ (only the parts marked `data-pagefind-body`:
 * the lesson articles, so the header, footer and navigation are not matched on every page). Each page is
 * handed to Pagefind as the small document ./search-document.ts makes of it, without math, charts and
 * scripts, which Pagefind would otherwise parse for nothing (most of the indexing time at course scale);
 * the documents are kept under node_modules/.cache/course-search/ and remade only for pages that changed.
 * Must run before the offline integration, which precaches the index.
 */
export default function searchIndex(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        try {
          const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          // Pagefind reads the small documents itself (in parallel), from a folder that mirrors dist/: same URLs.
          const docsDir = join(root, 'node_modules', '.cache', 'course-search');
          const { pages, made } = writeSearchDocuments(outDir, docsDir);
          const added = await index.addDirectory({ path: join(docsDir, 'pages') });
          if (added.errors.length > 0) throw new Error(`Pagefind could not index ${outDir}: ${added.errors.join('; ')}`);
          if (added.page_count !== pages) throw new Error(`Pagefind indexed ${added.page_count} pages of ${pages}`);
          const written = await index.writeFiles({ outputPath: join(outDir, searchIndexDir) });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
          const size = directorySize(join(outDir, searchIndexDir));
          logger.info(`indexed ${pages} pages (${made} changed) into /${searchIndexDir}/ (${size.files} files, ${(size.bytes / 1024).toFixed(0)} KB)`);
        } finally {
          // Pagefind runs a helper binary; leaving it running keeps the build process alive.
          await pagefind.close();
        }
      },
    },
  };
}
