/**
 * PyTorch's `lerp` kernel, so moving averages round exactly as `torch.optim` does.
 *
 * @packageDocumentation
 */

/**
 * start + w·(end − start), evaluated as PyTorch evaluates it: from the nearer end point
 * (for w ≥ 0.5 it computes end − (end − start)·(1 − w)).
 *
 * @param start - Current value.
 * @param end - Target value.
 * @param w - Weight in [0, 1].
 */
export function lerp(start: number, end: number, w: number): number {
  return w < 0.5 ? start + w * (end - start) : end - (end - start) * (1 - w);
}
