/**
 * Least-squares linear regression y ≈ w·x + b with mean-squared-error loss.
 *
 * @packageDocumentation
 */
import type { Problem } from '../types';

/** The problem returned by {@link linearRegression}. Parameters are `[w, b]`. */
export interface LinearRegression extends Problem {
  readonly kind: 'linear-regression';
  /** Inputs (a copy). */
  readonly x: Float64Array;
  /** Targets (a copy). */
  readonly y: Float64Array;
  /** Constant Hessian of the MSE in (w, b), row-major 2 × 2. */
  readonly hessianMatrix: Float64Array;
}

/** Options of {@link linearRegression}. */
export interface LinearRegressionOptions {
  /** Inputs x_i. */
  readonly x: ArrayLike<number>;
  /** Targets y_i (same length as x). */
  readonly y: ArrayLike<number>;
  /** Name for legends. */
  readonly name?: string;
}

/**
 * L(w, b) = (1/n)·Σ (w·x_i + b − y_i)² — the mean, with no ½ factor, exactly like
 * `torch.nn.MSELoss()` (reduction `'mean'`).
 *
 * ∂L/∂w = (2/n)·Σ r_i·x_i, ∂L/∂b = (2/n)·Σ r_i with r_i = w·x_i + b − y_i;
 * Hessian (2/n)·[[Σx², Σx], [Σx, n]], independent of (w, b).
 *
 * Mini-batches: {@link Problem.batchEvaluate} gives the same formulas with the mean over the
 * batch; the runner draws batches (see its `batch` option).
 *
 * @param options - Data set.
 */
export function linearRegression(options: LinearRegressionOptions): LinearRegression {
  const x = Float64Array.from(options.x);
  const y = Float64Array.from(options.y);
  const n = x.length;
  if (n === 0 || y.length !== n) throw new RangeError('linearRegression needs x and y of equal, positive length');
  let sx = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    sx += xi;
    sxx += xi * xi;
  }
  const hessianMatrix = Float64Array.of((2 / n) * sxx, (2 / n) * sx, (2 / n) * sx, 2);

  const evaluate = (p: Float64Array, grad: Float64Array): number => {
    const w = p[0] as number;
    const b = p[1] as number;
    let s = 0;
    let gw = 0;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      const r = w * xi + b - (y[i] as number);
      s += r * r;
      gw += r * xi;
      gb += r;
    }
    grad[0] = (2 / n) * gw;
    grad[1] = (2 / n) * gb;
    return s / n;
  };
  const loss = (p: Float64Array): number => {
    const w = p[0] as number;
    const b = p[1] as number;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const r = w * (x[i] as number) + b - (y[i] as number);
      s += r * r;
    }
    return s / n;
  };
  const batchEvaluate = (p: Float64Array, indices: Int32Array, count: number, grad: Float64Array): number => {
    const w = p[0] as number;
    const b = p[1] as number;
    let s = 0;
    let gw = 0;
    let gb = 0;
    for (let k = 0; k < count; k++) {
      const i = indices[k] as number;
      const xi = x[i] as number;
      const r = w * xi + b - (y[i] as number);
      s += r * r;
      gw += r * xi;
      gb += r;
    }
    grad[0] = (2 / count) * gw;
    grad[1] = (2 / count) * gb;
    return s / count;
  };

  // Least-squares solution in centred form, which stays accurate when x has a large offset.
  const mx = sx / n;
  let my = 0;
  for (let i = 0; i < n; i++) my += y[i] as number;
  my /= n;
  let sxy = 0;
  let sxxc = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    sxy += dx * ((y[i] as number) - my);
    sxxc += dx * dx;
  }
  const identifiable = sxxc > 0;
  const wStar = identifiable ? sxy / sxxc : 0;
  const minimizer = Float64Array.of(wStar, my - wStar * mx);

  return {
    kind: 'linear-regression',
    name: options.name ?? 'linear regression (MSE)',
    dim: 2,
    x,
    y,
    hessianMatrix,
    samples: n,
    loss,
    evaluate,
    batchEvaluate,
    hessian: (_p, out) => {
      out.set(hessianMatrix);
    },
    // With all x equal the minimiser is a whole line, so none is advertised.
    ...(identifiable ? { minimizers: [minimizer], minLoss: loss(minimizer) } : {}),
  };
}
