/**
 * The learning-rate range test: loss against a rate that grows exponentially during one
 * short run, on a log rate axis, with the suggested rate marked on the falling part and the
 * point where the test stopped (the loss blowing up) marked as divergence.
 *
 * @packageDocumentation
 */
import { finiteOrThrow } from './finite';
import { COLOR, FAINT, INK, SIZE, chartConfig, logAxis } from './theme';
import type { ChartSpec, Row } from './types';

/** Options of {@link rangeTestSpec}. */
export interface RangeTestOptions {
  readonly title: string;
  readonly description: string;
  /** Rate of each step. */
  readonly rates: ArrayLike<number>;
  /** Raw loss of each step (drawn faintly). */
  readonly losses: ArrayLike<number>;
  /** Smoothed loss of each step (the curve). */
  readonly smoothed: ArrayLike<number>;
  /** The suggested rate and its label. */
  readonly suggested: { readonly rate: number; readonly text: string };
  /** Label of the last point when the test stopped because the loss blew up. */
  readonly stoppedText?: string;
  /** Axis titles. */
  readonly rateTitle?: string;
  readonly lossTitle?: string;
  readonly width?: number;
  readonly height?: number;
}

/** The data of the chart. */
export interface RangeTestData {
  /** step, rate, loss, smoothed. */
  readonly steps: Row[];
  /** The suggested rate: rate, smoothed, text. */
  readonly suggestion: Row[];
  /** The last step, if the test stopped early: rate, smoothed, text. */
  readonly stop: Row[];
}

/**
 * Rows of the chart; the suggestion sits on the smoothed curve at the nearest recorded rate.
 *
 * @param options - Rates, losses, suggestion.
 */
export function rangeTestData(options: Pick<RangeTestOptions, 'rates' | 'losses' | 'smoothed' | 'suggested' | 'stoppedText'>): RangeTestData {
  const steps: Row[] = [];
  let nearest: Row | undefined;
  for (let t = 0; t < options.rates.length; t++) {
    const row = {
      step: t,
      rate: finiteOrThrow(options.rates[t] as number, `rate at step ${t}`),
      loss: finiteOrThrow(options.losses[t] as number, `loss at step ${t}`),
      smoothed: finiteOrThrow(options.smoothed[t] as number, `smoothed loss at step ${t}`),
    };
    steps.push(row);
    if (!nearest || Math.abs(Math.log(row.rate / options.suggested.rate)) < Math.abs(Math.log((nearest.rate as number) / options.suggested.rate))) {
      nearest = row;
    }
  }
  const last = steps[steps.length - 1];
  return {
    steps,
    suggestion: nearest ? [{ rate: options.suggested.rate, smoothed: nearest.smoothed as number, text: options.suggested.text }] : [],
    stop: last && options.stoppedText ? [{ rate: last.rate as number, smoothed: last.smoothed as number, text: options.stoppedText }] : [],
  };
}

/**
 * A learning-rate range test chart.
 *
 * @param options - Title, description, the test's arrays and suggestion.
 */
export function rangeTestSpec(options: RangeTestOptions): ChartSpec {
  const data = rangeTestData(options);
  const x = { field: 'rate', type: 'quantitative' as const, title: options.rateTitle ?? 'learning rate (log scale)', scale: { type: 'log' as const }, axis: logAxis };
  const y = { field: 'smoothed', type: 'quantitative' as const, title: options.lossTitle ?? 'smoothed loss (log scale)', scale: { type: 'log' as const }, axis: logAxis };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    description: options.description,
    config: chartConfig,
    datasets: { ...data },
    width: options.width ?? SIZE.wide.width,
    height: options.height ?? SIZE.wide.height,
    layer: [
      { data: { name: 'steps' }, mark: { type: 'point', color: INK, opacity: FAINT * 2, size: 10, filled: true }, encoding: { x, y: { ...y, field: 'loss' } } },
      { data: { name: 'steps' }, mark: { type: 'line', color: COLOR.primary }, encoding: { x, y } },
      { data: { name: 'suggestion' }, mark: { type: 'rule', color: COLOR.good, strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { x } },
      {
        data: { name: 'suggestion' },
        mark: { type: 'point', shape: 'diamond', size: 160, filled: true, color: COLOR.good, stroke: INK, strokeWidth: 1 },
        encoding: { x, y },
      },
      {
        data: { name: 'suggestion' },
        mark: { type: 'text', align: 'right', baseline: 'top', dx: -10, dy: 8, fontWeight: 600 },
        encoding: { x, y, text: { field: 'text' } },
      },
      {
        data: { name: 'stop' },
        mark: { type: 'point', shape: 'triangle-up', size: 110, filled: true, color: COLOR.danger, stroke: INK, strokeWidth: 0.75 },
        encoding: { x, y },
      },
      {
        data: { name: 'stop' },
        mark: { type: 'text', align: 'right', baseline: 'bottom', dx: -10, dy: -6, fontWeight: 600 },
        encoding: { x, y, text: { field: 'text' } },
      },
    ],
  };
}
