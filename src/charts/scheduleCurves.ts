/**
 * Learning-rate schedules: rate against step (or epoch), one small panel per schedule so
 * that each shape reads on its own.
 *
 * Rates are drawn as steps ("step-after"): a schedule holds its rate for a whole step, and
 * the staircase of step decay is then exactly what the chart shows.
 *
 * @packageDocumentation
 */
import { finiteOrThrow } from './finite';
import { PALETTE, chartConfig } from './theme';
import type { ChartSpec, Row } from './types';

/** One schedule's rates. */
export interface ScheduleSeries {
  /** Panel title, e.g. "step decay (×0.5 every 10 epochs)". */
  readonly label: string;
  /** Rate at steps 0, 1, … */
  readonly rates: ArrayLike<number>;
}

/** Options of {@link scheduleCurvesSpec}. */
export interface ScheduleCurvesOptions {
  readonly title: string;
  readonly description: string;
  readonly series: readonly ScheduleSeries[];
  /** Axis title of the steps (default "epoch"). */
  readonly stepTitle?: string;
  /** Panels per row (default 2). */
  readonly columns?: number;
  /** Size of one panel. */
  readonly width?: number;
  readonly height?: number;
}

/**
 * Rows (schedule, step, rate).
 *
 * @param series - The schedules.
 */
export function scheduleRows(series: readonly ScheduleSeries[]): Row[] {
  return series.flatMap((s) =>
    Array.from({ length: s.rates.length }, (_, t) => ({
      schedule: s.label,
      step: t,
      rate: finiteOrThrow(s.rates[t] as number, `${s.label}, rate at step ${t}`),
    })),
  );
}

/**
 * Small multiples of learning-rate schedules on shared axes.
 *
 * @param options - Title, description, schedules.
 */
export function scheduleCurvesSpec(options: ScheduleCurvesOptions): ChartSpec {
  const labels = options.series.map((s) => s.label);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    description: options.description,
    config: chartConfig,
    data: { name: 'schedules', values: scheduleRows(options.series) },
    facet: { field: 'schedule', type: 'nominal', title: null, sort: labels, header: { labelAnchor: 'start', labelFontWeight: 500 } },
    columns: options.columns ?? 2,
    spacing: { row: 12, column: 24 },
    spec: {
      width: options.width ?? 250,
      height: options.height ?? 120,
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: options.stepTitle ?? 'epoch', axis: { tickMinStep: 1 } },
        y: { field: 'rate', type: 'quantitative', title: 'learning rate', scale: { zero: true } },
        color: { field: 'schedule', type: 'nominal', scale: { domain: labels, range: [...PALETTE] }, legend: null },
      },
    },
  };
}
