import { quadratic1D, quadraticTheory, run } from '../../sim/index';
import { numberParam, type VariantGenerator } from './types';

/** Where gradient descent on f(x) = a·x² is after `steps` updates from x0, by the simulation's runner. */
function gdOnParabola(a: number, x0: number, rate: number, steps: number): number {
  const result = run({
    problem: quadratic1D(a),
    start: x0,
    steps,
    schedule: rate,
    tolerance: 0,
    divergenceBound: Infinity,
  });
  // A run that lands exactly on the minimum stops early ("converged") and stays there.
  return result.stop === 'non-finite' ? Number.NaN : result.final[0]!;
}

/**
 * x after k steps of gradient descent on f(x) = a·x² from x0 with rate lr. The distractors are the
 * usual slips: the factor 2 of the derivative forgotten, one step too few or too many.
 */
export const gdStepsOnParabola: VariantGenerator = {
  description: 'x_k of gradient descent on a·x² from x0 with rate lr after k steps',
  kind: 'numeric',
  params: ['a', 'x0', 'lr', 'k'],
  generate(params) {
    const a = numberParam(params, 'a');
    const x0 = numberParam(params, 'x0');
    const lr = numberParam(params, 'lr');
    const k = numberParam(params, 'k');
    const factor = 1 - 2 * a * lr;
    return {
      kind: 'numeric',
      answer: gdOnParabola(a, x0, lr, k),
      distractors: [
        { value: (1 - a * lr) ** k * x0, why: 'the gradient of a·x² is 2a·x, not a·x: the factor 2 was left out' },
        { value: (1 + 2 * a * lr) ** k * x0, why: 'the sign is flipped: the update goes against the gradient, x − η·f′(x), not along it' },
        { value: gdOnParabola(a, x0, lr, k - 1), why: 'one step too few' },
        { value: gdOnParabola(a, x0, lr, k + 1), why: 'one step too many' },
        { value: x0 - k * lr * 2 * a * x0, why: 'the first step repeated k times (the slope never recomputed)' },
      ],
      values: {
        curvature: 2 * a,
        slope0: 2 * a * x0,
        factor,
        x1: gdOnParabola(a, x0, lr, 1),
        answer: gdOnParabola(a, x0, lr, k),
      },
    };
  },
};

/** Curvatures λmin, λmax from the parameters, through the simulation's quadratic theory. */
function theoryOf(lmin: number, lmax: number) {
  return quadraticTheory([
    [lmin, 0],
    [0, lmax],
  ]);
}

/**
 * The stability limit 2/λmax of a quadratic with Hessian eigenvalues lmin and lmax. Distractors:
 * 1/λmax (the largest rate that never overshoots), 2/(λmin + λmax) (the best constant rate) and
 * 2/λmin (the flat direction's limit).
 */
export const stabilityLimit: VariantGenerator = {
  description: 'the stability limit 2/λmax for Hessian eigenvalues lmin and lmax',
  kind: 'numeric',
  params: ['lmin', 'lmax'],
  generate(params) {
    const theory = theoryOf(numberParam(params, 'lmin'), numberParam(params, 'lmax'));
    return {
      kind: 'numeric',
      answer: theory.stabilityLimit,
      distractors: [
        { value: theory.monotoneThreshold, why: '1/λmax, the largest rate that never overshoots' },
        { value: theory.bestRate, why: '2/(λmin + λmax), the best constant rate' },
        { value: 2 / theory.lambdaMin, why: '2/λmin, the limit of the flat direction' },
      ],
      values: {
        limit: theory.stabilityLimit,
        monotone: theory.monotoneThreshold,
        best: theory.bestRate,
        kappa: theory.conditionNumber,
      },
    };
  },
};

/**
 * Which rate is the largest stable one for the bowl L(u, v) = p·u² + q·v²? Its Hessian is
 * diag(2p, 2q); the choices are the stability limit and three rates that are easy to mistake for it.
 */
export const stabilityChoiceOnBowl: VariantGenerator = {
  description: 'choose the stability limit of p·u² + q·v² among 1/λmax, 2/(λmin + λmax) and 2/λmin',
  kind: 'choice',
  params: ['p', 'q'],
  generate(params) {
    const p = numberParam(params, 'p');
    const q = numberParam(params, 'q');
    const theory = theoryOf(2 * Math.min(p, q), 2 * Math.max(p, q));
    return {
      kind: 'choice',
      choices: [
        { id: 'limit', value: theory.stabilityLimit },
        { id: 'no-overshoot', value: theory.monotoneThreshold },
        { id: 'best', value: theory.bestRate },
        { id: 'flat-limit', value: 2 / theory.lambdaMin },
      ],
      answer: 'limit',
      values: {
        lmin: theory.lambdaMin,
        lmax: theory.lambdaMax,
        limit: theory.stabilityLimit,
        monotone: theory.monotoneThreshold,
        best: theory.bestRate,
        flat: 2 / theory.lambdaMin,
      },
    };
  },
};
