/**
 * AdamW following `torch.optim.AdamW`.
 *
 * @packageDocumentation
 */
import type { Optimizer } from '../types';
import { createAdamStep, resolveAdamOptions } from './adamCore';
import type { AdamOptions } from './adamCore';

/**
 * AdamW (PyTorch default lr 1e-3): Adam with decoupled weight decay, applied first.
 * ```
 * θ ← θ·(1 − η_t·λ)                   (default λ = 0.01)
 * m ← β₁·m + (1 − β₁)·g_t,  v ← β₂·v + (1 − β₂)·g_t²
 * θ ← θ − η_t·m̂ / (√v̂ + ε),  m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ)
 * ```
 * The gradient g_t is the one evaluated before the decay, as in PyTorch.
 * Defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8, weightDecay = 0.01, amsgrad = false.
 *
 * @param options - Partial {@link AdamOptions}.
 */
export function adamw(options: Partial<AdamOptions> = {}): Optimizer<AdamOptions> {
  const resolved = resolveAdamOptions(options, 0.01);
  return {
    kind: 'adamw',
    label: 'AdamW',
    defaultLr: 1e-3,
    options: resolved,
    init: (dim) => createAdamStep(dim, resolved, true),
  };
}
