import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkMath from 'remark-math';
import { visit } from 'unist-util-visit';
import { mystParse } from 'myst-parser';
import { importPage, notebookToMyst } from '../../../src/authoring/import/page';
import { planBook } from '../../../src/authoring/import/book';
import { sectionLabels } from '../../../src/authoring/import/quarto';

const mdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkMath);

/** The code blocks and formulas of an MDX lesson, as the build's parser reads them. */
function codeAndMath(mdx: string): { code: string[]; math: string[] } {
  const body = mdx.replace(/^---\n[\s\S]*?\n---\n/, '');
  const tree = mdxParser.parse(body);
  const code: string[] = [];
  const math: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'code') code.push((node as { value: string }).value);
    if (node.type === 'math' || node.type === 'inlineMath') math.push((node as { value: string }).value.replace(/\n?\\label\{[^{}]*\}$/, ''));
  });
  return { code, math };
}

/** The same, as MyST reads the source: what the author meant. */
function mystCodeAndMath(source: string): { code: string[]; math: string[] } {
  const code: string[] = [];
  const math: string[] = [];
  visit(mystParse(source) as never, (node: { type: string; value?: string }) => {
    if (node.type === 'code') code.push(node.value ?? '');
    if (node.type === 'math' || node.type === 'inlineMath') math.push(node.value ?? '');
  });
  return { code, math };
}

const options = { source: 'page.md', lessonId: '9.1.1', topic: 'Imported' };
const convert = (source: string) => importPage(source, options);

