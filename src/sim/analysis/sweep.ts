/**
 * Learning-rate sweep: one fresh run per rate, summarised for charts and "best rate" answers.
 *
 * @packageDocumentation
 */
import type { BatchOptions, StopReason } from '../runner';
import { runSummary } from '../runner';
import type { Optimizer, Problem, Schedule } from '../types';
import { logSpace } from '../vector';
import { classifyRun } from './classify';
import type { Regime } from './classify';

/** Options of {@link lrSweep}. */
export interface SweepOptions {
  /** The objective. */
  readonly problem: Problem;
  /** Optimizer (default plain gradient descent). */
  readonly optimizer?: Optimizer;
  /** Start for every run. */
  readonly start: number | ArrayLike<number>;
  /** Budget per run. */
  readonly steps: number;
  /** Convergence tolerance on the gradient norm (default 1e-8, as {@link run}). */
  readonly tolerance?: number;
  /** Divergence bound (default 1e12 relative, as {@link run}). */
  readonly divergenceBound?: number;
  /** Explicit rates. Overrides the log-spaced grid. */
  readonly rates?: ArrayLike<number>;
  /** Smallest rate of the log-spaced grid (default 1e-4). */
  readonly lrMin?: number;
  /** Largest rate of the log-spaced grid (default 10). */
  readonly lrMax?: number;
  /** Number of grid points (default 100). */
  readonly count?: number;
  /** Turns a rate into a schedule (default: constant). */
  readonly schedule?: (rate: number) => Schedule;
  /**
   * How to pick the best rate: `'final-loss'` (default; lowest loss at the end of the run,
   * among runs that did not diverge) or `'steps'` (fewest steps to the tolerance, ties broken
   * by final loss; only converged runs qualify).
   */
  readonly criterion?: 'final-loss' | 'steps';
  /** Mini-batch sampling, same seed for every rate. */
  readonly batch?: BatchOptions;
}

/** The chosen rate of a sweep. */
export interface SweepBest {
  /** Index into the grid. */
  readonly index: number;
  /** The rate. */
  readonly rate: number;
  /** Its final loss. */
  readonly finalLoss: number;
  /** Its steps to tolerance, or −1 if not reached. */
  readonly steps: number;
}

/** What {@link lrSweep} returns (columns, one entry per rate). */
export interface SweepResult {
  /** The rates, as given or log-spaced ascending. */
  readonly rates: Float64Array;
  /** Loss at the end of each run (last finite state for diverged runs). */
  readonly finalLoss: Float64Array;
  /** Steps to reach the tolerance, −1 when not reached. */
  readonly stepsToTolerance: Int32Array;
  /** Step each run stopped at. */
  readonly stopStep: Int32Array;
  /** Why each run stopped. */
  readonly stop: readonly StopReason[];
  /** Regime of each run ({@link classifyRun}). */
  readonly regime: readonly Regime[];
  /** Best rate by the criterion, or null when every run diverged (or, for `'steps'`, none converged). */
  readonly best: SweepBest | null;
  /** The criterion used. */
  readonly criterion: 'final-loss' | 'steps';
}

/**
 * Runs the optimizer once per rate from the same start (fresh state each time) and reports
 * final loss, steps to tolerance, stop reason and regime per rate, plus the best rate.
 * Uses {@link runSummary}, so memory is constant in the budget; on 1-D problems with plain
 * GD it takes the runner's fast scalar loops.
 *
 * @param options - See {@link SweepOptions}.
 */
export function lrSweep(options: SweepOptions): SweepResult {
  const rates = options.rates
    ? Float64Array.from(options.rates)
    : logSpace(options.lrMin ?? 1e-4, options.lrMax ?? 10, options.count ?? 100);
  const criterion = options.criterion ?? 'final-loss';
  const m = rates.length;
  const finalLoss = new Float64Array(m);
  const stepsToTolerance = new Int32Array(m);
  const stopStep = new Int32Array(m);
  const stop: StopReason[] = [];
  const regime: Regime[] = [];
  let best: SweepBest | null = null;
  for (let i = 0; i < m; i++) {
    const rate = rates[i] as number;
    const r = runSummary({
      problem: options.problem,
      start: options.start,
      steps: options.steps,
      schedule: options.schedule ? options.schedule(rate) : rate,
      ...(options.optimizer ? { optimizer: options.optimizer } : {}),
      ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
      ...(options.divergenceBound !== undefined ? { divergenceBound: options.divergenceBound } : {}),
      ...(options.batch ? { batch: options.batch } : {}),
    });
    const steps = r.stop === 'converged' ? r.stopStep : -1;
    finalLoss[i] = r.finalLoss;
    stepsToTolerance[i] = steps;
    stopStep[i] = r.stopStep;
    stop.push(r.stop);
    regime.push(classifyRun(r).regime);
    const eligible = criterion === 'steps' ? steps >= 0 : r.stop === 'converged' || r.stop === 'budget';
    if (!eligible) continue;
    const better =
      best === null ||
      (criterion === 'steps'
        ? steps < best.steps || (steps === best.steps && r.finalLoss < best.finalLoss)
        : r.finalLoss < best.finalLoss);
    if (better) best = { index: i, rate, finalLoss: r.finalLoss, steps };
  }
  return { rates, finalLoss, stepsToTolerance, stopStep, stop, regime, best, criterion };
}
