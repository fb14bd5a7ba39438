import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyRun,
  gdIterate1D,
  quadratic1D,
  quadraticTheory1D,
  run,
  runSummary,
  sgd,
  stepsToTolerance,
} from '../../../src/sim';

describe('f(x) = x², the worked numbers', () => {
  const problem = quadratic1D();

  it('rate 0.1 from 10 gives 8, 6.4, 5.12 (x ← 0.8·x)', () => {
    const r = run({ problem, schedule: 0.1, start: 10, steps: 3 });
    expect(Array.from(r.params)).toEqual([10, 8, 6.4, 5.12]);
    // Loss a·x²: 100, 64, 40.96, 26.2144.
    expect(r.loss[1]).toBe(64);
    expect(r.loss[2]).toBeCloseTo(40.96, 12);
    expect(r.loss[3]).toBeCloseTo(26.2144, 12);
    expect(classifyRun(runSummary({ problem, schedule: 0.1, start: 10, steps: 1000 })).regime).toBe('converged-monotone');
  });

  it('rate 1.0 flips ±10 with loss 100 forever: a plateau of the loss, not a loss oscillation', () => {
    const r = run({ problem, schedule: 1, start: 10, steps: 1000 });
    expect(r.stop).toBe('budget');
    for (let t = 0; t <= 1000; t++) {
      expect(r.params[t]).toBe(t % 2 === 0 ? 10 : -10);
      expect(r.loss[t]).toBe(100);
    }
    const c = classifyRun(r);
    expect(c.regime).toBe('plateau');
    expect(c.oscillating).toBe(true);
    expect(c.lossIncreased).toBe(false);
  });

  it('rate 1.1 gives −12, 14.4 and diverges', () => {
    const r = run({ problem, schedule: 1.1, start: 10, steps: 1000 });
    expect(r.params[1]).toBeCloseTo(-12, 12);
    expect(r.params[2]).toBeCloseTo(14.4, 12);
    expect(r.stop).toBe('diverged');
    expect(classifyRun(r).regime).toBe('diverged');
    expect(r.lossIncreases).toBe(r.stopStep);
  });

  it('theory: monotone threshold 0.5, stability limit 1.0, best rate 0.5', () => {
    const th = quadraticTheory1D(1);
    expect(th.eigenvalues[0]).toBe(2);
    expect(th.monotoneThreshold).toBe(0.5);
    expect(th.stabilityLimit).toBe(1);
    expect(th.bestRate).toBe(0.5);
    expect(th.conditionNumber).toBe(1);
  });

  it('steps to tolerance match the run: rate 0.1 from 10 needs 31 steps to |x| ≤ 0.01', () => {
    // 0.8^t·10 ≤ 0.01 ⇔ t ≥ ln(0.001)/ln(0.8) = 30.96.
    expect(stepsToTolerance([2], 0.1, { initial: 10, tolerance: 0.01 })).toBe(31);
    const r = run({ problem, schedule: 0.1, start: 10, steps: 100, tolerance: 0.02 }); // |g| = 2|x|
    expect(r.stop).toBe('converged');
    expect(r.stopStep).toBe(31);
    // Exact powers: 0.5^10 = 1/1024.
    expect(stepsToTolerance([2], 0.25, { initial: 1, tolerance: 1 / 1024 })).toBe(10);
    expect(stepsToTolerance([2], 0.5, { initial: 1, tolerance: 1e-9 })).toBe(1);
    expect(stepsToTolerance([2], 1, { initial: 1, tolerance: 1e-9 })).toBe(Infinity);
  });
});

