import { describe, expect, it } from 'vitest';
import { adagrad, adam, adamw, heavyBall, nesterov, quadratic1D, rmsprop, run, sgd } from '../../../src/sim';
import type { Optimizer } from '../../../src/sim';

// Every case: f(x) = x² (gradient 2x), x₀ = 1, two steps. The expected values are written out
// as arithmetic following the PyTorch update rules, then compared with the runner's output.
function twoSteps(optimizer: Optimizer, lr: number): [number, number] {
  const r = run({ problem: quadratic1D(), optimizer, schedule: lr, start: 1, steps: 2, tolerance: 0 });
  return [r.params[1] as number, r.params[2] as number];
}

describe('SGD family (torch.optim.SGD)', () => {
  it('plain SGD: x ← x − η·g', () => {
    // g₀ = 2 → x₁ = 1 − 0.1·2 = 0.8; g₁ = 1.6 → x₂ = 0.8 − 0.16 = 0.64
    const [x1, x2] = twoSteps(sgd(), 0.1);
    expect(x1).toBeCloseTo(0.8, 15);
    expect(x2).toBeCloseTo(0.64, 15);
  });

  it('weight decay adds λ·x to the gradient', () => {
    // λ = 0.5: g₀ = 2 + 0.5·1 = 2.5 → x₁ = 1 − 0.25 = 0.75
    // g₁ = 1.5 + 0.5·0.75 = 1.875 → x₂ = 0.75 − 0.1875 = 0.5625
    const [x1, x2] = twoSteps(sgd({ weightDecay: 0.5 }), 0.1);
    expect(x1).toBeCloseTo(0.75, 15);
    expect(x2).toBeCloseTo(0.5625, 15);
  });

  it('heavy ball: the buffer starts as the first gradient', () => {
    // μ = 0.9: b₁ = g₀ = 2 → x₁ = 1 − 0.1·2 = 0.8
    // g₁ = 1.6, b₂ = 0.9·2 + 1.6 = 3.4 → x₂ = 0.8 − 0.34 = 0.46
    const [x1, x2] = twoSteps(heavyBall({ momentum: 0.9 }), 0.1);
    expect(x1).toBeCloseTo(0.8, 15);
    expect(x2).toBeCloseTo(0.46, 15);
  });

  it('dampening is ignored on the first step', () => {
    // μ = 0.9, d = 0.5: b₁ = g₀ = 2 (not 0.5·2) → x₁ = 0.8
    // b₂ = 0.9·2 + (1 − 0.5)·1.6 = 1.8 + 0.8 = 2.6 → x₂ = 0.8 − 0.26 = 0.54
    const [x1, x2] = twoSteps(heavyBall({ momentum: 0.9, dampening: 0.5 }), 0.1);
    expect(x1).toBeCloseTo(0.8, 15);
    expect(x2).toBeCloseTo(0.54, 15);
  });

  it('Nesterov steps along g + μ·b', () => {
    // b₁ = 2, step 2 + 0.9·2 = 3.8 → x₁ = 1 − 0.38 = 0.62
    // g₁ = 1.24, b₂ = 0.9·2 + 1.24 = 3.04, step 1.24 + 0.9·3.04 = 3.976 → x₂ = 0.62 − 0.3976 = 0.2224
    const [x1, x2] = twoSteps(nesterov({ momentum: 0.9 }), 0.1);
    expect(x1).toBeCloseTo(0.62, 15);
    expect(x2).toBeCloseTo(0.2224, 15);
  });

  it('rejects what PyTorch rejects', () => {
    expect(() => sgd({ nesterov: true })).toThrow(RangeError);
    expect(() => nesterov({ momentum: 0.9, dampening: 0.1 })).toThrow(RangeError);
    expect(() => sgd({ momentum: -1 })).toThrow(RangeError);
  });

  it('documents PyTorch defaults', () => {
    expect(sgd().options).toEqual({ momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 });
    expect(heavyBall().options.momentum).toBe(0.9);
    expect(sgd().defaultLr).toBe(1e-3);
  });
});

