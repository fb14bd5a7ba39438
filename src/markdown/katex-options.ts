import type { KatexOptions } from 'katex';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

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
 */
export const katexOptions: KatexOptions = {
  output: 'htmlAndMathml',
  strict: 'warn',
  macros: {
    '\\R': '\\mathbb{R}',
  },
};

const macrosByCourseFile = new Map<string, { mtimeMs: number; macros: Record<string, string> }>();

/**
 * The `macros` of the course a file belongs to: those of the nearest course.yaml above it (a course's
 * own `\vect`, `\m`, …, as its authors wrote them in their old book's preamble). Empty when the file is
 * in no course or the course defines none. Read again only when the file changes; the schema (src/content/schema.ts)
 * checks the field, so a malformed value here is ignored rather than reported twice.
 */
export function courseMacrosFor(filePath: string | undefined): Record<string, string> {
  if (!filePath) return {};
  let dir = dirname(resolve(filePath));
  for (;;) {
    const course = join(dir, 'course.yaml');
    const mtimeMs = statSync(course, { throwIfNoEntry: false })?.mtimeMs;
    if (mtimeMs !== undefined) {
      // Keyed by modification time too, so `astro dev` picks up an edited course.yaml.
      const known = macrosByCourseFile.get(course);
      if (known?.mtimeMs === mtimeMs) return known.macros;
      const macros: Record<string, string> = {};
      try {
        const value = (parse(readFileSync(course, 'utf8')) as { macros?: unknown } | null)?.macros;
        if (value && typeof value === 'object') {
          for (const [name, body] of Object.entries(value)) if (typeof body === 'string') macros[name] = body;
        }
      } catch {
        // Invalid YAML: the course validator reports it with its line.
      }
      macrosByCourseFile.set(course, { mtimeMs, macros });
      return macros;
    }
    const parent = dirname(dir);
    if (parent === dir) return {};
    dir = parent;
  }
}

/** `options` with the macros of the course `filePath` is in added (the course's win over the built-in ones). */
export function katexOptionsFor(filePath: string | undefined, options: KatexOptions = katexOptions): KatexOptions {
  const course = courseMacrosFor(filePath);
  if (Object.keys(course).length === 0) return options;
  return { ...options, macros: { ...options.macros, ...course } };
}
