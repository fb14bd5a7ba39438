import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defaultGenerators } from '../../../src/quiz/generators/index';
import type { ChoiceVariant, NumericVariant } from '../../../src/quiz/generators/types';
import {
  diagnoseLoss,
  gdIterate1D,
  HOUSE_PRICES,
  HOUSE_SIZES,
  housePriceQuadraticTheory,
  lossAfterEpochs,
  quadraticForm,
  run,
} from '../../../src/sim/index';

/**
 * The quiz's generators and oracles against closed forms: what a parametrized question accepts, what
 * a code challenge expects and what a diagnose question draws must be the mathematics of the lesson,
 * not whatever the simulation's runner happens to return.
 */

const { variants, curves, oracles } = defaultGenerators;
const numeric = (name: string, params: Record<string, number>) => variants[name]!.generate(params) as NumericVariant;
const choice = (name: string, params: Record<string, number>) => variants[name]!.generate(params) as ChoiceVariant;
const close = (a: number, b: number, relative = 1e-12) => Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b), 1e-300);

/** GD on the 2-D quadratic with these curvatures, from (1, 1): did it blow up? */
function diverges(curvatures: [number, number], rate: number): boolean {
  const result = run({
    problem: quadraticForm({ hessian: [[curvatures[0], 0], [0, curvatures[1]]] }),
    start: [1, 1],
    steps: 3000,
    schedule: rate,
    tolerance: 0,
  });
  return result.stop === 'diverged' || result.stop === 'non-finite';
}

describe('gd-steps-parabola', () => {
  const a = fc.constantFrom(0.5, 1, 1.5, 2, 3);
  const x0 = fc.integer({ min: -10, max: 10 });
  const lr = fc.constantFrom(0.01, 0.05, 0.1, 0.15, 0.2, 0.3);
  const k = fc.integer({ min: 1, max: 12 });

  test('x_k = x0·(1 − 2aη)^k, and the distractors are the slips they say', () => {
    fc.assert(
      fc.property(a, x0, lr, k, (a, x0, lr, k) => {
        const v = numeric('gd-steps-parabola', { a, x0, lr, k });
        expect(v.kind).toBe('numeric');
        expect(v.answer).toBeCloseTo(gdIterate1D(a, lr, x0, k), 10);
        const byWhy = (part: string) => v.distractors.find((d) => d.why.includes(part))!.value;
        expect(byWhy('factor 2')).toBeCloseTo((1 - a * lr) ** k * x0, 10);
        expect(byWhy('too few')).toBeCloseTo(gdIterate1D(a, lr, x0, k - 1), 10);
        expect(byWhy('too many')).toBeCloseTo(gdIterate1D(a, lr, x0, k + 1), 10);
        expect(byWhy('never recomputed')).toBeCloseTo(x0 - k * lr * 2 * a * x0, 10);
        expect(byWhy('sign is flipped')).toBeCloseTo(gdIterate1D(a, -lr, x0, k), 10);
        expect(v.values.factor).toBeCloseTo(1 - 2 * a * lr, 12);
        expect(v.values.x1).toBeCloseTo(gdIterate1D(a, lr, x0, 1), 12);
        expect(v.values.answer).toBe(v.answer);
      }),
      { numRuns: 300 },
    );
  });

  test('a run that overflows gives NaN, which the build refuses, rather than a huge number', () => {
    // Factor 1 − 2·1·2 = −3: 3^700 is past the largest double.
    expect(numeric('gd-steps-parabola', { a: 1, x0: 5, lr: 2, k: 700 }).answer).toBeNaN();
    expect(Number.isFinite(numeric('gd-steps-parabola', { a: 1, x0: 5, lr: 2, k: 20 }).answer)).toBe(true);
  });

  test('a parameter that is not a number, or a flat parabola, is refused rather than answered', () => {
    // The simulation throws; the validator reports the generator's error at the question.
    expect(() => numeric('gd-steps-parabola', { a: 1, x0: Number.NaN, lr: 0.1, k: 3 })).toThrow(/finite/);
    expect(() => numeric('gd-steps-parabola', { a: 0, x0: 1, lr: 0.1, k: 3 })).toThrow(/a > 0/);
  });
});

