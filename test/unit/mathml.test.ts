import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { validMathml } from '../../src/markdown/katex-cache';

describe('validMathml', () => {
  it('gives an operator name in a script one <mrow>, so <msub> has two children', () => {
    const html = validMathml(katex.renderToString('\\lambda_{\\max}', { output: 'mathml' }));
    expect(html).toContain('<msub><mi>λ</mi><mrow><mi>max</mi><mo>\u2061</mo></mrow></msub>');
    expect(validMathml(katex.renderToString('x^{\\log}', { output: 'mathml' }))).toContain('<msup><mi>x</mi><mrow><mi>log</mi><mo>\u2061</mo></mrow></msup>');
  });
  it('leaves well-formed scripts alone', () => {
    const html = katex.renderToString('x_t^2 + \\max_i y_i', { output: 'mathml' });
    expect(validMathml(html)).toBe(html);
  });
  it('drops the width MathML does not define from a numbered equation\'s cells', () => {
    const raw = katex.renderToString('x = 1 \\tag{3}', { output: 'mathml', displayMode: true });
    expect(raw).toContain('<mtd width="50%">');
    const html = validMathml(raw);
    expect(html).not.toMatch(/<mtd [^>]*width/);
    expect(html).toContain('<mtext>(3)</mtext>');
  });
});
