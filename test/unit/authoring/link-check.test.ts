import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkLinks, fileForPath, scanTags, urlOfPage, type SitePage } from '../../../src/authoring/link-check';
import { formatProblems } from '../../../src/content/problems';
import { projectRoot } from '../../support/project';

const fixture = join(projectRoot, 'test/fixtures/links');
const siteDir = join(fixture, 'site');

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? filesOf(full) : [relative(siteDir, full)];
  });
}

const files = new Set(filesOf(siteDir));
const pages: SitePage[] = [...files].filter((f) => f.endsWith('.html')).map((path) => ({ path, html: readFileSync(join(siteDir, path), 'utf8') }));

describe('checkLinks on the fixture mini-site', () => {
  const lessonSource = { file: 'test/fixtures/links/sources/lesson.mdx', text: readFileSync(join(fixture, 'sources/lesson.mdx'), 'utf8') };
  const report = checkLinks({ pages, files, site: 'https://course.example.org', siteDir: 'site', sources: new Map([['lesson/index.html', lessonSource]]) });

  test('reports the broken link, the broken anchors and the missing srcset image, and nothing else', () => {
    expect(formatProblems(report.problems).split('\n').sort()).toEqual(
      [
        'site/index.html:10  error  a.href: "/missing/" does not resolve to a file of the site (looked for /missing/ in site/) (page /)',
        'site/index.html:11  error  a.href: "/lesson/#nowhere": no element with id "nowhere" on /lesson/ (page /)',
        'site/lesson/index.html:1  error  img.srcset: "/img/logo@2x.svg" does not resolve to a file of the site (looked for /img/logo@2x.svg in site/) (page /lesson/, from test/fixtures/links/sources/lesson.mdx)',
        'test/fixtures/links/sources/lesson.mdx:7  error  a.href: "#figure-fig-b": no element with id "figure-fig-b" on this page (page /lesson/)',
      ].sort(),
    );
  });

  test('lists external links with their counts, without fetching them', () => {
    expect(report.external).toEqual([
      { url: 'https://example.org/', count: 2, pages: ['/'] },
      { url: 'https://example.com/x?a=1&b=2', count: 1, pages: ['/'] },
    ]);
  });

  test('checks internal links, including the site\'s own origin, and skips comments and scripts', () => {
    // index: style, 2 nav, missing, nowhere, own origin, img = 7; lesson: 2 srcset, src, 2 refs, home, top = 7.
    expect(report.checked).toBe(14);
  });
});

describe('the pieces', () => {
  test('scanTags skips comments, script text and the title, and decodes entities', () => {
    const tags = scanTags('<title><a href="/t/"></title><!-- <a href="/c/"> --><script>"<a href=\'/s/\'>"</script><a title="x > y" href="/a/?q=1&amp;r=2">a</a><br/><img src=/i.png alt>');
    expect(tags.map((t) => t.name)).toEqual(['title', 'script', 'a', 'br', 'img']);
    expect(tags[2]!.attributes.get('href')?.value).toBe('/a/?q=1&r=2');
    expect(tags[4]!.attributes.get('src')?.value).toBe('/i.png');
    expect(tags[4]!.attributes.get('alt')?.value).toBe('');
  });

  test('page URLs and the files URL paths resolve to', () => {
    expect(urlOfPage('index.html')).toBe('/');
    expect(urlOfPage('math-for-ml/1.2.38/index.html')).toBe('/math-for-ml/1.2.38/');
    expect(urlOfPage('404.html')).toBe('/404.html');
    const site = new Set(['index.html', 'a/index.html', 'b.html', 'c.css']);
    expect(fileForPath('/', site)).toBe('index.html');
    expect(fileForPath('/a/', site)).toBe('a/index.html');
    expect(fileForPath('/a', site)).toBe('a/index.html');
    expect(fileForPath('/b', site)).toBe('b.html');
    expect(fileForPath('/c.css', site)).toBe('c.css');
    expect(fileForPath('/d/', site)).toBeUndefined();
  });
});
