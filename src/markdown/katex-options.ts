import type { KatexOptions } from 'katex';

/**
 * One set of KaTeX options for lesson bodies and quiz prompts, so math looks the same everywhere.
 *
 * `htmlAndMathml`, not MathML only, on evidence (`node bench/katex-modes.ts`, bench/katex-modes.png,
 * bench/RESULTS.md): MathML only saves 21 % of a generated lesson's gzip HTML (28.5 → 22.4 KB) and 15 % of
 * 1.2.38's, but Chromium then draws with whatever math font the system has; without an OpenType MATH font
 * (the default here) matrices lose their stretched brackets, display sums and fractions shrink and primes
 * turn into specks, and even with one the primes stay tiny and every formula changes typeface. KaTeX's HTML
 * looks the same everywhere with its own fonts; the MathML beside it stays for screen readers.
 */
export const katexOptions: KatexOptions = {
  output: 'htmlAndMathml',
  strict: 'warn',
  macros: {
    '\\R': '\\mathbb{R}',
  },
};
