/**
 * A learning-rate sweep: a result per rate (final loss, or steps to tolerance) against the
 * rate, log-log, with the stability limit 2/λmax drawn as a labelled rule.
 *
 * Diverged runs are not plotted at their (astronomical) values, which would squash every
 * stable run into a line at the bottom: they sit on the top edge as danger-coloured
 * triangles, labelled once.
 *
 * @packageDocumentation
 */
import { finiteOrThrow } from './finite';
import { COLOR, INK, SIZE, chartConfig, logAxis, powersOfTen } from './theme';
import type { ChartSpec, ConcatItem, Layer, LayerView, Row } from './types';

/** The result of one rate. */
export interface SweepPoint {
  readonly rate: number;
  /** Final loss or steps; ignored for diverged runs. */
  readonly value: number;
  readonly diverged: boolean;
}

/** A rate to point out, with where its label goes. */
export interface SweepHighlight {
  readonly rate: number;
  readonly text: string;
  /** Label to the left of the point, to the right, or below it (default left). */
  readonly side?: 'left' | 'right' | 'below';
}

/** Options of {@link rateSweepSpec}. */
export interface RateSweepOptions {
  readonly title: string;
  readonly description: string;
  readonly points: readonly SweepPoint[];
  /** Axis title of the result, e.g. "loss after 50 epochs (log scale)". */
  readonly valueTitle: string;
  /** Axis title of the rate (default "learning rate (log scale)"). */
  readonly rateTitle?: string;
  /** The stability limit, drawn as a vertical rule with this label. */
  readonly limit?: { readonly rate: number; readonly text: string };
  /** Rates to point out; each is matched to the nearest swept rate. */
  readonly highlights?: readonly SweepHighlight[];
  /** Top of the value axis, where diverged runs are drawn (default 3 × the largest stable value). */
  readonly ceiling?: number;
  /** Label of the diverged markers (default "diverged"). */
  readonly divergedText?: string;
  /** A second panel with these rates on a linear axis. */
  readonly zoom?: { readonly domain: readonly [number, number]; readonly title?: string };
  readonly width?: number;
  readonly height?: number;
}

/** The data of the chart. */
export interface RateSweepData {
  /** Stable runs: rate, value. */
  readonly stable: Row[];
  /** Diverged runs at the ceiling: rate, value (= ceiling). */
  readonly diverged: Row[];
  /** The first diverged run, carrying the label. */
  readonly divergedLabel: Row[];
  /** Highlighted runs: rate, value, text, side. */
  readonly highlights: Row[];
  /** The limit: rate, text. */
  readonly limit: Row[];
}

/**
 * Rows of the chart.
 *
 * @param options - Points, highlights, limit, ceiling.
 */
export function rateSweepData(options: Pick<RateSweepOptions, 'points' | 'highlights' | 'limit' | 'ceiling' | 'divergedText'>): RateSweepData & { ceiling: number; floor: number } {
  const stable: Row[] = [];
  const diverged: Row[] = [];
  let top = 0;
  let bottom = Infinity;
  for (const p of options.points) {
    finiteOrThrow(p.rate, 'rate');
    if (!p.diverged) {
      const value = finiteOrThrow(p.value, `value at rate ${p.rate}`);
      if (value > 0) {
        top = Math.max(top, value);
        bottom = Math.min(bottom, value);
      }
    }
  }
  const ceiling = options.ceiling ?? 3 * (top || 1);
  const floor = Number.isFinite(bottom) ? bottom / 3 : ceiling / 1e3;
  for (const p of options.points) {
    if (p.diverged || p.value > ceiling) diverged.push({ rate: p.rate, value: ceiling });
    else if (p.value > 0) stable.push({ rate: p.rate, value: p.value });
  }
  const all = [...stable, ...diverged].sort((a, b) => (a.rate as number) - (b.rate as number));
  const highlights: Row[] = [];
  for (const h of options.highlights ?? []) {
    let nearest: Row | undefined;
    for (const row of all) {
      if (!nearest || Math.abs(Math.log((row.rate as number) / h.rate)) < Math.abs(Math.log((nearest.rate as number) / h.rate))) nearest = row;
    }
    if (nearest) highlights.push({ ...nearest, text: h.text, side: h.side ?? 'left' });
  }
  const firstDiverged = diverged.slice().sort((a, b) => (a.rate as number) - (b.rate as number))[0];
  return {
    stable,
    diverged,
    divergedLabel: firstDiverged ? [{ ...firstDiverged, text: options.divergedText ?? 'diverged' }] : [],
    highlights,
    limit: options.limit ? [{ rate: finiteOrThrow(options.limit.rate, 'limit'), text: options.limit.text }] : [],
    ceiling,
    floor,
  };
}

/** The view of one panel: the whole sweep on a log axis, or a linear close-up. */
interface PanelView {
  readonly kind: 'overview' | 'zoom';
  readonly domain: readonly [number, number];
  readonly width: number;
  readonly title?: string;
}

/**
 * Result against learning rate, log-log, with the stability limit and diverged runs marked;
 * with `zoom`, a second panel shows the rates near the limit on a linear axis, where the
 * best rate, the steep rise and the first diverging rates sit a few pixels apart on a log one.
 *
 * @param options - Title, description, points, limit, highlights, zoom.
 */
