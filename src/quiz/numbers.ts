/**
 * Reading a number a learner typed. Accepted: `0.5`, `.5`, `5.`, `5e-1`, `-12`, `−12` (a typographic
 * minus), `+3`, full-width digits (after NFKC) and a fraction of two whole numbers `1/40`.
 * Refused with a reason, never guessed: commas (`1,000` is a thousand to some and one to others),
 * spaces inside the number, words, `Infinity`, and numbers too large for a double.
 */
export type ParsedNumber = { value: number } | { error: string };

const decimal = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const fraction = /^([+-]?\d+)\s*\/\s*(\d+)$/;

export function parseNumber(input: string): ParsedNumber {
  const text = input
    .normalize('NFKC')
    .trim()
    .replace(/\u2212/g, '-');
  if (text === '') return { error: 'Enter a number first.' };
  if (text.includes(',')) {
    return { error: 'Use a dot for decimals and no thousands separators: write 0.5 or 1000, not 0,5 or 1,000.' };
  }
  let value: number;
  if (decimal.test(text)) {
    value = Number(text);
  } else {
    const parts = fraction.exec(text);
    if (!parts) return { error: 'That is not a number. Write it like 6.4, -12, .5, 5e-3 or 1/40.' };
    const denominator = Number(parts[2]);
    if (denominator === 0) return { error: 'A fraction cannot have 0 below the line.' };
    value = Number(parts[1]) / denominator;
  }
  if (!Number.isFinite(value)) return { error: 'That number is too large to work with.' };
  // -0 and 0 are the same answer; keep stored responses and messages free of "-0".
  return { value: value === 0 ? 0 : value };
}

/** Relative agreement demanded when a question states no tolerance: about nine significant digits. */
export const defaultRelativeTolerance = 1e-9;

/**
 * Is `value` within tolerance of `answer`? The boundary counts as inside, with a few units in the
 * last place of slack so that typing exactly `answer + tolerance` (0.3 + 0.1 = 0.4) is not lost to
 * binary rounding of the decimals involved.
 */
export function withinTolerance(
  value: number,
  answer: number,
  tolerance: { absolute?: number; relative?: number },
): boolean {
  const stated = tolerance.absolute !== undefined || tolerance.relative !== undefined;
  const allowed = stated
    ? Math.max(tolerance.absolute ?? 0, (tolerance.relative ?? 0) * Math.abs(answer))
    : defaultRelativeTolerance * Math.abs(answer);
  const rounding = 4 * Number.EPSILON * Math.max(Math.abs(value), Math.abs(answer), allowed);
  return Math.abs(value - answer) <= allowed + rounding;
}
