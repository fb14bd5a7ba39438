/**
 * The 1-D quadratic f(x) = a·x², the course's running example (a = 1).
 *
 * @packageDocumentation
 */
import type { Problem } from '../types';

/** The problem returned by {@link quadratic1D}. */
export interface Quadratic1D extends Problem {
  readonly kind: 'quadratic1d';
  /** Coefficient a in f(x) = a·x². Curvature f″ = 2a. */
  readonly a: number;
}

/**
 * f(x) = a·x², f′(x) = 2a·x, f″(x) = 2a; minimum 0 at x = 0.
 *
 * Gradient descent with rate η maps x ← (1 − 2aη)·x, so x_t = (1 − 2aη)^t·x₀: monotone for
 * η ≤ 1/(2a), oscillating but converging for 1/(2a) < η < 1/a, flipping ±x₀ forever at η = 1/a
 * and diverging beyond. The runner recognises `kind === 'quadratic1d'` and uses an
 * allocation-free loop for it.
 *
 * @param a - Positive coefficient (default 1, the course's x²).
 */
export function quadratic1D(a: number = 1): Quadratic1D {
  if (!(a > 0 && a < Infinity)) throw new RangeError('quadratic1D needs a finite a > 0');
  const twoA = 2 * a;
  return {
    kind: 'quadratic1d',
    name: a === 1 ? 'x²' : `${a}·x²`,
    dim: 1,
    a,
    loss: (p) => {
      const x = p[0] as number;
      return a * x * x;
    },
    evaluate: (p, grad) => {
      const x = p[0] as number;
      grad[0] = twoA * x;
      return a * x * x;
    },
    hessian: (_p, out) => {
      out[0] = twoA;
    },
    minimizers: [Float64Array.of(0)],
    minLoss: 0,
    scalar: {
      f: (x) => a * x * x,
      df: (x) => twoA * x,
      d2f: () => twoA,
    },
  };
}