describe('AdaGrad (torch.optim.Adagrad)', () => {
  it('accumulates g² from 0 and adds ε after the square root', () => {
    // s₁ = 4 → x₁ = 1 − 0.1·2/(√4 + 1e-10) ≈ 0.9
    // g₁ = 2·x₁ ≈ 1.8, s₂ = 4 + 1.8² = 7.24 → x₂ = x₁ − 0.1·1.8/(√7.24 + 1e-10) ≈ 0.833104
    const [x1, x2] = twoSteps(adagrad(), 0.1);
    const e1 = 1 - (0.1 * 2) / (Math.sqrt(4) + 1e-10);
    expect(x1).toBeCloseTo(e1, 15);
    expect(x1).toBeCloseTo(0.9, 9);
    const g1 = 2 * e1;
    const e2 = e1 - (0.1 * g1) / (Math.sqrt(4 + g1 * g1) + 1e-10);
    expect(x2).toBeCloseTo(e2, 15);
    expect(x2).toBeCloseTo(0.833104, 6);
  });

  it('lr_decay divides the rate by 1 + (t − 1)·decay', () => {
    // Step 1 unchanged (x₁ ≈ 0.9); step 2 uses 0.1/(1 + 1·0.5) = 0.0666…
    const [x1, x2] = twoSteps(adagrad({ lrDecay: 0.5 }), 0.1);
    const g1 = 2 * x1;
    expect(x2).toBeCloseTo(x1 - ((0.1 / 1.5) * g1) / (Math.sqrt(4 + g1 * g1) + 1e-10), 15);
  });

  it('initial accumulator value', () => {
    // s₁ = 1 + 4 = 5 → x₁ = 1 − 0.1·2/√5 = 0.910557
    const [x1] = twoSteps(adagrad({ initialAccumulatorValue: 1 }), 0.1);
    expect(x1).toBeCloseTo(1 - 0.2 / (Math.sqrt(5) + 1e-10), 15);
    expect(adagrad().options.eps).toBe(1e-10);
  });
});

describe('RMSprop (torch.optim.RMSprop)', () => {
  it('v ← 0.99·v + 0.01·g², no bias correction, ε outside the root', () => {
    // η = 0.01. v₁ = 0.01·4 = 0.04, √v₁ = 0.2 → x₁ = 1 − 0.01·2/(0.2 + 1e-8) ≈ 0.9
    // g₁ ≈ 1.8, v₂ = 0.99·0.04 + 0.01·3.24 = 0.072 → x₂ = 0.9 − 0.01·1.8/√0.072 ≈ 0.832918
    const [x1, x2] = twoSteps(rmsprop(), 0.01);
    const e1 = 1 - (0.01 * 2) / (Math.sqrt(0.04) + 1e-8);
    expect(x1).toBeCloseTo(e1, 15);
    const g1 = 2 * e1;
    const v2 = 0.99 * 0.04 + 0.01 * g1 * g1;
    expect(x2).toBeCloseTo(e1 - (0.01 * g1) / (Math.sqrt(v2) + 1e-8), 15);
    expect(x2).toBeCloseTo(0.832918, 6);
  });

  it('momentum: b ← μ·b + g/a, x ← x − η·b', () => {
    // b₁ = 2/0.2 = 10 → x₁ = 1 − 0.01·10 = 0.9
    // b₂ = 0.9·10 + 1.8/√0.072 = 9 + 6.7082 = 15.7082 → x₂ = 0.9 − 0.157082 = 0.742918
    const [x1, x2] = twoSteps(rmsprop({ momentum: 0.9 }), 0.01);
    const b1 = 2 / (0.2 + 1e-8);
    expect(x1).toBeCloseTo(1 - 0.01 * b1, 15);
    const g1 = 2 * x1;
    const b2 = 0.9 * b1 + g1 / (Math.sqrt(0.99 * 0.04 + 0.01 * g1 * g1) + 1e-8);
    expect(x2).toBeCloseTo(x1 - 0.01 * b2, 14);
    expect(x2).toBeCloseTo(0.742918, 6);
  });

  it('centered: divides by √(v − ḡ²) + ε', () => {
    // v₁ = 0.04, ḡ₁ = 0.01·2 = 0.02 → a = √(0.04 − 0.0004) = 0.198997 → x₁ = 1 − 0.02/0.198997 = 0.899496
    const [x1] = twoSteps(rmsprop({ centered: true }), 0.01);
    expect(x1).toBeCloseTo(1 - 0.02 / (Math.sqrt(0.0396) + 1e-8), 15);
    expect(x1).toBeCloseTo(0.899496, 6);
  });

  it('defaults', () => {
    expect(rmsprop().options).toEqual({ alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false });
  });
});

