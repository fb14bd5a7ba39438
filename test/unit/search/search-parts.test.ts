import { afterAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as pagefind from 'pagefind';
import { partCount, partOf, writeSearchIndex } from '../../../src/integrations/search';

/**
 * The search index in parts (src/integrations/search.ts): 250 small pages make three parts; the site's own Pagefind
 * module, run in Node on the files with the parts merged as the search box merges them, finds a page of every part;
 * one changed page re-indexes only its part, and the new word is found.
 */
const root = mkdtempSync(join(tmpdir(), 'search-parts-'));
const docsDir = join(root, 'cache');
const outDir = join(root, 'dist');
const version = (JSON.parse(readFileSync('node_modules/pagefind/package.json', 'utf8')) as { version: string }).version;
const pages = Array.from({ length: 250 }, (_, i) => `lesson-${i}/index.html`);
const word = (i: number) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}word`;

function writeDoc(path: string, text: string): { path: string; hash: string } {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${path}</title></head><body><article data-pagefind-body><p>${text}</p></article></body></html>`;
  mkdirSync(join(docsDir, 'pages', path, '..'), { recursive: true });
  writeFileSync(join(docsDir, 'pages', path), html);
  return { path, hash: createHash('sha1').update(html).digest('hex') };
}

/** The URLs the main index with its merged parts finds for `query`. */
async function search(query: string): Promise<string[]> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (url: string | URL) => new Response(await readFile(fileURLToPath(new URL(url))))) as typeof fetch;
  try {
    const base = join(outDir, 'pagefind/');
    const api = await import(/* @vite-ignore */ `${pathToFileURL(join(base, 'pagefind.js')).href}?${Date.now()}`);
    await api.options({ basePath: pathToFileURL(base).href });
    for (const part of JSON.parse(readFileSync(join(base, 'parts.json'), 'utf8')) as string[]) await api.mergeIndex(pathToFileURL(join(base, part)).href);
    const found = await api.search(query);
    // Pagefind prefixes the main index's URLs with its file: base; the site's own paths are what matter.
    return Promise.all(found.results.map(async (r: { data: () => Promise<{ url: string }> }) => (await r.data()).url.replace(/^.*\/dist\//, '/')));
  } finally {
    globalThis.fetch = realFetch;
  }
}

afterAll(async () => {
  await pagefind.close();
  rmSync(root, { recursive: true, force: true });
});

describe('search index in parts', () => {
  test('small courses keep one index; parts are stable', () => {
    expect(partCount(3)).toBe(1);
    expect(partCount(149)).toBe(1);
    expect(partCount(1000)).toBe(10);
    expect(partOf('bench/1.1.1/index.html', 10)).toBe(partOf('bench/1.1.1/index.html', 10));
  });

  test('a page of every part is found; one changed page re-indexes one part', async () => {
    const docs = pages.map((p, i) => writeDoc(p, `Lesson ${i} explains ${word(i)} in detail.`));
    const first = await writeSearchIndex(docs, docsDir, outDir, version);
    expect(first).toEqual({ parts: 3, indexed: 3 });
    expect(readdirSync(join(outDir, 'pagefind/parts')).sort()).toEqual(['1', '2']);
    // Merged parts serve no second loader: the main folder's pagefind.js loads them.
    expect(readdirSync(join(outDir, 'pagefind/parts/1'))).not.toContain('pagefind.js');
    for (const k of [0, 1, 2]) {
      const i = pages.findIndex((p) => partOf(p, 3) === k);
      expect(await search(word(i)), `part ${k}`).toEqual([`/lesson-${i}/`]);
    }

    const edited = pages.findIndex((p) => partOf(p, 3) === 2);
    docs[edited] = writeDoc(pages[edited]!, `Lesson ${edited} now also covers quokkaphrase.`);
    expect(await writeSearchIndex(docs, docsDir, outDir, version)).toEqual({ parts: 3, indexed: 1 });
    expect(await search('quokkaphrase')).toEqual([`/lesson-${edited}/`]);
    // Unchanged parts still answer, from their kept bundles.
    const other = pages.findIndex((p) => partOf(p, 3) === 0);
    expect(await search(word(other))).toEqual([`/lesson-${other}/`]);
  });
});
