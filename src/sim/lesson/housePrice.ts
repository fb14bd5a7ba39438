/**
 * The numbers of the house-price lesson, computed (never hard-coded) so that every figure in
 * the prose can be checked by a test against this module.
 *
 * Convention: "the loss after N epochs" is the MSE at the parameters reached after N
 * full-batch updates from (w, b) = (0, 0). That reproduces the PyTorch float64 reference
 * figures (86.18 at rate 0.1, 280.3 at 0.01 after 50 epochs). A PyTorch loop that logs the
 * loss before each update shows, as its 50th entry, the loss after 49 updates instead;
 * {@link recordedLossAtEpoch} gives that number.
 *
 * @packageDocumentation
 */
import { housePriceRegression } from '../problems/housePrice';
import { run } from '../runner';
import type { RunResult } from '../runner';
import { quadraticTheory } from '../analysis/quadraticTheory';
import type { QuadraticTheory } from '../analysis/quadraticTheory';
import { lrSweep } from '../analysis/sweep';
import { linSpace } from '../vector';

/**
 * GD theory of the house-price MSE in (w, b): Hessian [[13.5, 5], [5, 2]], eigenvalues
 * ≈ 15.36988 and 0.13012, monotone threshold ≈ 0.06506, stability limit ≈ 0.130125, best
 * constant rate ≈ 0.12903, condition number ≈ 118.1.
 */
export function housePriceQuadraticTheory(): QuadraticTheory & { readonly hessian: Float64Array } {
  const hessian = housePriceRegression().hessianMatrix;
  return { ...quadraticTheory(hessian), hessian: Float64Array.from(hessian) };
}

/**
 * Full-batch gradient descent on the house data from (0, 0) at a constant rate, recording
 * every epoch. No convergence or divergence stop: only a non-finite value ends it early.
 *
 * @param rate - Learning rate.
 * @param epochs - Number of full-batch updates.
 */
export function housePriceRun(rate: number, epochs: number): RunResult {
  return run({
    problem: housePriceRegression(),
    start: [0, 0],
    steps: epochs,
    schedule: rate,
    tolerance: 0,
    divergenceBound: Infinity,
  });
}

/**
 * Loss after `epochs` full-batch updates from (0, 0): the lesson's "loss after N epochs".
 * E.g. 50 epochs: 0.0001 → 231,551; 0.01 → 280.3; 0.1 → 86.18; 0.129 → 47,217;
 * 0.131 → ≈ 1.03e6; 0.2 → ≈ 1.3e37.
 *
 * @param rate - Learning rate.
 * @param epochs - Number of updates.
 * @returns The loss, or Infinity if the run overflowed before (only for absurd rates).
 */
export function lossAfterEpochs(rate: number, epochs: number): number {
  const r = housePriceRun(rate, epochs);
  return r.stopStep === epochs ? r.finalLoss : Infinity;
}

/**
 * The loss a PyTorch training loop prints at epoch `epoch` (1-based) when it computes the
 * loss, then steps: the loss after `epoch − 1` updates.
 *
 * @param rate - Learning rate.
 * @param epoch - 1-based epoch number.
 */
export function recordedLossAtEpoch(rate: number, epoch: number): number {
  if (!(Number.isInteger(epoch) && epoch >= 1)) throw new RangeError('epoch is 1-based');
  return lossAfterEpochs(rate, epoch - 1);
}

/**
 * Loss curve: entry k is the loss after k updates (k = 0 … epochs).
 *
 * @param rate - Learning rate.
 * @param epochs - Number of updates.
 */
export function housePriceLossCurve(rate: number, epochs: number): Float64Array {
  return housePriceRun(rate, epochs).loss;
}

/** Options of {@link bestHousePriceRate}. */
export interface BestRateOptions {
  /** Smallest rate tried (default 0.05). */
  readonly lrMin?: number;
  /** Largest rate tried (default 2/λmax, the stability limit). */
  readonly lrMax?: number;
  /** Number of evenly spaced rates (default 2001). */
  readonly count?: number;
}

/**
 * The constant rate with the lowest loss after `epochs` epochs from (0, 0), by a fine linear
 * sweep. For 50 epochs it is ≈ 0.122, not the asymptotically best 2/(λmin + λmax) ≈ 0.129.
 * That rate equalises the two contraction factors (both ≈ 0.983), but from (0, 0) the steep
 * direction carries almost all of the initial loss, so over a short horizon it pays to
 * shrink that direction faster (|1 − ηλmax| ≈ 0.88 at 0.122) at the cost of a slightly
 * slower shallow direction.
 *
 * @param epochs - Horizon.
 * @param options - Grid.
 */
export function bestHousePriceRate(epochs: number, options: BestRateOptions = {}): { rate: number; loss: number } {
  const theory = housePriceQuadraticTheory();
  const sweep = lrSweep({
    problem: housePriceRegression(),
    start: [0, 0],
    steps: epochs,
    tolerance: 0,
    divergenceBound: Infinity,
    rates: linSpace(options.lrMin ?? 0.05, options.lrMax ?? theory.stabilityLimit, options.count ?? 2001),
  });
  if (!sweep.best) throw new Error('no rate converged');
  return { rate: sweep.best.rate, loss: sweep.best.finalLoss };
}
