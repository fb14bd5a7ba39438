import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { searchDocument } from './search-document';
import { unchangedLessonPages } from '../lib/incremental-pages';

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
 * site: ./incremental-build.ts) is not even read. Returns the manifest: each page with the hash of its HTML and
 * whether it has a document.
 */
export function writeSearchDocuments(outDir: string, docsDir: string): { pages: Record<string, PageStamp>; made: number } {
  const kept = readDocumentManifest(docsDir);
  if (!kept) rmSync(docsDir, { recursive: true, force: true });
  const previous = kept ?? {};
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
  writeFileSync(join(docsDir, 'manifest.json'), JSON.stringify(next));
  return { pages: next, made };
}

/** The documents' manifest the last build left, or undefined when there is none that reads. */
function readDocumentManifest(docsDir: string): Record<string, PageStamp> | undefined {
  try {
    return JSON.parse(readFileSync(join(docsDir, 'manifest.json'), 'utf8')) as Record<string, PageStamp>;
  } catch {
    return undefined;
  }
}

/** A Pagefind index with some pages' documents in it: each page with the hash of the HTML its document was made from. */
interface FedIndex {
  index: pagefind.PagefindIndex;
  fed: Map<string, string>;
}

async function newIndex(): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  return index;
}

/**
 * Hands Pagefind the documents of `pages` (relative to the site), as kept in `docsDir`, without waiting for one
 * before sending the next: one round trip to its process at a time made 998 pages take 20 s on a loaded machine.
 * They are read in parallel and sent in the given order (Pagefind numbers pages in the order it is given them, so
 * the same build makes the same index); each is read and sent between the build's other work, not in one block
 * (read and sent at once, 998 held the build's own thread for ~3 s at load 13).
 */
async function feed(target: FedIndex, docsDir: string, pages: readonly string[], manifest: Record<string, PageStamp>): Promise<void> {
  const fresh = pages.filter((path) => manifest[path]?.indexed && !target.fed.has(path));
  const contents = fresh.map((path) => readFile(join(docsDir, 'pages', path), 'utf8'));
  // Each promise is handled at once, so none rejects unobserved while an earlier one is awaited.
  for (const read of contents) read.catch(() => undefined);
  const added: Promise<pagefind.NewFileResponse>[] = [];
  for (const [i, path] of fresh.entries()) {
    const adding = target.index.addHTMLFile({ sourcePath: path, content: await contents[i]! });
    adding.catch(() => undefined);
    added.push(adding);
  }
  const results = await Promise.all(added);
  const failed = results.flatMap((a, i) => (a.errors.length > 0 ? [`${fresh[i]}: ${a.errors.join('; ')}`] : []));
  if (failed.length > 0) throw new Error(`Pagefind could not index ${failed.join(', ')}`);
  for (const path of fresh) target.fed.set(path, manifest[path]!.hash);
}

/**
 * Starts an index and feeds it the kept documents of `pages`, pages the build will not change (an incremental
 * build's unchanged lessons): Pagefind is a process of its own, so it indexes them on the second core while Astro
 * bundles and renders. Settles to undefined when the last build left no documents or Pagefind failed (then
 * {@link completeIndex} indexes every page at the end; never a rejection, which nothing would handle before then).
 */
export async function feedUnchangedPages(docsDir: string, pages: readonly string[]): Promise<FedIndex | undefined> {
  const manifest = readDocumentManifest(docsDir);
  if (!manifest || pages.length === 0) return undefined;
  try {
    const target = { index: await newIndex(), fed: new Map<string, string>() };
    await feed(target, docsDir, pages, manifest);
    return target;
  } catch {
    return undefined;
  }
}

/**
 * The whole site's index: the pages `early` was fed (when each still has the document it was fed) and the others
 * added now, or, when a page fed early has another document by now (which an incremental build does not make), a
 * fresh index of them all: one index with exact results, as a full build makes.
 */
async function completeIndex(early: Promise<FedIndex | undefined>, docsDir: string, pages: Record<string, PageStamp>): Promise<{ index: pagefind.PagefindIndex; fedEarly: number }> {
  const target = await early;
  if (target && [...target.fed].every(([path, hash]) => pages[path]?.indexed && pages[path].hash === hash)) {
    const fedEarly = target.fed.size;
    await feed(target, docsDir, Object.keys(pages).sort(), pages);
    return { index: target.index, fedEarly };
  }
  await target?.index.deleteIndex();
  const index = await newIndex();
  // Pagefind reads the small documents itself (in parallel), from a folder that mirrors dist/: same URLs.
  const added = await index.addDirectory({ path: join(docsDir, 'pages') });
  if (added.errors.length > 0) throw new Error(`Pagefind could not index ${docsDir}: ${added.errors.join('; ')}`);
  return { index, fedEarly: 0 };
}

/**
 * Builds the Pagefind index over the finished HTML in dist/ (only the parts marked `data-pagefind-body`:
 * the lesson articles, so the header, footer and navigation are not matched on every page). Each page is
 * handed to Pagefind as the small document ./search-document.ts makes of it, without math, charts and
 * scripts, which Pagefind would otherwise parse for nothing (most of the indexing time at course scale);
 * the documents are kept under node_modules/.cache/course-search/ and remade only for pages that changed.
 * In an incremental build the unchanged lessons' documents are fed to Pagefind from the start of the build
 * ({@link feedUnchangedPages}), so that only the changed pages and the writing are left after rendering.
 * Must run before the offline integration, which precaches the index.
 */
export default function searchIndex(): AstroIntegration {
  let docsDir = '';
  let early: Promise<FedIndex | undefined> = Promise.resolve(undefined);
  return {
    name: 'search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        docsDir = join(fileURLToPath(config.root), 'node_modules', '.cache', 'course-search');
      },
      // When the bundling starts, not earlier: the cache seals are checked by then (the kept documents are the last
      // build's), and the content sync and validation before it keep the build's own thread busy, which Pagefind
      // slowed by a few seconds at load 13-17 when fed from the config's set-up.
      'astro:build:start': () => {
        early = feedUnchangedPages(docsDir, unchangedLessonPages());
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        try {
          const { pages, made } = writeSearchDocuments(outDir, docsDir);
          const { index, fedEarly } = await completeIndex(early, docsDir, pages);
          const written = await index.writeFiles({ outputPath: join(outDir, searchIndexDir) });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
          const entry = JSON.parse(readFileSync(join(outDir, searchIndexDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
          const indexed = Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
          const expected = Object.values(pages).filter((p) => p.indexed).length;
          if (indexed !== expected) throw new Error(`Pagefind indexed ${indexed} pages of ${expected}`);
          const size = directorySize(join(outDir, searchIndexDir));
          logger.info(`indexed ${indexed} pages (${made} changed${fedEarly ? `, ${fedEarly} fed while the build ran` : ''}) into /${searchIndexDir}/ (${size.files} files, ${(size.bytes / 1024).toFixed(0)} KB)`);
        } finally {
          // Pagefind runs a helper binary; leaving it running keeps the build process alive.
          await pagefind.close();
        }
      },
    },
  };
}
