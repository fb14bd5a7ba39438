/**
 * Which catalog charts a build must serve as files (/charts/<name>.<hash>.svg, src/pages/charts/[file].svg.ts, and
 * a live chart's compiled .vega.json and .expr.js): those a lesson names, and those an explorer task in a lesson is
 * done on (`<ExplorerTask task="…" />` names only its task). Rendering every catalog chart cost every build the
 * charts no lesson shows (8 of 16 for a small course; ~0.5 CPU s, bench/RESULTS.md), and compiling the three live
 * charts for a course that shows none of them cost a small course's build about as much again. Pure: the texts come
 * from the caller.
 *
 * @packageDocumentation
 */
import { BOWL_TASKS, isBowlTask } from './bowlExplorerTasks';
import { EXPLORER_TASKS } from './explorerTasks';

/** The live chart an explorer task is done on unless its `chart` says otherwise: a bowl task's bowl, else the x² explorer. */
export function explorerTaskChart(task: string): string {
  return isBowlTask(task) ? BOWL_TASKS[task].chart : 'x2-explorer';
}

/** Every explorer task a lesson can name. */
export const explorerTaskNames: readonly string[] = [...Object.keys(EXPLORER_TASKS), ...Object.keys(BOWL_TASKS)];

/** The names among `names` that occur in `all` as a whole name (not inside a longer one: `x2-paths` is not `x2-paths-wide`). */
function namesIn(all: string, names: readonly string[]): string[] {
  return names.filter((name) => {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`).test(all);
  });
}

/**
 * The names among `names` that occur in any of `texts` as a whole name, plus the chart of every explorer task that
 * occurs so (if it is among `names`). Prose that mentions a chart's or a task's name makes a chart served too, which
 * costs a render and breaks nothing; a lesson's `<Chart name="…" />` always names it.
 */
export function usedChartNames(texts: readonly string[], names: readonly string[]): Set<string> {
  const all = texts.join('\n');
  const taskCharts = namesIn(all, explorerTaskNames).map(explorerTaskChart);
  return new Set([...namesIn(all, names), ...taskCharts.filter((name) => names.includes(name))]);
}
