import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  function1D,
  HOUSE_PRICES,
  HOUSE_SIZES,
  housePriceRegression,
  linearRegression,
  quadratic1D,
  quadraticBowl2D,
  quadraticForm,
  rosenbrock,
  symmetricEigenvalues,
  tiltedDoubleWell,
} from '../../../src/sim';
import type { Problem } from '../../../src/sim';

/** Central finite differences of the loss. */
function numericGradient(p: Problem, x: Float64Array): Float64Array {
  const g = new Float64Array(p.dim);
  for (let i = 0; i < p.dim; i++) {
    const h = 1e-6 * Math.max(1, Math.abs(x[i] as number));
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[i] = (x[i] as number) + h;
    xm[i] = (x[i] as number) - h;
    g[i] = (p.loss(xp) - p.loss(xm)) / (2 * h);
  }
  return g;
}

function numericHessian(p: Problem, x: Float64Array): Float64Array {
  const n = p.dim;
  const H = new Float64Array(n * n);
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const h = 1e-6 * Math.max(1, Math.abs(x[j] as number));
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[j] = (x[j] as number) + h;
    xm[j] = (x[j] as number) - h;
    p.evaluate(xp, gp);
    p.evaluate(xm, gm);
    for (let i = 0; i < n; i++) H[i * n + j] = ((gp[i] as number) - (gm[i] as number)) / (2 * h);
  }
  return H;
}

const problems: Problem[] = [
  quadratic1D(),
  quadratic1D(3.7),
  tiltedDoubleWell(),
  function1D({ f: Math.cosh, df: Math.sinh, d2f: Math.cosh, minimizers: [0], minLoss: 1 }),
  quadraticBowl2D({ condition: 50, angle: 0.4, center: [1, -2] }),
  quadraticForm({ hessian: [[4, 1, 0], [1, 3, 0.5], [0, 0.5, 2]] }),
  rosenbrock(),
  housePriceRegression(),
];

describe('gradients and Hessians agree with finite differences', () => {
  for (const p of problems) {
    it(p.name, () => {
      fc.assert(
        fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: p.dim, maxLength: p.dim }), (xs) => {
          const x = Float64Array.from(xs);
          const g = new Float64Array(p.dim);
          const loss = p.evaluate(x, g);
          expect(loss).toBeCloseTo(p.loss(x), 10);
          const ng = numericGradient(p, x);
          for (let i = 0; i < p.dim; i++) {
            expect(Math.abs((g[i] as number) - (ng[i] as number))).toBeLessThan(1e-5 * Math.max(1, Math.abs(g[i] as number)));
          }
          if (p.hessian) {
            const H = new Float64Array(p.dim * p.dim);
            p.hessian(x, H);
            const nH = numericHessian(p, x);
            for (let i = 0; i < H.length; i++) {
              expect(Math.abs((H[i] as number) - (nH[i] as number))).toBeLessThan(1e-4 * Math.max(1, Math.abs(H[i] as number)));
            }
          }
          if (p.scalar) {
            expect(p.scalar.f(x[0] as number)).toBe(loss);
            expect(p.scalar.df(x[0] as number)).toBe(g[0]);
          }
        }),
        { numRuns: 30 },
      );
    });
  }

  it('advertised minimisers have zero gradient and the advertised loss', () => {
    for (const p of problems) {
      const m = p.minimizers?.[0];
      if (!m) continue;
      const g = new Float64Array(p.dim);
      const loss = p.evaluate(m, g);
      for (const gi of g) expect(Math.abs(gi)).toBeLessThan(1e-9);
      if (p.minLoss !== undefined) expect(loss).toBeCloseTo(p.minLoss, 12);
    }
  });
});

