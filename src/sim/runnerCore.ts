/**
 * Internals shared by the runner's loops (not part of the public API).
 *
 * @packageDocumentation
 */
import type { BatchOptions, RunOptions, RunResult, RunSummary, StopReason } from './runner';
import type { Optimizer, Problem, Schedule } from './types';
import { sgd } from './optimizers/sgd';
import { toVector } from './vector';

/** Validated run options. */
export interface Common {
  problem: Problem;
  optimizer: Optimizer;
  schedule: Schedule;
  /** The rate when the schedule is constant, NaN otherwise. */
  constantRate: number;
  start: Float64Array;
  steps: number;
  tolerance: number;
  bound: number;
  batch: BatchOptions | undefined;
}

/** What a loop reports back to {@link finish}. */
export interface Outcome {
  stop: StopReason;
  /** Index of the last valid state. */
  k: number;
  final: Float64Array;
  initialLoss: number;
  finalLoss: number;
  previousLoss: number;
  finalGradNorm: number;
  bestLoss: number;
  lossAtHalf: number;
  lossIncreases: number;
  low: Float64Array;
  high: Float64Array;
}

/** Per-step arrays sized for the whole budget, trimmed at the end. */
export interface Recorder {
  params: Float64Array;
  loss: Float64Array;
  gradNorm: Float64Array;
  lr: Float64Array;
}

/** Largest steps value accepted: loop indices must stay small integers. */
const MAX_STEPS = 1e9;

/** Allocates the per-step arrays for a budget of `steps` updates. */
export function makeRecorder(steps: number, dim: number): Recorder {
  return {
    params: new Float64Array((steps + 1) * dim),
    loss: new Float64Array(steps + 1),
    gradNorm: new Float64Array(steps + 1),
    lr: new Float64Array(steps + 1),
  };
}

function trim(a: Float64Array, n: number): Float64Array {
  // Copy rather than view so an early stop does not keep a budget-sized buffer alive.
  return n === a.length ? a : a.slice(0, n);
}

/** schedule(t), rejecting negative and non-finite rates. */
export function rateAt(schedule: Schedule, t: number): number {
  const lr = schedule(t);
  if (!(lr >= 0 && lr < Infinity)) throw new RangeError(`schedule returned an invalid rate ${lr} at step ${t}`);
  return lr;
}

/** Writes schedule(t) for t in [from, to) into out[t − offset]. */
export function fillRates(c: Common, out: Float64Array, from: number, to: number, offset: number): void {
  if (c.constantRate === c.constantRate) {
    out.fill(c.constantRate, from - offset, to - offset);
    return;
  }
  for (let t = from; t < to; t++) out[t - offset] = rateAt(c.schedule, t);
}

/** Validates {@link RunOptions} and fills in defaults. */
export function prepare(options: RunOptions): Common {
  const { problem } = options;
  const optimizer = options.optimizer ?? sgd();
  const raw = options.schedule ?? optimizer.defaultLr;
  let schedule: Schedule;
  if (typeof raw === 'number') {
    if (!(raw >= 0 && raw < Infinity)) throw new RangeError('learning rate must be finite and ≥ 0');
    schedule = Object.assign(() => raw, { info: { kind: 'constant', initial: raw } });
  } else {
    schedule = raw;
  }
  const constantRate = schedule.info?.kind === 'constant' ? rateAt(schedule, 0) : NaN;
  const start = toVector(options.start);
  if (start.length !== problem.dim) throw new RangeError(`start has ${start.length} entries, problem needs ${problem.dim}`);
  for (const v of start) if (!Number.isFinite(v)) throw new RangeError('start must be finite');
  const steps = options.steps;
  if (!(Number.isInteger(steps) && steps >= 0 && steps <= MAX_STEPS)) {
    throw new RangeError(`steps must be an integer in [0, ${MAX_STEPS}]`);
  }
  const tolerance = options.tolerance ?? 1e-8;
  const bound = options.divergenceBound ?? 1e12;
  if (!(tolerance >= 0) || !(bound > 0)) throw new RangeError('tolerance must be ≥ 0 and divergenceBound > 0');
  let batch = options.batch;
  if (batch) {
    const n = problem.samples;
    if (n === undefined || !problem.batchEvaluate) throw new RangeError(`${problem.name} does not support mini-batches`);
    if (!(Number.isInteger(batch.size) && batch.size >= 1)) throw new RangeError('batch size must be a positive integer');
    if (batch.size >= n) batch = undefined;
  }
  return { problem, optimizer, schedule, constantRate, start, steps, tolerance, bound, batch };
}

/** Rejects a start where the loss or gradient is already non-finite. */
export function initialCheck(loss: number, gradNorm: number): void {
  if (!(Math.abs(loss) < Infinity && gradNorm < Infinity)) {
    throw new RangeError('loss or gradient is not finite at the start');
  }
}

/** Divergence thresholds, capped at the largest double so that they also reject ±Infinity. */
export function bounds(c: Common, loss0: number, maxAbsStart: number): { lossBound: number; paramBound: number } {
  return {
    lossBound: Math.min(c.bound * Math.max(1, Math.abs(loss0)), Number.MAX_VALUE),
    paramBound: Math.min(c.bound * Math.max(1, maxAbsStart), Number.MAX_VALUE),
  };
}

/**
 * Builds the summary (nearest minimiser, overshoot) and, when recording, trims the arrays to
 * the states actually reached.
 */
export function finish(c: Common, o: Outcome, rec: Recorder | undefined): RunSummary | RunResult {
  const mins = c.problem.minimizers ?? [];
  const { final, low, high } = o;
  const dim = final.length;
  let nearest = -1;
  let bestDist = Infinity;
  mins.forEach((m, j) => {
    let d = 0;
    for (let i = 0; i < dim; i++) {
      const e = (final[i] as number) - (m[i] as number);
      d += e * e;
    }
    if (d < bestDist) {
      bestDist = d;
      nearest = j;
    }
  });
  let overshoot = false;
  const m = mins[nearest];
  if (m) {
    let scale = 0;
    for (let i = 0; i < dim; i++) scale = Math.max(scale, Math.abs((c.start[i] as number) - (m[i] as number)));
    const delta = 1e-9 * scale;
    for (let i = 0; i < dim; i++) {
      const mi = m[i] as number;
      if ((low[i] as number) < mi - delta && (high[i] as number) > mi + delta) overshoot = true;
    }
  }
  const summary: RunSummary = {
    dim,
    steps: c.steps,
    tolerance: c.tolerance,
    stop: o.stop,
    stopStep: o.k,
    start: c.start,
    final,
    initialLoss: o.initialLoss,
    finalLoss: o.finalLoss,
    previousLoss: o.previousLoss,
    finalGradNorm: o.finalGradNorm,
    bestLoss: o.bestLoss,
    lossAtHalfBudget: o.k >= c.steps >> 1 ? o.lossAtHalf : o.finalLoss,
    lossIncreases: o.lossIncreases,
    low,
    high,
    nearestMinimizer: nearest,
    overshoot,
  };
  if (!rec) return summary;
  const n = o.k + 1;
  // The last entry is the rate the next update would use; the loops fill the others.
  rec.lr[o.k] = rateAt(c.schedule, o.k);
  return {
    ...summary,
    params: trim(rec.params, n * dim),
    loss: trim(rec.loss, n),
    gradNorm: trim(rec.gradNorm, n),
    lr: trim(rec.lr, n),
  };
}
