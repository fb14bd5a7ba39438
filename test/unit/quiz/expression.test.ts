import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { corpus } from './expression-corpus';
import { gradeFormula, otherForm, parseFor } from '../../../src/quiz/expression/grade';
import { domainProblem, equivalent, samplePoints } from '../../../src/quiz/expression/equivalence';
import { canonicalName, evaluateFormula, isFormulaError, parseFormula, type Formula } from '../../../src/quiz/expression/parse';
import { formProblem } from '../../../src/quiz/expression/form';

const formula = (text: string, variables: string[]): Formula => {
  const parsed = parseFormula(text, { variables });
  if (isFormulaError(parsed)) throw new Error(`${text}: ${parsed.error}`);
  return parsed;
};

describe('the equivalence corpus', () => {
  test('has at least 100 pairs, both kinds well represented', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    expect(corpus.filter((p) => p.equivalent).length).toBeGreaterThanOrEqual(40);
    expect(corpus.filter((p) => !p.equivalent).length).toBeGreaterThanOrEqual(40);
  });

  test.each(corpus.map((p) => [p.equivalent ? '≡' : '≢', p.a, p.b, p] as const))('%s %s vs %s', (_, a, b, pair) => {
    const verdict = gradeFormula({ answer: a, variables: pair.variables }, b);
    expect(verdict.kind).toBe(pair.equivalent ? 'right' : 'wrong');
  });
});

describe('reading what a learner types', () => {
  const vars = ['x', 'a', 'η', 't', 'k', 'γ', 'η_0', 'λ'];
  const at = { x: 2, a: 3, eta: 0.1, t: 7, k: 3, gamma: 0.5, eta_0: 0.2, lambda: 0.3 };
  test.each([
    ['2x', 4],
    ['x**2', 4],
    ['x²', 4],
    ['√(x+2)', 2],
    ['−x', -2],
    ['2·3', 6],
    ['ax^2', 12],
    ['x(1 − 2aη)', 2 * (1 - 0.6)],
    ['η_0·γ^floor(t/k)', 0.2 * 0.25],
    ['η₀γ^⌊t/k⌋', 0.2 * 0.25],
    ['eta0 * gamma^floor(t/k)', 0.2 * 0.25],
    ['η_{0}e^{-λt}', 0.2 * Math.exp(-2.1)],
    ['ln(e^x)', 2],
    ['1/2x', 1],
  ])('%s', (typed, value) => {
    expect(evaluateFormula(formula(typed, vars), at)).toBeCloseTo(value, 12);
  });

  test('Greek letters, spelt or not, with subscripts in any spelling, are one name', () => {
    for (const name of ['η_0', 'η₀', 'η_{0}', 'eta_0', 'eta0', 'η0']) expect(canonicalName(name)).toBe('eta_0');
    expect(canonicalName('λ')).toBe('lambda');
  });

  test.each([
    ['2*(x+1', /closing parenthesis is missing after position 6/],
    ['(x+1', /opened at position 1 is never closed/],
    ['x+1)', /closing parenthesis at position 4 with no opening one/],
    ['x +', /stops too soon: something is missing after “\+” at position 3/],
    ['x + * 2', /missing before “\*” at position 5/],
    ['q + 1', /“q” at position 1 is not a variable of this question: use x, a/],
    ['sin x', /sin is a function: write sin\(…\)/],
    ['x = 2', /without “=”/],
    ['0,5x', /comma at position 2 should be a dot/],
    ['', /Write a formula first/],
    ['f(x, 2)', /not a function this question knows/],
  ])('%s gets a pointed message, never a mark', (typed, message) => {
    const parsed = parseFormula(typed, { variables: ['x', 'a'] });
    expect(isFormulaError(parsed) && parsed.error).toMatch(message);
    const verdict = gradeFormula({ answer: '2x', variables: { x: { min: -1, max: 1 } } }, typed);
    expect(verdict.kind).toBe('invalid');
  });

  test('positions count characters as typed, Unicode included', () => {
    const parsed = parseFormula('η·(x + 1', { variables: ['x', 'η'] });
    expect(isFormulaError(parsed) && parsed.error).toMatch(/missing after position 8: the one opened at position 3/);
  });

  test('the preview shows how the formula was read', () => {
    expect(formula('η_0·γ^floor(t/k)', vars).tex).toMatch(/\\eta_\{0\}.*\\gamma.*\\lfloor/);
    expect(formula('2*x', vars).tex).not.toMatch(/\\cdotx/);
  });
});

