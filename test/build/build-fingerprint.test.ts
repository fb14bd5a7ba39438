import { describe, expect, test } from 'vitest';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputsFingerprint, recordBuild, reuseProblem } from '../../src/integrations/build-fingerprint';
import { astroBuild, scratchProject } from '../support/project';
import { corpusBase } from '../support/corpus';

const tools = { node: 'v24.0.0', astro: '7.3.5', argv: ['build'] };

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'fingerprint-'));
  mkdirSync(join(root, 'content/c'), { recursive: true });
  mkdirSync(join(root, 'src'), { recursive: true });
  writeFileSync(join(root, 'content/c/1.1.1-a.mdx'), 'A lesson.\n');
  writeFileSync(join(root, 'src/page.astro'), '<p>page</p>\n');
  writeFileSync(join(root, 'package-lock.json'), '{}\n');
  mkdirSync(join(root, 'dist/c'), { recursive: true });
  writeFileSync(join(root, 'dist/c/index.html'), '<p>A lesson.</p>\n');
  return root;
}

describe('the build fingerprint', () => {
  test('moves with every input: a lesson, the source, the lock file, COURSE_ variables, the tool versions; not with unrelated variables', () => {
    const root = project();
    const base = inputsFingerprint(root, { COURSE_GUIDE: 'on', HOME: '/a' }, tools);
    expect(inputsFingerprint(root, { COURSE_GUIDE: 'on', HOME: '/b' }, tools)).toBe(base);
    expect(inputsFingerprint(root, { COURSE_GUIDE: 'off', HOME: '/a' }, tools)).not.toBe(base);
    expect(inputsFingerprint(root, { COURSE_GUIDE: 'on', HOME: '/a' }, { ...tools, node: 'v24.1.0' })).not.toBe(base);
    expect(inputsFingerprint(root, { COURSE_GUIDE: 'on', HOME: '/a' }, { ...tools, astro: '7.3.6' })).not.toBe(base);
    expect(inputsFingerprint(root, { COURSE_GUIDE: 'on', HOME: '/a' }, { ...tools, argv: ['build', '--verbose'] })).not.toBe(base);
    for (const file of ['content/c/1.1.1-a.mdx', 'src/page.astro', 'package-lock.json']) {
      const before = readFileSync(join(root, file));
      appendFileSync(join(root, file), ' ');
      expect(inputsFingerprint(root, { COURSE_GUIDE: 'on', HOME: '/a' }, tools), file).not.toBe(base);
      writeFileSync(join(root, file), before);
    }
    // A renamed lesson with the same bytes is another input.
    rmSync(join(root, 'content/c/1.1.1-a.mdx'));
    writeFileSync(join(root, 'content/c/1.1.1-b.mdx'), 'A lesson.\n');
    expect(inputsFingerprint(root, { COURSE_GUIDE: 'on', HOME: '/a' }, tools)).not.toBe(base);
  });

  test('the last site is reused only when the inputs are the same and dist/ is exactly as that build left it', () => {
    const root = project();
    const dist = join(root, 'dist');
    const inputs = inputsFingerprint(root, {}, tools);
    expect(reuseProblem(root, dist, inputs)).toBe('no finished build is recorded');
    recordBuild(root, dist, inputs);
    expect(reuseProblem(root, dist, inputs)).toBeUndefined();
    expect(reuseProblem(root, dist, `${inputs}0`)).toBe('an input changed');

    // Same size, new bytes: the modification time gives it away.
    writeFileSync(join(dist, 'c/index.html'), '<p>B lesson.</p>\n');
    utimesSync(join(dist, 'c/index.html'), new Date(), new Date(Date.now() + 5_000));
    expect(reuseProblem(root, dist, inputs)).toBe('c/index.html of the site changed');
    recordBuild(root, dist, inputs);
    writeFileSync(join(dist, 'extra.html'), '');
    expect(reuseProblem(root, dist, inputs)).toBe('extra.html was added to the site');
    rmSync(join(dist, 'extra.html'));
    rmSync(join(dist, 'c/index.html'));
    expect(reuseProblem(root, dist, inputs)).toBe('c/index.html is missing from the site');
    rmSync(dist, { recursive: true });
    expect(reuseProblem(root, dist, inputs)).toMatch(/dist is missing$/);
    // A half-written record is no record.
    writeFileSync(join(root, 'node_modules/.cache/course-cache-seals/last-build.json'), '{"version":1,"inp');
    expect(reuseProblem(root, dist, inputs)).toBe('no finished build is recorded');
  });
});

const lessonFile = 'content/demo-course/1.9-demo/1.9.1-first.mdx';
const lessonPage = 'dist/demo-course/1.9.1/index.html';

function distFiles(dir: string): string[] {
  return readdirSync(join(dir, 'dist'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

describe('a rebuild with nothing changed', () => {
  test('reuses dist/ untouched; an edited lesson or a damaged dist/ gets a real build', async () => {
    const dir = scratchProject('build-fingerprint', [corpusBase]);
    const build = () => astroBuild(dir, { COURSE_GUIDE: 'off' });
    const first = await build();
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('building: no finished build is recorded');
    const page = readFileSync(join(dir, lessonPage), 'utf8');
    const files = distFiles(dir);

    const unchanged = await build();
    expect(unchanged.code, unchanged.output).toBe(0);
    expect(unchanged.output).toContain('nothing changed since the last build: reused the last site in dist/');
    expect(unchanged.output).not.toContain('site swapped into');
    expect(distFiles(dir)).toEqual(files);
    expect(readFileSync(join(dir, lessonPage), 'utf8')).toBe(page);

    appendFileSync(join(dir, lessonFile), '\nA sentence added by the fingerprint test.\n');
    const edited = await build();
    expect(edited.code, edited.output).toBe(0);
    expect(edited.output).toContain('building: an input changed');
    expect(readFileSync(join(dir, lessonPage), 'utf8')).toContain('A sentence added by the fingerprint test.');

    rmSync(join(dir, lessonPage));
    const repaired = await build();
    expect(repaired.code, repaired.output).toBe(0);
    expect(repaired.output).toContain('building: demo-course/1.9.1/index.html is missing from the site');
    expect(existsSync(join(dir, lessonPage))).toBe(true);

    // And after that real build, nothing changed again: reused.
    const again = await build();
    expect(again.output).toContain('nothing changed since the last build');
  });
});
