import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { drawParams, formatParam, interpolate, paramValues, placeholderNames } from '../../../src/quiz/params';
import { variantSource } from '../../../src/quiz/types/parametrized/build';
import { questionSchema, type QuestionOf } from '../../../src/quiz/schema';
import { gdIterate1D } from '../../../src/sim/index';

/** Drawing a variant's parameters from its seed, and writing them into the question's templates. */

describe('paramValues', () => {
  test('a grid runs from min to max in steps, without binary-rounding noise', () => {
    expect(paramValues({ min: 1, max: 10, step: 1 })).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(paramValues({ min: 0.1, max: 0.5, step: 0.1 })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(paramValues({ min: 0.05, max: 0.2, step: 0.05 })).toEqual([0.05, 0.1, 0.15, 0.2]);
    expect(paramValues({ min: 1e-3, max: 3e-3, step: 1e-3 })).toEqual([0.001, 0.002, 0.003]);
  });

  test('max is included only when the grid lands on it; a max below min leaves nothing to draw', () => {
    expect(paramValues({ min: 0, max: 1, step: 0.3 })).toEqual([0, 0.3, 0.6, 0.9]);
    expect(paramValues({ min: 2, max: 2, step: 1 })).toEqual([2]);
    expect(paramValues({ min: 3, max: 1, step: 1 })).toEqual([]);
  });

  test('a list is taken as written, strings included', () => {
    expect(paramValues({ choices: [0.5, 'x', 2] })).toEqual([0.5, 'x', 2]);
  });
});

describe('drawParams', () => {
  const params = {
    a: { choices: [1.5, 2, 3] },
    x0: { min: 1, max: 10, step: 1 },
    lr: { choices: [0.05, 0.1, 0.15, 0.2] },
    k: { min: 2, max: 4, step: 1 },
  };

  test('the same seed draws the same parameters, every time', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 31 }), (seed) => {
        expect(drawParams(params, seed)).toEqual(drawParams(params, seed));
      }),
    );
  });

  test('every value drawn is one the parameter allows, and over 200 seeds every value turns up', () => {
    const seen: Record<string, Set<unknown>> = { a: new Set(), x0: new Set(), lr: new Set(), k: new Set() };
    for (let seed = 0; seed < 200; seed++) {
      const drawn = drawParams(params, seed);
      expect(Object.keys(drawn)).toEqual(['a', 'x0', 'lr', 'k']);
      for (const [name, value] of Object.entries(drawn)) {
        expect(paramValues(params[name as keyof typeof params])).toContain(value);
        seen[name]!.add(value);
      }
    }
    for (const [name, values] of Object.entries(seen)) expect(values.size, name).toBe(paramValues(params[name as keyof typeof params]).length);
  });

  test('different seeds give different variants (not one variant repeated)', () => {
    const distinct = new Set(Array.from({ length: 30 }, (_, seed) => JSON.stringify(drawParams(params, seed))));
    expect(distinct.size).toBeGreaterThan(20);
  });

  test('an empty range draws NaN, which the validator reports', () => {
    expect(drawParams({ a: { min: 3, max: 1, step: 1 } }, 0).a).toBeNaN();
  });
});

describe('formatParam and interpolate', () => {
  test('numbers as a reader writes them, in prose and in math', () => {
    expect(formatParam(0.30000000000000004, { math: false })).toBe('0.3');
    expect(formatParam(-12, { math: false })).toBe('−12');
    expect(formatParam(-12, { math: true })).toBe('-12');
    expect(formatParam(1.5e-5, { math: true })).toBe('1.5 \\times 10^{-5}');
    expect(formatParam(2.5e6, { math: false })).toBe('2.5 × 10^6');
    expect(formatParam(Math.PI, { math: false, digits: 4 })).toBe('3.142');
    expect(formatParam('bowl', { math: true })).toBe('bowl');
  });

  test('placeholders are filled inside and outside math; LaTeX braces are left alone', () => {
    const { text, unknown } = interpolate('From $x_{0} = {x0}$ with $\\eta = {lr}$, after {k} steps: {answer:3}.', {
      x0: -4,
      lr: 0.1,
      k: 3,
      answer: -2.048,
    });
    expect(text).toBe('From $x_{0} = -4$ with $\\eta = 0.1$, after 3 steps: −2.05.');
    expect(unknown).toEqual([]);
  });

  test('an unknown name in prose is reported (a typo); in math it is taken for LaTeX', () => {
    const { text, unknown } = interpolate('After {kk} steps, $x_{t}$.', { k: 3 });
    expect(text).toBe('After {kk} steps, $x_{t}$.');
    expect(unknown).toEqual(['kk']);
    expect(placeholderNames('{a} and $x_{t} = {b:4}$')).toEqual(['a', 't', 'b']);
  });
});

describe('variantSource', () => {
  const question = questionSchema.parse({
    id: 'q',
    type: 'parametrized',
    objectives: ['o'],
    generator: 'gd-steps-parabola',
    params: { a: { choices: [1.5, 2, 3] }, x0: { min: 1, max: 10, step: 1 }, lr: { choices: [0.05, 0.1] }, k: { min: 2, max: 4, step: 1 } },
    relativeTolerance: 0.005,
    prompt: 'On ${a}\\,x^2$ from $x_0 = {x0}$ with $\\eta = {lr}$: $x$ after {k} steps?',
    explanation: 'Each step multiplies by {factor}; the answer is {answer:4}.',
  }) as QuestionOf<'parametrized'>;

  test('the answer of each variant is the closed form of its own parameters, and its text says them', () => {
    for (let seed = 0; seed < 50; seed++) {
      const source = variantSource(question, seed);
      const { a, x0, lr, k } = source.params as { a: number; x0: number; lr: number; k: number };
      expect(source.generated.kind).toBe('numeric');
      expect((source.generated as { answer: number }).answer).toBeCloseTo(gdIterate1D(a, lr, x0, k), 10);
      expect(source.prompt).toContain(`$x_0 = ${x0}$`);
      expect(source.prompt).toContain(`after ${k} steps`);
      expect(source.explanation).toContain(formatParam(gdIterate1D(a, lr, x0, k), { math: false, digits: 4 }));
      expect(variantSource(question, seed)).toEqual(source);
    }
  });
});
