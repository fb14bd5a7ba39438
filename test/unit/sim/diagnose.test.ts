import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adam, classifyRun, diagnoseLoss, heavyBall, quadratic1D, quadraticBowl2D, run, runSummary, tiltedDoubleWell } from '../../../src/sim';

describe('diagnoseLoss', () => {
  it('0.8, 0.5, 0.4, 0.38, 0.37 → healthy with diminishing returns', () => {
    const d = diagnoseLoss([0.8, 0.5, 0.4, 0.38, 0.37]);
    expect(d.verdict).toBe('healthy');
    expect(d.diminishingReturns).toBe(true);
    expect(d.fix).toBe('none');
    // Improvements 0.3, 0.1, 0.02, 0.01; relative 37.5 %, 20 %, 5 %, 2.6 %.
    [0.3, 0.1, 0.02, 0.01].forEach((v, i) => expect(d.improvements[i]).toBeCloseTo(v, 12));
    [0.375, 0.2, 0.05, 0.01 / 0.38].forEach((v, i) => expect(d.relativeImprovements[i]).toBeCloseTo(v, 12));
    expect(d.relativeImprovements[3]! * 100).toBeCloseTo(2.6, 1);
    expect(d.reasons.join(' ')).toMatch(/37\.5 %, 20\.0 %, 5\.0 %, 2\.6 %/);
    expect(d.reasons.join(' ')).toMatch(/diminishing returns/);
  });

  it('0.8, 1.5, 3.2, 8.7, NaN → divergence ending in NaN; lower the rate', () => {
    const d = diagnoseLoss([0.8, 1.5, 3.2, 8.7, NaN]);
    expect(d.verdict).toBe('divergence');
    expect(d.nonFinite).toBe(true);
    expect(d.firstNonFinite).toBe(4);
    expect(d.fix).toBe('lower-rate');
    expect(d.reasons[0]).toMatch(/NaN/);
  });

  it('NaN without a growth phase → overflow', () => {
    const d = diagnoseLoss([1, 0.5, 0.3, Infinity]);
    expect(d.verdict).toBe('overflow');
    expect(d.fix).toBe('lower-rate');
    expect(diagnoseLoss([NaN]).verdict).toBe('overflow');
  });

  it('rising loss → divergence', () => {
    expect(diagnoseLoss([100, 144, 207.36, 298.6]).verdict).toBe('divergence');
    expect(diagnoseLoss([1, 0.5, 0.4, 0.5, 0.7, 1.2]).verdict).toBe('divergence');
  });

  it('up and down → oscillation, and the text does not blame plain GD on a quadratic', () => {
    const d = diagnoseLoss([1, 0.6, 0.8, 0.5, 0.7, 0.45]);
    expect(d.verdict).toBe('oscillation');
    const text = d.reasons.join(' ');
    expect(text).toMatch(/never makes the loss itself go up and down/);
    expect(text).toMatch(/momentum/);
    expect(['lower-rate', 'add-schedule']).toContain(d.fix);
    expect(diagnoseLoss([1, 0.3, 0.5, 0.2, 0.35, 0.1, 0.2, 0.05]).fix).toBe('add-schedule');
  });

  it('constant non-zero loss → plateau (x² at rate 1: loss 100 forever)', () => {
    const losses = run({ problem: quadratic1D(), schedule: 1, start: 10, steps: 10 }).loss;
    const d = diagnoseLoss(losses);
    expect(d.verdict).toBe('plateau');
    expect(d.fix).toBe('lower-rate');
    expect(d.reasons.join(' ')).toMatch(/rate exactly 1/);
  });

  it('slow steady decrease → too slow; raise the rate', () => {
    const losses = run({ problem: quadratic1D(), schedule: 0.001, start: 10, steps: 20 }).loss;
    const d = diagnoseLoss(losses);
    expect(d.verdict).toBe('too-slow');
    expect(d.fix).toBe('raise-rate');
  });

  it('a loss near 1.0 creeping down by 5e-8 a step for 50 steps → stalled (a plateau), not too slow', () => {
    const losses = Array.from({ length: 50 }, (_, i) => 1.0 - 5e-8 * i);
    const d = diagnoseLoss(losses);
    expect(d.verdict).toBe('stalled');
    expect(d.fix).toBe('escape-plateau');
    expect(d.reasons[0]).toMatch(/plateau/);
    expect(d.reasons.join(' ')).toMatch(/larger rate alone may not/);
    expect(d.fixText).toMatch(/momentum/);
    // A frozen loss is still the stuck flip-flop, and a slow but visible descent is still too slow.
    expect(diagnoseLoss(Array.from({ length: 50 }, () => 1.0)).verdict).toBe('plateau');
    expect(diagnoseLoss(Array.from({ length: 50 }, (_, i) => 0.997 ** i)).verdict).toBe('too-slow');
  });

  it('fast linear convergence is healthy', () => {
    const losses = run({ problem: quadratic1D(), schedule: 0.1, start: 10, steps: 20 }).loss;
    expect(diagnoseLoss(losses).verdict).toBe('healthy');
  });

  it('plain GD on quadratics never produces a loss oscillation, even while zig-zagging', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (kappa, frac, angle) => {
          const bowl = quadraticBowl2D({ condition: kappa, angle });
          // Any rate below the stability limit 2/λmax = 2/κ: the loss falls monotonically.
          const r = run({ problem: bowl, schedule: (frac * 2) / kappa, start: [3, 1], steps: 60 });
          expect(r.lossIncreases).toBe(0);
          expect(diagnoseLoss(r.loss).verdict).not.toBe('oscillation');
        },
      ),
    );
  });

  it('momentum does make the loss oscillate', () => {
    const r = run({ problem: quadratic1D(), optimizer: heavyBall({ momentum: 0.9 }), schedule: 0.1, start: 10, steps: 40 });
    expect(r.lossIncreases).toBeGreaterThan(0);
    expect(diagnoseLoss(r.loss).verdict).toBe('oscillation');
  });

  it('needs two finite values', () => {
    expect(diagnoseLoss([1]).verdict).toBe('insufficient-data');
  });
});

