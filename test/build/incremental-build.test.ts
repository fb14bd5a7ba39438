import { beforeAll, describe, expect, test } from 'vitest';
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateOurs, lessonId } from '../../bench/course-generator.mjs';
import { astroBuild, projectRoot, scratchProject } from '../support/project';

/**
 * One lesson edited in a built course: the build renders only what changed and links the rest of the last site in
 * (src/integrations/incremental-build.ts), and the site it makes is the site a full build makes.
 */

const lessons = 6;
const edited = 3;
const sentence = 'The word snorkelwump was added by the incremental build test.';
const page = (i: number) => `${lessonId(i)}/index.html`;
const recordFile = (dir: string) => join(dir, 'node_modules/.cache/course-cache-seals/last-build.json');

/** What the service worker precaches for `url` (its revision), read from sw.js. */
function revisionOf(dist: string, url: string): string | undefined {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  return new RegExp(`\\{url:${JSON.stringify(url).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},revision:"([^"]+)"\\}`).exec(sw)?.[1];
}

/**
 * What the site's own Pagefind index finds for `query` (its browser module, run in Node on the files): each page's
 * URL (relative to the site) and score, best first.
 */
async function searchResults(dist: string, query: string): Promise<{ url: string; score: number }[]> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (url: string | URL) => new Response(await readFile(fileURLToPath(new URL(url))))) as typeof fetch;
  try {
    // A fresh module instance per site: the query string makes it another module.
    const pagefind = await import(/* @vite-ignore */ `${pathToFileURL(join(dist, 'pagefind/pagefind.js')).href}?${Date.now()}`);
    await pagefind.options({ basePath: pathToFileURL(join(dist, 'pagefind/')).href });
    const found = await pagefind.search(query);
    // Pagefind's URLs begin with the base path given: the site's folder, which differs between the sites compared.
    const site = `/${basename(dist)}/`;
    return Promise.all(
      found.results.map(async (r: { score: number; data: () => Promise<{ url: string }> }) => {
        const { url } = await r.data();
        return { url: url.slice(url.indexOf(site) + site.length - 1), score: r.score };
      }),
    );
  } finally {
    globalThis.fetch = realFetch;
  }
}

/** The URLs of the pages the site's index finds for `query`, best first. */
const searchSite = async (dist: string, query: string) => (await searchResults(dist, query)).map((r) => r.url);

const build = async (dir: string) => {
  const result = await astroBuild(dir);
  expect(result.code, result.output.slice(-3000)).toBe(0);
  return result.output;
};

