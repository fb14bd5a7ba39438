/**
 * Quadratic objectives in any dimension, and the 2-D bowl with a chosen condition number.
 *
 * @packageDocumentation
 */
import type { Problem } from '../types';

/** The problem returned by {@link quadraticForm} and {@link quadraticBowl2D}. */
export interface QuadraticForm extends Problem {
  readonly kind: 'quadratic';
  /** The constant Hessian H, row-major dim × dim (a copy; do not mutate). */
  readonly hessianMatrix: Float64Array;
  /** The centre c (the minimiser when H is positive definite). */
  readonly center: Float64Array;
}

/** Options of {@link quadraticForm}. */
export interface QuadraticFormOptions {
  /** Symmetric Hessian H, as rows (`[[h11, h12], [h21, h22]]`) or row-major flat array. */
  readonly hessian: readonly (readonly number[])[] | ArrayLike<number>;
  /** Centre c (default: the origin). */
  readonly center?: ArrayLike<number>;
  /** Value at the centre, f* (default 0). */
  readonly offset?: number;
  /** Name for legends. */
  readonly name?: string;
}

function flattenSquare(h: QuadraticFormOptions['hessian']): { data: Float64Array; n: number } {
  const first = (h as ArrayLike<unknown>)[0];
  if (first !== undefined && typeof first !== 'number') {
    const rows = h as readonly (readonly number[])[];
    const n = rows.length;
    const data = new Float64Array(n * n);
    rows.forEach((row, i) => {
      if (row.length !== n) throw new RangeError('Hessian must be square');
      for (let j = 0; j < n; j++) data[i * n + j] = row[j] as number;
    });
    return { data, n };
  }
  const flat = Float64Array.from(h as ArrayLike<number>);
  const n = Math.round(Math.sqrt(flat.length));
  if (n * n !== flat.length) throw new RangeError('Hessian must be square');
  return { data: flat, n };
}

/**
 * f(x) = ½·(x − c)ᵀ·H·(x − c) + f*, ∇f = H·(x − c), Hessian H.
 *
 * The ½ makes H exactly the Hessian, so its eigenvalues are the curvatures that set the
 * gradient-descent thresholds (see `quadraticTheory`).
 *
 * @param options - Hessian (must be symmetric), centre and offset.
 */
export function quadraticForm(options: QuadraticFormOptions): QuadraticForm {
  const { data: H, n } = flattenSquare(options.hessian);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const a = H[i * n + j] as number;
      const b = H[j * n + i] as number;
      if (Math.abs(a - b) > 1e-12 * Math.max(1, Math.abs(a), Math.abs(b))) {
        throw new RangeError('Hessian must be symmetric');
      }
    }
  }
  const c = options.center ? Float64Array.from(options.center) : new Float64Array(n);
  if (c.length !== n) throw new RangeError('center has the wrong dimension');
  const offset = options.offset ?? 0;
  const d = new Float64Array(n);
  const evaluate = (p: Float64Array, grad: Float64Array): number => {
    for (let i = 0; i < n; i++) d[i] = (p[i] as number) - (c[i] as number);
    let f = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += (H[i * n + j] as number) * (d[j] as number);
      grad[i] = s;
      f += (d[i] as number) * s;
    }
    return 0.5 * f + offset;
  };
  const scratch = new Float64Array(n);
  return {
    kind: 'quadratic',
    name: options.name ?? `quadratic (${n}-D)`,
    dim: n,
    hessianMatrix: H,
    center: c,
    loss: (p) => evaluate(p, scratch),
    evaluate,
    hessian: (_p, out) => {
      out.set(H);
    },
    minimizers: [c],
    minLoss: offset,
  };
}

/** Options of {@link quadraticBowl2D}. */
export interface QuadraticBowl2DOptions {
  /** Condition number κ = λmax/λmin (default 10). */
  readonly condition?: number;
  /** Smallest curvature λmin (default 1); λmax = κ·λmin. */
  readonly lambdaMin?: number;
  /** Rotation of the bowl's axes in radians (default 0: shallow along x, steep along y). */
  readonly angle?: number;
  /** Centre (default the origin). */
  readonly center?: ArrayLike<number>;
}

/**
 * A 2-D quadratic bowl f = ½·(x − c)ᵀ·R·diag(λmin, κ·λmin)·Rᵀ·(x − c) with a chosen condition
 * number: the classic zig-zag picture of gradient descent when κ is large (the steep
 * direction oscillates while the shallow one crawls).
 *
 * @param options - Condition number, smallest curvature, rotation, centre.
 */
export function quadraticBowl2D(options: QuadraticBowl2DOptions = {}): QuadraticForm {
  const kappa = options.condition ?? 10;
  const lmin = options.lambdaMin ?? 1;
  if (!(kappa >= 1 && lmin > 0)) throw new RangeError('quadraticBowl2D needs condition ≥ 1 and lambdaMin > 0');
  const lmax = kappa * lmin;
  const angle = options.angle ?? 0;
  const cs = Math.cos(angle);
  const sn = Math.sin(angle);
  // R·diag(l1, l2)·Rᵀ with R the rotation by `angle`.
  const h11 = lmin * cs * cs + lmax * sn * sn;
  const h22 = lmin * sn * sn + lmax * cs * cs;
  const h12 = (lmin - lmax) * cs * sn;
  return quadraticForm({
    hessian: [
      [h11, h12],
      [h12, h22],
    ],
    ...(options.center ? { center: options.center } : {}),
    name: `bowl (κ = ${kappa})`,
  });
}
