/**
 * RMSprop following `torch.optim.RMSprop`.
 *
 * @packageDocumentation
 */
import type { Optimizer } from '../types';
import { lerp } from './lerp';

/** Hyperparameters of {@link rmsprop}. */
export interface RmspropOptions {
  /** Smoothing constant α of the squared-gradient average (default 0.99). */
  readonly alpha: number;
  /** ε added outside the square root (default 1e-8). */
  readonly eps: number;
  /** L2 penalty added to the gradient (default 0). */
  readonly weightDecay: number;
  /** Momentum μ applied to the normalised step (default 0). */
  readonly momentum: number;
  /** Normalise by an estimate of the variance instead of the raw second moment (default false). */
  readonly centered: boolean;
}

/**
 * RMSprop (PyTorch default lr 1e-2). No bias correction: v and ḡ start at 0.
 * ```
 * g ← g_t + λ·θ                          (weight decay, if λ ≠ 0)
 * v ← α·v + (1 − α)·g²
 * centered:  ḡ ← ḡ + (1 − α)·(g − ḡ);  a ← √(v − ḡ²) + ε
 * otherwise: a ← √v + ε
 * μ > 0:     b ← μ·b + g/a;  θ ← θ − η_t·b      (b starts at 0)
 * otherwise: θ ← θ − η_t·g/a
 * ```
 * One deliberate deviation: in the centered variant v − ḡ² is clamped at 0 before the square
 * root, where rounding could make it slightly negative and PyTorch would produce NaN.
 *
 * @param options - Partial {@link RmspropOptions}.
 */
export function rmsprop(options: Partial<RmspropOptions> = {}): Optimizer<RmspropOptions> {
  const resolved: RmspropOptions = {
    alpha: options.alpha ?? 0.99,
    eps: options.eps ?? 1e-8,
    weightDecay: options.weightDecay ?? 0,
    momentum: options.momentum ?? 0,
    centered: options.centered ?? false,
  };
  const { alpha, eps, weightDecay: wd, momentum: mu, centered } = resolved;
  if (!(alpha >= 0 && alpha <= 1 && eps >= 0 && wd >= 0 && mu >= 0)) {
    throw new RangeError('rmsprop needs 0 ≤ alpha ≤ 1 and non-negative eps, weightDecay, momentum');
  }
  return {
    kind: 'rmsprop',
    label: `RMSprop${centered ? ' (centered)' : ''}${mu > 0 ? ` (momentum ${mu})` : ''}`,
    defaultLr: 1e-2,
    options: resolved,
    init(dim) {
      const sq = new Float64Array(dim);
      const avg = new Float64Array(dim);
      const buf = new Float64Array(dim);
      const w = 1 - alpha;
      // Local alias: a call through an imported binding is a getter call under vitest's module runner.
      const mix = lerp;
      return (p, g, lr) => {
        for (let i = 0; i < dim; i++) {
          const gi = wd === 0 ? (g[i] as number) : (g[i] as number) + wd * (p[i] as number);
          const v = (sq[i] as number) * alpha + w * gi * gi;
          sq[i] = v;
          let a: number;
          if (centered) {
            const m = mix(avg[i] as number, gi, w);
            avg[i] = m;
            a = Math.sqrt(Math.max(0, v - m * m)) + eps;
          } else {
            a = Math.sqrt(v) + eps;
          }
          if (mu > 0) {
            const b = (buf[i] as number) * mu + gi / a;
            buf[i] = b;
            p[i] = (p[i] as number) - lr * b;
          } else {
            p[i] = (p[i] as number) + (-lr * gi) / a;
          }
        }
      };
    },
  };
}
