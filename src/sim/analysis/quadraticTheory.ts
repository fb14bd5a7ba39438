/**
 * Closed-form gradient-descent theory for quadratics.
 *
 * On f(x) = ½·(x − x*)ᵀH(x − x*) + f*, gradient descent with constant rate η maps the error
 * e = x − x* to (I − ηH)·e, so along the eigenvector of each eigenvalue λ_i of H the error is
 * multiplied by (1 − ηλ_i) per step. Everything below follows from that.
 *
 * @packageDocumentation
 */
import { symmetricEigenvalues } from './eigen';

/** What {@link quadraticTheory} returns. */
export interface QuadraticTheory {
  /** Eigenvalues of the Hessian (the curvatures), ascending. */
  readonly eigenvalues: Float64Array;
  /** Smallest curvature λmin. */
  readonly lambdaMin: number;
  /** Largest curvature λmax. */
  readonly lambdaMax: number;
  /** κ = λmax/λmin (Infinity unless the Hessian is positive definite). */
  readonly conditionNumber: number;
  /**
   * 1/λmax: up to this rate no direction overshoots (1 − ηλ_i ≥ 0), the iterates approach
   * the minimum monotonically; above it the steepest direction zig-zags.
   */
  readonly monotoneThreshold: number;
  /** 2/λmax: gradient descent converges iff η < 2/λmax (for positive-definite H). */
  readonly stabilityLimit: number;
  /**
   * 2/(λmin + λmax): the constant rate that minimises the worst contraction
   * max_i |1 − ηλ_i| (asymptotic speed). For a single curvature it is 1/λ: one step.
   * When H is not positive definite, 1/λmax (no rate converges then).
   */
  readonly bestRate: number;
  /** max_i |1 − ηλ_i| at the best rate: (κ − 1)/(κ + 1). */
  readonly bestContraction: number;
  /** Whether all eigenvalues are positive. */
  readonly positiveDefinite: boolean;
}

function fromEigenvalues(eigenvalues: Float64Array): QuadraticTheory {
  const lambdaMin = eigenvalues[0] as number;
  const lambdaMax = eigenvalues[eigenvalues.length - 1] as number;
  const pd = lambdaMin > 0;
  const kappa = pd ? lambdaMax / lambdaMin : Infinity;
  const bestRate = pd ? 2 / (lambdaMin + lambdaMax) : lambdaMax > 0 ? 1 / lambdaMax : Infinity;
  return {
    eigenvalues,
    lambdaMin,
    lambdaMax,
    conditionNumber: kappa,
    monotoneThreshold: lambdaMax > 0 ? 1 / lambdaMax : Infinity,
    stabilityLimit: lambdaMax > 0 ? 2 / lambdaMax : Infinity,
    bestRate,
    bestContraction: pd ? contractionFactor(eigenvalues, bestRate) : 1,
    positiveDefinite: pd,
  };
}

/**
 * Gradient-descent theory for a quadratic with Hessian H.
 *
 * @param hessian - Symmetric H as rows or row-major flat array (1 × 1, 2 × 2 in closed form,
 *   larger by Jacobi).
 */
export function quadraticTheory(hessian: readonly (readonly number[])[] | ArrayLike<number>): QuadraticTheory {
  const first = (hessian as ArrayLike<unknown>)[0];
  let flat: Float64Array;
  if (first !== undefined && typeof first !== 'number') {
    const rows = hessian as readonly (readonly number[])[];
    flat = new Float64Array(rows.length * rows.length);
    rows.forEach((row, i) => row.forEach((v, j) => (flat[i * rows.length + j] = v)));
  } else {
    flat = Float64Array.from(hessian as ArrayLike<number>);
  }
  return fromEigenvalues(symmetricEigenvalues(flat));
}

/**
 * Theory for f(x) = a·x². Careful with the factor 2: f″ = 2a, so the GD map is
 * x ← (1 − 2aη)·x, the monotone threshold is 1/(2a), the stability limit 2/λ = 1/a and the
 * best rate 1/(2a) (lands on 0 in one step). For the course's x²: 0.5, 1.0 and 0.5.
 *
 * @param a - Coefficient a > 0.
 */
export function quadraticTheory1D(a: number): QuadraticTheory {
  return fromEigenvalues(Float64Array.of(2 * a));
}

/**
 * Per-direction contraction factors |1 − ηλ_i|: how much the error along eigenvector i
 * shrinks (< 1) or grows (> 1) per step.
 *
 * @param eigenvalues - Curvatures λ_i.
 * @param rate - Learning rate η.
 */
export function contractionFactors(eigenvalues: ArrayLike<number>, rate: number): Float64Array {
  const out = new Float64Array(eigenvalues.length);
  for (let i = 0; i < eigenvalues.length; i++) out[i] = Math.abs(1 - rate * (eigenvalues[i] as number));
  return out;
}

/**
 * Overall contraction factor ρ(η) = max_i |1 − ηλ_i|: ‖x_t − x*‖ ≤ ρᵗ·‖x₀ − x*‖.
 *
 * @param eigenvalues - Curvatures λ_i.
 * @param rate - Learning rate η.
 */
export function contractionFactor(eigenvalues: ArrayLike<number>, rate: number): number {
  let rho = 0;
  for (let i = 0; i < eigenvalues.length; i++) rho = Math.max(rho, Math.abs(1 - rate * (eigenvalues[i] as number)));
  return rho;
}

/** Options of {@link stepsToTolerance}. */
export interface StepsToToleranceOptions {
  /** Starting error: distance ‖x₀ − x*‖ or loss gap f(x₀) − f*, per `measure`. */
  readonly initial: number;
  /** Target for the same quantity. */
  readonly tolerance: number;
  /**
   * `'distance'` (default): ‖x_t − x*‖ ≤ ρᵗ·‖x₀ − x*‖. `'loss'`: f − f* shrinks at least
   * by ρ² per step.
   */
  readonly measure?: 'distance' | 'loss';
}

/**
 * Number of GD steps after which the worst-case bound guarantees the tolerance:
 * the smallest t with ρᵗ·initial ≤ tolerance (ρ² per step for the loss). Exact for 1-D
 * quadratics and for starts along the slowest direction.
 *
 * @param eigenvalues - Curvatures λ_i.
 * @param rate - Learning rate η.
 * @returns Steps (0 if already within tolerance, 1 if ρ = 0), or Infinity when ρ ≥ 1.
 */
export function stepsToTolerance(eigenvalues: ArrayLike<number>, rate: number, options: StepsToToleranceOptions): number {
  const { initial, tolerance } = options;
  if (!(tolerance > 0)) throw new RangeError('tolerance must be > 0');
  if (initial <= tolerance) return 0;
  let rho = contractionFactor(eigenvalues, rate);
  if (options.measure === 'loss') rho *= rho;
  if (rho === 0) return 1;
  if (rho >= 1) return Infinity;
  const t = Math.log(tolerance / initial) / Math.log(rho);
  // Guard against log round-off turning an exact integer (e.g. ρ = 1/2) into the next one.
  const candidate = Math.ceil(t - 1e-9);
  return rho ** candidate * initial <= tolerance * (1 + 1e-12) ? candidate : candidate + 1;
}

/**
 * Closed form of GD on f(x) = a·x²: x_t = (1 − 2aη)ᵗ·x₀.
 *
 * @param a - Coefficient a.
 * @param rate - Learning rate η.
 * @param x0 - Start.
 * @param t - Step count.
 */
export function gdIterate1D(a: number, rate: number, x0: number, t: number): number {
  return (1 - 2 * a * rate) ** t * x0;
}
