import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import katex from 'katex';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { KATEX_COMPACT_STYLES, compactKatexHtml, katexCompactCss } from '../../src/markdown/katex-compact';
import { projectRoot } from '../support/project';

describe('compact KaTeX HTML', () => {
  test('the stylesheet is the one generated from the list (regenerate it from katexCompactCss() after editing the list)', () => {
    expect(readFileSync(join(projectRoot, 'src/styles/katex-compact.css'), 'utf8')).toBe(katexCompactCss());
  });

  test('a listed inline style becomes its class, joined to the element’s classes; an unlisted one stays', () => {
    expect(compactKatexHtml('<span class="strut" style="height:0.6444em;"></span>')).toBe(`<span class="strut ks${KATEX_COMPACT_STYLES.indexOf('height:0.6444em;').toString(36)}"></span>`);
    expect(compactKatexHtml('<span style="top:-2.55em;margin-left:0em;margin-right:0.05em;">')).toMatch(/^<span class="ks[0-9a-z]+">$/);
    expect(compactKatexHtml('<span class="mord" style="height:9.123em;">')).toBe('<span class="mord" style="height:9.123em;">');
  });

  test('the MathML namespace, which an HTML parser supplies, is not written on every <math>', () => {
    const html = compactKatexHtml(katex.renderToString('x^2', { output: 'htmlAndMathml', displayMode: true }));
    expect(html).toContain('<math display="block"><semantics>');
    expect(html).not.toContain('xmlns');
    // Parsed as HTML (parse5, the WHATWG algorithm browsers follow), the element is MathML all the same.
    const math = (node: DefaultTreeAdapterMap['childNode']): DefaultTreeAdapterMap['element'] | undefined =>
      'tagName' in node ? (node.tagName === 'math' ? node : node.childNodes.map(math).find(Boolean)) : undefined;
    expect(parseFragment(html).childNodes.map(math).find(Boolean)?.namespaceURI).toBe('http://www.w3.org/1998/Math/MathML');
  });

  test('every class rule keeps the inline style’s precedence (!important) and its declarations', () => {
    const css = katexCompactCss();
    expect(css).toContain('.katex .ks0{margin-right:0.2778em!important}');
    expect(css.split('\n').filter((l) => l.startsWith('.katex .ks'))).toHaveLength(KATEX_COMPACT_STYLES.length);
  });

  test('KaTeX’s real output shrinks, keeps its MathML, and a display formula is a focusable labelled group', () => {
    const raw = katex.renderToString('\\eta^\\star = \\frac{2}{\\lambda_{\\max} + \\lambda_{\\min}}', { displayMode: true, output: 'htmlAndMathml' });
    const compact = compactKatexHtml(raw);
    expect(compact.length).toBeLessThan(raw.length);
    // The MathML as KaTeX wrote it, less the namespace attribute (the test above).
    expect(compact.match(/<math[\s\S]*<\/math>/)?.[0]).toBe(raw.match(/<math[\s\S]*<\/math>/)?.[0].replace(/ xmlns="[^"]*"/, ''));
    expect(compact).toMatch(/^<span class="katex-display" tabindex="0" role="group" aria-label="Formula">/);
    // Inline math is not a keyboard stop.
    expect(compactKatexHtml(katex.renderToString('x^2'))).not.toContain('tabindex');
  });
});
