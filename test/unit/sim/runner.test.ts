import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adagrad,
  adam,
  adamw,
  classifyRun,
  coordinate,
  cosineAnnealing,
  function1D,
  heavyBall,
  housePriceRegression,
  linearWarmup,
  nesterov,
  paramsAt,
  quadratic1D,
  quadraticBowl2D,
  rmsprop,
  rosenbrock,
  run,
  runSummary,
  sgd,
  tiltedDoubleWell,
} from '../../../src/sim';
import type { Optimizer, Problem, RunResult } from '../../../src/sim';

const optimizers: Optimizer[] = [
  sgd(),
  sgd({ weightDecay: 0.1 }),
  heavyBall(),
  heavyBall({ dampening: 0.5 }),
  nesterov(),
  adagrad(),
  rmsprop(),
  rmsprop({ momentum: 0.9, centered: true }),
  adam(),
  adam({ amsgrad: true }),
  adamw(),
];

const cases: { problem: Problem; start: number[] }[] = [
  { problem: quadratic1D(), start: [10] },
  { problem: quadratic1D(250), start: [-3] },
  { problem: tiltedDoubleWell(), start: [2] },
  { problem: function1D({ f: (x) => x ** 4, df: (x) => 4 * x ** 3 }), start: [3] },
  { problem: quadraticBowl2D({ condition: 100, angle: 0.3 }), start: [5, 5] },
  { problem: rosenbrock(), start: [-1.5, 2] },
  { problem: housePriceRegression(), start: [0, 0] },
];

function expectAllFinite(r: RunResult): void {
  for (const arr of [r.params, r.loss, r.gradNorm, r.lr, r.final, r.low, r.high]) {
    for (const v of arr) expect(Number.isFinite(v)).toBe(true);
  }
  for (const v of [r.initialLoss, r.finalLoss, r.finalGradNorm, r.bestLoss, r.lossAtHalfBudget]) {
    expect(Number.isFinite(v)).toBe(true);
  }
  expect(r.loss.length).toBe(r.stopStep + 1);
  expect(r.params.length).toBe((r.stopStep + 1) * r.dim);
}

