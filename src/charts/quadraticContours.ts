/**
 * Contour lines of a 2-D quadratic loss, for drawing paths over the loss surface.
 *
 * The level set {p : ½(p − c)ᵀH(p − c) + f* = ℓ} of a positive-definite H is an ellipse
 * with semi-axes √(2(ℓ − f*)/λᵢ) along the eigenvectors of H, so the contours are exact
 * curves rather than marching-squares approximations of a sampled grid. (Data shaping only:
 * the eigen-decomposition is the simulation module's.)
 *
 * @packageDocumentation
 */
import { symmetricEigen } from '../sim/analysis/eigen';
import type { Row } from './types';

/** Points per contour; enough for a smooth ellipse at chart size. */
const POINTS_PER_CONTOUR = 97;

/** The quadratic whose contours are drawn. */
export interface QuadraticSurface {
  /** Hessian H, row-major 2 × 2, positive definite. */
  readonly hessian: ArrayLike<number>;
  /** The minimiser c. */
  readonly center: ArrayLike<number>;
  /** The minimum value f* (default 0). */
  readonly minLoss?: number;
}

/**
 * Contour levels spaced by a constant factor in the gap above the minimum, from `highest`
 * down: f* + (highest − f*)·ratio^k, k = 0 … count − 1.
 *
 * @param minLoss - f*.
 * @param highest - The first (outermost) level.
 * @param count - Number of levels.
 * @param ratio - Factor between consecutive gaps (default 1/4).
 */
export function geometricLevels(minLoss: number, highest: number, count: number, ratio: number = 0.25): number[] {
  const levels: number[] = [];
  for (let k = 0; k < count; k++) levels.push(minLoss + (highest - minLoss) * ratio ** k);
  return levels;
}

/**
 * Rows (level, index, x, y) tracing each contour as a closed polyline.
 *
 * @param surface - Hessian, centre and minimum.
 * @param levels - Loss values of the contours (levels at or below f* are skipped).
 */
export function quadraticContourRows(surface: QuadraticSurface, levels: readonly number[]): Row[] {
  const { values, vectors } = symmetricEigen(surface.hessian, 2);
  const l1 = values[0] as number;
  const l2 = values[1] as number;
  if (!(l1 > 0 && l2 > 0)) throw new RangeError('contours need a positive-definite Hessian');
  const cx = surface.center[0] as number;
  const cy = surface.center[1] as number;
  const fStar = surface.minLoss ?? 0;
  // Rows of `vectors` are the unit eigenvectors (for λ1, then λ2).
  const e1 = [vectors[0] as number, vectors[1] as number];
  const e2 = [vectors[2] as number, vectors[3] as number];
  const rows: Row[] = [];
  for (const level of levels) {
    const gap = level - fStar;
    if (!(gap > 0)) continue;
    const a = Math.sqrt((2 * gap) / l1);
    const b = Math.sqrt((2 * gap) / l2);
    for (let i = 0; i < POINTS_PER_CONTOUR; i++) {
      // The last point repeats the first, closing the ellipse.
      const t = (2 * Math.PI * i) / (POINTS_PER_CONTOUR - 1);
      const u = a * Math.cos(t);
      const v = b * Math.sin(t);
      rows.push({ level, index: i, x: cx + u * (e1[0] as number) + v * (e2[0] as number), y: cy + u * (e1[1] as number) + v * (e2[1] as number) });
    }
  }
  return rows;
}
