import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/markdown/render';

/** The MathML the build writes must pass the Nu HTML checker (test/build/html-valid.test.ts) and draw in Chromium. */
describe('the MathML of a formula', () => {
  it('gives an operator name in a script one <mrow>, so <msub> has two children (KaTeX wrote three)', () => {
    expect(renderMarkdown('$\\lambda_{\\max}$', { inline: true })).toContain('<msub><mi>λ</mi><mrow><mi>max</mi><mo>\u2061</mo></mrow></msub>');
  });
  it('keeps the TeX as an annotation (the search index reads it) and writes no HTML layout tree', () => {
    const html = renderMarkdown('$x^2$', { inline: true });
    expect(html).toMatch(/^<math><semantics>.*<annotation encoding="application\/x-tex">x\^2<\/annotation><\/semantics><\/math>$/);
    expect(html).not.toContain('<span');
  });
  it('puts a display formula in a labelled, focusable box that scrolls on its own', () => {
    const html = renderMarkdown('$$\n\\sum_{i=1}^n x_i\n$$');
    expect(html).toMatch(/^<span class="math-display" tabindex="0" role="group" aria-label="Formula"><math display="block"/);
  });
  it('draws primes and bold with the characters MathML Core needs (no mathvariant, which Chromium ignores)', () => {
    const html = renderMarkdown("$f''(x) + \\mathbf{w}$", { inline: true });
    expect(html).toContain('class="tml-prime">′</mo>');
    expect(html).toContain('<mi>\u{1D430}</mi>');
    expect(html).not.toContain('mathvariant="bold"');
  });
});
