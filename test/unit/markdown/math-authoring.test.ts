import { describe, expect, test } from 'vitest';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { remarkPlugins, rehypePlugins } from '../../../src/markdown/index';
import { courseMacrosFor } from '../../../src/markdown/course-macros';
import { renderMarkdown } from '../../../src/markdown/render';
import { courseSchema } from '../../../src/content/schema';
import { validateLessonFile } from '../../../src/content/validate';
import { validationCache } from '../../../src/content/validation-cache';

/** The lesson pipeline (remark plugins, rehype plugins) on plain Markdown, as HTML. */
function render(markdown: string, path = '/nowhere/lesson.md'): string {
  const processor = unified()
    .use(remarkParse)
    .use(remarkPlugins as never)
    .use(remarkRehype)
    .use(rehypePlugins as never)
    .use(rehypeStringify, { allowDangerousHtml: true });
  return String(processor.processSync(new VFile({ value: markdown, path })));
}

describe('numbered equations', () => {
  const lesson = ['See $\\eqref{eq:step}$ and $\\ref{eq:loss}$.', '', '$$', 'L(w) = \\tfrac12 w^2 \\label{eq:loss}', '$$', '', '$$', 'w_{t+1} = w_t - \\eta \\nabla L \\label{eq:step}', '$$', '', 'Plain:', '', '$$', 'a = b', '$$'].join('\n');

  test('labelled formulas are numbered in order, with anchors; references link to them', () => {
    const html = render(lesson);
    expect(html).toContain('<div id="eq-loss" class="equation">');
    expect(html).toContain('<div id="eq-step" class="equation">');
    expect(html).toMatch(/<a href="#eq-step" class="equation-ref">\(2\)<\/a>/);
    expect(html).toMatch(/<a href="#eq-loss" class="equation-ref">1<\/a>/);
    // The number is drawn by Temml as a tag; \label itself leaves no trace; the unlabelled formula has no number.
    const step = html.slice(html.indexOf('id="eq-step"'));
    expect(step.slice(0, step.indexOf('</div>\n'))).toContain('tag');
    expect(html).not.toContain('label{');
    expect(html.match(/class="equation"/g)).toHaveLength(2);
  });

  test('an author\'s \\tag is what references show', () => {
    const html = render('$$\nE = mc^2 \\tag{A} \\label{eq:e}\n$$\n\n$$\nx \\label{eq:x}\n$$\n\nBy $\\eqref{eq:e}$ and $\\eqref{eq:x}$.');
    expect(html).toMatch(/href="#eq-e" class="equation-ref">\(A\)<\/a>/);
    // A tagged formula takes no number from the count.
    expect(html).toMatch(/href="#eq-x" class="equation-ref">\(1\)<\/a>/);
  });

  test('an unknown label stops the build with file, line and the labels there are', () => {
    expect(() => render('$$\nx \\label{eq:a}\n$$\n\nText\n\nSee $\\eqref{eq:b}$.', '/c/lesson.md')).toThrow(/lesson\.md:7 {2}error {2}math\.ref: "eq:b" is not an equation label in this lesson \(known: eq:a\)/);
  });

  test('a label used twice names both lines', () => {
    expect(() => render('$$\nx \\label{eq:a}\n$$\n\n$$\ny \\label{eq:a}\n$$')).toThrow(/:5 {2}error {2}math\.label: "eq:a" is already the label of the equation on line 1/);
  });

  test('a reference inside a larger formula shows the number', () => {
    const html = render('$$\nx \\label{eq:a}\n$$\n\n$\\text{by } \\eqref{eq:a}$');
    expect(html).toContain('(1)');
  });
});

describe('$ followed by a digit (Pandoc)', () => {
  test('prices stay text', () => {
    const html = render('It costs $5 and the big one costs $10.');
    expect(html).not.toContain('<math');
    expect(html).toContain('It costs $5 and the big one costs $10.');
  });

  test('math around prices still renders', () => {
    const html = render('Costs $5 and $10, while $x^2$ is math.');
    expect(html.match(/<math\b/g)).toHaveLength(1);
    expect(html).toContain('$5 and $10');
  });

  test('quiz prompts follow the same rule', () => {
    expect(renderMarkdown('Pay $3 or $4?')).not.toContain('<math');
    expect(renderMarkdown('Is $x$ 2?')).toContain('<math');
  });
});

