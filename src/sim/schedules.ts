/**
 * Learning-rate schedules: functions from the step index t (0 for the first update) to the
 * learning rate used by that update. Each carries {@link ScheduleInfo} metadata.
 *
 * @packageDocumentation
 */
import type { Schedule, ScheduleInfo } from './types';

function withInfo(fn: (t: number) => number, info: ScheduleInfo): Schedule {
  return Object.assign(fn, { info });
}

function checkRate(eta0: number): void {
  if (!(eta0 >= 0 && eta0 < Infinity)) throw new RangeError('learning rate must be finite and ≥ 0');
}

/**
 * Constant rate: η_t = η₀. The runner hoists it out of its loops.
 *
 * @param eta0 - The rate.
 */
export function constant(eta0: number): Schedule {
  checkRate(eta0);
  return withInfo(() => eta0, { kind: 'constant', initial: eta0 });
}

/**
 * Step decay, PyTorch `StepLR`: η_t = η₀·γ^⌊t/k⌋.
 *
 * @param eta0 - Initial rate η₀.
 * @param stepSize - k, number of steps between decays.
 * @param gamma - γ, factor per decay (PyTorch default 0.1).
 */
export function stepDecay(eta0: number, stepSize: number, gamma: number = 0.1): Schedule {
  checkRate(eta0);
  if (!(stepSize >= 1)) throw new RangeError('stepSize must be ≥ 1');
  return withInfo((t) => eta0 * gamma ** Math.floor(t / stepSize), { kind: 'step', initial: eta0 });
}

/**
 * Continuous exponential decay: η_t = η₀·e^(−λt). (PyTorch `ExponentialLR` with γ = e^(−λ)
 * gives the same rates up to rounding.)
 *
 * @param eta0 - Initial rate η₀.
 * @param lambda - Decay rate λ ≥ 0 per step.
 */
export function exponentialDecay(eta0: number, lambda: number): Schedule {
  checkRate(eta0);
  return withInfo((t) => eta0 * Math.exp(-lambda * t), { kind: 'exponential', initial: eta0 });
}

/**
 * Inverse-time decay: η_t = η₀/(1 + λt). Decays slowly enough (Σ η_t = ∞) for SGD's
 * convergence theory while still annealing the noise (Σ η_t² grows only like log t).
 *
 * @param eta0 - Initial rate η₀.
 * @param lambda - Decay rate λ ≥ 0 per step.
 */
export function inverseTimeDecay(eta0: number, lambda: number): Schedule {
  checkRate(eta0);
  return withInfo((t) => eta0 / (1 + lambda * t), { kind: 'inverse-time', initial: eta0 });
}

/**
 * Cosine annealing, the closed form of PyTorch `CosineAnnealingLR`:
 * η_t = η_min + (η₀ − η_min)·(1 + cos(π·t/T_max))/2.
 *
 * Beyond T_max the formula is not clamped: the rate climbs back up towards η₀ (reached
 * again at t = 2·T_max), exactly like PyTorch, which also does not hold η_min. Stop at
 * T_max, or use a longer T_max, if you want the rate to stay low.
 *
 * @param eta0 - Initial (maximal) rate η₀.
 * @param tMax - T_max, half-period in steps.
 * @param etaMin - Minimal rate η_min (default 0).
 */
export function cosineAnnealing(eta0: number, tMax: number, etaMin: number = 0): Schedule {
  checkRate(eta0);
  if (!(tMax > 0)) throw new RangeError('tMax must be > 0');
  return withInfo((t) => etaMin + ((eta0 - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) / 2, {
    kind: 'cosine',
    initial: eta0,
  });
}

/** Options of {@link linearWarmup}. */
export interface WarmupOptions {
  /** Number of warm-up steps W. */
  readonly steps: number;
  /** Factor applied at t = 0 (default 1/3, PyTorch `LinearLR`'s start_factor). */
  readonly startFactor?: number;
  /**
   * true (default): the inner schedule starts after warm-up, η_t = inner(t − W) for t ≥ W,
   * like PyTorch `SequentialLR`. false: the inner schedule runs from t = 0 and warm-up only
   * multiplies it, like `ChainedScheduler` with `LinearLR`.
   */
  readonly shift?: boolean;
}

/**
 * Linear warm-up composed with any schedule. For t < W:
 * η_t = inner(0 or t)·(s + (1 − s)·t/W) with s = startFactor (as PyTorch `LinearLR`);
 * afterwards η_t = inner(t − W) (shift, default) or inner(t).
 *
 * @param inner - The schedule to warm up into.
 * @param options - Warm-up length and shape.
 */
export function linearWarmup(inner: Schedule, options: WarmupOptions): Schedule {
  const w = options.steps;
  const s = options.startFactor ?? 1 / 3;
  const shift = options.shift ?? true;
  if (!(w >= 0)) throw new RangeError('warm-up steps must be ≥ 0');
  if (!(s >= 0 && s <= 1)) throw new RangeError('startFactor must be in [0, 1]');
  return withInfo(
    (t) => {
      if (t >= w) return inner(shift ? t - w : t);
      return inner(shift ? 0 : t) * (s + ((1 - s) * t) / w);
    },
    { kind: 'warmup', initial: inner(0) * (w > 0 ? s : 1) },
  );
}

/**
 * Turns a number into a constant schedule and passes schedules through.
 *
 * @param schedule - A schedule or a constant rate.
 */
export function asSchedule(schedule: Schedule | number): Schedule {
  return typeof schedule === 'number' ? constant(schedule) : schedule;
}
