/**
 * Error of numerical approximations against their step size h, log-log: the V shape of
 * finite differences, where truncation error falls with h and round-off error rises as
 * h shrinks. Each series' smallest error is marked and labelled.
 *
 * @packageDocumentation
 */
import { finiteOrThrow } from './finite';
import { formatNumber } from './format';
import { INK, PALETTE, SIZE, chartConfig, logAxis, powersOfTen } from './theme';
import type { ChartSpec, Layer, Row } from './types';

/** One method's errors. */
export interface ErrorSeries {
  /** Legend entry, e.g. "forward difference". */
  readonly label: string;
  /** Step sizes h (> 0). */
  readonly steps: ArrayLike<number>;
  /** Absolute errors at those steps (≥ 0; exact zeros cannot sit on a log axis and are left out). */
  readonly errors: ArrayLike<number>;
  /** Where the label of the smallest error goes, below the point (default right of it). */
  readonly labelSide?: 'left' | 'right' | 'center';
}

/** Options of {@link errorVsStepSpec}. */
export interface ErrorVsStepOptions {
  readonly title: string;
  readonly description: string;
  readonly series: readonly ErrorSeries[];
  /** Axis titles (default "step h (log scale)" and "absolute error (log scale)"). */
  readonly stepTitle?: string;
  readonly errorTitle?: string;
  readonly width?: number;
  readonly height?: number;
}

/** The data of the chart. */
export interface ErrorVsStepData {
  /** method, h, error (error > 0). */
  readonly errors: Row[];
  /** The smallest error of each method: method, h, error, side, text. */
  readonly minima: Row[];
}

/**
 * Rows for the chart and the minimum of each series.
 *
 * @param series - The methods.
 */
export function errorVsStepData(series: readonly ErrorSeries[]): ErrorVsStepData {
  const errors: Row[] = [];
  const minima: Row[] = [];
  for (const s of series) {
    let best: Row | undefined;
    for (let i = 0; i < s.steps.length; i++) {
      const h = finiteOrThrow(s.steps[i] as number, `${s.label}, h #${i}`);
      const error = finiteOrThrow(s.errors[i] as number, `${s.label}, error at h = ${h}`);
      if (!(h > 0) || !(error > 0)) continue;
      const row = { method: s.label, h, error };
      errors.push(row);
      if (!best || error < (best.error as number)) best = row;
    }
    if (best) {
      minima.push({ ...best, side: s.labelSide ?? 'right', text: `smallest: ${formatNumber(best.error as number, 2)}\nat h = ${formatNumber(best.h as number, 2)}` });
    }
  }
  return { errors, minima };
}

/**
 * Error against step size, log-log, with each method's best step marked.
 *
 * @param options - Title, description, series.
 */
export function errorVsStepSpec(options: ErrorVsStepOptions): ChartSpec {
  const data = errorVsStepData(options.series);
  const labels = options.series.map((s) => s.label);
  const hs = data.errors.map((r) => r.h as number);
  const x = {
    field: 'h',
    type: 'quantitative' as const,
    title: options.stepTitle ?? 'step h (log scale)',
    scale: { type: 'log' as const },
    axis: { ...logAxis, values: powersOfTen(Math.min(...hs), Math.max(...hs)).filter((_, i) => i % 2 === 0) },
  };
  // Two decades of room below the smallest error, for the labels of the minima.
  const errors = data.errors.map((r) => r.error as number);
  const yDomain = [Math.min(...errors) / 100, Math.max(...errors) * 2];
  const y = {
    field: 'error',
    type: 'quantitative' as const,
    title: options.errorTitle ?? 'absolute error (log scale)',
    scale: { type: 'log' as const, domain: yDomain, nice: false },
    axis: { ...logAxis, values: powersOfTen(yDomain[0] as number, yDomain[1] as number).filter((_, i, all) => (all.length - 1 - i) % 2 === 0) },
  };
  const color = {
    field: 'method',
    type: 'nominal' as const,
    scale: { domain: labels, range: [...PALETTE] },
    legend: { orient: 'top' as const, title: null, direction: 'horizontal' as const },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    description: options.description,
    config: chartConfig,
    datasets: { ...data },
    width: options.width ?? SIZE.wide.width,
    height: options.height ?? SIZE.wide.height,
    layer: [
      { data: { name: 'errors' }, mark: { type: 'line', point: { size: 30, filled: true } }, encoding: { x, y, color } },
      {
        data: { name: 'minima' },
        mark: { type: 'point', shape: 'diamond', size: 160, filled: true, stroke: INK, strokeWidth: 1 },
        encoding: { x, y, color },
      },
      ...(['left', 'right', 'center'] as const).map(
        (side): Layer => ({
          data: { name: 'minima' },
          transform: [{ filter: { field: 'side', equal: side } }],
          mark: {
            type: 'text',
            align: side === 'left' ? 'right' : side === 'right' ? 'left' : 'center',
            baseline: 'top',
            dx: side === 'left' ? -10 : side === 'right' ? 10 : 0,
            dy: 10,
            fontWeight: 600,
            // Two short lines rather than one long one: the label stays within a phone-width plot.
            lineBreak: '\n',
          },
          encoding: { x, y, text: { field: 'text' } },
        }),
      ),
    ],
  };
}
