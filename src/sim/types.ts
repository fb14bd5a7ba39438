/**
 * Shared types of the simulation module.
 *
 * Parameter vectors are always `Float64Array` (a 1-D problem has length 1) so that every
 * optimizer, problem and the runner share one representation and the hot loops never box
 * numbers or allocate.
 *
 * @packageDocumentation
 */

/** A parameter (or gradient) vector. A 1-D problem uses a `Float64Array` of length 1. */
export type Vector = Float64Array;

/** Scalar view of a 1-D problem, used by the runner's allocation-free 1-D loops. */
export interface ScalarFunction {
  /** Objective f(x). */
  readonly f: (x: number) => number;
  /** Derivative f′(x). */
  readonly df: (x: number) => number;
  /** Second derivative f″(x), when known. */
  readonly d2f?: (x: number) => number;
}

/**
 * An objective to minimise, with its gradient (and Hessian where defined).
 *
 * Implementations must be pure: the same parameters always give the same numbers.
 */
export interface Problem {
  /** Discriminant used by the runner to pick specialised loops (e.g. `'quadratic1d'`). */
  readonly kind: string;
  /** Human-readable name for chart legends. */
  readonly name: string;
  /** Number of parameters. */
  readonly dim: number;
  /** Objective value at `p`. */
  loss(p: Vector): number;
  /**
   * Writes ∇f(p) into `grad` and returns f(p). Loss and gradient come together because
   * most problems (regression in particular) share the residual computation.
   */
  evaluate(p: Vector, grad: Vector): number;
  /** Writes the Hessian at `p` into `out` (row-major, dim × dim), when defined. */
  hessian?(p: Vector, out: Vector): void;
  /**
   * Known local minimisers, the global one first. Used to detect overshoot
   * (a parameter crossing the minimum) and "stuck in a local minimum".
   */
  readonly minimizers?: readonly Vector[];
  /** Global minimum value of the objective, when known. */
  readonly minLoss?: number;
  /** Scalar form of a 1-D problem; enables the runner's fast path. */
  readonly scalar?: ScalarFunction;
  /** Number of samples for data-fitting problems (enables mini-batches). */
  readonly samples?: number;
  /**
   * Writes the mini-batch gradient over `indices[0..count)` into `grad`, returns the
   * mini-batch loss. Must equal {@link Problem.evaluate} when the batch is the full data set.
   */
  batchEvaluate?(p: Vector, indices: Int32Array, count: number, grad: Vector): number;
}

/**
 * One optimizer step: updates `params` in place given the gradient `grad` (not modified)
 * and the learning rate `lr` for this step (supplied by the schedule).
 */
export type OptimizerStep = (params: Vector, grad: Vector, lr: number) => void;

/**
 * An optimizer definition: hyperparameters plus a factory for fresh state.
 *
 * The definition itself is stateless and reusable; {@link Optimizer.init} returns a
 * stateful step function (state lives in its closure), so a sweep can restart cleanly.
 */
export interface Optimizer<Options = unknown> {
  /** Discriminant: `'sgd'`, `'adagrad'`, `'rmsprop'`, `'adam'`, `'adamw'`. */
  readonly kind: string;
  /** Human-readable label, e.g. `"SGD (momentum 0.9)"`. */
  readonly label: string;
  /** PyTorch's default learning rate for this optimizer, used when no schedule is given. */
  readonly defaultLr: number;
  /** The resolved hyperparameters (defaults filled in). */
  readonly options: Readonly<Options>;
  /** Creates fresh optimizer state for a parameter vector of length `dim`. */
  init(dim: number): OptimizerStep;
}

/** Description attached to schedules so charts and the runner can recognise them. */
export interface ScheduleInfo {
  /** Schedule family, e.g. `'constant'`, `'step'`, `'cosine'`, `'warmup'`. */
  readonly kind: string;
  /** Rate at step 0 of the underlying schedule (η₀). */
  readonly initial: number;
}

/**
 * A learning-rate schedule: step index t (0 for the first update) → learning rate.
 * The attached {@link ScheduleInfo} lets the runner hoist constant rates out of loops.
 */
export interface Schedule {
  (t: number): number;
  /** Metadata about the schedule. */
  readonly info: ScheduleInfo;
}
