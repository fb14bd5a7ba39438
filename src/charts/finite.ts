/**
 * Guards that keep NaN and ±Infinity out of chart data: Vega would silently drop such rows
 * (or draw a line off the chart), so the builders refuse them loudly instead.
 *
 * @packageDocumentation
 */

/**
 * Returns `x` when it is finite, throws otherwise.
 *
 * @param x - The value.
 * @param what - Where it comes from, for the message.
 */
export function finiteOrThrow(x: number, what: string): number {
  if (!Number.isFinite(x)) throw new RangeError(`chart data must be finite: ${what} is ${x}`);
  return x;
}

/**
 * Every number in a JSON-like value that is not finite, as paths such as `datasets.lossLines[3].loss`.
 *
 * @param value - A spec, a dataset or a row.
 * @param path - Prefix of the reported paths.
 */
export function nonFiniteNumbers(value: unknown, path: string = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFiniteNumbers(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => nonFiniteNumbers(v, path ? `${path}.${k}` : k));
  }
  return [];
}
