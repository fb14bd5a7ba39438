/**
 * The Rosenbrock "banana" function.
 *
 * @packageDocumentation
 */
import type { Problem } from '../types';

/**
 * f(x, y) = (a − x)² + b·(y − x²)², minimum 0 at (a, a²).
 *
 * ∇f = [−2(a − x) − 4b·x·(y − x²), 2b·(y − x²)];
 * H = [[2 − 4b·(y − x²) + 8b·x², −4b·x], [−4b·x, 2b]].
 *
 * @param options.a - Default 1.
 * @param options.b - Default 100.
 */
export function rosenbrock(options: { readonly a?: number; readonly b?: number } = {}): Problem {
  const a = options.a ?? 1;
  const b = options.b ?? 100;
  return {
    kind: 'rosenbrock',
    name: 'Rosenbrock',
    dim: 2,
    loss: (p) => {
      const x = p[0] as number;
      const y = p[1] as number;
      const u = a - x;
      const v = y - x * x;
      return u * u + b * v * v;
    },
    evaluate: (p, grad) => {
      const x = p[0] as number;
      const y = p[1] as number;
      const u = a - x;
      const v = y - x * x;
      grad[0] = -2 * u - 4 * b * x * v;
      grad[1] = 2 * b * v;
      return u * u + b * v * v;
    },
    hessian: (p, out) => {
      const x = p[0] as number;
      const y = p[1] as number;
      out[0] = 2 - 4 * b * (y - x * x) + 8 * b * x * x;
      out[1] = -4 * b * x;
      out[2] = -4 * b * x;
      out[3] = 2 * b;
    },
    minimizers: [Float64Array.of(a, a * a)],
    minLoss: 0,
  };
}
