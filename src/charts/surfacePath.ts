/**
 * The path of an optimizer in two parameters, drawn over contour lines of the loss: the
 * picture of zig-zag along a steep direction and crawl along a flat one.
 *
 * @packageDocumentation
 */
import { finiteOrThrow } from './finite';
import { COLOR, FAINT, INK, MUTED, SIZE, chartConfig } from './theme';
import type { ChartSpec, Layer, Row } from './types';

/** Options of {@link surfacePathSpec}. */
export interface SurfacePathOptions {
  readonly title: string;
  readonly description: string;
  /** Contour rows (level, index, x, y), e.g. from `quadraticContourRows`. */
  readonly contours: readonly Row[];
  /** Parameters of the run, flattened row-major (x_t, y_t pairs), as the runner records them. */
  readonly params: ArrayLike<number>;
  /** Draw at most this many steps (default all). */
  readonly maxSteps?: number;
  /** The minimiser, marked with a cross and labelled. */
  readonly minimizer?: readonly [number, number];
  /** Label of the minimiser (default "minimum"). */
  readonly minimizerLabel?: string;
  /** The window. */
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  /** Axis titles. */
  readonly xTitle: string;
  readonly yTitle: string;
  /** Path colour (default the primary colour). */
  readonly color?: string;
  /**
   * Where "start" is written: right of and below the start (default), or `'above'` it, centred — for a start near
   * the right edge, where the label would run past the picture.
   */
  readonly startLabel?: 'right' | 'above';
  readonly width?: number;
  readonly height?: number;
}

/**
 * The iterates as rows (step, x, y).
 *
 * @param params - Flattened 2-D parameters.
 * @param maxSteps - Largest step drawn.
 */
export function surfacePathRows(params: ArrayLike<number>, maxSteps: number = Infinity): Row[] {
  const n = Math.min(Math.floor(params.length / 2), maxSteps + 1);
  const rows: Row[] = [];
  for (let t = 0; t < n; t++) {
    rows.push({
      step: t,
      x: finiteOrThrow(params[2 * t] as number, `x at step ${t}`),
      y: finiteOrThrow(params[2 * t + 1] as number, `y at step ${t}`),
    });
  }
  return rows;
}

/**
 * A 2-D optimizer path over loss contours.
 *
 * @param options - Title, description, contours, path, window.
 */
export function surfacePathSpec(options: SurfacePathOptions): ChartSpec {
  const path = surfacePathRows(options.params, options.maxSteps);
  const start = path.slice(0, 1).map((r) => ({ ...r, text: 'start' }));
  const markers: Row[] = options.minimizer
    ? [{ x: options.minimizer[0], y: options.minimizer[1], text: options.minimizerLabel ?? 'minimum' }]
    : [];
  const x = { field: 'x', type: 'quantitative' as const, title: options.xTitle, scale: { domain: [...options.xDomain], nice: false } };
  const y = { field: 'y', type: 'quantitative' as const, title: options.yTitle, scale: { domain: [...options.yDomain], nice: false } };
  const color = options.color ?? COLOR.primary;
  const layers: Layer[] = [
    {
      data: { name: 'contours' },
      mark: { type: 'line', color: INK, opacity: MUTED * 0.6, strokeWidth: 1, clip: true },
      encoding: { x, y, detail: { field: 'level', type: 'quantitative' }, order: { field: 'index', type: 'quantitative' } },
    },
    {
      data: { name: 'path' },
      mark: { type: 'line', color, strokeWidth: 1.5, clip: true },
      encoding: { x, y, order: { field: 'step', type: 'quantitative' } },
    },
    {
      data: { name: 'path' },
      mark: { type: 'point', color, filled: true, size: 22, clip: true },
      encoding: { x, y },
    },
    {
      data: { name: 'start' },
      mark: options.startLabel === 'above' ? { type: 'text', align: 'center', dy: -10, fontWeight: 600 } : { type: 'text', align: 'left', dx: 6, dy: 10, fontWeight: 600 },
      encoding: { x, y, text: { field: 'text' } },
    },
    {
      data: { name: 'markers' },
      mark: { type: 'point', shape: 'cross', size: 120, filled: true, color: COLOR.good, stroke: INK, strokeWidth: 0.75 },
      encoding: { x, y },
    },
    {
      data: { name: 'markers' },
      mark: { type: 'text', align: 'left', dx: 8, dy: -8, fontWeight: 600 },
      encoding: { x, y, text: { field: 'text' } },
    },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    description: options.description,
    config: { ...chartConfig, axis: { ...chartConfig.axis, gridOpacity: FAINT / 2 } },
    datasets: { contours: [...options.contours], path, start, markers },
    width: options.width ?? SIZE.wide.width,
    height: options.height ?? SIZE.wide.height,
    layer: layers,
  };
}
