/**
 * A tilted double well: a non-convex 1-D function with two minima, for "stuck in a local
 * minimum".
 *
 * @packageDocumentation
 */
import type { Problem, ScalarFunction } from '../types';

/** The problem returned by {@link tiltedDoubleWell}. */
export interface TiltedDoubleWell extends Problem {
  readonly kind: 'double-well';
  /** Tilt t in f(x) = (x² − 1)² + t·x. */
  readonly tilt: number;
  /** Global minimiser (on the side the tilt lowers: x < 0 for t > 0). */
  readonly globalMinimizer: number;
  /** The other, higher local minimiser. */
  readonly localMinimizer: number;
  /** The local maximum (the hill) between the wells. */
  readonly localMaximizer: number;
  /** f, f′, f″ as scalar functions. */
  readonly scalar: ScalarFunction;
  /** f at the global minimiser. */
  readonly minLoss: number;
}

/**
 * f(x) = (x² − 1)² + t·x, f′(x) = 4x³ − 4x + t, f″(x) = 12x² − 4.
 *
 * For 0 < |t| < 8/√27 ≈ 1.54 there are two minima; with t > 0 the left one is global and
 * the right one a trap: gradient descent started at x₀ > x_max (e.g. 2) with a small rate
 * settles in the right well. The stationary points are the roots of x³ − x + t/4, found by
 * the trigonometric cubic formula and polished by Newton steps.
 *
 * @param options.tilt - t (default 0.5); must satisfy 0 < |t| < 8/√27.
 */
export function tiltedDoubleWell(options: { readonly tilt?: number } = {}): TiltedDoubleWell {
  const t = options.tilt ?? 0.5;
  if (!(t !== 0 && Math.abs(t) < 8 / Math.sqrt(27))) {
    throw new RangeError('tiltedDoubleWell needs 0 < |tilt| < 8/√27 for two minima');
  }
  const f = (x: number) => {
    const u = x * x - 1;
    return u * u + t * x;
  };
  const df = (x: number) => 4 * x * x * x - 4 * x + t;
  const d2f = (x: number) => 12 * x * x - 4;
  // Depressed cubic x³ + p·x + q with p = −1, q = t/4: x_k = 2/√3·cos(φ/3 − 2πk/3).
  const phi = Math.acos(((3 * (t / 4)) / 2) * -Math.sqrt(3));
  const roots = [0, 1, 2].map((k) => {
    let x = (2 / Math.sqrt(3)) * Math.cos(phi / 3 - (2 * Math.PI * k) / 3);
    // The closed form loses a few digits near the edges; Newton restores full precision.
    for (let i = 0; i < 3; i++) x -= df(x) / d2f(x);
    return x;
  });
  roots.sort((p, q) => p - q);
  const [left, middle, right] = roots as [number, number, number];
  const globalMinimizer = f(left) <= f(right) ? left : right;
  const localMinimizer = globalMinimizer === left ? right : left;
  return {
    kind: 'double-well',
    name: `(x²−1)² + ${t}·x`,
    dim: 1,
    tilt: t,
    globalMinimizer,
    localMinimizer,
    localMaximizer: middle,
    loss: (p) => f(p[0] as number),
    evaluate: (p, grad) => {
      const x = p[0] as number;
      grad[0] = df(x);
      return f(x);
    },
    hessian: (p, out) => {
      out[0] = d2f(p[0] as number);
    },
    minimizers: [Float64Array.of(globalMinimizer), Float64Array.of(localMinimizer)],
    minLoss: f(globalMinimizer),
    scalar: { f, df, d2f },
  };
}