describe('equivalence by evaluation', () => {
  test('sample points are the same for a seed, inside the domains, whole where declared', () => {
    const domains = { t: { min: 0, max: 10, integer: true }, x: { min: -1, max: 1 } };
    const points = samplePoints(domains, 50, 7);
    expect(points).toEqual(samplePoints(domains, 50, 7));
    for (const p of points) {
      expect(Number.isInteger(p.t)).toBe(true);
      expect(p.t).toBeGreaterThanOrEqual(0);
      expect(p.t).toBeLessThanOrEqual(10);
      expect(Math.abs(p.x!)).toBeLessThanOrEqual(1);
    }
  });

  test('the counterexample is a point where the two differ', () => {
    const a = formula('x^2', ['x']);
    const b = formula('x^2 + x', ['x']);
    const verdict = equivalent(a, b, { x: { min: -1, max: 1 } });
    expect(verdict.equivalent).toBe(false);
    if (verdict.equivalent === false) expect(evaluateFormula(b, verdict.at) - evaluateFormula(a, verdict.at)).toBeCloseTo(verdict.at.x!, 12);
  });

  test('a reference undefined almost everywhere is undecided, not a verdict', () => {
    const verdict = equivalent(formula('sqrt(x)', ['x']), formula('sqrt(x)', ['x']), { x: { min: -10, max: -1 } });
    expect(verdict.equivalent).toBe('undecided');
  });

  test('a learner formula undefined where the answer is defined is wrong', () => {
    expect(gradeFormula({ answer: 'x', variables: { x: { min: -2, max: 2 } } }, 'x^2/x').kind).toBe('right');
    expect(gradeFormula({ answer: 'x', variables: { x: { min: -2, max: 2 } } }, 'sqrt(x)^2').kind).toBe('wrong');
  });

  test('empty domains are named', () => {
    expect(domainProblem('x', { min: 1, max: 1 })).toMatch(/empty/);
    expect(domainProblem('t', { min: 0.2, max: 0.8, integer: true })).toMatch(/no whole number/);
    expect(domainProblem('x', { min: 0, max: 1 })).toBeUndefined();
  });

  test('any polynomial is equivalent to its other form and not to itself plus a small bump', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 9 }), (coefficients, bump) => {
        const text = coefficients.map((c, i) => `(${c})*x^${i}`).join(' + ');
        const spec = { answer: text, variables: { x: { min: -3, max: 3 } } };
        const parsed = parseFor(spec, text) as Formula;
        expect(gradeFormula(spec, otherForm(parsed)).kind).toBe('right');
        expect(gradeFormula(spec, `${text} + ${bump}/1000 * x`).kind).toBe('wrong');
      }),
      { numRuns: 60 },
    );
  });
});

describe('forms', () => {
  const vars = ['x', 'a'];
  const problem = (form: 'simplified' | 'expanded' | 'no-decimals', text: string) => {
    const f = formula(text, vars);
    return formProblem(form, f.node, f.text);
  };
  test.each([
    ['simplified', '2x', undefined],
    ['simplified', 'x(1 - 2a)', undefined],
    ['simplified', '1/2 x', undefined],
    ['simplified', 'x + x', /like terms/],
    ['simplified', '3x - x', /like terms/],
    ['simplified', '2·3x', /can be multiplied/],
    ['simplified', '2 + 3', /can be worked out/],
    ['simplified', '4/6 x', /can be reduced/],
    ['simplified', 'x·x', /one power/],
    ['simplified', 'x^1', /power 1/],
    ['simplified', '1·x', /multiplying by 1/],
    ['simplified', 'x + 0', /adding or subtracting 0/],
    ['simplified', '--x', /cancel/],
    ['simplified', '4ax/2', /can be cancelled/],
    ['simplified', 'ax/2', undefined],
    ['expanded', '2x + 2', undefined],
    ['expanded', '2(x + 1)', /product of a sum/],
    ['expanded', '(x + 1)^2', /power of a sum/],
    ['expanded', '-(x + a)', /negates a sum/],
    ['expanded', '(x + 1)/2', /divides a sum/],
    ['no-decimals', 'x/2', undefined],
    ['no-decimals', '0.5x', /0\.5 is a decimal/],
    ['no-decimals', '2.0x', /2\.0 is a decimal/],
    ['no-decimals', '5e-1x', /decimal/],
  ] as const)('%s: %s', (form, text, expected) => {
    const found = problem(form, text);
    if (expected === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(expected);
  });

  test('an equivalent answer in the wrong form earns the form credit, with the reason', () => {
    const spec = { answer: '2x + 2', variables: { x: { min: -3, max: 3 } }, forms: ['expanded'] as const };
    expect(gradeFormula(spec, '2x+2')).toMatchObject({ kind: 'right' });
    expect(gradeFormula(spec, '2(x+1)')).toMatchObject({ kind: 'form', fraction: 0.5, problem: expect.stringMatching(/multiply it out/) });
    expect(gradeFormula({ ...spec, formCredit: 0 }, '2(x+1)')).toMatchObject({ kind: 'form', fraction: 0 });
    expect(gradeFormula(spec, '2(x+2)')).toMatchObject({ kind: 'wrong' });
  });
});