describe('stability-limit', () => {
  test('2/λmax, with 1/λmax, 2/(λmin + λmax) and 2/λmin as the distractors', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 10, max: 500, noNaN: true }), (lmin, lmax) => {
        const v = numeric('stability-limit', { lmin, lmax });
        expect(v.answer).toBeCloseTo(2 / lmax, 12);
        expect(v.distractors.map((d) => d.value)).toEqual([
          expect.closeTo(1 / lmax, 12),
          expect.closeTo(2 / (lmin + lmax), 12),
          expect.closeTo(2 / lmin, 12),
        ]);
        expect(v.values.kappa).toBeCloseTo(lmax / lmin, 8);
      }),
    );
  });

  test('the answer is where the simulation really starts to diverge', () => {
    for (const [lmin, lmax] of [
      [0.5, 10],
      [2, 50],
      [4, 100],
    ] as [number, number][]) {
      const { answer } = numeric('stability-limit', { lmin, lmax });
      expect(diverges([lmin, lmax], answer * 0.98), `${lmin}, ${lmax} below`).toBe(false);
      expect(diverges([lmin, lmax], answer * 1.02), `${lmin}, ${lmax} above`).toBe(true);
    }
  });
});

describe('stability-choice-bowl', () => {
  test('for p·u² + q·v² the Hessian is diag(2p, 2q): the limit is 1/max(p, q)', () => {
    fc.assert(
      fc.property(fc.constantFrom(0.5, 1, 2, 3), fc.constantFrom(5, 10, 20, 25, 50), (p, q) => {
        const v = choice('stability-choice-bowl', { p, q });
        const value = (id: string) => v.choices.find((c) => c.id === id)!.value;
        expect(v.answer).toBe('limit');
        expect(value('limit')).toBeCloseTo(1 / Math.max(p, q), 12);
        expect(value('no-overshoot')).toBeCloseTo(1 / (2 * Math.max(p, q)), 12);
        expect(value('best')).toBeCloseTo(1 / (p + q), 12);
        expect(value('flat-limit')).toBeCloseTo(1 / Math.min(p, q), 12);
        expect(diverges([2 * p, 2 * q], value('limit') * 0.98)).toBe(false);
        expect(diverges([2 * p, 2 * q], value('limit') * 1.02)).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  test('equal coefficients make the choices collide: the validator has something to catch', () => {
    const v = choice('stability-choice-bowl', { p: 1, q: 1 });
    const values = v.choices.map((c) => c.value);
    expect(new Set(values).size).toBeLessThan(values.length);
  });
});

describe('oracles of the code challenges', () => {
  test('compare-rates-parabola: |x0|·|1 − 2η|^steps for each rate, the smaller wins, A on a tie', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10, max: 10 }),
        fc.constantFrom(0.05, 0.1, 0.3, 0.45, 0.5, 0.9, 1, 1.1),
        fc.constantFrom(0.05, 0.1, 0.3, 0.45, 0.5, 0.9, 1, 1.1),
        fc.integer({ min: 1, max: 12 }),
        (x0, rateA, rateB, steps) => {
          const expected = oracles['compare-rates-parabola']!.expected([x0, rateA, rateB, steps]) as Record<string, unknown>;
          const finalA = Math.abs(gdIterate1D(1, rateA, x0, steps));
          const finalB = Math.abs(gdIterate1D(1, rateB, x0, steps));
          expect(expected.finalA).toBeCloseTo(finalA, 9);
          expect(expected.finalB).toBeCloseTo(finalB, 9);
          if (Math.abs(finalA - finalB) > 1e-9 * Math.max(finalA, finalB, 1)) {
            expect(expected.better).toBe(finalA < finalB ? 'A' : 'B');
          }
        },
      ),
    );
    expect(oracles['compare-rates-parabola']!.expected([10, 0.2, 0.2, 3])).toMatchObject({ better: 'A' });
  });

  test('house-price-sweep: the loss of each rate by a plain loop over the five houses, best among the stable runs', () => {
    const mse = (w: number, b: number) =>
      HOUSE_SIZES.reduce((sum, x, i) => sum + (w * x + b - HOUSE_PRICES[i]!) ** 2, 0) / HOUSE_SIZES.length;
    const train = (rate: number, epochs: number) => {
      let [w, b] = [0, 0];
      for (let t = 0; t < epochs; t++) {
        const errors = HOUSE_SIZES.map((x, i) => w * x + b - HOUSE_PRICES[i]!);
        const gw = (2 / HOUSE_SIZES.length) * errors.reduce((s, e, i) => s + e * HOUSE_SIZES[i]!, 0);
        const gb = (2 / HOUSE_SIZES.length) * errors.reduce((s, e) => s + e, 0);
        [w, b] = [w - rate * gw, b - rate * gb];
      }
      return mse(w, b);
    };
    const limit = housePriceQuadraticTheory().stabilityLimit;
    for (const [rates, epochs] of [
      [[1, 0.1, 0.01, 0.001, 0.0001], 50],
      [[0.11, 0.12, 0.122, 0.125, 0.13, 0.131, 0.14], 50],
      [[0.01, 0.05, 0.1], 10],
    ] as [number[], number][]) {
      const { best, losses } = oracles['house-price-sweep']!.expected([rates, epochs]) as { best: number; losses: number[] };
      losses.forEach((loss, i) => expect(close(loss, train(rates[i]!, epochs), 1e-9), `rate ${rates[i]}`).toBe(true));
      const stable = rates.filter((_, i) => Number.isFinite(losses[i]!) && losses[i]! <= mse(0, 0));
      const lowest = stable.reduce((b, r) => (train(r, epochs) < train(b, epochs) ? r : b));
      expect(best).toBe(lowest);
      // The best constant rate of a quadratic never lies past its stability limit.
      expect(best).toBeLessThan(limit);
    }
  });

  test('difference-errors-sine: the forward error shrinks like h·sin(1)/2, the central one like h²·cos(1)/6', () => {
    for (const h of [1e-2, 1e-3]) {
      const { forward, central } = oracles['difference-errors-sine']!.expected([h]) as { forward: number; central: number };
      expect(forward / ((h * Math.sin(1)) / 2)).toBeCloseTo(1, 1);
      expect(central / ((h * h * Math.cos(1)) / 6)).toBeCloseTo(1, 1);
    }
  });
});

describe('curves of the diagnose questions', () => {
  test('house-price-training: the loss after each of the epochs, as the lesson computes it', () => {
    const losses = curves['house-price-training']!.losses({ rate: 0.0001, epochs: 8 });
    expect(losses).toHaveLength(8);
    losses.forEach((loss, i) => expect(loss).toBeCloseTo(lossAfterEpochs(0.0001, i + 1), 6));
    expect(diagnoseLoss(losses).verdict).toBe('too-slow');
  });

  test('momentum-parabola: the first step is a plain step, and the loss goes up and down', () => {
    const losses = curves['momentum-parabola']!.losses({ rate: 0.3, momentum: 0.9, steps: 12, x0: 10 });
    expect(losses).toHaveLength(12);
    expect(losses[0]).toBeCloseTo((10 * (1 - 2 * 0.3)) ** 2, 10);
    const ups = losses.slice(1).filter((loss, i) => loss > losses[i]!).length;
    expect(ups).toBeGreaterThan(0);
    expect(diagnoseLoss(losses).verdict).toBe('oscillation');
  });
});
