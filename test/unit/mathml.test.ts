import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/markdown/render';

/** The MathML the build writes must pass the Nu HTML checker (test/build/html-valid.test.ts) and draw in Chromium. */
describe('the MathML of a formula', () => {
  it('gives an operator name in a script one <mrow>, so <msub> has two children (KaTeX wrote three)', () => {
    expect(renderMarkdown('$\\lambda_{\\max}$', { inline: true })).toContain('<msub><mi>λ</mi><mrow><mi>max</mi><mo>\u2061</mo></mrow></msub>');
  });
  it('keeps the TeX on the <math> (the search index reads it) and writes no HTML layout tree', () => {
    const html = renderMarkdown('$x^2 < y$', { inline: true });
    expect(html).toMatch(/^<math data-tex="x\^2 &lt; y">.*<\/math>$/);
    expect(html).not.toMatch(/<span|<annotation|<semantics/);
  });
  it('lets a long inline formula break after a relation or an operator, as TeX does', () => {
    const html = renderMarkdown('$a = b + c$', { inline: true });
    // Pieces of the formula as children of <math>, which Temml's sheet lays out as a wrapping row.
    expect(html).toBe('<math data-tex="a = b + c"><mrow><mi>a</mi><mo>=</mo></mrow><mrow><mi>b</mi><mo>+</mo></mrow><mrow><mi>c</mi></mrow></math>');
  });
  it('keeps the punctuation after an inline formula with it (a line must not start with its full stop)', () => {
    const html = renderMarkdown('with derivative $2x$. The update', { inline: true });
    expect(html).toBe('with derivative <span class="math-nowrap"><math data-tex="2x"><mrow><mn>2</mn><mi>x</mi></mrow></math>.</span> The update');
    expect(renderMarkdown('$a$ and $b$), then', { inline: true })).toBe('<math data-tex="a"><mi>a</mi></math> and <span class="math-nowrap"><math data-tex="b"><mi>b</mi></math>),</span> then');
  });
  it('puts a display formula in a labelled, focusable box that scrolls on its own', () => {
    const html = renderMarkdown('$$\n\\sum_{i=1}^n x_i\n$$');
    expect(html).toMatch(/^<span class="math-display" tabindex="0" role="group" aria-label="Formula"><math data-tex="\\sum_\{i=1\}\^n x_i" display="block"/);
  });
  it('draws primes and bold with the characters MathML Core needs (no mathvariant, which Chromium ignores)', () => {
    const html = renderMarkdown("$f''(x) + \\mathbf{w}$", { inline: true });
    expect(html).toContain('class="tml-prime">′</mo>');
    expect(html).toContain('<mi>\u{1D430}</mi>');
    expect(html).not.toContain('mathvariant="bold"');
  });
});
