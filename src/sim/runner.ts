/**
 * The runner: drives an optimizer on a problem under a schedule and records the trajectory.
 *
 * Guarantees: every number it returns is finite. A run that blows up stops at the last
 * finite state and says so (`stop: 'non-finite'`), and runs that grow past a bound stop
 * early (`stop: 'diverged'`) before they can overflow.
 *
 * @packageDocumentation
 */
import type { Optimizer, Problem, Schedule, Vector } from './types';
import type { SgdOptions } from './optimizers/sgd';
import { prepare } from './runnerCore';
import { runQuadratic1D, runScalar1D } from './runner1d';
import { runGeneral } from './runnerGeneral';

/** Why a run stopped. */
export type StopReason = 'converged' | 'budget' | 'diverged' | 'non-finite';

/** Mini-batch sampling for problems with {@link Problem.samples}. */
export interface BatchOptions {
  /** Samples per batch. A size ≥ the data-set size means full batch. */
  readonly size: number;
  /** Seed of the {@link mulberry32} generator that shuffles the data each epoch. */
  readonly seed: number;
  /** Reshuffle at the start of every epoch (default true, like `DataLoader(shuffle=True)`). */
  readonly shuffle?: boolean;
}

/** Options of {@link run} and {@link runSummary}. */
export interface RunOptions {
  /** The objective. */
  readonly problem: Problem;
  /** The optimizer (default: plain gradient descent, `sgd()`). */
  readonly optimizer?: Optimizer;
  /** Learning-rate schedule or constant rate (default: the optimizer's PyTorch default). */
  readonly schedule?: Schedule | number;
  /** Starting parameters (a number for 1-D problems). */
  readonly start: number | ArrayLike<number>;
  /** Budget: maximum number of updates (steps). */
  readonly steps: number;
  /**
   * Convergence tolerance on the full-batch gradient norm: the run stops as `'converged'`
   * at the first state with ‖∇f‖₂ ≤ tolerance (checked at the start too). Default 1e-8;
   * 0 stops only on an exactly zero gradient.
   */
  readonly tolerance?: number;
  /**
   * Divergence bound B, relative to the start (default 1e12): the run stops as
   * `'diverged'` at the first state with |loss| > B·max(1, |loss₀|) or
   * max_i |θ_i| > B·max(1, max_i |θ₀,i|). `Infinity` disables it, leaving only the
   * non-finite stop.
   */
  readonly divergenceBound?: number;
  /** Mini-batch sampling (default: full batch). Steps count updates, not epochs. */
  readonly batch?: BatchOptions;
}

/** Everything about a run except the per-step arrays (what {@link runSummary} returns). */
export interface RunSummary {
  /** Number of parameters. */
  readonly dim: number;
  /** The budget that was requested. */
  readonly steps: number;
  /** The tolerance that was used. */
  readonly tolerance: number;
  /** Why the run stopped. */
  readonly stop: StopReason;
  /**
   * Index of the last recorded state = number of updates applied. For `'non-finite'` the
   * update that produced the non-finite value is not counted (nor recorded).
   */
  readonly stopStep: number;
  /** Starting parameters. */
  readonly start: Vector;
  /** Parameters at `stopStep`. */
  readonly final: Vector;
  /** Loss at the start. */
  readonly initialLoss: number;
  /** Loss at `stopStep`. */
  readonly finalLoss: number;
  /** Loss at `stopStep − 1` (the start's loss when no step was taken): is the loss still rising? */
  readonly previousLoss: number;
  /** Full-batch gradient norm at `stopStep`. */
  readonly finalGradNorm: number;
  /** Smallest loss seen. */
  readonly bestLoss: number;
  /** Loss at state ⌊steps/2⌋ (the middle of the budget), or the final loss if stopped earlier. */
  readonly lossAtHalfBudget: number;
  /** Number of updates that increased the loss (beyond 1e-12 relative). */
  readonly lossIncreases: number;
  /** Smallest value each coordinate took over the run (handy for chart axes too). */
  readonly low: Vector;
  /** Largest value each coordinate took over the run. */
  readonly high: Vector;
  /** Index into `problem.minimizers` of the minimiser nearest the final state, or −1. */
  readonly nearestMinimizer: number;
  /**
   * Whether some coordinate visited both sides of that minimiser (overshoot / zig-zag),
   * ignoring excursions below 1e-9 of the starting distance (rounding noise).
   * false when the problem advertises no minimiser.
   */
  readonly overshoot: boolean;
}

/** A run with its trajectory. All arrays have `stopStep + 1` entries per coordinate. */
export interface RunResult extends RunSummary {
  /**
   * Parameters, flattened row-major: state t occupies `params[t·dim .. t·dim + dim)`.
   * For a 1-D problem this is simply x_0, x_1, …
   */
  readonly params: Float64Array;
  /** Loss (full batch) at each state. */
  readonly loss: Float64Array;
  /** Full-batch gradient norm ‖∇f‖₂ at each state. */
  readonly gradNorm: Float64Array;
  /**
   * Learning rate schedule(t) used by the update from state t to t + 1; the last entry is
   * the rate the next update would have used.
   */
  readonly lr: Float64Array;
}

/**
 * Runs an optimizer and records every state.
 *
 * Each update t (from 0) uses rate `schedule(t)`, the gradient at state t (a mini-batch
 * gradient when `batch` is set), and produces state t + 1. Loss and gradient norm are always
 * full-batch values at the recorded state. Plain SGD on 1-D problems goes through an
 * allocation-free scalar loop (bit-identical to the general one).
 *
 * @param options - See {@link RunOptions}.
 * @throws RangeError on invalid input (wrong dimension, non-finite start, a schedule that
 *   returns a negative or non-finite rate).
 */
export function run(options: RunOptions): RunResult {
  return execute(options, true) as RunResult;
}

/**
 * Same as {@link run} without the per-step arrays: constant memory, used by sweeps.
 *
 * @param options - See {@link RunOptions}.
 */
export function runSummary(options: RunOptions): RunSummary {
  return execute(options, false);
}

/**
 * The parameters of state t of a recorded run.
 *
 * @param result - A {@link RunResult}.
 * @param t - State index, 0 ≤ t ≤ stopStep.
 */
export function paramsAt(result: RunResult, t: number): Float64Array {
  return result.params.slice(t * result.dim, (t + 1) * result.dim);
}

/**
 * The trajectory of coordinate i of a recorded run (x_0,i, x_1,i, …).
 *
 * @param result - A {@link RunResult}.
 * @param i - Coordinate index.
 */
export function coordinate(result: RunResult, i: number): Float64Array {
  const n = result.stopStep + 1;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = result.params[t * result.dim + i] as number;
  return out;
}

function execute(options: RunOptions, record: boolean): RunSummary | RunResult {
  const c = prepare(options);
  const { problem, optimizer } = c;
  if (problem.dim === 1 && problem.scalar && !c.batch && optimizer.kind === 'sgd') {
    const o = optimizer.options as SgdOptions;
    if (o.momentum === 0) {
      const a = problem.kind === 'quadratic1d' ? (problem as Problem & { a: number }).a : NaN;
      // The inlined loop covers the hot case only; anything else takes the scalar loop.
      if (a > 0 && a <= 1e100 && o.weightDecay === 0 && c.constantRate === c.constantRate) {
        return runQuadratic1D(c, a, record);
      }
      return runScalar1D(c, o.weightDecay, record);
    }
  }
  return runGeneral(c, record);
}
