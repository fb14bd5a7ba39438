/**
 * Loss against step for several runs (one per learning rate), on a log loss axis.
 *
 * A run that diverges ends at its last recorded (finite) state with a marker and a label,
 * never with a line off to infinity; a loss of exactly 0 (the minimum hit in one step),
 * which a log axis cannot show, ends the curve with a marker and a label too.
 *
 * @packageDocumentation
 */
import { finiteOrThrow } from './finite';
import { textWidth } from './text-width';
import { COLOR, LOG_LABELS, PALETTE, SIZE, chartConfig, logAxis } from './theme';
import type { ChartSpec, Layer, LayerView, Row } from './types';

/** How a curve ends, when that needs saying on the chart. */
export interface CurveEnding {
  /** `'diverged'`: marker in the danger colour; `'exact'`: the loss hit exactly 0 (the minimum). */
  readonly kind: 'diverged' | 'exact';
  /** Label beside the marker, e.g. "diverges: ×1.44 per step". */
  readonly text: string;
}

/** One loss curve. */
export interface LossRun {
  /** Legend entry, e.g. "η = 0.1". */
  readonly label: string;
  /** Loss at states 0, 1, …; must be finite (the runner guarantees it). */
  readonly loss: ArrayLike<number>;
  /** How the curve ends, when it matters. */
  readonly ending?: CurveEnding;
  /** Colour of the curve (default: by position in the palette). */
  readonly color?: string;
}

/** Options of {@link lossCurvesSpec}. */
export interface LossCurvesOptions {
  readonly title: string;
  readonly description: string;
  readonly runs: readonly LossRun[];
  /** Axis title of the steps (default "step"). */
  readonly stepTitle?: string;
  /** Axis title of the loss (default "loss (log scale)"). */
  readonly lossTitle?: string;
  readonly width?: number;
  readonly height?: number;
}

/** The data of the chart, as named datasets (the live chart replaces them in place). */
export interface LossCurvesData {
  /** One row per (run, step) with positive loss: run, step, loss. */
  readonly lossLines: Row[];
  /** One row per run with an ending: run, step, loss, text, kind. */
  readonly lossEnds: Row[];
}

/**
 * The rows of the chart. Zero losses are left out (a log axis has no place for them) and
 * replaced by an `'exact'` ending at the last positive loss when the run has none.
 *
 * @param runs - The curves.
 */
export function lossCurvesData(runs: readonly LossRun[]): LossCurvesData {
  const lossLines: Row[] = [];
  const lossEnds: Row[] = [];
  for (const run of runs) {
    let last: Row | undefined;
    let reachedZero = false;
    for (let t = 0; t < run.loss.length; t++) {
      const loss = finiteOrThrow(run.loss[t] as number, `${run.label}, loss at step ${t}`);
      if (loss <= 0) {
        reachedZero = true;
        break;
      }
      last = { run: run.label, step: t, loss };
      lossLines.push(last);
    }
    const ending = run.ending ?? (reachedZero ? { kind: 'exact' as const, text: 'loss 0: at the minimum' } : undefined);
    if (ending && last) lossEnds.push({ ...last, text: ending.text, kind: ending.kind });
  }
  return { lossLines, lossEnds };
}

/** The parameter a live explorer's spec holds its run's step budget in (the loss panel's step axis runs to it). */
export const STEP_BUDGET = 'stepBudget';

/** At most this many labelled powers of ten on a fixed loss axis (every k-th decade beyond). */
const FIXED_LOSS_TICKS = 6;

/** Powers of ten every k-th decade across `[lo, hi]`, k chosen so that there are at most {@link FIXED_LOSS_TICKS}. */
export function decadeTicks(lo: number, hi: number): number[] {
  const from = Math.ceil(Math.log10(lo) - 1e-9);
  const to = Math.floor(Math.log10(hi) + 1e-9);
  const every = Math.max(1, Math.ceil((to - from + 1) / FIXED_LOSS_TICKS));
  const ticks: number[] = [];
  for (let k = Math.ceil(from / every) * every; k <= to; k += every) ticks.push(Number(`1e${k}`));
  return ticks;
}

/**
 * A log axis on a fixed domain, its extent fixed too: the layout then depends on no text measurement, so the page's
 * canvas (measured in the browser's fonts) comes out the size of the build's picture (measured by estimate).
 */
