/**
 * Adam following `torch.optim.Adam`.
 *
 * @packageDocumentation
 */
import type { Optimizer } from '../types';
import { createAdamStep, resolveAdamOptions } from './adamCore';
import type { AdamOptions } from './adamCore';

export type { AdamOptions } from './adamCore';

/**
 * Adam (PyTorch default lr 1e-3), bias-corrected. With step counter t = 1, 2, …:
 * ```
 * g ← g_t + λ·θ                       (L2 weight decay, if λ ≠ 0; default λ = 0)
 * m ← β₁·m + (1 − β₁)·g               (m, v start at 0)
 * v ← β₂·v + (1 − β₂)·g²
 * m̂ ← m/(1 − β₁ᵗ),  v̂ ← v/(1 − β₂ᵗ)     (amsgrad: v replaced by max over steps)
 * θ ← θ − η_t·m̂ / (√v̂ + ε)
 * ```
 * ε is added after the square root of the bias-corrected second moment, as in PyTorch.
 * Defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8, weightDecay = 0, amsgrad = false.
 *
 * @param options - Partial {@link AdamOptions}.
 */
export function adam(options: Partial<AdamOptions> = {}): Optimizer<AdamOptions> {
  const resolved = resolveAdamOptions(options, 0);
  return {
    kind: 'adam',
    label: resolved.amsgrad ? 'Adam (AMSGrad)' : 'Adam',
    defaultLr: 1e-3,
    options: resolved,
    init: (dim) => createAdamStep(dim, resolved, false),
  };
}
