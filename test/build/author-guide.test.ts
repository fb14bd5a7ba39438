import { beforeAll, describe, expect, test } from 'vitest';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { astroBuild, projectRoot, scratchProject, type BuildResult } from '../support/project';

/**
 * A build leaves the author guide out unless COURSE_GUIDE=on (src/lib/author-guide.ts): by default no /guide/
 * page is built or precached, and no page links to one. A build with the guide and the header's link to it
 * (COURSE_GUIDE=on) is checked by authoring.test.ts.
 */

let dir: string;
let build: BuildResult;

const htmlFiles = (root: string): string[] =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name));

beforeAll(async () => {
  dir = scratchProject('author-guide-off', []);
  cpSync(join(projectRoot, 'content'), join(dir, 'content'), { recursive: true });
  // No COURSE_GUIDE at all: the default, whatever the environment running the tests says.
  build = await astroBuild(dir, { COURSE_GUIDE: '' });
}, 600_000);

describe('a build, by default', () => {
  test('the build succeeds and says the guide is left out', () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output).toContain('the author guide (/guide/) is left out of this build');
  });

  test('no /guide/ page, and the lessons, course, progress and home pages are all there', () => {
    expect(existsSync(join(dir, 'dist/guide'))).toBe(false);
    for (const page of ['index.html', 'math-for-ml/index.html', 'math-for-ml/1.2.38/index.html', 'progress/index.html', '404.html']) {
      expect(existsSync(join(dir, 'dist', page)), page).toBe(true);
    }
  });

  test('no page links to the guide, and the service worker does not precache it', () => {
    const pages = htmlFiles(join(dir, 'dist'));
    expect(pages.length).toBeGreaterThan(5);
    const linking = pages.filter((file) => /href="\/guide\//.test(readFileSync(file, 'utf8')));
    expect(linking).toEqual([]);
    expect(readFileSync(join(dir, 'dist/index.html'), 'utf8')).toContain('<a href="/progress/">My progress</a>');
    expect(readFileSync(join(dir, 'dist/sw.js'), 'utf8')).not.toContain('guide/');
  });
});