describe('one lesson edited', () => {
  let dir = '';
  let before = '';
  let incremental = '';
  let full = '';
  let incrementalLog = '';

  beforeAll(async () => {
    dir = scratchProject('incremental-build', []);
    generateOurs(dir, lessons, { work: join(dir, '.bench'), toolsDir: join(projectRoot, 'bench/peers') });
    await build(dir);
    before = join(dir, 'dist.before');
    cpSync(join(dir, 'dist'), before, { recursive: true });

    const folder = join(dir, 'content/bench/module-01');
    const file = readdirSync(folder).find((f) => f.startsWith(`${lessonId(edited)}-`) && f.endsWith('.mdx'))!;
    appendFileSync(join(folder, file), `\n${sentence}\n`);
    // Its quiz too: the quiz's data file is named by its hash, so the old one must leave the site.
    const quiz = join(folder, file.replace(/\.mdx$/, '.quiz.yaml'));
    writeFileSync(quiz, readFileSync(quiz, 'utf8').replace('A flattening loss is convergence.', 'A flattening loss means it converged.'));
    incrementalLog = await build(dir);
    incremental = join(dir, 'dist.incremental');
    cpSync(join(dir, 'dist'), incremental, { recursive: true });

    // The same inputs built in full: no record, so no incremental build and no reuse.
    rmSync(recordFile(dir));
    await build(dir);
    full = join(dir, 'dist');
  });

  test('is built incrementally: only the edited lesson and the lessons naming it are bundled', () => {
    expect(incrementalLog).toMatch(/building: an input changed; incrementally: 2 lesson file\(s\) changed \(content\/bench\/module-01\/1\.1\.3-[^)]*\); 3 lesson\(s\) bundled/);
    expect(incrementalLog).toMatch(/linked \d+ unchanged files of the last site/);
    // The lessons outside the bundle went to Pagefind while Astro bundled and rendered.
    expect(incrementalLog).toMatch(new RegExp(`indexed ${lessons} pages \\(\\d+ changed, ${lessons - 3} fed while the build ran\\)`));
  });

  test('makes the pages a full build makes: the edited one, an untouched one, the course page', () => {
    const edit = readFileSync(join(incremental, 'bench', page(edited)), 'utf8');
    expect(edit).toContain(sentence);
    expect(edit).toBe(readFileSync(join(full, 'bench', page(edited)), 'utf8'));
    for (const rel of [`bench/${page(1)}`, `bench/${page(lessons)}`, 'bench/index.html', 'index.html']) {
      expect(readFileSync(join(incremental, rel), 'utf8'), rel).toBe(readFileSync(join(full, rel), 'utf8'));
    }
    // The untouched page is the last build's file, not a new rendering of it.
    expect(readFileSync(join(incremental, 'bench', page(1)), 'utf8')).toBe(readFileSync(join(before, 'bench', page(1)), 'utf8'));
  });

  test('makes the same files as a full build: no stale quiz data file, nothing missing', () => {
    // The search index's files are compared by the search test below; the rest by name.
    const files = (dist: string) =>
      readdirSync(dist, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(dist.length + 1))
        .filter((f) => !f.startsWith('pagefind/'))
        .sort();
    expect(files(incremental)).toEqual(files(full));
    expect(files(incremental)).not.toEqual(files(before));
    // The service worker too, but for the search index's file names and revisions: Pagefind numbers pages in the
    // order it is given them (the search test below compares what it finds).
    const withoutIndex = (dist: string) => readFileSync(join(dist, 'sw.js'), 'utf8').replace(/\{url:"pagefind\/[^"]*",revision:(?:null|"[^"]*")\},?/g, '');
    expect(withoutIndex(incremental)).toBe(withoutIndex(full));
  });

  test('search finds the new sentence on the edited page, and still finds the other pages', async () => {
    expect(await searchSite(before, 'snorkelwump')).toEqual([]);
    const found = await searchSite(incremental, 'snorkelwump');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`/bench/${lessonId(edited)}/`);
    // Every lesson page is in the index: each has the summary's words of its own generated lesson title.
    const everyLesson = await searchSite(incremental, 'lesson');
    expect(everyLesson.length).toBe(lessons);
  });

  test("search answers as the full build's index does: the same pages with the same scores", async () => {
    // Pagefind numbers pages in the order it is given them, and the incremental build gives it the unchanged lessons
    // first (src/integrations/search.ts): pages of equal score may come in another order, nothing else may differ.
    const ranked = async (dist: string, query: string) =>
      (await searchResults(dist, query)).sort((a, b) => b.score - a.score || a.url.localeCompare(b.url));
    for (const query of ['lesson', 'snorkelwump', lessonId(5), 'gradient descent', 'converged', 'step size', 'loss']) {
      const found = await ranked(full, query);
      expect(await ranked(incremental, query), query).toEqual(found);
    }
    expect((await ranked(full, 'lesson')).length).toBe(lessons);
  });


  test("the service worker's revision of the edited page changed, an untouched page's did not", () => {
    const url = `bench/${lessonId(edited)}/index.html`;
    expect(revisionOf(before, url)).toBeDefined();
    expect(revisionOf(incremental, url)).not.toBe(revisionOf(before, url));
    expect(revisionOf(incremental, url)).toBe(revisionOf(full, url));
    const untouched = `bench/${lessonId(1)}/index.html`;
    expect(revisionOf(incremental, untouched)).toBe(revisionOf(before, untouched));
  });

  test('a template change is a full build', async () => {
    appendFileSync(join(dir, 'src/layouts/Base.astro'), '\n');
    const folder = join(dir, 'content/bench/module-01');
    const file = readdirSync(folder).find((f) => f.startsWith(`${lessonId(edited)}-`) && f.endsWith('.mdx'))!;
    appendFileSync(join(folder, file), '\nAnd one more sentence.\n');
    const log = await build(dir);
    expect(log).toContain('a full build: more than lessons changed');
    expect(log).not.toContain('; incrementally:');
    expect(readFileSync(join(dir, 'dist/bench', page(edited)), 'utf8')).toContain('And one more sentence.');
    // The site it replaced waits in dist.previous/ (the one there before was removed while this build ran, or the
    // swap's rename would have failed) until the next build.
    expect(readFileSync(join(dir, 'dist.previous/bench', page(edited)), 'utf8')).not.toContain('And one more sentence.');
    expect(existsSync(join(dir, 'dist.staging'))).toBe(false);
  });
});