function fixedLossAxis(domain: readonly [number, number]) {
  const values = decadeTicks(...domain);
  // LOG_LABELS's text: plain from 0.001 to 9999, else 1e-8.
  const label = (v: number) => (v >= 0.001 && v < 10000 ? String(v) : `1e${Math.round(Math.log10(v))}`);
  // The widest label with room for the wider fonts (a fifth), the tick (5 px) and its padding (2 px).
  const extent = Math.ceil(Math.max(...values.map((v) => textWidth(label(v), 11))) * 1.2) + 7;
  return { labelExpr: LOG_LABELS, values, minExtent: extent, maxExtent: extent };
}

/**
 * The layers of a loss-curves panel reading the named datasets `lossLines` and `lossEnds`
 * (shared with the live explorer, which puts this panel beside a path).
 *
 * A live explorer fixes both axes, so that a change of rate redraws only the curves (data-driven scales re-laid
 * the axes, and the panel, on every change): the loss over `lossDomain` (the range of the explorer's runs over all
 * its settings) and the steps from 0 to the value of the `stepBudget` parameter (the run's budget, which only the
 * steps control changes).
 *
 * @param runLabels - Run labels in legend order (fixes the colours).
 * @param options - Axis titles and size; the fixed domains, if any.
 */
export function lossCurvesPanel(
  runLabels: readonly string[],
  options: {
    stepTitle?: string;
    lossTitle?: string;
    width: number;
    height: number;
    legend?: boolean;
    colors?: readonly string[];
    title?: string;
    lossDomain?: readonly [number, number];
    stepBudget?: string;
  },
): LayerView {
  const color = {
    field: 'run',
    type: 'nominal' as const,
    scale: { domain: [...runLabels], range: [...(options.colors ?? PALETTE)].slice(0, Math.max(1, runLabels.length)) },
    legend: options.legend === false ? null : { orient: 'top' as const, title: null, direction: 'horizontal' as const },
  };
  const x = {
    field: 'step',
    type: 'quantitative' as const,
    title: options.stepTitle ?? 'step',
    axis: { tickMinStep: 1 },
    ...(options.stepBudget ? { scale: { domain: [0, { expr: options.stepBudget }] } } : {}),
  };
  const lossDomain = options.lossDomain;
  const y = {
    field: 'loss',
    type: 'quantitative' as const,
    title: options.lossTitle ?? 'loss (log scale)',
    scale: lossDomain ? { type: 'log' as const, domain: [...lossDomain], nice: false } : { type: 'log' as const },
    axis: lossDomain ? fixedLossAxis(lossDomain) : logAxis,
  };
  const line: Layer = { data: { name: 'lossLines' }, mark: { type: 'line', interpolate: 'linear' }, encoding: { x, y, color } };
  const ends: Layer = {
    data: { name: 'lossEnds' },
    mark: { type: 'point', shape: 'triangle-up', size: 110, filled: true, strokeWidth: 1, stroke: 'currentColor' },
    encoding: {
      x,
      y,
      color: { condition: { test: "datum.kind === 'diverged'", value: COLOR.danger }, value: COLOR.good },
      shape: { condition: { test: "datum.kind === 'diverged'", value: 'triangle-up' }, value: 'diamond' },
    },
  };
  const labels: Layer = {
    data: { name: 'lossEnds' },
    // Inside the plot: a diverged run ends at its largest loss, the top, so its label goes below the marker; a run that
    // reached the minimum ends at the bottom, its label above. A label above the top grew the panel, and a live chart
    // jumped by its height each time a setting made the run diverge.
    mark: {
      type: 'text',
      align: 'right',
      dx: -9,
      dy: { expr: "datum.kind === 'diverged' ? 9 : -9" },
      baseline: { expr: "datum.kind === 'diverged' ? 'top' : 'bottom'" },
      fontWeight: 600,
    },
    encoding: { x, y, text: { field: 'text' } },
  };
  return {
    width: options.width,
    height: options.height,
    ...(options.title ? { title: { text: options.title, fontSize: 12, fontWeight: 500 } } : {}),
    layer: [line, ends, labels],
  };
}

/**
 * Loss against step for several runs on a log loss axis.
 *
 * @param options - Title, description, runs, axis titles, size.
 */
export function lossCurvesSpec(options: LossCurvesOptions): ChartSpec {
  const data = lossCurvesData(options.runs);
  const panel = lossCurvesPanel(
    options.runs.map((r) => r.label),
    {
      width: options.width ?? SIZE.wide.width,
      height: options.height ?? SIZE.wide.height,
      colors: options.runs.map((r, i) => r.color ?? (PALETTE[i % PALETTE.length] as string)),
      ...(options.stepTitle ? { stepTitle: options.stepTitle } : {}),
      ...(options.lossTitle ? { lossTitle: options.lossTitle } : {}),
    },
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    description: options.description,
    config: chartConfig,
    datasets: { ...data },
    ...panel,
  };
}
