/**
 * Eigenvalues of small symmetric matrices (Hessians of the course's problems).
 *
 * @packageDocumentation
 */

/**
 * Eigenvalues of the symmetric 2 × 2 matrix [[a, b], [b, d]], ascending, in closed form:
 * λ = (a + d)/2 ± √(((a − d)/2)² + b²). The smaller-magnitude one is recovered as
 * det/λ_other to avoid cancellation when the matrix is ill-conditioned.
 *
 * @returns [λmin, λmax]
 */
export function symmetricEigenvalues2x2(a: number, b: number, d: number): [number, number] {
  const mean = (a + d) / 2;
  const r = Math.hypot((a - d) / 2, b);
  const det = a * d - b * b;
  if (mean >= 0) {
    const hi = mean + r;
    const lo = hi !== 0 ? det / hi : 0;
    return [Math.min(lo, hi), Math.max(lo, hi)];
  }
  const lo = mean - r;
  const hi = det / lo;
  return [Math.min(lo, hi), Math.max(lo, hi)];
}

/** Eigen-decomposition returned by {@link symmetricEigen}. */
export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  readonly values: Float64Array;
  /** Unit eigenvectors, row-major n × n: row i is the eigenvector of values[i]. */
  readonly vectors: Float64Array;
}

/**
 * Eigenvalues and eigenvectors of a symmetric n × n matrix by the cyclic Jacobi method
 * (robust and accurate to machine precision; cost O(n³) per sweep, fine for the small
 * Hessians here).
 *
 * @param matrix - Row-major n × n, symmetric (only the upper triangle is read).
 * @param n - Dimension.
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): SymmetricEigen {
  if (matrix.length !== n * n) throw new RangeError('matrix must have n² entries');
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = matrix[i * n + j] as number;
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  }
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  const at = (i: number, j: number) => A[i * n + j] as number;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = at(i, j) * at(i, j);
        total += v;
        if (i !== j) off += v;
      }
    }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = at(p, q);
        if (apq === 0) continue;
        // Rotation angle that zeroes A[p][q] (Golub & Van Loan, Algorithm 8.4.1).
        const theta = (at(q, q) - at(p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = at(k, p);
          const akq = at(k, q);
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = at(p, k);
          const aqk = at(q, k);
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p] as number;
          const vkq = V[k * n + q] as number;
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => at(i, i) - at(j, j));
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((col, r) => {
    values[r] = at(col, col);
    for (let k = 0; k < n; k++) vectors[r * n + k] = V[k * n + col] as number;
  });
  return { values, vectors };
}

/**
 * Eigenvalues of a symmetric n × n matrix, ascending: closed form for n ≤ 2, Jacobi beyond.
 *
 * @param matrix - Row-major n × n, symmetric.
 * @param n - Dimension (default √length).
 */
export function symmetricEigenvalues(matrix: ArrayLike<number>, n: number = Math.round(Math.sqrt(matrix.length))): Float64Array {
  if (matrix.length !== n * n) throw new RangeError('matrix must have n² entries');
  if (n === 1) return Float64Array.of(matrix[0] as number);
  if (n === 2) return Float64Array.from(symmetricEigenvalues2x2(matrix[0] as number, matrix[1] as number, matrix[3] as number));
  return symmetricEigen(matrix, n).values;
}
