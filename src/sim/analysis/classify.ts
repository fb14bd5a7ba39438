/**
 * Classifies a run into the regimes the lesson talks about.
 *
 * @packageDocumentation
 */
import type { RunSummary } from '../runner';

/**
 * Regimes of a run:
 * - `'converged-monotone'`: reached the tolerance without crossing the minimum;
 * - `'converged-oscillating'`: reached it while zig-zagging across the minimum;
 * - `'diverged'`: stopped on the divergence bound or a non-finite value, or the loss is
 *   still growing above its starting value at the end of the budget;
 * - `'too-slow'`: budget exhausted while the loss is still falling;
 * - `'plateau'`: budget exhausted with the loss no longer falling although the gradient is
 *   not small (e.g. x² at rate exactly 1: x flips ±10, the loss stays at 100);
 * - `'local-minimum'`: converged, but to a minimiser other than the global one.
 */
export type Regime =
  | 'converged-monotone'
  | 'converged-oscillating'
  | 'diverged'
  | 'too-slow'
  | 'plateau'
  | 'local-minimum';

/** What {@link classifyRun} returns. */
export interface Classification {
  /** The regime. */
  readonly regime: Regime;
  /**
   * Whether the parameters crossed the minimum (zig-zag). When the problem advertises no
   * minimiser, falls back to "the loss increased at some step".
   */
  readonly oscillating: boolean;
  /**
   * Whether the loss itself went up at some step. Plain GD on a quadratic never does this
   * while converging, even when the parameters zig-zag.
   */
  readonly lossIncreased: boolean;
  /** One-sentence explanation with the numbers. */
  readonly reason: string;
}

/** Relative change below which the loss counts as unchanged (rounding noise). */
const FLAT = 1e-9;

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}

/**
 * Classifies a run (from {@link run} or {@link runSummary}).
 *
 * Rules, in order: divergence/non-finite stop → `'diverged'`; converged near a non-global
 * known minimiser → `'local-minimum'`; converged → monotone or oscillating by whether the
 * parameters crossed the minimum; budget exhausted → `'diverged'` if the final loss is above
 * the start (by more than 1e-9 relative) and above the mid-budget loss, or rose in the last
 * step and ends above the mid-budget loss; `'too-slow'` if the loss fell by more than 1e-9
 * relative over the second half of the budget; else `'plateau'`.
 *
 * @param run - A run summary.
 */
export function classifyRun(run: RunSummary): Classification {
  const oscillating = run.nearestMinimizer >= 0 ? run.overshoot : run.lossIncreases > 0;
  const lossIncreased = run.lossIncreases > 0;
  const base = { oscillating, lossIncreased };
  const { initialLoss: l0, finalLoss: lT, lossAtHalfBudget: lH, stopStep: k } = run;
  if (run.stop === 'diverged' || run.stop === 'non-finite') {
    return {
      ...base,
      regime: 'diverged',
      reason:
        run.stop === 'diverged'
          ? `Loss grew from ${fmt(l0)} to ${fmt(lT)} in ${k} steps, past the divergence bound.`
          : `The next step would have overflowed to a non-finite value after ${k} steps (loss ${fmt(lT)}).`,
    };
  }
  if (run.stop === 'converged') {
    if (run.nearestMinimizer > 0) {
      return {
        ...base,
        regime: 'local-minimum',
        reason: `Converged in ${k} steps to a local minimum (loss ${fmt(lT)}), not the global one.`,
      };
    }
    return {
      ...base,
      regime: oscillating ? 'converged-oscillating' : 'converged-monotone',
      reason: oscillating
        ? `Converged in ${k} steps, overshooting the minimum back and forth on the way.`
        : `Converged in ${k} steps, approaching the minimum from one side.`,
    };
  }
  const scale = Math.max(Math.abs(l0), Number.MIN_VALUE);
  const halfScale = Math.max(Math.abs(lH), Number.MIN_VALUE);
  // Above the start and above mid-budget; or (a quadratic whose steepest direction is unstable
  // while the others still shrink: first a dip, then growth) rising now and above mid-budget.
  const risingNow = lT > run.previousLoss;
  if ((lT > l0 + FLAT * scale && lT > lH) || (risingNow && lT > lH + FLAT * halfScale)) {
    return {
      ...base,
      regime: 'diverged',
      reason:
        lT > l0
          ? `Loss rose from ${fmt(l0)} to ${fmt(lT)} over ${k} steps and is still rising.`
          : `Loss fell to ${fmt(run.bestLoss)} and has been rising again since (now ${fmt(lT)}).`,
    };
  }
  if (lH - lT > FLAT * halfScale) {
    return {
      ...base,
      regime: 'too-slow',
      reason: `Still improving after ${k} steps (loss ${fmt(l0)} → ${fmt(lT)}) but the gradient norm ${fmt(run.finalGradNorm)} is above the tolerance.`,
    };
  }
  return {
    ...base,
    regime: 'plateau',
    reason: `The loss stopped falling at ${fmt(lT)} while the gradient norm is still ${fmt(run.finalGradNorm)}${
      oscillating ? ': the parameters bounce across the minimum without getting closer' : ''
    }.`,
  };
}