describe('f(x) = a·x², properties against the closed form x_t = (1 − 2aη)^t·x₀', () => {
  const a = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
  // Starts of magnitude 1e-6 … 1e3 either sign, or 0 (subnormals would defeat relative errors).
  const x0 = fc.oneof(
    fc.constant(0),
    fc.double({ min: 1e-6, max: 1e3, noNaN: true }).chain((m) => fc.constantFrom(m, -m)),
  );

  it('matches the closed form for converging rates (absolute error ≤ 1e-13·(t + 1)·|x₀|)', () => {
    fc.assert(
      fc.property(a, fc.double({ min: 1e-6, max: 0.999999, noNaN: true }), x0, fc.integer({ min: 0, max: 200 }), (a, frac, x0, t) => {
        const eta = frac / a; // 0 < η < 1/a
        const r = run({ problem: quadratic1D(a), schedule: eta, start: x0, steps: t, tolerance: 0 });
        const n = r.stopStep;
        for (let k = 0; k <= n; k++) {
          const exact = gdIterate1D(a, eta, x0, k);
          expect(Math.abs((r.params[k] as number) - exact)).toBeLessThanOrEqual(1e-13 * (k + 1) * Math.abs(x0) + 1e-300);
        }
        // With tolerance 0 the run only stops early on an exactly zero gradient.
        if (n < t) expect(r.gradNorm[n]).toBe(0);
      }),
    );
  });

  it('matches the closed form for diverging rates (relative error ≤ 1e-13·(t + 1))', () => {
    fc.assert(
      fc.property(a, fc.double({ min: 1.001, max: 10, noNaN: true }), x0, fc.integer({ min: 0, max: 60 }), (a, frac, x0, t) => {
        const eta = frac / a;
        const r = run({ problem: quadratic1D(a), schedule: eta, start: x0, steps: t, tolerance: 0, divergenceBound: Infinity });
        for (let k = 0; k <= r.stopStep; k++) {
          const exact = gdIterate1D(a, eta, x0, k);
          expect(Math.abs((r.params[k] as number) - exact)).toBeLessThanOrEqual(1e-13 * (k + 1) * Math.abs(exact) + 1e-300);
        }
      }),
    );
  });

  // Powers of two keep 1/(2a), 1/a and 2a exact, so the boundaries are hit exactly.
  const pow2 = fc.integer({ min: -10, max: 10 }).map((k) => 2 ** k);
  const nonZero = fc.double({ min: 1e-3, max: 1e3, noNaN: true }).chain((m) => fc.constantFrom(m, -m));

  it('η = 1/(2a) lands on 0 in one step', () => {
    fc.assert(
      fc.property(pow2, nonZero, (a, x0) => {
        const r = run({ problem: quadratic1D(a), schedule: 1 / (2 * a), start: x0, steps: 10 });
        expect(r.stop).toBe('converged');
        expect(r.stopStep).toBe(1);
        expect(r.params[1]).toBe(0);
        expect(classifyRun(r).regime).toBe('converged-monotone');
      }),
    );
  });

  it('η = 1/a flips ±x₀ forever (plateau)', () => {
    fc.assert(
      fc.property(pow2, nonZero, (a, x0) => {
        const r = run({ problem: quadratic1D(a), schedule: 1 / a, start: x0, steps: 500 });
        expect(r.stop).toBe('budget');
        for (let t = 0; t <= 500; t++) expect(r.params[t]).toBe(t % 2 === 0 ? x0 : -x0);
        expect(classifyRun(r).regime).toBe('plateau');
      }),
    );
  });

  it('η = 1/a up to rounding (any a) keeps |x_t| within 1e-13·t of |x₀| and is a plateau', () => {
    fc.assert(
      fc.property(a, nonZero, (a, x0) => {
        const r = run({ problem: quadratic1D(a), schedule: 1 / a, start: x0, steps: 500 });
        for (let t = 0; t <= 500; t++) {
          expect(Math.abs(Math.abs(r.params[t] as number) / Math.abs(x0) - 1)).toBeLessThanOrEqual(1e-13 * (t + 1));
        }
        expect(classifyRun(r).regime).toBe('plateau');
      }),
    );
  });

  it('η just below 1/a converges while oscillating; just above diverges', () => {
    fc.assert(
      fc.property(pow2, nonZero, (a, x0) => {
        const below = run({ problem: quadratic1D(a), schedule: (1 / a) * (1 - 2 ** -20), start: x0, steps: 2000 });
        // Factor −(1 − 2^-19): every step flips the sign and shrinks |x| a little.
        for (let t = 1; t <= 2000; t++) {
          expect(Math.sign(below.params[t] as number)).toBe(-Math.sign(below.params[t - 1] as number));
          expect(Math.abs(below.params[t] as number)).toBeLessThan(Math.abs(below.params[t - 1] as number));
        }
        const cb = classifyRun(below);
        expect(cb.oscillating).toBe(true);
        expect(cb.regime).toBe('too-slow'); // converging, but 2000 steps are not enough
        const faster = runSummary({ problem: quadratic1D(a), schedule: 0.9 / a, start: x0, steps: 10000 });
        expect(classifyRun(faster).regime).toBe('converged-oscillating');

        const above = run({ problem: quadratic1D(a), schedule: (1 / a) * (1 + 2 ** -20), start: x0, steps: 2000 });
        for (let t = 1; t <= 2000; t++) {
          expect(Math.abs(above.params[t] as number)).toBeGreaterThan(Math.abs(above.params[t - 1] as number));
        }
        expect(classifyRun(above).regime).toBe('diverged');
      }),
      { numRuns: 30 },
    );
  });

  it('η just below 1/a does converge, oscillating all the way (given enough steps)', () => {
    // η = (1 − 2^-16)/a: factor −(1 − 2^-15) per step, ≈ 850,000 steps to |2a·x| ≤ 1e-8 from 10.
    for (const a of [1, 0.25, 8]) {
      const r = runSummary({ problem: quadratic1D(a), schedule: (1 - 2 ** -16) / a, start: 10, steps: 2_000_000 });
      expect(r.stop).toBe('converged');
      expect(r.low[0]).toBeLessThan(-9.99);
      expect(classifyRun(r).regime).toBe('converged-oscillating');
      expect(r.lossIncreases).toBe(0);
    }
  });

  it('the fast path equals the general path bit for bit', () => {
    fc.assert(
      fc.property(a, fc.double({ min: 1e-6, max: 3, noNaN: true }), x0, (a, frac, x0) => {
        const q = quadratic1D(a);
        // Same problem without the markers the runner uses to pick its fast loops.
        const generic = { name: 'generic', kind: 'generic', dim: 1, loss: q.loss, evaluate: q.evaluate, minimizers: q.minimizers };
        const opts = { schedule: frac / a, start: x0, steps: 300 };
        const fast = run({ problem: q, ...opts });
        const slow = run({ problem: generic, optimizer: sgd(), ...opts });
        expect(fast.stop).toBe(slow.stop);
        expect(fast.stopStep).toBe(slow.stopStep);
        expect(Array.from(fast.params)).toEqual(Array.from(slow.params));
        expect(Array.from(fast.loss)).toEqual(Array.from(slow.loss));
        expect(Array.from(fast.gradNorm)).toEqual(Array.from(slow.gradNorm));
        expect(Array.from(fast.lr)).toEqual(Array.from(slow.lr));
        expect(fast.overshoot).toBe(slow.overshoot);
        expect(fast.lossIncreases).toBe(slow.lossIncreases);
        expect(fast.bestLoss).toBe(slow.bestLoss);
        const summary = runSummary({ problem: q, ...opts });
        expect(summary.final[0]).toBe(fast.final[0]);
        expect(summary.lossAtHalfBudget).toBe(fast.lossAtHalfBudget);
        expect(summary.low[0]).toBe(fast.low[0]);
        expect(summary.high[0]).toBe(fast.high[0]);
      }),
      { numRuns: 50 },
    );
  });

  it('runs longer than one internal chunk agree with the closed form and between modes', () => {
    const r = run({ problem: quadratic1D(1), schedule: 1e-4, start: 10, steps: 20000, tolerance: 0 });
    const s = runSummary({ problem: quadratic1D(1), schedule: 1e-4, start: 10, steps: 20000, tolerance: 0 });
    expect(r.params.length).toBe(20001);
    expect(Math.abs((r.params[20000] as number) - gdIterate1D(1, 1e-4, 10, 20000))).toBeLessThan(1e-10);
    expect(s.final[0]).toBe(r.params[20000]);
    expect(s.lossAtHalfBudget).toBe(r.loss[10000]);
    expect(s.bestLoss).toBe(r.loss[20000]);
  });
});
