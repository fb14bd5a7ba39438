import type { Options } from 'temml';

/**
 * One set of Temml options for lesson bodies and quiz prompts, so math looks the same everywhere.
 *
 * Math is MathML only, written by Temml (a KaTeX fork that targets MathML Core and works around what Chromium's
 * MathML lacks: primes, bold symbols, enclosures), drawn with Latin Modern Math served by the site
 * (src/styles/math.css). Chosen on evidence for issue 18 (`node bench/math-engines.ts dist`, bench/RESULTS.md): KaTeX's
 * HTML tree was ~280 KB and most of the ~16,000 elements of lesson 1.2.38; KaTeX's own MathML output loses bold
 * (`mathvariant` is not in MathML Core) and draws primes as specks, Temml's does neither.
 *
 * `wrap: 'tex'`: an inline formula may break after a relation or an operator, as TeX breaks it (Temml splits it
 * into pieces that its sheet lays out as a wrapping row), so a long one never runs past a phone's screen. Temml does
 * that only without an `<annotation>`, so the build keeps each formula's TeX in a `data-tex` attribute instead
 * (math-cache.ts), which the search index reads (search-document.ts).
 * Pure data: the formula preview (src/client/quiz/formula.ts) carries it into the browser. A course's own macros are
 * read from its course.yaml by course-macros.ts, which is Node only.
 */
export const mathOptions: Options = {
  wrap: 'tex',
  macros: {
    '\\R': '\\mathbb{R}',
  },
};
