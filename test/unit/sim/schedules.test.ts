import { describe, expect, it } from 'vitest';
import {
  asSchedule,
  constant,
  cosineAnnealing,
  exponentialDecay,
  inverseTimeDecay,
  linearWarmup,
  quadratic1D,
  run,
  stepDecay,
} from '../../../src/sim';

describe('schedules', () => {
  it('constant', () => {
    const s = constant(0.3);
    expect([s(0), s(7), s(1e6)]).toEqual([0.3, 0.3, 0.3]);
    expect(s.info).toEqual({ kind: 'constant', initial: 0.3 });
    expect(asSchedule(0.2)(5)).toBe(0.2);
    expect(asSchedule(s)).toBe(s);
  });

  it('step decay η₀·γ^⌊t/k⌋ (StepLR)', () => {
    const s = stepDecay(1, 3, 0.5);
    expect([0, 1, 2, 3, 5, 6, 9].map(s)).toEqual([1, 1, 1, 0.5, 0.5, 0.25, 0.125]);
    expect(stepDecay(0.1, 10)(10)).toBeCloseTo(0.01, 15); // PyTorch default γ = 0.1
  });

  it('exponential decay η₀·e^(−λt) and inverse time η₀/(1 + λt)', () => {
    expect(exponentialDecay(1, 0.1)(10)).toBeCloseTo(Math.exp(-1), 15);
    expect(inverseTimeDecay(1, 0.5)(4)).toBe(1 / 3);
  });

  it('cosine annealing follows the closed form and climbs back after T_max', () => {
    const s = cosineAnnealing(1, 10, 0.1);
    expect(s(0)).toBe(1);
    expect(s(5)).toBeCloseTo(0.55, 15); // 0.1 + 0.9·(1 + cos(π/2))/2
    expect(s(10)).toBeCloseTo(0.1, 15);
    // PyTorch's CosineAnnealingLR does not hold η_min: it rises again, back to η₀ at 2·T_max.
    expect(s(15)).toBeCloseTo(0.55, 15);
    expect(s(20)).toBeCloseTo(1, 15);
    expect(s(11)).toBeGreaterThan(s(10));
  });

  it('linear warm-up (LinearLR start_factor 1/3 by default), shifting the inner schedule', () => {
    const s = linearWarmup(stepDecay(0.3, 2, 0.5), { steps: 3 });
    // t < 3: 0.3·(1/3 + (2/3)·t/3); then the inner schedule from its own t = 0.
    expect(s(0)).toBeCloseTo(0.1, 15);
    expect(s(1)).toBeCloseTo(0.3 * (1 / 3 + 2 / 9), 15);
    expect(s(3)).toBe(0.3);
    expect(s(4)).toBe(0.3);
    expect(s(5)).toBe(0.15);
    const chained = linearWarmup(cosineAnnealing(1, 10), { steps: 4, startFactor: 0, shift: false });
    expect(chained(0)).toBe(0);
    expect(chained(2)).toBeCloseTo(0.5 * cosineAnnealing(1, 10)(2), 15);
    expect(chained(6)).toBe(cosineAnnealing(1, 10)(6));
  });

  it('the runner uses schedule(t) for update t and records it', () => {
    const r = run({ problem: quadratic1D(), schedule: stepDecay(0.25, 2, 0.5), start: 1, steps: 4, tolerance: 0 });
    expect(Array.from(r.lr)).toEqual([0.25, 0.25, 0.125, 0.125, 0.0625]);
    // x ← (1 − 2η)x: 0.5, 0.25, 0.1875, 0.140625
    expect(Array.from(r.params)).toEqual([1, 0.5, 0.25, 0.1875, 0.140625]);
  });

  it('rejects invalid rates', () => {
    expect(() => constant(-1)).toThrow(RangeError);
    expect(() => constant(NaN)).toThrow(RangeError);
    const bad = Object.assign((t: number) => (t < 2 ? 0.1 : NaN), { info: { kind: 'custom', initial: 0.1 } });
    expect(() => run({ problem: quadratic1D(), schedule: bad, start: 1, steps: 5 })).toThrow(RangeError);
  });
});
