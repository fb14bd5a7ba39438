import { beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { astroBuild, projectRoot, scratchProject, type BuildResult } from '../support/project';

/**
 * Real pages from public books (test/fixtures/import/README.md names each repository and commit),
 * imported with `npm run import` into one scratch project and built once: what a teacher moving a
 * course over would do. The build is the check that matters (every lesson validates, every formula
 * renders, every reference resolves); the HTML checks say the constructs arrived as components.
 */
const fixtures = join(projectRoot, 'test/fixtures/import');
const books = ['quantecon-mini-example/mini_book', 'sphinx-exercise', 'lecture-python-intro/lectures', 'quarto-web', 'starlight', 'r4ds'];

let dir: string;
let imports: { book: string; code: number | null; output: string }[];
let build: BuildResult;

function page(course: string, lesson: string): string {
  return readFileSync(join(dir, 'dist', course, lesson, 'index.html'), 'utf8');
}

beforeAll(async () => {
  dir = scratchProject('import', []);
  imports = books.map((book) => {
    const run = spawnSync(process.execPath, [join(projectRoot, 'scripts/import.ts'), join(fixtures, book), '--root', dir], { cwd: projectRoot, encoding: 'utf8' });
    return { book, code: run.status, output: run.stdout + run.stderr };
  });
  build = await astroBuild(dir);
});

describe('importing real books', () => {
  test('every book imports, with what was not converted listed by file and line', () => {
    for (const run of imports) expect(run.code, `${run.book}\n${run.output}`).toBe(0);
    const mini = imports[0]!.output;
    // A figure whose image is not in the fixture is listed, with the line of its directive.
    expect(mini).toMatch(/mini_book\/docs\/about_py\.md:\d+ {2}not converted {2}image \/_static\/lecture_specific\/about_py\/pandas_vs_matlab\.png \(file not found\)/);
    expect(mini).toMatch(/about_py\.md:\d+ {2}not converted {2}\{bibliography\} directive/);
  });

  test('the imported courses build', () => {
    expect(build.code, build.output.slice(-4000)).toBe(0);
  });

  test('modules and lessons follow the table of contents', () => {
    const course = readFileSync(join(dir, 'content/scientific-python-quickstart/course.yaml'), 'utf8');
    expect(course).toContain('title: Scientific Python QuickStart');
    const lessons = readdirSync(join(dir, 'content/scientific-python-quickstart/1.1-scientific-python-quickstart')).filter((f) => f.endsWith('.mdx'));
    expect(lessons).toEqual(['1.1.1-scientific-python-quickstart.mdx', '1.1.2-about-python.mdx', '1.1.3-an-introductory-example.mdx']);
  });

  test('figures, margin notes, callouts and code arrive as components, with images copied', () => {
    const html = page('scientific-python-quickstart', '1.1.3');
    expect(html).toMatch(/<figure class="figure" id="figure-[^"]+">/);
    expect(html).toMatch(/<img [^>]*src="\/_astro\/test_program_1_updated[^"]*"/);
    // Code cells are highlighted (Shiki) and keep their comments as comments.
    expect(html).toMatch(/<pre class="astro-code[^"]*"[^>]*data-language="python"/);
    expect(existsSync(join(dir, 'content/scientific-python-quickstart/1.1-scientific-python-quickstart/images/test_program_1_updated.png'))).toBe(true);
    const about = page('scientific-python-quickstart', '1.1.2');
    expect(about).toContain('Not converted on import: {bibliography} directive');
  });

  test('gated exercises and solutions become Exercise and Solution; references link to them', () => {
    const html = page('sphinx-exercise', '2.1.1');
    expect(html).toMatch(/<section class="exercise level-intermediate" id="exercise-2-1-1-1"/);
    expect(html).toContain('Replicate Matplotlib Plot');
    const solutions = page('sphinx-exercise', '2.1.2');
    expect(solutions).toMatch(/<details class="solution">/);
  });

  test('Quarto: callouts, included files and figures', () => {
    const callouts = page('quarto-web', '4.1.1');
    expect(callouts).toMatch(/<div class="callout callout-tip" role="note"/);
    expect(callouts).toMatch(/<div class="callout callout-warning" role="note"/);
    // Pandoc's div fences never show as text (the examples in code blocks keep theirs).
    expect(callouts).not.toMatch(/<p>:::/);
    expect(callouts).toContain('::: {.callout-note}');
    const crossRefs = page('quarto-web', '4.1.2');
    expect(crossRefs).toMatch(/<img [^>]*src="\/_astro\/crossref-figure[^"]*"/);
    expect(crossRefs).not.toMatch(/<p>[^<]*\{\.border/);
  });

  test('Quarto book (R for Data Science): a part opens with its own page; cells that show a picture are figures; callouts', () => {
    const course = readFileSync(join(dir, 'content/r-for-data-science-2e/course.yaml'), 'utf8');
    expect(course).toContain('title: Whole game');
    const part = page('r-for-data-science-2e', '6.1.1');
    const figure = /<figure class="figure" id="(figure-[^"]+)">/.exec(part);
    expect(figure).not.toBeNull();
    expect(part).toMatch(/<img [^>]*src="\/_astro\/whole-game[^"]*"/);
    expect(part).toContain('alt="A diagram displaying the data science cycle');
    // @fig-ds-whole-game links to it; @sec- references to chapters of the book link to their lessons.
    expect(part).toContain(`href="#${figure![1]}"`);
    expect(part).toMatch(/<a href="\/r-for-data-science-2e\/6\.1\.2\/">Workflow: basics<\/a>/);
    expect(part).toMatch(/<a href="\/r-for-data-science-2e\/6\.1\.3\/">Workflow: scripts and projects<\/a>/);
    expect(imports[5]!.output).toMatch(/whole-game\.qmd:\d+ {2}not converted {2}@sec-data-tidy, which is not in this book/);
    const scripts = page('r-for-data-science-2e', '6.1.3');
    expect(scripts).toMatch(/<div class="callout callout-note" role="note"/);
    expect(scripts).toContain('RStudio server');
    expect(scripts).toMatch(/<img [^>]*src="\/_astro\/rstudio-wd[^"]*"/);
    // Quarto's cell options are directives, never shown; the include_graphics calls became the pictures.
    expect(scripts).not.toContain('#|');
    expect(scripts).not.toContain('include_graphics');
  });

  test('Starlight: asides become callouts, imports disappear, tabs and steps keep their content', () => {
    const asides = page('starlight', '5.1.1');
    expect(asides).toMatch(/<div class="callout callout-warning" role="note"/);
    expect(asides).not.toContain('import { Aside }</p>');
    const tabs = page('starlight', '5.1.3');
    expect(tabs).toContain('<strong>Stars</strong>');
  });

  test('labelled equations are numbered and {eq} references link to them', () => {
    const html = page('lectures', '3.1.1');
    expect(html).toMatch(/<div id="eq-[^"]+" class="equation">/);
    expect(html).toMatch(/<a href="#eq-[^"]+" class="equation-ref">\(\d+\)<\/a>/);
  });
});
