/**
 * Stochastic gradient descent, with optional heavy-ball or Nesterov momentum and L2 weight
 * decay, following `torch.optim.SGD` exactly.
 *
 * @packageDocumentation
 */
import type { Optimizer } from '../types';

/** Hyperparameters of {@link sgd} (PyTorch names in camelCase). */
export interface SgdOptions {
  /** μ, momentum factor (default 0: plain gradient descent). */
  readonly momentum: number;
  /** Dampening d for the momentum buffer (default 0). Ignored on the first step. */
  readonly dampening: number;
  /** Use Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  readonly nesterov: boolean;
  /** L2 penalty coefficient λ added to the gradient (default 0). */
  readonly weightDecay: number;
}

/**
 * SGD as in `torch.optim.SGD` (PyTorch's default lr is 1e-3; here the rate comes from the
 * schedule at every step).
 *
 * Update at step t with rate η_t, gradient g_t and parameters θ:
 * ```
 * g ← g_t + λ·θ                        (weight decay, if λ ≠ 0)
 * if μ ≠ 0:
 *   b ← g                              on the first step (dampening not applied)
 *   b ← μ·b + (1 − d)·g                afterwards
 *   g ← g + μ·b   if nesterov,  else  g ← b
 * θ ← θ − η_t·g
 * ```
 *
 * @param options - Partial {@link SgdOptions}; missing entries take the defaults above.
 */
export function sgd(options: Partial<SgdOptions> = {}): Optimizer<SgdOptions> {
  const resolved: SgdOptions = {
    momentum: options.momentum ?? 0,
    dampening: options.dampening ?? 0,
    nesterov: options.nesterov ?? false,
    weightDecay: options.weightDecay ?? 0,
  };
  const { momentum: mu, dampening, nesterov, weightDecay: wd } = resolved;
  if (!(mu >= 0) || !(wd >= 0) || !(dampening >= 0 && dampening <= 1)) {
    throw new RangeError('sgd needs momentum ≥ 0, weightDecay ≥ 0, 0 ≤ dampening ≤ 1');
  }
  if (nesterov && (mu <= 0 || dampening !== 0)) {
    // Same restriction as PyTorch, which raises for this combination.
    throw new RangeError('Nesterov momentum requires momentum > 0 and zero dampening');
  }
  const parts: string[] = [];
  if (mu > 0) parts.push(`${nesterov ? 'Nesterov ' : ''}momentum ${mu}`);
  if (wd > 0) parts.push(`weight decay ${wd}`);
  return {
    kind: 'sgd',
    label: parts.length ? `SGD (${parts.join(', ')})` : 'gradient descent',
    defaultLr: 1e-3,
    options: resolved,
    init(dim) {
      if (mu === 0) {
        return (p, g, lr) => {
          for (let i = 0; i < dim; i++) {
            const gi = wd === 0 ? (g[i] as number) : (g[i] as number) + wd * (p[i] as number);
            p[i] = (p[i] as number) - lr * gi;
          }
        };
      }
      const buf = new Float64Array(dim);
      let first = true;
      return (p, g, lr) => {
        for (let i = 0; i < dim; i++) {
          let gi = wd === 0 ? (g[i] as number) : (g[i] as number) + wd * (p[i] as number);
          const b = first ? gi : mu * (buf[i] as number) + (1 - dampening) * gi;
          buf[i] = b;
          gi = nesterov ? gi + mu * b : b;
          p[i] = (p[i] as number) - lr * gi;
        }
        first = false;
      };
    },
  };
}

/**
 * Heavy-ball momentum: {@link sgd} with momentum μ (default 0.9). Same update formula.
 *
 * @param options - Partial {@link SgdOptions}; `momentum` defaults to 0.9 here.
 */
export function heavyBall(options: Partial<Omit<SgdOptions, 'nesterov'>> = {}): Optimizer<SgdOptions> {
  return sgd({ ...options, momentum: options.momentum ?? 0.9, nesterov: false });
}

/**
 * Nesterov momentum: {@link sgd} with `nesterov: true`, momentum μ (default 0.9), steps along
 * g + μ·b instead of b.
 *
 * @param options - Partial {@link SgdOptions}; `momentum` defaults to 0.9, dampening must be 0.
 */
export function nesterov(options: Partial<Omit<SgdOptions, 'nesterov'>> = {}): Optimizer<SgdOptions> {
  return sgd({ ...options, momentum: options.momentum ?? 0.9, nesterov: true });
}
