/**
 * Number formatting for labels, descriptions and data tables (not for axes, which Vega formats).
 *
 * @packageDocumentation
 */

/**
 * A number as a reader would write it: up to `digits` significant digits, trailing zeros
 * dropped, scientific notation (1.5e-8) outside 1e-4 … 1e6, thousands separated by commas.
 *
 * @param x - Any number; NaN and ±Infinity are spelled out.
 * @param digits - Significant digits (default 3).
 */
export function formatNumber(x: number, digits: number = 3): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const sign = x < 0 ? '−' : '';
  if (a >= 1e6 || a < 1e-4) {
    const [mantissa = '', exponent = ''] = a.toExponential(digits - 1).split('e');
    const m = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    return `${sign}${m}e${exponent.replace('+', '')}`;
  }
  // String(Number(…)) drops trailing zeros; commas by hand, as toLocaleString is slow in V8.
  const [whole = '', fraction] = String(Number(a.toPrecision(digits))).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + (fraction === undefined ? grouped : `${grouped}.${fraction}`);
}

/**
 * Indices 0, k, 2k, … of a series of `n` values, always including the last one, with k chosen
 * so that about `target` indices remain: how the data tables summarise long runs.
 *
 * @param n - Length of the series.
 * @param target - Largest number of rows wanted (≥ 2).
 */
export function everyKth(n: number, target: number): { indices: number[]; k: number } {
  if (n <= 0) return { indices: [], k: 1 };
  const k = Math.max(1, Math.ceil((n - 1) / Math.max(1, target - 1)));
  const indices: number[] = [];
  for (let i = 0; i < n; i += k) indices.push(i);
  if (indices[indices.length - 1] !== n - 1) indices.push(n - 1);
  return { indices, k };
}

/** "every step", "every 2nd step", "every 3rd step", … */
export function everyKthPhrase(k: number, noun: string): string {
  if (k === 1) return `every ${noun}`;
  const suffix = k % 10 === 1 && k % 100 !== 11 ? 'st' : k % 10 === 2 && k % 100 !== 12 ? 'nd' : k % 10 === 3 && k % 100 !== 13 ? 'rd' : 'th';
  return `every ${k}${suffix} ${noun}`;
}