describe('tilted double well', () => {
  it('has a global minimum on the left, a trap on the right and a hill between', () => {
    const dw = tiltedDoubleWell({ tilt: 0.5 });
    expect(dw.globalMinimizer).toBeLessThan(dw.localMaximizer);
    expect(dw.localMaximizer).toBeLessThan(dw.localMinimizer);
    expect(dw.globalMinimizer).toBeCloseTo(-1.0575, 4);
    expect(dw.localMinimizer).toBeCloseTo(0.9304, 4);
    expect(dw.localMaximizer).toBeCloseTo(0.1271, 4);
    for (const x of [dw.globalMinimizer, dw.localMinimizer, dw.localMaximizer]) {
      expect(Math.abs(dw.scalar.df(x))).toBeLessThan(1e-12);
    }
    expect(dw.loss(Float64Array.of(dw.localMinimizer))).toBeGreaterThan(dw.minLoss);
    expect(() => tiltedDoubleWell({ tilt: 2 })).toThrow(RangeError);
  });

  it('a negative tilt mirrors it', () => {
    const dw = tiltedDoubleWell({ tilt: -0.5 });
    expect(dw.globalMinimizer).toBeCloseTo(1.0575, 4);
  });
});

describe('quadratic bowl', () => {
  it('has the chosen condition number whatever the rotation', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e4, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (kappa, angle) => {
        const b = quadraticBowl2D({ condition: kappa, lambdaMin: 0.5, angle });
        const ev = symmetricEigenvalues(b.hessianMatrix);
        expect(ev[0]).toBeCloseTo(0.5, 9);
        expect((ev[1] as number) / (ev[0] as number)).toBeCloseTo(kappa, 6);
      }),
    );
  });

  it('rejects asymmetric Hessians', () => {
    expect(() => quadraticForm({ hessian: [[1, 2], [0, 1]] })).toThrow(RangeError);
  });
});

describe('linear regression (MSE, mean, no ½ — torch.nn.MSELoss)', () => {
  it('house data: y = 200·x exactly, Hessian [[13.5, 5], [5, 2]]', () => {
    const p = housePriceRegression();
    expect(HOUSE_SIZES).toEqual([1.5, 2.0, 2.5, 3.0, 3.5]);
    expect(HOUSE_PRICES).toEqual([300, 400, 500, 600, 700]);
    expect(Array.from(p.hessianMatrix)).toEqual([13.5, 5, 5, 2]);
    expect(p.minimizers?.[0]?.[0]).toBeCloseTo(200, 10);
    expect(p.minimizers?.[0]?.[1]).toBeCloseTo(0, 10);
    expect(p.minLoss).toBeCloseTo(0, 15);
    // At (0, 0) the loss is the mean of y²: (300² + … + 700²)/5 = 270,000.
    expect(p.loss(Float64Array.of(0, 0))).toBe(270000);
  });

  it('MSE at (w, b) = (1, 2) by hand', () => {
    const p = linearRegression({ x: [1, 2], y: [1, 5] });
    // residuals (1 + 2 − 1, 2 + 2 − 5) = (2, −1): MSE = (4 + 1)/2 = 2.5;
    // ∂w = (2/2)·(2·1 + (−1)·2) = 0, ∂b = (2/2)·(2 − 1) = 1
    const g = new Float64Array(2);
    expect(p.evaluate(Float64Array.of(1, 2), g)).toBe(2.5);
    expect(Array.from(g)).toEqual([0, 1]);
  });

  it('the full batch through batchEvaluate equals evaluate', () => {
    const p = housePriceRegression();
    const g1 = new Float64Array(2);
    const g2 = new Float64Array(2);
    const x = Float64Array.of(123, -45);
    const l1 = p.evaluate(x, g1);
    const l2 = p.batchEvaluate!(x, Int32Array.of(0, 1, 2, 3, 4), 5, g2);
    expect(l2).toBeCloseTo(l1, 9);
    expect(g2[0]).toBeCloseTo(g1[0] as number, 9);
    expect(g2[1]).toBeCloseTo(g1[1] as number, 9);
  });
});
