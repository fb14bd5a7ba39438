import { housePriceQuadraticTheory, housePriceRegression, lossAfterEpochs, lrSweep, quadratic1D, run } from '../../sim/index';
import type { TestOracle } from './types';

const numberArg = (args: readonly unknown[], i: number) => (typeof args[i] === 'number' ? args[i] : Number.NaN);

/** |x| after `steps` updates of gradient descent on x² from x0, by the simulation's runner. */
function finalDistance(x0: number, rate: number, steps: number): number {
  const result = run({ problem: quadratic1D(1), start: x0, steps, schedule: rate, tolerance: 0, divergenceBound: Infinity });
  // A run that lands exactly on the minimum stops early ("converged") and stays there.
  return result.stop === 'non-finite' ? Number.POSITIVE_INFINITY : Math.abs(result.final[0]!);
}

/** compareRates(x0, rateA, rateB, steps) → { finalA, finalB, better }: the smaller final |x| wins. */
export const compareRatesOnParabola: TestOracle = {
  description: 'final |x| of gradient descent on x² for two rates, and which is closer to the minimum',
  expected(args) {
    const [x0, rateA, rateB, steps] = [0, 1, 2, 3].map((i) => numberArg(args, i)) as [number, number, number, number];
    const finalA = finalDistance(x0, rateA, steps);
    const finalB = finalDistance(x0, rateB, steps);
    return { finalA, finalB, better: finalA <= finalB ? 'A' : 'B' };
  },
};

/**
 * sweep(rates, epochs) → { best, losses }: each rate trained from (0, 0) on the house data for
 * `epochs` updates; best is the rate with the lowest final loss among those that did not diverge.
 */
export const housePriceSweep: TestOracle = {
  description: 'final loss of each rate on the house-price data, and the best rate',
  expected(args) {
    const rates = Array.isArray(args[0]) ? args[0].map(Number) : [];
    const epochs = numberArg(args, 1);
    const sweep = lrSweep({
      problem: housePriceRegression(),
      start: [0, 0],
      steps: epochs,
      tolerance: 0,
      divergenceBound: Infinity,
      rates,
    });
    const start = lossAfterEpochs(1, 0);
    // The sweep's best counts every run that used its budget; a run whose loss ended above where it started diverged.
    const losses = rates.map((rate) => lossAfterEpochs(rate, epochs));
    const stable = losses.map((loss, i) => ({ loss, rate: rates[i]! })).filter(({ loss }) => Number.isFinite(loss) && loss <= start);
    const best = stable.reduce((b, r) => (r.loss < b.loss ? r : b), { loss: Infinity, rate: sweep.best?.rate ?? Number.NaN });
    return { best: best.rate, losses };
  },
};

/** differenceErrors(h) → { forward, central }: errors of both differences for sin at x = 1, in float64. */
export const differenceErrorsOfSine: TestOracle = {
  description: 'errors of the forward and central differences of sin at x = 1 with step h',
  expected(args) {
    const h = numberArg(args, 0);
    const x = 1;
    const exact = Math.cos(x);
    const forward = (Math.sin(x + h) - Math.sin(x)) / h;
    const central = (Math.sin(x + h) - Math.sin(x - h)) / (2 * h);
    return { forward: Math.abs(forward - exact), central: Math.abs(central - exact) };
  },
};

/**
 * The house-price theory the multi-part question walks through, by part id: the Hessian's entries,
 * its largest eigenvalue, the stability limit 2/λmax, and what 50 full-batch epochs from (0, 0)
 * do at rates 0.1 and 0.2 (the loss falls below its start, or it does not).
 */
export const housePriceTheory: TestOracle = {
  description: 'Hessian entries, largest eigenvalue, stability limit of the house-price loss, and the run at rates 0.1 and 0.2',
  expected() {
    const theory = housePriceQuadraticTheory();
    const start = housePriceRegression().loss(Float64Array.of(0, 0));
    const behaviour = (rate: number) => (lossAfterEpochs(rate, 50) < start ? 'converges' : 'diverges');
    return {
      h11: theory.hessian[0]!,
      h12: theory.hessian[1]!,
      h22: theory.hessian[3]!,
      lmax: theory.lambdaMax,
      limit: theory.stabilityLimit,
      at01: behaviour(0.1),
      at02: behaviour(0.2),
    };
  },
};