describe('course macros', () => {
  function course(macros: string): string {
    const root = mkdtempSync(join(tmpdir(), 'course-macros-'));
    writeFileSync(join(root, 'course.yaml'), `title: T\nsummary: S\nmodules: [{id: "1.1", title: M, folder: m}]\n${macros}`);
    mkdirSync(join(root, 'm'));
    return root;
  }

  test('macros of the nearest course.yaml reach the renderer; without them the formula fails with its line', () => {
    const root = course('macros:\n  "\\\\vect": "\\\\mathbf{#1}"\n');
    const html = render('Text\n\n$$\n\\vect{x} \\in \\R^n\n$$', join(root, 'm', 'lesson.md'));
    // \mathbf{x}: the bold x of Unicode's mathematical alphabets, as MathML Core draws bold.
    expect(html).toContain('<mi>\u{1D431}</mi>');
    expect(() => render('Text\n\n$$\n\\vect{x}\n$$', '/no-course/lesson.md')).toThrow(/lesson\.md:3 {2}error {2}math: cannot render this formula/);
  });

  test('an edited course.yaml is read again', () => {
    const root = course('macros:\n  "\\\\m": "\\\\mathbf{M}"\n');
    const lesson = join(root, 'm', 'lesson.md');
    expect(courseMacrosFor(lesson)).toEqual({ '\\m': '\\mathbf{M}' });
    writeFileSync(join(root, 'course.yaml'), 'title: T\nsummary: S\nmodules: []\nmacros:\n  "\\\\m": "\\\\mathsf{M}"\n');
    utimesSync(join(root, 'course.yaml'), new Date(), new Date(Date.now() + 5000));
    expect(courseMacrosFor(lesson)).toEqual({ '\\m': '\\mathsf{M}' });
  });

  test("the lesson validator checks a lesson's math with its course's macros, and its cache keys them", () => {
    const root = course('macros:\n  "\\\\vect": "\\\\mathbf{#1}"\n');
    const real = readdirSync('content/math-for-ml', { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.mdx'))!;
    const path = join(root, 'm', basename(real));
    const text = `${readFileSync(join('content/math-for-ml', real), 'utf8')}\n\nThe vector $\\vect{x}$ again.\n`;
    const mathProblems = () => validateLessonFile({ path, text }).problems.filter((p) => p.field === 'math');
    expect(mathProblems()).toEqual([]);
    const cache = () => validationCache(process.cwd(), () => [], join(root, 'cache'));
    const first = cache();
    expect(first.validateLesson({ path, text }).problems.filter((p) => p.field === 'math')).toEqual([]);
    first.save();
    // Without the macro the same file is an error, and the cached result of the file is not reused.
    writeFileSync(join(root, 'course.yaml'), 'title: T\nsummary: S\nmodules: [{id: "1.1", title: M, folder: m}]\n');
    utimesSync(join(root, 'course.yaml'), new Date(), new Date(Date.now() + 5000));
    expect(mathProblems()).toHaveLength(1);
    const second = cache();
    expect(second.validateLesson({ path, text }).problems.filter((p) => p.field === 'math')).toHaveLength(1);
    expect(second.stats).toEqual({ hits: 0, misses: 1 });
  });

  test('the schema rejects a macro name without a backslash', () => {
    const base = { title: 'T', summary: 'S', modules: [{ id: '1.1', title: 'M', folder: 'm' }] };
    expect(courseSchema.safeParse({ ...base, macros: { '\\vect': '\\mathbf{#1}' } }).success).toBe(true);
    const bad = courseSchema.safeParse({ ...base, macros: { vect: '\\mathbf{#1}' } });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('expected a macro name');
  });
});
