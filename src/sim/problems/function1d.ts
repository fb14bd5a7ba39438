/**
 * Any 1-D objective given by f and f′.
 *
 * @packageDocumentation
 */
import type { Problem } from '../types';

/** Options of {@link function1D}. */
export interface Function1DOptions {
  /** Objective f(x). */
  readonly f: (x: number) => number;
  /** Derivative f′(x). */
  readonly df: (x: number) => number;
  /** Second derivative f″(x), if known (enables {@link Problem.hessian}). */
  readonly d2f?: (x: number) => number;
  /** Name for legends (default `'f'`). */
  readonly name?: string;
  /** Known local minimisers, global first (enables overshoot/local-minimum detection). */
  readonly minimizers?: readonly number[];
  /** Global minimum value, if known. */
  readonly minLoss?: number;
}

/**
 * Wraps a scalar function as a 1-parameter {@link Problem}. The runner drives it through the
 * scalar fast path when the optimizer is plain SGD.
 *
 * @param options - f, f′ and optional metadata.
 */
export function function1D(options: Function1DOptions): Problem {
  const { f, df, d2f } = options;
  const problem: Problem = {
    kind: 'function1d',
    name: options.name ?? 'f',
    dim: 1,
    loss: (p) => f(p[0] as number),
    evaluate: (p, grad) => {
      const x = p[0] as number;
      grad[0] = df(x);
      return f(x);
    },
    ...(d2f
      ? {
          hessian: (p: Float64Array, out: Float64Array) => {
            out[0] = d2f(p[0] as number);
          },
        }
      : {}),
    ...(options.minimizers ? { minimizers: options.minimizers.map((m) => Float64Array.of(m)) } : {}),
    ...(options.minLoss !== undefined ? { minLoss: options.minLoss } : {}),
    scalar: d2f ? { f, df, d2f } : { f, df },
  };
  return problem;
}