describe('MyST pages', () => {
  test('the seed book page: margin, figures, admonition and math become components; nothing is escaped in math', () => {
    const page = readFileSync('/work/shared/seeds/003_0ac8abecd16e696e.txt', 'utf8');
    const result = importPage(page, { ...options, image: (url) => `./images/${url.split('/').pop()}` });
    expect(result.title).toBe('Learning Rate');
    expect(result.mdx).toContain('<MarginNote>');
    expect(result.mdx).toMatch(/<Figure id="lec02_3_smaller_steps" caption="Here the step size is reduced/);
    expect(result.mdx).toContain('![Figure: lec02_3_smaller_steps.png](./images/lec02_3_smaller_steps.png)');
    expect(result.mdx).toContain('<Callout type="seealso" title="Question">');
    // Inline math that starts with a space is written as math, not escaped.
    expect(result.mdx).toContain("$ | \\theta' - \\theta^{\\min J} |  < | \\theta - \\theta^{\\min J} |$");
    // The summary (page header, course card) has no raw TeX.
    expect(result.mdx).toMatch(/^summary: The learning rate decides on the degree of parameter update\. The learning rate α is/m);
    expect(result.unconverted).toEqual([]);
  });

  test('QuantEcon constructs: $$ (label), {eq}, code cells, prf, gated exercises and solutions', () => {
    const page = [
      '---', 'jupytext:', '  text_representation:', '    format_name: myst', '---', '# The model', '',
      'A sentence long enough to be the summary of the page.', '',
      '$$', 'p_{t+1} = a - b p_t', '$$ (eq:price)', '',
      'By {eq}`eq:price` we see it.', '',
      '```{code-cell} ipython3', '# a comment, not a heading', 'x = {"a": 1}', '---', '```', '',
      '```{prf:example}', ':label: ex-a', 'An example with $y$.', '```', '',
      '```{exercise-start}', ':label: ex1', '```', 'Do it.', '```{exercise-end}', '```', '',
      '```{solution-start} ex1', ':class: dropdown', '```', 'Done.', '```{solution-end}', '```', '',
      'See {ref}`ex1`.',
    ].join('\n');
    const { mdx, unconverted, title } = convert(page);
    expect(title).toBe('The model');
    expect(mdx).toContain('$$\np_{t+1} = a - b p_t\n\\label{eq:price}\n$$');
    expect(mdx).toContain('By $\\eqref{eq:price}$ we see it.');
    expect(mdx).toContain('```python\n# a comment, not a heading\nx = {"a": 1}\n---\n```');
    expect(mdx).toContain('<Callout type="note" title="Example">');
    expect(mdx).toMatch(/<Exercise id="9\.1\.1\.1" level="intermediate" objectives=\{\["objective"\]\}>\n {2}Do it\.\n\n {2}<Solution>\n {4}Done\.\n {2}<\/Solution>\n<\/Exercise>/);
    expect(mdx).toContain('See <Ref to="9.1.1.1" />.');
    expect(mdx).toMatch(/^summary: A sentence long enough/m);
    expect(unconverted).toEqual([]);
  });

  test('what is not converted stays visible as written and is listed with its line', () => {
    const { mdx, unconverted } = convert('# T\n\nText of the page here.\n\n```{tableofcontents}\n```\n\n```{glossary}\nterm\n  A definition.\n```\n');
    expect(unconverted).toEqual([
      { line: 5, what: '{tableofcontents} directive' },
      { line: 8, what: '{glossary} directive' },
    ]);
    expect(mdx).toContain('<Callout type="warning" title="Not converted on import: {glossary} directive">');
    expect(mdx).toContain('  ````text\n  ```{glossary}\n  term\n    A definition.\n  ```\n  ````');
  });

  test('no title format is required: without a heading the file name is used and reported', () => {
    const result = importPage('Just a paragraph that says something useful.\n', { ...options, source: 'docs/learning_rate.md' });
    expect(result.title).toBe('learning rate');
    expect(result.notes[0]).toContain('no title in the page');
  });

  test('a notebook: Markdown cells as MyST, code cells highlighted with their stored output', () => {
    const notebook = JSON.stringify(
      {
        cells: [
          { cell_type: 'markdown', source: ['# Notebook title\n', '\n', 'Some words about the notebook and $x$.'] },
          { cell_type: 'code', source: ['print(1 + 1)'], outputs: [{ output_type: 'stream', text: ['2\n'] }] },
        ],
        metadata: { kernelspec: { language: 'python' } },
      },
      null,
      1,
    );
    const { mdx, title } = importPage(notebook, { ...options, source: 'nb.ipynb' });
    expect(title).toBe('Notebook title');
    expect(mdx).toContain('```python\nprint(1 + 1)\n```\n\n```text\n2\n```');
    expect(notebookToMyst(notebook, 'nb.ipynb').myst).toContain('{code-cell} python');
  });
});

describe('whole books', () => {
  test('a Jupyter Book _toc.yml with parts gives one module per part, in its order', () => {
    const toc = 'format: jb-book\nroot: intro\nparts:\n- caption: First\n  chapters:\n  - file: b\n  - file: a\n    sections:\n    - file: sub/c\n- caption: Second\n  chapters:\n  - file: d\n';
    const plan = planBook('book', ['intro.md', 'a.md', 'b.ipynb', 'sub/c.md', 'd.md', 'extra.md', '_toc.yml'], (n) => (n === '_toc.yml' ? toc : undefined));
    expect(plan.modules).toEqual([
      { title: 'First', pages: ['intro.md', 'b.ipynb', 'a.md', 'sub/c.md'] },
      { title: 'Second', pages: ['d.md'] },
    ]);
    expect(plan.unlisted).toEqual(['extra.md']);
  });

  test('a MyST myst.yml toc, and a plain folder', () => {
    const myst = 'project:\n  title: My Book\n  toc:\n    - file: index.md\n    - title: Part A\n      children:\n        - file: a.md\n';
    // Quarto's `part: intro.qmd`: the part's opening page leads its module and names it.
    const quarto = 'book:\n  title: Q\n  chapters:\n    - index.qmd\n    - part: whole-game.qmd\n      chapters: [basics.qmd]\n';
    const pages: Record<string, string> = { '_quarto.yml': quarto, 'whole-game.qmd': '```{r}\n# not a heading\n```\n\n# Whole game {#sec-whole-game .unnumbered}\n' };
    expect(planBook('q', ['index.qmd', 'whole-game.qmd', 'basics.qmd', '_quarto.yml'], (n) => pages[n])).toMatchObject({ modules: [{ title: 'Q', pages: ['index.qmd'] }, { title: 'Whole game', pages: ['whole-game.qmd', 'basics.qmd'] }], unlisted: [] });
    expect(planBook('x', ['index.md', 'a.md'], (n) => (n === 'myst.yml' ? myst : undefined))).toMatchObject({ title: 'My Book', modules: [{ title: 'My Book', pages: ['index.md'] }, { title: 'Part A', pages: ['a.md'] }] });
    expect(planBook('notes', ['b.md', '01-intro/a.md'], () => undefined).modules).toEqual([
      { title: 'Intro', pages: ['01-intro/a.md'] },
      { title: 'Notes', pages: ['b.md'] },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The property: import never changes a code block or a formula, whatever surrounds it.

const codeText = fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((s) => s.replace(/\r/g, ''));
const codeLines = fc.array(fc.oneof(codeText, fc.constantFrom('# comment', '---', '{x}', '<div>', '```', '~~~', '$x$', '  indented', '{{< include a.qmd >}}', ':::')), { maxLength: 6 }).map((l) => l.join('\n'));
const texAtom = fc.constantFrom('x', '\\alpha', '{', '}', '\\{', '\\}', '<', '>', '_', '^', '|', '\\frac{a}{b}', ' ', '\\\\', '&', '#', '*', '\\text{a b}', 'e^{-x}', '\\mathbb{R}');
const formula = fc.array(texAtom, { minLength: 1, maxLength: 12 }).map((a) => a.join('')).filter((f) => f.trim() !== '' && !/^\s|\s$/.test(f) && !/\\$/.test(f));
const fenceFor = (text: string) => '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));

const block = fc.oneof(
  codeLines.map((code) => `${fenceFor(code)}python\n${code}\n${fenceFor(code)}`),
  codeLines.map((code) => `${fenceFor(code)}{code-cell} ipython3\n${code}\n${fenceFor(code)}`),
  formula.map((f) => `$$\n${f}\n$$`),
  formula.map((f) => `$$\n${f}\n$$ (eq:lbl)`),
  formula.map((f) => `Text with $${f}$ inside.`),
);
/** Where a block may sit: plain, in an admonition, a margin note, a list item, a figure-less exercise. */
const wrapped = fc.tuple(block, fc.constantFrom('plain', 'note', 'margin', 'list', 'exercise', 'admonition')).map(([b, where]) => {
  const outer = '`'.repeat(Math.max(4, ...[...b.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  switch (where) {
    case 'note':
      return `${outer}{note}\n${b}\n${outer}`;
    case 'admonition':
      return `${outer}{admonition} A title\n:class: tip\n${b}\n${outer}`;
    case 'margin':
      return `${outer}{margin}\n${b}\n${outer}`;
    case 'list':
      return `- item\n\n  ${b.split('\n').join('\n  ')}`;
    case 'exercise':
      return `\`\`\`{exercise-start}\n:label: ex\n\`\`\`\n\n${b}\n\n\`\`\`{exercise-end}\n\`\`\``;
    default:
      return b;
  }
});

test('property: import never changes a code block or a formula, whatever surrounds it (fast-check)', () => {
  fc.assert(
    fc.property(fc.array(wrapped, { minLength: 1, maxLength: 4 }), (blocks) => {
      // One equation label per page (labels must be unique), as a book would have it.
      let labels = 0;
      const source = `# Page\n\nAn opening paragraph for the summary.\n\n${blocks.join('\n\n')}\n`.replace(/\(eq:lbl\)/g, () => `(eq:lbl${++labels})`);
      const expected = mystCodeAndMath(source);
      const { mdx } = convert(source);
      const actual = codeAndMath(mdx);
      expect(actual.code.sort()).toEqual(expected.code.sort());
      expect(actual.math.sort()).toEqual(expected.math.sort());
    }),
    { numRuns: 100 },
  );
}, 60_000);

describe('Quarto pages', () => {
  const qmd = [
    '---', 'title: "Elephants"', '---', '', 'An opening paragraph long enough for a summary.', '',
    '::: {.callout-tip}', '## A tip', 'Say $x$ and keep `code`.', ':::', '',
    '::: {.column-margin}', 'A margin note.', ':::', '',
    '![An elephant](elephant.png){#fig-elephant width="50%"}', '',
    'See @fig-elephant and @eq-black-scholes and [Section](#sec-intro).', '',
    '$$', 'dS_t = \\mu S_t dt', '$$ {#eq-black-scholes}', '',
    '## Intro {#sec-intro}', '', 'As in @sec-intro.', '',
    '::: {#exr-one}', '## Try it', 'Do it.', ':::', '', '::: {.solution}', 'Done.', ':::', '',
    '```{python}', '#| label: fig-plot', 'print("{x}")', '```', '',
    '{{< include _part.qmd >}}', '', 'Mail me@example.org; costs $5.',
  ].join('\n');
  const result = importPage(qmd, { ...options, source: 'page.qmd', image: (u) => `./images/${u}`, include: (p) => (p === '_part.qmd' ? 'Included text.' : undefined) });

  test('callouts, margin notes, figures, equations, sections, exercises, code cells and includes', () => {
    const { mdx } = result;
    expect(result.title).toBe('Elephants');
    expect(mdx).toContain('<Callout type="tip" title="A tip">\n  Say $x$ and keep `code`.\n</Callout>');
    expect(mdx).toContain('<MarginNote>\n  A margin note.\n</MarginNote>');
    expect(mdx).toContain('<Figure id="fig-elephant" caption="An elephant">\n  ![An elephant](./images/elephant.png)\n</Figure>');
    expect(mdx).toContain('See <Ref to="fig-elephant" /> and $\\eqref{eq-black-scholes}$');
    expect(mdx).toContain('$$\ndS_t = \\mu S_t dt\n\\label{eq-black-scholes}\n$$');
    expect(mdx).toContain('## Intro\n');
    expect(mdx).toContain('As in [this section](#intro).');
    expect(mdx).toMatch(/<Exercise id="9\.1\.1\.1" level="intermediate" title="Try it" objectives=\{\["objective"\]\}>\n {2}Do it\.\n\n {2}<Solution>\n {4}Done\.\n {2}<\/Solution>\n<\/Exercise>/);
    // A cell labelled as a figure is one (its code kept, since cells are not run); `#|` options never show.
    expect(mdx).toMatch(/<Figure id="fig-plot" caption="TODO: caption">\n {2}```python\n {2}print\("\{x\}"\)\n {2}```\n<\/Figure>/);
    expect(mdx).not.toContain('#|');
    expect(mdx).toContain('Included text.');
    // An e-mail address is not a reference; a price is not math.
    expect(mdx).toContain('Mail [me@example.org](mailto:me@example.org); costs \\$5.');
    expect(result.unconverted).toEqual([{ line: 37, what: 'figure fig-plot is drawn by its code, which is not run on import (the code is kept in its place)' }]);
  });

  test('a cell that only shows a picture (knitr::include_graphics) is that picture, a figure when labelled, with its caption and alt text', () => {
    const cells = [
      'See @fig-cycle.', '',
      '```{r}', '#| label: fig-cycle', '#| echo: false', '#| fig-cap: |', '#|   The data science', '#|   cycle.', '#| fig-alt: A diagram of the cycle.',
      'knitr::include_graphics("diagrams/cycle.png", dpi = 270)', '```', '',
      '```{r}', '#| echo: false', 'knitr::include_graphics("screenshots/env.png")', '```', '',
      '```{r}', '#| label: fig-gone', 'knitr::include_graphics("missing.png")', '```',
    ].join('\n');
    const page = importPage(cells, { ...options, source: 'page.qmd', image: (u) => (u === 'missing.png' ? undefined : `./images/${u.split('/').pop()}`) });
    expect(page.mdx).toContain('See <Ref to="fig-cycle" />.');
    expect(page.mdx).toContain('<Figure id="fig-cycle" caption="The data science cycle.">\n  ![A diagram of the cycle.](./images/cycle.png)\n</Figure>');
    expect(page.mdx).toContain('![](./images/env.png)');
    expect(page.mdx).not.toContain('include_graphics("screenshots');
    expect(page.mdx).toMatch(/<Figure id="fig-gone" caption="TODO: caption">\n {2}<Callout type="warning" title="Not converted on import: image missing.png \(file not found\)">/);
    expect(page.unconverted).toEqual([{ line: 18, what: 'image missing.png (file not found)' }]);
  });
});

test('references to another page of the book link to its lesson; one outside the book stays text and is listed', () => {
  const crossRef = (label: string) => ({ 'sec-basics': { url: '/book/1.1.2/', title: 'Basics' }, loops: { url: '/book/1.1.3/#for-loops', title: 'For loops' } })[label];
  const link = (url: string) => (url === 'basics.md' ? '/book/1.1.2/' : undefined);
  const myst = importPage('# P\n\nSee {ref}`loops`, {ref}`these loops <loops>`, {doc}`basics` and {ref}`elsewhere`.\n', { ...options, crossRef, link });
  expect(myst.mdx).toContain('See [For loops](/book/1.1.3/#for-loops), [these loops](/book/1.1.3/#for-loops), [basics](/book/1.1.2/) and elsewhere.');
  expect(myst.unconverted).toEqual([{ line: 3, what: '{ref} to "elsewhere", which is not in this book (kept as text)' }]);
  const qmd = importPage('# P\n\nAs in @sec-basics, not @sec-gone.\n', { ...options, source: 'p.qmd', crossRef });
  expect(qmd.mdx).toContain('As in [Basics](/book/1.1.2/), not @sec-gone.');
  expect(qmd.unconverted).toEqual([{ line: 3, what: '@sec-gone, which is not in this book (kept as text)' }]);
});

test('sectionLabels: the section labels a page gives the rest of its book (Quarto {#sec-x}, MyST (label)=), never from code', () => {
  const text = ['---', 'title: T', '---', '# Basics {#sec-basics}', '', '## What is in a name? {#sec-names .unnumbered}', '', '```{r}', '## Fake {#sec-fake}', '```', '', '(loops)=', '## For *loops*', '', '## For loops'].join('\n');
  expect(Object.fromEntries(sectionLabels(text))).toEqual({
    'sec-basics': { title: 'Basics', anchor: undefined },
    'sec-names': { title: 'What is in a name?', anchor: 'what-is-in-a-name' },
    loops: { title: 'For loops', anchor: 'for-loops' },
  });
});

describe('Starlight and Docusaurus pages', () => {
  test('imports go, asides, tabs, steps and cards become lesson material', () => {
    const page = [
      '---', 'title: Getting started', '---', "import { Aside, Tabs, TabItem, Steps } from '@astrojs/starlight/components';", '',
      'An opening paragraph long enough for a summary.', '',
      '<Aside type="caution" title="Careful">Mind the gap.</Aside>', '',
      ':::tip[Did you know?]', 'Asides have a directive form.', ':::', '',
      '<Tabs>', '  <TabItem label="npm">', '', '```sh', 'npm i', '```', '', '  </TabItem>', '</Tabs>', '',
      '<Steps>', '', '1. One', '2. Two', '', '</Steps>', '', '<Mystery foo="bar" />',
    ].join('\n');
    const { mdx, title, unconverted } = importPage(page, { ...options, source: 'page.mdx' });
    expect(title).toBe('Getting started');
    expect(mdx).not.toContain('import {');
    expect(mdx).toContain('<Callout type="warning" title="Careful">');
    expect(mdx).toContain('<Callout type="tip" title="Did you know?">\n  Asides have a directive form.\n</Callout>');
    expect(mdx).toContain('**npm**\n\n```sh\nnpm i\n```');
    expect(mdx).toContain('1. One\n2. Two');
    expect(unconverted).toEqual([{ line: 31, what: '<Mystery> component' }]);
    expect(mdx).toContain('  ```text\n  <Mystery foo="bar" />\n  ```');
  });
});

/** Blocks with known code and formulas, in Quarto or MDX form, inside each format's containers. */
const knownBlock = fc.oneof(
  codeLines.map((code) => ({ text: `${fenceFor(code)}{python}\n${code}\n${fenceFor(code)}`, code: [code], math: [] as string[] })),
  codeLines.map((code) => ({ text: `${fenceFor(code)}js\n${code}\n${fenceFor(code)}`, code: [code], math: [] as string[] })),
  formula.map((f) => ({ text: `$$\n${f}\n$$`, code: [] as string[], math: [f] })),
  formula.map((f) => ({ text: `Text with $${f}$ inside.`, code: [] as string[], math: [f] })),
);

test.each([
  ['quarto', 'page.qmd', (b: string) => `::: {.callout-note}\n${b}\n:::`],
  ['mdx', 'page.mdx', (b: string) => `<Aside type="tip">\n\n${b}\n\n</Aside>`],
  ['mdx (directive)', 'page.mdx', (b: string) => `:::caution\n${b}\n:::`],
] as const)('property: %s import never changes a code block or a formula (fast-check)', (_name, source, wrap) => {
  fc.assert(
    fc.property(fc.array(fc.tuple(knownBlock, fc.boolean()), { minLength: 1, maxLength: 4 }), (blocks) => {
      // MDX math may not hold `{`…`}` imbalance as text around it, but formulas are math nodes: any TeX goes.
      const text = `# Page\n\nAn opening paragraph for the summary.\n\n${blocks.map(([b, inside]) => (inside ? wrap(b.text) : b.text)).join('\n\n')}\n`;
      const { mdx } = importPage(text, { ...options, source });
      const actual = codeAndMath(mdx);
      expect(actual.code.sort()).toEqual(blocks.flatMap(([b]) => b.code).sort());
      expect(actual.math.sort()).toEqual(blocks.flatMap(([b]) => b.math).sort());
    }),
    { numRuns: 60 },
  );
}, 60_000);
