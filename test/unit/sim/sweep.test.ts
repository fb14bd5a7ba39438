import { describe, expect, it } from 'vitest';
import {
  exponentialDecay,
  housePriceQuadraticTheory,
  housePriceRegression,
  logSpace,
  lrRangeTest,
  lrSweep,
  quadratic1D,
} from '../../../src/sim';

describe('logSpace', () => {
  it('hits both ends exactly and is geometric', () => {
    const g = logSpace(1e-3, 10, 5);
    expect(g[0]).toBe(1e-3);
    expect(g[4]).toBe(10);
    expect(g[1]).toBeCloseTo(1e-2, 15);
    expect(g[2]).toBeCloseTo(1e-1, 14);
  });
});

describe('lrSweep', () => {
  it('x²: regimes follow the theory and the fastest rate is ≈ 0.5', () => {
    const sw = lrSweep({ problem: quadratic1D(), start: 10, steps: 1000, lrMin: 1e-3, lrMax: 2, count: 1000, criterion: 'steps' });
    expect(sw.rates.length).toBe(1000);
    for (let i = 0; i < 1000; i++) {
      const eta = sw.rates[i]!;
      const regime = sw.regime[i];
      if (eta < 0.5) expect(['too-slow', 'converged-monotone']).toContain(regime);
      else if (eta > 0.5 && eta < 1) expect(['too-slow', 'converged-oscillating']).toContain(regime);
      else if (eta > 1) expect(regime).toBe('diverged');
      if (sw.stepsToTolerance[i]! >= 0) expect(sw.stop[i]).toBe('converged');
      expect(Number.isFinite(sw.finalLoss[i]!)).toBe(true);
    }
    expect(sw.best!.rate).toBeCloseTo(0.5, 2);
    expect(sw.best!.steps).toBeLessThanOrEqual(4);
  });

  it('final-loss criterion ignores diverged runs', () => {
    const sw = lrSweep({ problem: quadratic1D(), start: 10, steps: 20, rates: [0.01, 0.1, 0.4, 1.5], tolerance: 0 });
    expect(sw.best!.rate).toBe(0.4);
    // 1.5: x ← −2x, the loss passes 1e12 × its start after 20 steps.
    expect(sw.stop[3]).toBe('diverged');
    expect(sw.regime[3]).toBe('diverged');
    const allBad = lrSweep({ problem: quadratic1D(), start: 10, steps: 100, rates: [5, 50] });
    expect(allBad.best).toBeNull();
  });

  it('house data: the sweep finds the short-horizon optimum just below the stability limit', () => {
    const th = housePriceQuadraticTheory();
    const sw = lrSweep({
      problem: housePriceRegression(),
      start: [0, 0],
      steps: 50,
      lrMin: 1e-4,
      lrMax: 0.2,
      count: 400,
      tolerance: 0,
      divergenceBound: Infinity,
    });
    expect(sw.best!.rate).toBeGreaterThan(0.12);
    expect(sw.best!.rate).toBeLessThan(0.124);
    sw.rates.forEach((eta, i) => {
      if (eta > th.stabilityLimit * 1.01) expect(sw.regime[i]).toBe('diverged');
    });
  });

  it('accepts schedules built from the rate', () => {
    const sw = lrSweep({
      problem: quadratic1D(),
      start: 10,
      steps: 200,
      rates: [0.9, 1.2],
      schedule: (eta) => exponentialDecay(eta, 0.05),
    });
    // 1.2 diverges at first, but the decaying schedule drops it below 1 and it converges.
    expect(sw.stop[1]).toBe('converged');
  });
});

describe('lrRangeTest', () => {
  it('x²: stops once the smoothed loss passes 4× its best, suggests a rate below the stability limit', () => {
    const rt = lrRangeTest({ problem: quadratic1D(), start: 10 });
    expect(rt.stoppedEarly).toBe(true);
    expect(rt.lrs[0]).toBe(1e-7);
    // Exponential growth: constant ratio between consecutive rates.
    const ratio = (10 / 1e-7) ** (1 / 99);
    expect(rt.lrs[1]! / rt.lrs[0]!).toBeCloseTo(ratio, 10);
    const last = rt.smoothed.length - 1;
    expect(rt.smoothed[last]!).toBeGreaterThan(4 * Math.min(...Array.from(rt.smoothed.slice(0, last))));
    expect(rt.suggested).toBe(rt.steepestRate);
    expect(rt.suggested).toBeGreaterThan(0.01);
    expect(rt.suggested).toBeLessThan(1);
    // fastai's other suggestion: the rate at the lowest smoothed loss, divided by 10. With
    // β = 0.98 over only 100 steps the average lags, so that minimum sits late (≈ 6.9 here).
    const sm = Array.from(rt.smoothed);
    expect(rt.minimumRateOver10).toBe(rt.lrs[sm.indexOf(Math.min(...sm))]! / 10);
  });

  it('bias-corrected smoothing: the first smoothed value is the first loss', () => {
    const rt = lrRangeTest({ problem: quadratic1D(), start: 10, steps: 50 });
    expect(rt.smoothed[0]).toBeCloseTo(100, 12);
    // Second: (0.98·0.02·L₀ + 0.02·L₁)/(1 − 0.98²)
    const expected = (0.98 * 0.02 * rt.losses[0]! + 0.02 * rt.losses[1]!) / (1 - 0.98 ** 2);
    expect(rt.smoothed[1]).toBeCloseTo(expected, 12);
  });

  it('house data: suggestion below the stability limit 0.130', () => {
    const rt = lrRangeTest({ problem: housePriceRegression(), start: [0, 0] });
    expect(rt.stoppedEarly).toBe(true);
    expect(rt.suggested).toBeLessThan(housePriceQuadraticTheory().stabilityLimit);
    expect(rt.suggested).toBeGreaterThan(1e-3);
    for (const v of rt.losses) expect(Number.isFinite(v)).toBe(true);
  });

  it('is deterministic with mini-batches', () => {
    const a = lrRangeTest({ problem: housePriceRegression(), start: [0, 0], batch: { size: 2, seed: 5 } });
    const b = lrRangeTest({ problem: housePriceRegression(), start: [0, 0], batch: { size: 2, seed: 5 } });
    expect(Array.from(a.losses)).toEqual(Array.from(b.losses));
    expect(a.suggested).toBe(b.suggested);
  });
});
