/**
 * Leslie Smith's learning-rate range test ("LR finder"), as implemented by fastai.
 *
 * @packageDocumentation
 */
import type { BatchOptions } from '../runner';
import { run } from '../runner';
import type { Optimizer, Problem, Schedule } from '../types';

/** Options of {@link lrRangeTest}. */
export interface RangeTestOptions {
  /** The objective. */
  readonly problem: Problem;
  /** Optimizer (default plain gradient descent). */
  readonly optimizer?: Optimizer;
  /** Start. */
  readonly start: number | ArrayLike<number>;
  /** First rate (default 1e-7, fastai's start_lr). */
  readonly lrMin?: number;
  /** Last rate (default 10, fastai's end_lr). */
  readonly lrMax?: number;
  /** Number of steps (default 100, fastai's num_it). */
  readonly steps?: number;
  /** Smoothing factor β of the loss average (default 0.98). */
  readonly beta?: number;
  /** Stop once the smoothed loss exceeds this multiple of the best so far (default 4). */
  readonly divergeFactor?: number;
  /** Mini-batch sampling. */
  readonly batch?: BatchOptions;
}

/** What {@link lrRangeTest} returns. Arrays cover the steps actually taken. */
export interface RangeTestResult {
  /** Rate of each step: lrMin·(lrMax/lrMin)^(t/(steps − 1)). */
  readonly lrs: Float64Array;
  /** Loss at each step, measured before that step's update (as fastai records it). */
  readonly losses: Float64Array;
  /** Bias-corrected exponential moving average of the loss. */
  readonly smoothed: Float64Array;
  /** Whether the test stopped on the divergence criterion (or a non-finite loss). */
  readonly stoppedEarly: boolean;
  /** Rate where the smoothed loss falls fastest per unit of log-rate (fastai's `steep`). */
  readonly steepestRate: number;
  /** Rate of the lowest smoothed loss divided by 10 (fastai's `minimum`). */
  readonly minimumRateOver10: number;
  /** The suggested rate: {@link RangeTestResult.steepestRate}. */
  readonly suggested: number;
}

/**
 * LR range test: a single run whose rate grows exponentially every step from lrMin to lrMax.
 * The loss is smoothed as fastai does, avg ← β·avg + (1 − β)·loss, smoothed = avg/(1 − β^(t+1)),
 * and the test stops (keeping that point) once smoothed > divergeFactor × best smoothed, or
 * the loss overflows.
 *
 * Suggestions (both fastai's): steepest descent, the rate at the start of the segment where
 * the smoothed loss has the most negative slope against log(rate) (the suggested value); and
 * the rate of the minimum smoothed loss divided by 10. The losses are full-data losses at each
 * state, so with mini-batches they are the noise-free version of what fastai plots.
 *
 * @param options - See {@link RangeTestOptions}.
 */
export function lrRangeTest(options: RangeTestOptions): RangeTestResult {
  const lrMin = options.lrMin ?? 1e-7;
  const lrMax = options.lrMax ?? 10;
  const steps = options.steps ?? 100;
  const beta = options.beta ?? 0.98;
  const factor = options.divergeFactor ?? 4;
  if (!(lrMin > 0 && lrMax > lrMin && steps >= 2)) throw new RangeError('need 0 < lrMin < lrMax and steps ≥ 2');
  const ratio = lrMax / lrMin;
  const schedule: Schedule = Object.assign((t: number) => lrMin * ratio ** (t / (steps - 1)), {
    info: { kind: 'exponential-growth', initial: lrMin },
  });
  // Recording one state past the last rate would need a rate beyond lrMax, so the run takes
  // steps − 1 updates: states 0 … steps − 1 pair with rates 0 … steps − 1.
  const r = run({
    problem: options.problem,
    start: options.start,
    steps: steps - 1,
    schedule,
    tolerance: 0,
    divergenceBound: Infinity,
    ...(options.optimizer ? { optimizer: options.optimizer } : {}),
    ...(options.batch ? { batch: options.batch } : {}),
  });
  const n = r.loss.length;
  const smoothed = new Float64Array(n);
  let avg = 0;
  let best = Infinity;
  let end = n;
  let stoppedEarly = r.stop === 'non-finite';
  for (let t = 0; t < n; t++) {
    avg = beta * avg + (1 - beta) * (r.loss[t] as number);
    const s = avg / (1 - beta ** (t + 1));
    smoothed[t] = s;
    if (t > 0 && s > factor * best) {
      end = t + 1;
      stoppedEarly = true;
      break;
    }
    if (s < best) best = s;
  }
  const lrs = r.lr.slice(0, end);
  const losses = r.loss.slice(0, end);
  const sm = smoothed.slice(0, end);
  let steepIdx = 0;
  let steepSlope = Infinity;
  let minIdx = 0;
  for (let t = 0; t < end; t++) {
    if ((sm[t] as number) < (sm[minIdx] as number)) minIdx = t;
    if (t + 1 < end) {
      const slope = ((sm[t + 1] as number) - (sm[t] as number)) / (Math.log(lrs[t + 1] as number) - Math.log(lrs[t] as number));
      if (slope < steepSlope) {
        steepSlope = slope;
        steepIdx = t;
      }
    }
  }
  const steepestRate = lrs[steepIdx] as number;
  return {
    lrs,
    losses,
    smoothed: sm,
    stoppedEarly,
    steepestRate,
    minimumRateOver10: (lrs[minIdx] as number) / 10,
    suggested: steepestRate,
  };
}