describe('classifyRun', () => {
  it('double well: small steps from the right get stuck in the local minimum', () => {
    const dw = tiltedDoubleWell();
    const right = runSummary({ problem: dw, schedule: 0.01, start: 2, steps: 5000 });
    expect(right.stop).toBe('converged');
    expect(right.final[0]).toBeCloseTo(dw.localMinimizer, 6);
    expect(classifyRun(right).regime).toBe('local-minimum');
    const left = runSummary({ problem: dw, schedule: 0.01, start: -2, steps: 5000 });
    expect(classifyRun(left).regime).toBe('converged-monotone');
  });

  it('x² regimes across the rate axis', () => {
    const regime = (eta: number, steps = 1000) => classifyRun(runSummary({ problem: quadratic1D(), schedule: eta, start: 10, steps })).regime;
    expect(regime(1e-4)).toBe('too-slow');
    expect(regime(0.3)).toBe('converged-monotone');
    expect(regime(0.5)).toBe('converged-monotone');
    expect(regime(0.7)).toBe('converged-oscillating');
    expect(regime(1)).toBe('plateau');
    expect(regime(1.1)).toBe('diverged');
  });

  it('just past the stability limit of the steep direction: the loss dips, then grows', () => {
    // κ = 100, rate 0.0201 > 2/λmax = 0.02: steep factor −1.01 (grows), shallow 0.9799 (shrinks).
    // Starting almost on the shallow axis, the shallow term dominates first.
    const r = run({ problem: quadraticBowl2D({ condition: 100 }), schedule: 0.0201, start: [10, 1e-3], steps: 500 });
    expect(r.stop).toBe('budget');
    expect(r.finalLoss).toBeLessThan(r.initialLoss);
    const c = classifyRun(r);
    expect(c.regime).toBe('diverged');
    expect(c.reason).toMatch(/rising again/);
    // One dip, then growth: never up and down repeatedly.
    let turns = 0;
    for (let t = 2; t < r.loss.length; t++) {
      if (Math.sign(r.loss[t]! - r.loss[t - 1]!) !== Math.sign(r.loss[t - 1]! - r.loss[t - 2]!)) turns++;
    }
    expect(turns).toBe(1);
    expect(diagnoseLoss(r.loss).verdict).toBe('divergence');
  });

  it('Adam oscillates in the loss on x² with a large rate', () => {
    const r = runSummary({ problem: quadratic1D(), optimizer: adam(), schedule: 3, start: 10, steps: 2000 });
    const c = classifyRun(r);
    expect(c.lossIncreased).toBe(true);
    expect(c.oscillating).toBe(true);
  });
});