export function rateSweepSpec(options: RateSweepOptions): ChartSpec {
  const { ceiling, floor, ...data } = rateSweepData(options);
  const height = options.height ?? SIZE.wide.height;
  const rates = options.points.map((p) => p.rate);
  const full: [number, number] = [Math.min(...rates), Math.max(...rates)];
  const yShared = {
    field: 'value',
    type: 'quantitative' as const,
    title: options.valueTitle,
    scale: { type: 'log' as const, domain: [floor, ceiling], nice: false },
    axis: logAxis,
  };
  const zoom = options.zoom;
  const inZoom = (rate: number) => zoom !== undefined && rate >= zoom.domain[0] && rate <= zoom.domain[1];
  const panel = (view: PanelView): LayerView => {
    // The close-up shares the overview's value axis; its title once is enough.
    const y = view.kind === 'zoom' ? { ...yShared, title: null } : yShared;
    const x = {
      field: 'rate',
      type: 'quantitative' as const,
      title: view.kind === 'zoom' ? 'learning rate' : (options.rateTitle ?? 'learning rate (log scale)'),
      scale: view.kind === 'zoom' ? { domain: [...view.domain], nice: false, zero: false } : { type: 'log' as const, domain: [...view.domain], nice: false },
      axis: view.kind === 'zoom' ? { tickCount: 5 } : { ...logAxis, values: powersOfTen(view.domain[0], view.domain[1]) },
    };
    const within = [{ filter: { field: 'rate', range: [...view.domain] } }];
    // Highlights and the diverged label go where they can be read: the close-up if there is one.
    const mine = (rate: number) => (view.kind === 'zoom') === inZoom(rate);
    const highlightFilter = { filter: { field: 'panel', equal: view.kind } };
    const labelLayer = (side: 'left' | 'right' | 'below'): Layer => ({
      data: { name: 'highlights' },
      transform: [highlightFilter, { filter: { field: 'side', equal: side } }],
      mark:
        side === 'below'
          ? { type: 'text', baseline: 'top', dy: 9, fontWeight: 600 }
          : { type: 'text', align: side === 'left' ? 'right' : 'left', dx: side === 'left' ? -9 : 9, fontWeight: 600 },
      encoding: { x, y, text: { field: 'text' } },
    });
    const layers: Layer[] = [];
    if (view.kind === 'overview' && zoom) {
      layers.push({
        data: { values: [{ from: zoom.domain[0], to: zoom.domain[1] }] },
        mark: { type: 'rect', color: INK, opacity: 0.07 },
        encoding: { x: { field: 'from', type: 'quantitative', scale: x.scale }, x2: { field: 'to' } },
      });
    }
    layers.push(
      { data: { name: 'limit' }, mark: { type: 'rule', color: COLOR.danger, strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { x } },
      {
        data: { name: 'limit' },
        mark: { type: 'text', align: 'right', baseline: 'top', dx: -5, dy: 4, fontWeight: 600 },
        encoding: { x, y: { value: 0 }, text: { field: 'text' } },
      },
      { data: { name: 'stable' }, transform: within, mark: { type: 'line', color: COLOR.primary, point: { size: 22, filled: true, color: COLOR.primary } }, encoding: { x, y } },
      {
        data: { name: 'diverged' },
        transform: within,
        mark: { type: 'point', shape: 'triangle-up', size: 70, filled: true, color: COLOR.danger, stroke: INK, strokeWidth: 0.5 },
        encoding: { x, y },
      },
      { data: { name: 'highlights' }, transform: [highlightFilter], mark: { type: 'point', size: 140, filled: false, strokeWidth: 2, color: INK }, encoding: { x, y } },
      labelLayer('left'),
      labelLayer('right'),
      labelLayer('below'),
    );
    if (data.divergedLabel.some((r) => mine(r.rate as number))) {
      layers.push({
        data: { name: 'divergedLabel' },
        // Left of the limit line, inside the plot: to its right it would widen the chart (by the
        // label's length, a phone's column is too narrow for that).
        mark: { type: 'text', align: 'right', baseline: 'top', dx: -6, dy: 10, fontWeight: 600 },
        encoding: { x, y, text: { field: 'text' } },
      });
    }
    return {
      width: view.width,
      height,
      ...(view.title ? { title: { text: view.title, fontSize: 12, fontWeight: 500 } } : {}),
      layer: layers,
    };
  };
  const datasets = {
    ...data,
    highlights: data.highlights.map((h) => ({ ...h, panel: inZoom(h.rate as number) ? 'zoom' : 'overview' })),
  };
  const top = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    description: options.description,
    config: chartConfig,
    datasets,
  };
  const width = options.width ?? SIZE.wide.width;
  if (!zoom) return { ...top, ...panel({ kind: 'overview', domain: full, width }) };
  const overviewWidth = Math.round(width * 0.52);
  const items: ConcatItem[] = [
    panel({ kind: 'overview', domain: full, width: overviewWidth, title: 'all rates' }),
    panel({ kind: 'zoom', domain: zoom.domain, width: width - overviewWidth - 40, title: zoom.title ?? 'close-up near the limit' }),
  ];
  return { ...top, hconcat: items, spacing: 24, resolve: { scale: { y: 'shared' } } };
}
