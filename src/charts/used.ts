/**
 * Which catalog charts a build must serve as files (/charts/<name>.<hash>.svg, src/pages/charts/[file].svg.ts):
 * those a lesson names, and the live charts, which components name for the lesson (an explorer task is done on
 * one, a prediction reveals one). Rendering every catalog chart cost every build the charts no lesson shows
 * (8 of 16 for a small course; ~0.5 CPU s, bench/RESULTS.md). Pure: the texts come from the caller.
 *
 * @packageDocumentation
 */

/**
 * The names among `names` that occur in any of `texts` as a whole name (not inside a longer one: `x2-paths` is
 * not `x2-paths-wide`), plus every one of `always`. Prose that mentions a chart's name makes it served too,
 * which costs a render and breaks nothing; a lesson's `<Chart name="…" />` always names it.
 */
export function usedChartNames(texts: readonly string[], names: readonly string[], always: Iterable<string> = []): Set<string> {
  const used = new Set(always);
  const all = texts.join('\n');
  for (const name of names) {
    if (used.has(name)) continue;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`).test(all)) used.add(name);
  }
  return used;
}
