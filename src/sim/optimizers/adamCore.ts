/**
 * The Adam update shared by {@link adam} and {@link adamw}; split out so that importing one
 * of them does not pull in the other.
 *
 * @packageDocumentation
 */
import type { OptimizerStep } from '../types';
import { lerp } from './lerp';

/** Hyperparameters shared by Adam and AdamW. */
export interface AdamOptions {
  /** β₁, decay of the first-moment average (default 0.9). */
  readonly beta1: number;
  /** β₂, decay of the second-moment average (default 0.999). */
  readonly beta2: number;
  /** ε added after the square root of the bias-corrected second moment (default 1e-8). */
  readonly eps: number;
  /** Weight decay λ (Adam: L2 added to the gradient, default 0; AdamW: decoupled, default 0.01). */
  readonly weightDecay: number;
  /** Use the running maximum of v (AMSGrad) in the denominator (default false). */
  readonly amsgrad: boolean;
}

/** Fills defaults and validates; `weightDecay` default differs between Adam and AdamW. */
export function resolveAdamOptions(options: Partial<AdamOptions>, defaultWeightDecay: number): AdamOptions {
  const resolved: AdamOptions = {
    beta1: options.beta1 ?? 0.9,
    beta2: options.beta2 ?? 0.999,
    eps: options.eps ?? 1e-8,
    weightDecay: options.weightDecay ?? defaultWeightDecay,
    amsgrad: options.amsgrad ?? false,
  };
  const { beta1, beta2, eps, weightDecay } = resolved;
  if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && eps >= 0 && weightDecay >= 0)) {
    throw new RangeError('Adam needs 0 ≤ betas < 1 and non-negative eps, weightDecay');
  }
  return resolved;
}

/**
 * Creates fresh Adam state for `dim` parameters.
 *
 * @param decoupled - true for AdamW (θ ← θ·(1 − η·λ) first), false for Adam (g ← g + λ·θ).
 */
export function createAdamStep(dim: number, o: AdamOptions, decoupled: boolean): OptimizerStep {
  const { beta1, beta2, eps, weightDecay: wd, amsgrad } = o;
  // Local alias: a call through an imported binding is a getter call under vitest's module runner.
  const mix = lerp;
  const m = new Float64Array(dim);
  const v = new Float64Array(dim);
  const vMax = new Float64Array(amsgrad ? dim : 0);
  const w1 = 1 - beta1;
  const w2 = 1 - beta2;
  let step = 0;
  return (p, g, lr) => {
    step += 1;
    const bc1 = 1 - beta1 ** step;
    const bc2Sqrt = Math.sqrt(1 - beta2 ** step);
    const stepSize = lr / bc1;
    for (let i = 0; i < dim; i++) {
      let gi = g[i] as number;
      let pi = p[i] as number;
      if (wd !== 0) {
        if (decoupled) pi *= 1 - lr * wd;
        else gi += wd * pi;
      }
      const mi = mix(m[i] as number, gi, w1);
      m[i] = mi;
      let vi = (v[i] as number) * beta2 + w2 * gi * gi;
      v[i] = vi;
      if (amsgrad) {
        vi = Math.max(vMax[i] as number, vi);
        vMax[i] = vi;
      }
      const denom = Math.sqrt(vi) / bc2Sqrt + eps;
      p[i] = pi + (-stepSize * mi) / denom;
    }
  };
}