describe('runner', () => {
  it('never lets NaN or Infinity out, for any rate in [1e-6, 1e6], optimizer and problem', () => {
    fc.assert(
      fc.property(
        fc.double({ min: Math.log(1e-6), max: Math.log(1e6), noNaN: true }).map(Math.exp),
        fc.integer({ min: 0, max: optimizers.length - 1 }),
        fc.integer({ min: 0, max: cases.length - 1 }),
        fc.boolean(),
        (rate, oi, pi, unbounded) => {
          const { problem, start } = cases[pi]!;
          const r = run({
            problem,
            optimizer: optimizers[oi]!,
            schedule: rate,
            start,
            steps: 300,
            ...(unbounded ? { divergenceBound: Infinity } : {}),
          });
          expectAllFinite(r);
          expect(['converged', 'budget', 'diverged', 'non-finite']).toContain(r.stop);
          if (r.stop === 'budget') expect(r.stopStep).toBe(300);
          if (unbounded) expect(r.stop).not.toBe('diverged');
          classifyRun(r);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('stops at the last finite state when a step overflows', () => {
    const r = run({ problem: quadratic1D(), schedule: 1e6, start: 10, steps: 1000, divergenceBound: Infinity });
    expect(r.stop).toBe('non-finite');
    expectAllFinite(r);
    // |x| grows by 2·10⁶ per step; the loss overflows once x² > 1.8e308, i.e. after ≈ 25 steps.
    expect(r.stopStep).toBeGreaterThan(20);
    expect(r.stopStep).toBeLessThan(30);
    expect(classifyRun(r).regime).toBe('diverged');
    const g = run({ problem: rosenbrock(), optimizer: adam(), schedule: 1e6, start: [3, 3], steps: 100, divergenceBound: Infinity });
    expectAllFinite(g);
  });

  it('stops as diverged at the first state beyond the bound (relative to the start)', () => {
    const r = run({ problem: quadratic1D(), schedule: 1.5, start: 10, steps: 1000, divergenceBound: 1e6 });
    // x ← −2x: loss 100·4^t exceeds 1e6·100 first at t = 10 (4^10 ≈ 1.05e6).
    expect(r.stop).toBe('diverged');
    expect(r.stopStep).toBe(10);
    expect(r.finalLoss).toBe(100 * 4 ** 10);
  });

  it('converged means gradient norm ≤ tolerance, checked at the start too', () => {
    const r = run({ problem: quadratic1D(), schedule: 0.1, start: 1e-10, steps: 10 });
    expect(r.stop).toBe('converged');
    expect(r.stopStep).toBe(0);
    const s = run({ problem: quadratic1D(), schedule: 0.1, start: 1, steps: 1000, tolerance: 1e-3 });
    expect(s.stop).toBe('converged');
    expect(s.gradNorm[s.stopStep]).toBeLessThanOrEqual(1e-3);
    expect(s.gradNorm[s.stopStep - 1]).toBeGreaterThan(1e-3);
  });

  it('run and runSummary agree on every problem and optimizer', () => {
    for (const { problem, start } of cases) {
      for (const optimizer of optimizers) {
        const opts = { problem, optimizer, schedule: linearWarmup(cosineAnnealing(0.01, 100), { steps: 10 }), start, steps: 150 };
        const a = run(opts);
        const b = runSummary(opts);
        expect(b.stop).toBe(a.stop);
        expect(b.stopStep).toBe(a.stopStep);
        expect(Array.from(b.final)).toEqual(Array.from(a.final));
        expect(b.finalLoss).toBe(a.finalLoss);
        expect(b.lossAtHalfBudget).toBe(a.lossAtHalfBudget);
        expect(b.overshoot).toBe(a.overshoot);
        expect(b.lossIncreases).toBe(a.lossIncreases);
      }
    }
  });

  it('the 1-D scalar loop equals the general loop bit for bit (any schedule, weight decay)', () => {
    const dw = tiltedDoubleWell();
    const generic: Problem = { kind: 'generic', name: 'dw', dim: 1, loss: dw.loss, evaluate: dw.evaluate, minimizers: dw.minimizers! };
    for (const optimizer of [sgd(), sgd({ weightDecay: 0.05 })]) {
      const opts = { optimizer, schedule: cosineAnnealing(0.05, 40), start: 1.8, steps: 120 };
      const fast = run({ problem: dw, ...opts });
      const slow = run({ problem: generic, ...opts });
      expect(Array.from(fast.params)).toEqual(Array.from(slow.params));
      expect(Array.from(fast.loss)).toEqual(Array.from(slow.loss));
      expect(Array.from(fast.lr)).toEqual(Array.from(slow.lr));
      expect(fast.stop).toBe(slow.stop);
    }
  });

  it('records lr[t] = schedule(t), with the last entry the next rate', () => {
    const r = run({ problem: housePriceRegression(), schedule: cosineAnnealing(0.1, 4), start: [0, 0], steps: 4 });
    expect(Array.from(r.lr)).toEqual([0, 1, 2, 3, 4].map(cosineAnnealing(0.1, 4)));
  });

  it('exposes states and coordinates', () => {
    const r = run({ problem: quadraticBowl2D({ condition: 4 }), schedule: 0.1, start: [1, 2], steps: 3 });
    // H = diag(1, 4): x ← 0.9·x, y ← 0.6·y
    expect(paramsAt(r, 0)).toEqual(Float64Array.of(1, 2));
    expect(paramsAt(r, 1)[0]).toBeCloseTo(0.9, 15);
    expect(paramsAt(r, 1)[1]).toBeCloseTo(1.2, 15);
    expect(coordinate(r, 1)[3]).toBeCloseTo(2 * 0.6 ** 3, 15);
  });

  it('validates its input', () => {
    expect(() => run({ problem: quadratic1D(), schedule: 0.1, start: [1, 2], steps: 3 })).toThrow(RangeError);
    expect(() => run({ problem: quadratic1D(), schedule: 0.1, start: NaN, steps: 3 })).toThrow(RangeError);
    expect(() => run({ problem: quadratic1D(), schedule: -0.1, start: 1, steps: 3 })).toThrow(RangeError);
    expect(() => run({ problem: quadratic1D(), schedule: 0.1, start: 1, steps: 2.5 })).toThrow(RangeError);
    expect(() => run({ problem: quadratic1D(), schedule: 0.1, start: 1, steps: 3, batch: { size: 1, seed: 1 } })).toThrow(RangeError);
  });

  it('uses the optimizer default rate when no schedule is given', () => {
    const r = run({ problem: quadratic1D(), start: 1, steps: 1 });
    expect(r.lr[0]).toBe(1e-3);
  });
});

describe('mini-batches', () => {
  const problem = housePriceRegression();

  it('are deterministic for a seed and differ between seeds', () => {
    const opts = { problem, schedule: 0.05, start: [0, 0], steps: 200 };
    const a = run({ ...opts, batch: { size: 2, seed: 42 } });
    const b = run({ ...opts, batch: { size: 2, seed: 42 } });
    const c = run({ ...opts, batch: { size: 2, seed: 7 } });
    expect(Array.from(a.params)).toEqual(Array.from(b.params));
    expect(Array.from(a.params)).not.toEqual(Array.from(c.params));
    expectAllFinite(a);
  });

  it('a batch at least as large as the data set is full batch', () => {
    const opts = { problem, schedule: 0.05, start: [0, 0], steps: 50 };
    const full = run(opts);
    const big = run({ ...opts, batch: { size: 5, seed: 3 } });
    expect(Array.from(big.params)).toEqual(Array.from(full.params));
  });

  it('visit every sample once per epoch (batch size 1, no shuffle = cyclic order)', () => {
    // Without shuffling, batch size 1 uses samples 0, 1, 2, 3, 4, 0, … ; check the first update by hand:
    // sample 0 (x = 1.5, y = 300) at (0, 0): r = −300, ∂w = 2·(−300)·1.5 = −900, ∂b = −600.
    const r = run({ problem, schedule: 0.01, start: [0, 0], steps: 1, batch: { size: 1, seed: 0, shuffle: false } });
    expect(paramsAt(r, 1)[0]).toBeCloseTo(9, 12);
    expect(paramsAt(r, 1)[1]).toBeCloseTo(6, 12);
  });

  it('SGD still fits the (noise-free) house data exactly', () => {
    const r = runSummary({ problem, schedule: 0.05, start: [0, 0], steps: 20000, batch: { size: 2, seed: 1 }, tolerance: 1e-6 });
    expect(r.stop).toBe('converged');
    expect(r.final[0]).toBeCloseTo(200, 4);
    expect(r.final[1]).toBeCloseTo(0, 3);
  });
});
