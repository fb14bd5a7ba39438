import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
export function writeSearchDocuments(outDir: string, docsDir: string): { documents: { path: string; hash: string }[]; made: number } {
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
  const documents = Object.entries(next)
    .filter(([, p]) => p.indexed)
    .map(([path, p]) => ({ path, hash: p.hash }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { documents, made };
}

/** About how many pages one part of the search index holds: an edit re-indexes only its page's part. */
export const PAGES_PER_PART = 100;

/** How many parts an index of `pages` pages has (one for a course of up to ~150 pages: a single index, as before). */
export const partCount = (pages: number) => Math.max(1, Math.round(pages / PAGES_PER_PART));

/** The part a page's document belongs to: by a hash of its path, so a page stays in its part while the count holds. */
export const partOf = (path: string, parts: number) => parseInt(createHash('sha1').update(path).digest('hex').slice(0, 8), 16) % parts;

/** Where part `k` is served, below /pagefind/: part 0 is the index the search box loads, the others it merges. */
export const partDir = (k: number) => (k === 0 ? '' : `parts/${k}/`);

/** The list of merged parts (their folders below /pagefind/), read by the search box (src/client/search/pagefind-api.ts). */
export const partsFile = 'parts.json';

/** What a merged part leaves out of dist/: Pagefind's UIs and loader, which only the main index's folder serves. */
const uiFile = /^(?:pagefind(?:-ui|-modular-ui|-component-ui|-highlight)?\.(?:js|css)|playground|wasm\.unknown\.pagefind)$/;

/**
 * Builds the search index in parts ({@link partCount}, {@link partOf}) and writes it into `outDir`/pagefind/. Each part is
 * a Pagefind index of its own, built in `bundlesDir`/<k>/ and kept there with the key of its documents (their paths and
 * their pages' hashes): a part whose documents did not change is copied, not indexed again. Returns how many parts were
 * indexed anew.
 */
export async function writeSearchIndex(
  documents: { path: string; hash: string }[],
  docsDir: string,
  outDir: string,
  version: string,
): Promise<{ parts: number; indexed: number }> {
  const parts = partCount(documents.length);
  const bundlesDir = join(docsDir, 'bundles');
  const keysFile = join(bundlesDir, 'keys.json');
  let keys: Record<string, string> = {};
  try {
    keys = JSON.parse(readFileSync(keysFile, 'utf8')) as Record<string, string>;
  } catch {
    rmSync(bundlesDir, { recursive: true, force: true });
  }
  const members: { path: string; hash: string }[][] = Array.from({ length: parts }, () => []);
  for (const doc of documents) members[partOf(doc.path, parts)]!.push(doc);
  const nextKeys: Record<string, string> = {};
  let indexed = 0;
  for (const [k, docs] of members.entries()) {
    const key = createHash('sha256').update(JSON.stringify([version, parts, docs])).digest('hex');
    const bundle = join(bundlesDir, String(k));
    nextKeys[k] = key;
    if (keys[k] === key && existsSync(join(bundle, 'pagefind-entry.json'))) continue;
    rmSync(bundle, { recursive: true, force: true });
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    for (const doc of docs) {
      const added = await index.addHTMLFile({ sourcePath: doc.path, content: readFileSync(join(docsDir, 'pages', doc.path), 'utf8') });
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${doc.path}: ${added.errors.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    await index.deleteIndex();
    indexed += 1;
  }
  for (const k of Object.keys(keys)) if (!(k in nextKeys)) rmSync(join(bundlesDir, k), { recursive: true, force: true });
  mkdirSync(bundlesDir, { recursive: true });
  writeFileSync(keysFile, JSON.stringify(nextKeys));
  // Copies, not links: the cache must not change when the site's files do.
  const target = join(outDir, searchIndexDir);
  rmSync(target, { recursive: true, force: true });
  for (let k = 0; k < parts; k++) {
    const bundle = join(bundlesDir, String(k));
    cpSync(bundle, join(target, partDir(k)), { recursive: true, filter: (src) => k === 0 || !uiFile.test(relativeName(bundle, src)) });
  }
  writeFileSync(join(target, partsFile), JSON.stringify(Array.from({ length: parts - 1 }, (_, i) => partDir(i + 1))));
  return { parts, indexed };
}

/** The path of `file` below `dir`, as cpSync's filter sees it ('' for `dir` itself). */
const relativeName = (dir: string, file: string) => file.slice(dir.length + 1);

/** The installed Pagefind's version: a part indexed by another version is indexed again. */
const pagefindVersion = (root: string) => (JSON.parse(readFileSync(join(root, 'node_modules', 'pagefind', 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Builds the Pagefind index over the finished HTML in dist/ (only the parts marked `data-pagefind-body`:
 * the lesson articles, so the header, footer and navigation are not matched on every page). Each page is
 * handed to Pagefind as the small document ./search-document.ts makes of it, without math, charts and
 * scripts, which Pagefind would otherwise parse for nothing (most of the indexing time at course scale);
 * the documents are kept under node_modules/.cache/course-search/ and remade only for pages that changed.
 * The index is in parts of ~100 pages ({@link writeSearchIndex}) that the search box merges (Pagefind's
 * `mergeIndex`): one edited lesson re-indexes its part, not the whole course (8 s at 1,000 lessons).
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
          const docsDir = join(root, 'node_modules', '.cache', 'course-search');
          const { documents, made } = writeSearchDocuments(outDir, docsDir);
          const { parts, indexed } = await writeSearchIndex(documents, docsDir, outDir, pagefindVersion(root));
          const size = directorySize(join(outDir, searchIndexDir));
          logger.info(
            `indexed ${documents.length} pages (${made} changed) into /${searchIndexDir}/ in ${parts} part${parts === 1 ? '' : 's'} (${indexed} indexed anew; ${size.files} files, ${(size.bytes / 1024).toFixed(0)} KB)`,
          );
        } finally {
          // Pagefind runs a helper binary; leaving it running keeps the build process alive.
          await pagefind.close();
        }
      },
    },
  };
}
