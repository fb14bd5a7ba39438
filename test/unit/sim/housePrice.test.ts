import { describe, expect, it } from 'vitest';
import {
  bestHousePriceRate,
  classifyRun,
  housePriceLossCurve,
  housePriceQuadraticTheory,
  housePriceRun,
  lossAfterEpochs,
  recordedLossAtEpoch,
} from '../../../src/sim';

// Reference figures checked against PyTorch (float64). Every number the lesson quotes
// about the house-price example is asserted here.
describe('house-price lesson facts', () => {
  const th = housePriceQuadraticTheory();

  it('Hessian of the MSE in (w, b) is [[13.5, 5], [5, 2]]', () => {
    expect(Array.from(th.hessian)).toEqual([13.5, 5, 5, 2]);
  });

  it('eigenvalues 15.36988 and 0.13012, condition number 118.1', () => {
    expect(th.lambdaMax).toBeCloseTo(15.36988, 5);
    expect(th.lambdaMin).toBeCloseTo(0.13012, 5);
    expect(th.conditionNumber).toBeCloseTo(118.1, 1);
  });

  it('monotone threshold 0.06506, stability limit 0.130125, best constant rate 0.12903', () => {
    expect(th.monotoneThreshold).toBeCloseTo(0.06506, 5);
    expect(th.stabilityLimit).toBeCloseTo(0.130125, 6);
    expect(th.bestRate).toBeCloseTo(0.12903, 5);
    expect(th.bestRate).toBe(2 / 15.5); // λmin + λmax = trace = 15.5
  });

  it('loss after 50 epochs from (0, 0): the loss at the parameters after 50 updates', () => {
    expect(Math.round(lossAfterEpochs(0.0001, 50))).toBe(231551);
    expect(lossAfterEpochs(0.01, 50)).toBeCloseTo(280.3, 1);
    expect(lossAfterEpochs(0.1, 50)).toBeCloseTo(86.18, 2);
    expect(Math.round(lossAfterEpochs(0.129, 50))).toBe(47217);
    const l131 = lossAfterEpochs(0.131, 50);
    expect(l131).toBeGreaterThan(1e6);
    expect(l131).toBeLessThan(1.1e6);
    const l2 = lossAfterEpochs(0.2, 50);
    expect(Math.log10(l2)).toBeCloseTo(37, 0); // ≈ 1.3e37
  });

  it('the PyTorch log convention (loss printed before each update) is one update behind', () => {
    // 50th printed loss = loss after 49 updates: 88.46 at 0.1, 281.1 at 0.01 — not the reference figures.
    expect(recordedLossAtEpoch(0.1, 50)).toBeCloseTo(88.46, 2);
    expect(recordedLossAtEpoch(0.01, 50)).toBeCloseTo(281.09, 2);
    expect(recordedLossAtEpoch(0.1, 51)).toBe(lossAfterEpochs(0.1, 50));
    expect(recordedLossAtEpoch(0.1, 1)).toBe(270000);
  });

  it('at 0.1 the loss falls every epoch although 0.1 is above the monotone threshold', () => {
    const curve = housePriceLossCurve(0.1, 50);
    expect(curve.length).toBe(51);
    for (let t = 1; t <= 50; t++) expect(curve[t]!).toBeLessThan(curve[t - 1]!);
    // …while w zig-zags across its optimum (the steep direction overshoots):
    expect(housePriceRun(0.1, 50).overshoot).toBe(true);
  });

  it('0.131 is past the stability limit: still growing after 50 epochs', () => {
    const curve = housePriceLossCurve(0.131, 50);
    expect(curve[50]!).toBeGreaterThan(curve[49]!);
    expect(classifyRun(housePriceRun(0.131, 50)).regime).toBe('diverged');
    expect(classifyRun(housePriceRun(0.2, 50)).regime).toBe('diverged');
    expect(classifyRun(housePriceRun(0.1, 50)).regime).toBe('too-slow');
  });

  it('best rate after 50 epochs is ≈ 0.122, not 2/(λmin + λmax)', () => {
    const best = bestHousePriceRate(50);
    expect(best.rate).toBeCloseTo(0.122, 3);
    expect(best.loss).toBeLessThan(lossAfterEpochs(th.bestRate, 50));
    expect(best.loss).toBeCloseTo(64.88, 2);
    expect(lossAfterEpochs(th.bestRate, 50)).toBeGreaterThan(40000);
  });
});
