/**
 * Tiny vector helpers shared by the runner and the analysis functions.
 *
 * @packageDocumentation
 */
import type { Vector } from './types';

/**
 * Copies a number or array-like into a fresh {@link Vector}.
 *
 * @param x - A scalar (1-D problem) or the coordinates.
 */
export function toVector(x: number | ArrayLike<number>): Vector {
  if (typeof x === 'number') return Float64Array.of(x);
  return Float64Array.from(x);
}

/**
 * Euclidean norm ‖v‖₂, robust to overflow: when the plain sum of squares overflows but the
 * components are finite, it rescales by the largest magnitude so a finite vector never
 * reports an infinite norm.
 *
 * @param v - Vector (only the first `n` entries are used).
 * @param n - Number of entries (default `v.length`).
 */
export function norm2(v: ArrayLike<number>, n: number = v.length): number {
  if (n === 1) return Math.abs(v[0] as number);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i] as number;
    sum += x * x;
  }
  if (sum < Infinity) return Math.sqrt(sum);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(v[i] as number));
  if (!(scale < Infinity)) return scale;
  sum = 0;
  for (let i = 0; i < n; i++) {
    const x = (v[i] as number) / scale;
    sum += x * x;
  }
  return scale * Math.sqrt(sum);
}

/**
 * Largest absolute entry, max_i |v_i| (the ∞-norm).
 *
 * @param v - Vector.
 */
export function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i] as number);
    // `!(a <= m)` also lets NaN through, so a NaN entry is never hidden.
    if (!(a <= m)) m = a;
  }
  return m;
}

/**
 * Evenly spaced points on a log scale from `min` to `max` inclusive (both exact).
 *
 * @param min - First value (> 0).
 * @param max - Last value (> 0).
 * @param count - Number of points (≥ 1).
 */
export function logSpace(min: number, max: number, count: number): Float64Array {
  if (!(min > 0 && max > 0)) throw new RangeError('logSpace needs positive bounds');
  const out = new Float64Array(count);
  if (count === 0) return out;
  const l0 = Math.log(min);
  const dl = count > 1 ? (Math.log(max) - l0) / (count - 1) : 0;
  for (let i = 0; i < count; i++) out[i] = Math.exp(l0 + i * dl);
  out[0] = min;
  if (count > 1) out[count - 1] = max;
  return out;
}

/**
 * Evenly spaced points from `min` to `max` inclusive.
 *
 * @param min - First value.
 * @param max - Last value.
 * @param count - Number of points (≥ 1).
 */
export function linSpace(min: number, max: number, count: number): Float64Array {
  const out = new Float64Array(count);
  const d = count > 1 ? (max - min) / (count - 1) : 0;
  for (let i = 0; i < count; i++) out[i] = min + i * d;
  if (count > 1) out[count - 1] = max;
  return out;
}
