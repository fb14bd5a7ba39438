import { mulberry32 } from '../sim/random';
import type { ParamSpec } from './schema';

/**
 * Parameters of a parametrized question: drawing them from a seed, and writing them (and what a
 * generator computes from them) into the Markdown templates of the prompt and explanation.
 * Pure; used at build time (the page receives the variants already rendered).
 */

export type ParamValue = number | string;
export type ParamValues = Record<string, ParamValue>;

/** Decimal places of a number as written (0.05 → 2, 1e-3 → 3, 10 → 0). */
function decimalsOf(x: number): number {
  if (Number.isInteger(x)) return 0;
  const [mantissa = '', exponent] = x.toExponential().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/**
 * Every value a parameter can take, in order. A grid is `min, min + step, …, max`, rounded to the
 * decimals of min and step so 0.1 + 0.2 is 0.3, not 0.30000000000000004.
 */
export function paramValues(spec: ParamSpec): ParamValue[] {
  if ('choices' in spec) return [...spec.choices];
  if (spec.max < spec.min) return [];
  const decimals = Math.min(12, Math.max(decimalsOf(spec.min), decimalsOf(spec.step)));
  const count = Math.floor((spec.max - spec.min) / spec.step + 1e-9) + 1;
  return Array.from({ length: count }, (_, k) => Number((spec.min + k * spec.step).toFixed(decimals)));
}

/**
 * The parameters of variant `seed`: each drawn uniformly from its values by mulberry32(seed), in
 * the order the question declares them. Same seed, same parameters, on every engine.
 */
export function drawParams(params: Readonly<Record<string, ParamSpec>>, seed: number): ParamValues {
  const random = mulberry32(seed);
  const drawn: ParamValues = {};
  for (const [name, spec] of Object.entries(params)) {
    const values = paramValues(spec);
    drawn[name] = values[Math.floor(random() * values.length)] ?? Number.NaN;
  }
  return drawn;
}

/** Significant digits a value gets when the template does not say (`{x}` rather than `{x:3}`). */
export const defaultDigits = 6;

/**
 * A value as a reader writes it: at most `digits` significant digits with trailing zeros dropped,
 * scientific notation below 1e-4 and from 1e6 on. Inside math it is LaTeX (`1.5 \times 10^{-5}`),
 * in prose plain text with a typographic minus.
 */
export function formatParam(value: ParamValue, { math, digits = defaultDigits }: { math: boolean; digits?: number }): string {
  if (typeof value === 'string') return value;
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return `${value < 0 ? '-' : ''}${math ? '\\infty' : '∞'}`.replace('-', math ? '-' : '−');
  const rounded = Number(value.toPrecision(digits));
  const minus = rounded < 0 ? (math ? '-' : '−') : '';
  const a = Math.abs(rounded);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) {
    const [mantissa = '', exponent = '0'] = a.toExponential(digits - 1).split('e');
    const m = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    const e = String(Number(exponent));
    return math ? `${minus}${m} \\times 10^{${e}}` : `${minus}${m} × 10^${e}`;
  }
  return minus + String(a);
}

/** `{name}` or `{name:4}`: a placeholder. */
const placeholder = /\{([A-Za-z_$][A-Za-z0-9_$]*)(?::(\d{1,2}))?\}/g;
/** Display math, then inline math (a dollar sign escaped with a backslash is not math). */
const mathSpan = /\$\$[\s\S]*?\$\$|(?<!\\)\$(?:\\.|[^$\\\n])+\$/g;

export interface Interpolated {
  text: string;
  /** Placeholders outside math whose name is unknown: most likely a typo. */
  unknown: string[];
}

/**
 * Fill a Markdown template. Inside math only known names are replaced (`x_{t}` stays LaTeX unless
 * `t` is a parameter); outside math every `{name}` is a placeholder, and unknown ones are reported.
 */
export function interpolate(template: string, values: Readonly<Record<string, ParamValue>>): Interpolated {
  const unknown: string[] = [];
  const fill = (segment: string, math: boolean) =>
    segment.replace(placeholder, (whole, name: string, digits: string | undefined) => {
      if (!Object.hasOwn(values, name)) {
        if (!math) unknown.push(name);
        return whole;
      }
      return formatParam(values[name]!, { math, digits: digits === undefined ? undefined : Math.max(1, Number(digits)) });
    });
  let text = '';
  let from = 0;
  for (const match of template.matchAll(mathSpan)) {
    text += fill(template.slice(from, match.index), false) + fill(match[0], true);
    from = match.index + match[0].length;
  }
  text += fill(template.slice(from), false);
  return { text, unknown };
}

/** The names a template refers to, inside math or not (for "declared but never shown" checks). */
export function placeholderNames(template: string): string[] {
  return [...template.matchAll(placeholder)].map((m) => m[1]!);
}
