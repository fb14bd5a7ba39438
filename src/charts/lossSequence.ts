/**
 * A short logged loss sequence, as a learner sees it in a diagnosis question: the given
 * numbers as points joined by a line, and every NaN or ±Infinity as a marked break (a
 * marker at the top edge labelled "NaN"), never as a gap silently bridged or a line off the
 * chart.
 *
 * @packageDocumentation
 */
import { formatNumber } from './format';
import { COLOR, SIZE, chartConfig, logAxis } from './theme';
import type { ChartSpec, Row } from './types';

/** Options of {@link lossSequenceSpec}. */
export interface LossSequenceOptions {
  readonly title: string;
  readonly description: string;
  /** The logged values in order; NaN and ±Infinity allowed. */
  readonly losses: readonly number[];
  /** Number of the first value (default 1, "epoch 1"). */
  readonly firstStep?: number;
  /** Axis title of the steps (default "epoch"). */
  readonly stepTitle?: string;
  /** Log loss axis (default false). */
  readonly logScale?: boolean;
  readonly width?: number;
  readonly height?: number;
}

/** The data of the chart. */
export interface LossSequenceData {
  /** Finite values: step, loss, segment (a new segment starts after each break), label. */
  readonly values: Row[];
  /** Non-finite values: step, text ("NaN", "∞"). */
  readonly breaks: Row[];
}

/**
 * Splits a loss sequence into finite points (in segments between breaks) and breaks.
 *
 * @param losses - Logged values.
 * @param firstStep - Number of the first value.
 */
export function lossSequenceData(losses: readonly number[], firstStep: number = 1): LossSequenceData {
  const values: Row[] = [];
  const breaks: Row[] = [];
  let segment = 0;
  losses.forEach((loss, i) => {
    const step = firstStep + i;
    if (Number.isFinite(loss)) {
      values.push({ step, loss, segment, label: formatNumber(loss) });
    } else {
      breaks.push({ step, text: formatNumber(loss) });
      segment += 1;
    }
  });
  return { values, breaks };
}

/**
 * A logged loss sequence with its non-finite entries marked.
 *
 * @param options - Title, description, values.
 */
export function lossSequenceSpec(options: LossSequenceOptions): ChartSpec {
  const data = lossSequenceData(options.losses, options.firstStep);
  const first = options.firstStep ?? 1;
  const last = first + Math.max(0, options.losses.length - 1);
  const x = {
    field: 'step',
    type: 'quantitative' as const,
    title: options.stepTitle ?? 'epoch',
    scale: { domain: [first - 0.3, last + 0.3], nice: false },
    axis: { tickMinStep: 1, values: Array.from({ length: last - first + 1 }, (_, i) => first + i) },
  };
  const y = {
    field: 'loss',
    type: 'quantitative' as const,
    title: options.logScale ? 'loss (log scale)' : 'loss',
    ...(options.logScale ? { scale: { type: 'log' as const }, axis: logAxis } : { scale: { zero: true } }),
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    description: options.description,
    config: chartConfig,
    datasets: { values: data.values, breaks: data.breaks },
    width: options.width ?? SIZE.half.width + 120,
    height: options.height ?? SIZE.half.height - 40,
    layer: [
      {
        data: { name: 'values' },
        mark: { type: 'line', color: COLOR.primary },
        encoding: { x, y, detail: { field: 'segment', type: 'nominal' } },
      },
      { data: { name: 'values' }, mark: { type: 'point', color: COLOR.primary, size: 50 }, encoding: { x, y } },
      {
        data: { name: 'values' },
        mark: { type: 'text', dy: -10, fontSize: 11 },
        encoding: { x, y, text: { field: 'label' } },
      },
      // A break is a dashed rule through the whole plot at its step, with its value on top.
      {
        data: { name: 'breaks' },
        mark: { type: 'rule', color: COLOR.danger, strokeDash: [4, 3], strokeWidth: 2 },
        encoding: { x },
      },
      {
        data: { name: 'breaks' },
        mark: { type: 'text', fontWeight: 700, baseline: 'top', dy: 2, dx: 4, align: 'left' },
        encoding: { x, y: { value: 0 }, text: { field: 'text' } },
      },
    ],
  };
}
