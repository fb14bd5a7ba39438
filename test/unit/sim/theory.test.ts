import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contractionFactor,
  contractionFactors,
  quadraticBowl2D,
  quadraticTheory,
  run,
  stepsToTolerance,
  symmetricEigen,
  symmetricEigenvalues,
  symmetricEigenvalues2x2,
} from '../../../src/sim';

describe('symmetric eigenvalues', () => {
  it('2 × 2 closed form', () => {
    expect(symmetricEigenvalues2x2(2, 0, 3)).toEqual([2, 3]);
    expect(symmetricEigenvalues2x2(2, 1, 2)).toEqual([1, 3]);
    const [lo, hi] = symmetricEigenvalues2x2(13.5, 5, 2);
    // (15.5 ± √(5.75² + 25))/2·… : 7.75 ± √58.0625
    expect(hi).toBeCloseTo(7.75 + Math.sqrt(58.0625), 13);
    expect(lo).toBeCloseTo(7.75 - Math.sqrt(58.0625), 13);
    // Ill-conditioned: the small eigenvalue stays accurate (det/λmax).
    const [small] = symmetricEigenvalues2x2(1, 1 - 1e-9, 1);
    expect(small / 1e-9).toBeCloseTo(1, 6);
  });

  it('Jacobi agrees with the closed form and reconstructs the matrix', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 9, maxLength: 9 }), (xs) => {
        const n = 3;
        const A = new Float64Array(9);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = (xs[i * n + j]! + xs[j * n + i]!) / 2;
        const { values, vectors } = symmetricEigen(A, n);
        // A = Σ λ_k v_k v_kᵀ
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += values[k]! * vectors[k * n + i]! * vectors[k * n + j]!;
            expect(s).toBeCloseTo(A[i * n + j]!, 9);
          }
        }
        for (let k = 1; k < n; k++) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
        const two = Float64Array.of(A[0]!, A[1]!, A[1]!, A[4]!);
        const viaJacobi = symmetricEigen(two, 2).values;
        const closed = symmetricEigenvalues(two);
        expect(viaJacobi[0]).toBeCloseTo(closed[0]!, 9);
        expect(viaJacobi[1]).toBeCloseTo(closed[1]!, 9);
      }),
    );
  });
});

describe('quadratic theory', () => {
  it('thresholds from the eigenvalues', () => {
    const th = quadraticTheory([
      [1, 0],
      [0, 10],
    ]);
    expect(th.lambdaMin).toBe(1);
    expect(th.lambdaMax).toBe(10);
    expect(th.conditionNumber).toBe(10);
    expect(th.monotoneThreshold).toBe(0.1);
    expect(th.stabilityLimit).toBe(0.2);
    expect(th.bestRate).toBe(2 / 11);
    expect(th.bestContraction).toBeCloseTo(9 / 11, 15); // (κ − 1)/(κ + 1)
    expect(Array.from(contractionFactors(th.eigenvalues, 0.15))).toEqual([Math.abs(1 - 0.15), Math.abs(1 - 1.5)]);
    expect(contractionFactor(th.eigenvalues, 0.15)).toBe(0.85);
  });

  it('the best rate minimises the contraction factor', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e3, noNaN: true }), fc.double({ min: 0.01, max: 1.99, noNaN: true }), (kappa, frac) => {
        const th = quadraticTheory(quadraticBowl2D({ condition: kappa }).hessianMatrix);
        const eta = frac * th.stabilityLimit;
        expect(contractionFactor(th.eigenvalues, eta)).toBeGreaterThanOrEqual(th.bestContraction - 1e-12);
      }),
    );
  });

  it('stability limit: GD on the bowl converges just below 2/λmax and diverges just above', () => {
    const bowl = quadraticBowl2D({ condition: 20, angle: 0.7 });
    const th = quadraticTheory(bowl.hessianMatrix);
    const below = run({ problem: bowl, schedule: th.stabilityLimit * 0.99, start: [3, -4], steps: 5000 });
    const above = run({ problem: bowl, schedule: th.stabilityLimit * 1.01, start: [3, -4], steps: 5000 });
    expect(below.stop).toBe('converged');
    expect(above.stop).toBe('diverged');
  });

  it('steps-to-tolerance is an upper bound that the slowest direction attains', () => {
    const bowl = quadraticBowl2D({ condition: 10 });
    const th = quadraticTheory(bowl.hessianMatrix);
    // Start along the shallow axis (λmin = 1): the error is exactly 0.9^t·5 at rate 0.1.
    const n = stepsToTolerance(th.eigenvalues, 0.1, { initial: 5, tolerance: 1e-6 });
    const r = run({ problem: bowl, schedule: 0.1, start: [5, 0], steps: 1000, tolerance: 1e-6 }); // ‖g‖ = λ·|x| = |x|
    expect(r.stopStep).toBe(n);
    expect(stepsToTolerance(th.eigenvalues, 0.1, { initial: 12.5, tolerance: 1e-12, measure: 'loss' })).toBe(
      Math.ceil(Math.log(1e-12 / 12.5) / Math.log(0.81)),
    );
    expect(stepsToTolerance(th.eigenvalues, 0.5, { initial: 1, tolerance: 1e-3 })).toBe(Infinity);
  });

  it('non-positive-definite Hessians', () => {
    const th = quadraticTheory([
      [1, 0],
      [0, -1],
    ]);
    expect(th.positiveDefinite).toBe(false);
    expect(th.conditionNumber).toBe(Infinity);
    expect(th.stabilityLimit).toBe(2);
  });
});
