/**
 * AdaGrad following `torch.optim.Adagrad`.
 *
 * @packageDocumentation
 */
import type { Optimizer } from '../types';

/** Hyperparameters of {@link adagrad}. */
export interface AdagradOptions {
  /** Learning-rate decay (default 0): effective rate η_t/(1 + (t − 1)·lrDecay). */
  readonly lrDecay: number;
  /** L2 penalty added to the gradient (default 0). */
  readonly weightDecay: number;
  /** Starting value of the squared-gradient accumulator (default 0). */
  readonly initialAccumulatorValue: number;
  /** ε added after the square root (default 1e-10). */
  readonly eps: number;
}

/**
 * AdaGrad (PyTorch default lr 1e-2). With step counter t = 1, 2, …:
 * ```
 * g ← g_t + λ·θ                    (weight decay, if λ ≠ 0)
 * η̃ ← η_t / (1 + (t − 1)·lrDecay)
 * s ← s + g²                       (s starts at initialAccumulatorValue)
 * θ ← θ − η̃·g / (√s + ε)
 * ```
 *
 * @param options - Partial {@link AdagradOptions}.
 */
export function adagrad(options: Partial<AdagradOptions> = {}): Optimizer<AdagradOptions> {
  const resolved: AdagradOptions = {
    lrDecay: options.lrDecay ?? 0,
    weightDecay: options.weightDecay ?? 0,
    initialAccumulatorValue: options.initialAccumulatorValue ?? 0,
    eps: options.eps ?? 1e-10,
  };
  const { lrDecay, weightDecay: wd, initialAccumulatorValue, eps } = resolved;
  if (!(lrDecay >= 0 && wd >= 0 && initialAccumulatorValue >= 0 && eps >= 0)) {
    throw new RangeError('adagrad hyperparameters must be non-negative');
  }
  return {
    kind: 'adagrad',
    label: 'AdaGrad',
    defaultLr: 1e-2,
    options: resolved,
    init(dim) {
      const sum = new Float64Array(dim).fill(initialAccumulatorValue);
      let step = 0;
      return (p, g, lr) => {
        step += 1;
        const clr = lr / (1 + (step - 1) * lrDecay);
        for (let i = 0; i < dim; i++) {
          const gi = wd === 0 ? (g[i] as number) : (g[i] as number) + wd * (p[i] as number);
          const s = (sum[i] as number) + gi * gi;
          sum[i] = s;
          p[i] = (p[i] as number) + (-clr * gi) / (Math.sqrt(s) + eps);
        }
      };
    },
  };
}
