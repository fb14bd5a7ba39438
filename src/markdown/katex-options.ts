import type { KatexOptions } from 'katex';

/**
 * One set of KaTeX options for lesson bodies and quiz prompts, so math looks the same everywhere.
 *
 * `htmlAndMathml`, not MathML only, on evidence (`node bench/katex-modes.ts`, bench/katex-modes.png,
 * bench/RESULTS.md): MathML only saves 21 % of a generated lesson's gzip HTML (28.5 → 22.4 KB) and 15 % of
 * 1.2.38's, but Chromium then draws with whatever math font the system has; without an OpenType MATH font
 * (the default here) matrices lose their stretched brackets, display sums and fractions shrink and primes
 * turn into specks, and even with one the primes stay tiny and every formula changes typeface. KaTeX's HTML
 * looks the same everywhere with its own fonts; the MathML beside it stays for screen readers. Re-measured for
 * issue 18 with Latin Modern Math served as a web font (bench/RESULTS.md, bench/katex-modes-latin-modern.png):
 * MathML only would take 1.2.38 from 1,028 to 579 KB, but primes, fences and script spacing still render worse,
 * so the switch waits for a MathML clean-up step; it stays this one option for lessons and quizzes alike.
 *
 * Pure data: the formula preview (src/client/quiz/formula.ts) carries it into the browser. A course's own
 * macros are read from its course.yaml by course-macros.ts, which is Node only.
 */
export const katexOptions: KatexOptions = {
  output: 'htmlAndMathml',
  strict: 'warn',
  macros: {
    '\\R': '\\mathbb{R}',
  },
};
