import { beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { astroBuild, projectRoot, scratchProject, type BuildResult } from '../support/project';

/**
 * The authoring tools' output must build on the first try: scaffold a lesson after the last one,
 * import every fixture outline into a second course, build the scratch project, then run the
 * checker over it.
 */

const outlines = ['dot-products.md', 'bayes-rule.md', 'messy-regularization.md', 'messy-sampling.md'];
const script = (name: string) => join(projectRoot, 'scripts', name);
const run = (args: string[], cwd = projectRoot) => spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });

let dir: string;
let build: BuildResult;

beforeAll(async () => {
  dir = scratchProject('authoring', []);
  cpSync(join(projectRoot, 'content'), join(dir, 'content'), { recursive: true });

  const scaffold = run([script('new-lesson.ts'), '--root', dir, '--id', '1.2.40', '--title', 'Jacobians and the chain rule', '--after', '1.2.39']);
  expect(scaffold.status, scaffold.stderr).toBe(0);

  // A second course whose modules hold the fixture outlines' lessons.
  const modules = ['2.1', '3.2', '4.3', '5.1'];
  mkdirSync(join(dir, 'content/imported'), { recursive: true });
  writeFileSync(
    join(dir, 'content/imported/course.yaml'),
    `title: Imported outlines\nsummary: Lessons made from outlines by npm run import.\nmodules:\n${modules.map((m) => `  - id: "${m}"\n    title: Module ${m}\n    folder: m-${m.replace('.', '-')}\n`).join('')}`,
  );
  for (const m of modules) mkdirSync(join(dir, `content/imported/m-${m.replace('.', '-')}`), { recursive: true });
  for (const outline of outlines) {
    const result = run([script('import-outline.ts'), '--root', dir, '--course', 'imported', join(projectRoot, 'test/fixtures/outlines', outline)]);
    expect(result.status, `${outline}\n${result.stdout}\n${result.stderr}`).toBe(0);
  }
  // With the guide (a build leaves it out unless asked): its pages are built from the same components as the lessons.
  build = await astroBuild(dir, { COURSE_GUIDE: 'on' });
}, 600_000);

describe('scaffolded and imported lessons build', () => {
  test('the build succeeds', () => {
    expect(build.code, build.output).toBe(0);
  });

  test('the scaffolded lesson has its page, sections and exercises, and 1.2.39 now links to it', () => {
    const html = readFileSync(join(dir, 'dist/math-for-ml/1.2.40/index.html'), 'utf8');
    expect(html).toContain('Jacobians and the chain rule');
    for (const anchor of ['exercise-1-2-40-1', 'exercise-1-2-40-2', 'exercise-1-2-40-3']) expect(html).toContain(`id="${anchor}"`);
    expect(html).toContain('Mini-project');
    expect(html).toContain('Key takeaways');
    const previous = readFileSync(join(dir, 'dist/math-for-ml/1.2.39/index.html'), 'utf8');
    expect(previous).toContain('href="/math-for-ml/1.2.40/"');
  });

  test('with COURSE_GUIDE=on the author guide is built, with every page linked from the header', () => {
    for (const page of ['', 'components/', 'quizzes/', 'front-matter/', 'charts/', 'validation/', 'tools/']) {
      expect(existsSync(join(dir, `dist/guide/${page}index.html`)), page).toBe(true);
    }
    expect(readFileSync(join(dir, 'dist/index.html'), 'utf8')).toContain('<a href="/guide/">Guide</a>');
  });

  test('every imported outline has its page', () => {
    for (const id of ['2.1.4', '3.2.1', '4.3.2', '5.1.2']) expect(existsSync(join(dir, `dist/imported/${id}/index.html`)), id).toBe(true);
    const messy = readFileSync(join(dir, 'dist/imported/4.3.2/index.html'), 'utf8');
    expect(messy).toContain('Historical note');
    // The `<` is escaped either way: `&lt;` from Astro's JSX, `&#x3C;` where MDX's optimize serialises prose as HTML.
    expect(messy).toMatch(/Use it when \{curly\} braces or a (?:&lt;|&#x3C;) sign appear in text\./);
  });

  test('npm run check finds no errors in them, only the TODOs to write', () => {
    const result = run([script('check.ts'), '--root', dir, '--skip-types']);
    const output = `${result.stdout}\n${result.stderr}`;
    const errors = output.split('\n').filter((line) => /\s\serror\s\s/.test(line));
    // Other parts of the site are built too; the lessons made here must add no error of their own.
    expect(errors.filter((line) => /1\.2\.40|imported\/|1\.2\.39|guide/.test(line)), output).toEqual([]);
    expect(output).toMatch(/content\/math-for-ml\/1\.2-calculus-for-ml\/1\.2\.40-jacobians-and-the-chain-rule\.mdx:\d+ {2}warning {2}\(todo\): still to write/);
    expect(output).toMatch(/\d+ pages, \d+ internal links and resources checked/);
  });
});