describe('Adam and AdamW (torch.optim)', () => {
  it('Adam: bias-corrected moments, ε after the root of v̂', () => {
    // η = 0.1. m₁ = 0.1·2 = 0.2, v₁ = 0.001·4 = 0.004; m̂ = 0.2/0.1 = 2, v̂ = 0.004/0.001 = 4
    //   → x₁ = 1 − 0.1·2/(2 + 1e-8) ≈ 0.9
    // g₁ ≈ 1.8: m₂ = 0.9·0.2 + 0.1·1.8 = 0.36, v₂ = 0.999·0.004 + 0.001·3.24 = 0.007236
    //   m̂ = 0.36/0.19 = 1.894737, v̂ = 0.007236/0.001999 = 3.619810, √v̂ = 1.902580
    //   → x₂ = 0.9 − 0.1·1.894737/1.902580 = 0.800412
    const [x1, x2] = twoSteps(adam(), 0.1);
    const e1 = 1 - (0.1 * (0.2 / (1 - 0.9))) / (Math.sqrt(0.004) / Math.sqrt(1 - 0.999) + 1e-8);
    expect(x1).toBeCloseTo(e1, 15);
    const g1 = 2 * e1;
    const m2 = 0.9 * 0.2 + 0.1 * g1;
    const v2 = 0.999 * 0.004 + 0.001 * g1 * g1;
    const bc1 = 1 - 0.9 ** 2;
    const bc2 = 1 - 0.999 ** 2;
    expect(x2).toBeCloseTo(e1 - ((0.1 / bc1) * m2) / (Math.sqrt(v2) / Math.sqrt(bc2) + 1e-8), 14);
    expect(x2).toBeCloseTo(0.800412, 6);
  });

  it('Adam weight decay is L2 (added to the gradient)', () => {
    // λ = 0.1: g₀ = 2 + 0.1 = 2.1; the first Adam step is ±η whatever the gradient size → x₁ ≈ 0.9
    const [x1] = twoSteps(adam({ weightDecay: 0.1 }), 0.1);
    expect(x1).toBeCloseTo(1 - 0.1 * (2.1 / (2.1 + 1e-8)), 15);
  });

  it('AdamW: decay θ by (1 − η·λ) first, then the Adam step with the gradient at the old θ', () => {
    // λ = 0.01: x ← 1·(1 − 0.1·0.01) = 0.999, then − 0.1·2/(2 + 1e-8) → x₁ ≈ 0.899
    // g₁ ≈ 1.798: x ← 0.899·0.999 = 0.898101; m₂ = 0.18 + 0.1798 = 0.3598, v₂ = 0.003996 + 0.001·1.798² = 0.007228804
    //   → x₂ = 0.898101 − 0.1·(0.3598/0.19)/(√(0.007228804/0.001999) + 1e-8) = 0.798519
    const [x1, x2] = twoSteps(adamw(), 0.1);
    const e1 = 0.999 - (0.1 * 2) / (2 + 1e-8);
    expect(x1).toBeCloseTo(e1, 15);
    const g1 = 2 * e1;
    const m2 = 0.9 * 0.2 + 0.1 * g1;
    const v2 = 0.999 * 0.004 + 0.001 * g1 * g1;
    const e2 = e1 * (1 - 0.1 * 0.01) - ((0.1 / (1 - 0.81)) * m2) / (Math.sqrt(v2) / Math.sqrt(1 - 0.999 ** 2) + 1e-8);
    expect(x2).toBeCloseTo(e2, 14);
    expect(x2).toBeCloseTo(0.798519, 6);
  });

  it('AMSGrad keeps the running maximum of v', () => {
    // With a large rate the gradient, and so v, shrinks after step 1; AMSGrad keeps the larger
    // earlier v in the denominator, so the two runs agree on step 1 and part afterwards.
    const plain = run({ problem: quadratic1D(), optimizer: adam(), schedule: 0.5, start: 1, steps: 5, tolerance: 0 });
    const ams = run({ problem: quadratic1D(), optimizer: adam({ amsgrad: true }), schedule: 0.5, start: 1, steps: 5, tolerance: 0 });
    expect(ams.params[1]).toBe(plain.params[1]);
    expect(Array.from(ams.params)).not.toEqual(Array.from(plain.params));
  });

  it('defaults', () => {
    expect(adam().options).toEqual({ beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false });
    expect(adamw().options.weightDecay).toBe(0.01);
    expect(adam({ eps: 1e-6 }).options.eps).toBe(1e-6);
  });

  it('each init() starts from fresh state', () => {
    const opt = adam();
    const a = run({ problem: quadratic1D(), optimizer: opt, schedule: 0.1, start: 1, steps: 10 });
    const b = run({ problem: quadratic1D(), optimizer: opt, schedule: 0.1, start: 1, steps: 10 });
    expect(Array.from(a.params)).toEqual(Array.from(b.params));
  });

  it('optimizers work coordinate-wise on vectors', () => {
    // Adam's first step moves every coordinate by η·sign(g) (bias correction makes m̂/√v̂ = ±1).
    const step = adam().init(3);
    const p = Float64Array.of(1, -2, 3);
    step(p, Float64Array.of(4, -0.5, 0.01), 0.1);
    expect(p[0]).toBeCloseTo(0.9, 7);
    expect(p[1]).toBeCloseTo(-1.9, 7);
    expect(p[2]).toBeCloseTo(2.9, 5);
  });
});
