/**
 * The path of a 1-D optimizer drawn on the curve f(x): the iterates as points on the curve,
 * joined by arrows (arcs hopping from point to point), so small steps, zig-zags and
 * divergence can be seen directly.
 *
 * The plot window is fixed (the curve over a chosen x range). A path that leaves the window
 * stops at its last point inside it, which gets a marker and a label: the chart never draws
 * a line off to infinity.
 *
 * @packageDocumentation
 */
import { finiteOrThrow } from './finite';
import { COLOR, INK, MUTED, PALETTE, SIZE, chartConfig } from './theme';
import type { ChartSpec, ConcatItem, Layer, LayerView, Row } from './types';

/** One path of iterates x₀, x₁, … on the curve. */
export interface CurvePath {
  /** Legend or panel label, e.g. "η = 0.9: zig-zag, converges". */
  readonly label: string;
  /** Iterates x_t (finite). */
  readonly xs: ArrayLike<number>;
  /** Draw at most this many steps (default all). */
  readonly maxSteps?: number;
  /** Marks the last drawn point as the end of a diverging run, with this text. */
  readonly divergedText?: string;
  /** Colour of the path (default: by position in the palette). */
  readonly color?: string;
}

/** The plot window and pixel size of a panel (needed to point the arrowheads). */
export interface CurveWindow {
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  readonly width: number;
  readonly height: number;
}

/** Options of {@link pathOnCurveSpec}. */
export interface PathOnCurveOptions {
  readonly title: string;
  readonly description: string;
  /** The function, sampled to draw the curve. */
  readonly f: (x: number) => number;
  readonly paths: readonly CurvePath[];
  /** x range of the window; the y range is the curve's range over it (plus 5 %). */
  readonly xDomain: readonly [number, number];
  /** `'panels'`: one panel per path side by side; `'layered'`: all on one curve (default). */
  readonly layout?: 'panels' | 'layered';
  /** Axis titles (default "x" and "f(x)"). */
  readonly xTitle?: string;
  readonly yTitle?: string;
  /** Size of one panel. */
  readonly width?: number;
  readonly height?: number;
}

/** The data of the chart, as named datasets. */
export interface PathOnCurveData {
  /** Points of the curve: x, y. */
  readonly curve: Row[];
  /** Iterates inside the window: run, step, x, y. */
  readonly iterates: Row[];
  /** One arc per step, chained into one polyline per run: run, step, index, x, y. */
  readonly hops: Row[];
  /** One arrowhead per step (none on hops too short to carry one): run, step, x, y, angle. */
  readonly heads: Row[];
  /** End markers: run, x, y, text. */
  readonly pathEnds: Row[];
}

/** Number of points used to draw the curve. */
const CURVE_SAMPLES = 161;

/** Arrowheads stop this many pixels short of the target point, so the dot stays visible. */
const HEAD_GAP_PX = 6;

/**
 * Samples the curve over the window's x range.
 *
 * @param f - The function.
 * @param xDomain - x range.
 */
export function curveRows(f: (x: number) => number, xDomain: readonly [number, number]): Row[] {
  const [lo, hi] = xDomain;
  const rows: Row[] = [];
  for (let i = 0; i < CURVE_SAMPLES; i++) {
    const x = lo + ((hi - lo) * i) / (CURVE_SAMPLES - 1);
    rows.push({ x, y: finiteOrThrow(f(x), `f(${x})`) });
  }
  return rows;
}

/** The y range of the window: the curve's range over the x range, with 5 % headroom. */
export function curveYDomain(curve: readonly Row[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of curve) {
    const y = r.y as number;
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  }
  const pad = 0.05 * (hi - lo || 1);
  return [lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad];
}

/**
 * Rows for the iterates, arrows and end markers of the paths, clipped to the window.
 *
 * @param f - The function (the y of each iterate).
 * @param paths - The paths.
 * @param window - Plot window and size in pixels.
 */
export function pathRows(f: (x: number) => number, paths: readonly CurvePath[], window: CurveWindow): Omit<PathOnCurveData, 'curve'> {
  const [x0, x1] = window.xDomain;
  const [y0, y1] = window.yDomain;
  const sx = window.width / (x1 - x0);
  const sy = window.height / (y1 - y0);
  const inside = (x: number, y: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
  const iterates: Row[] = [];
  const hops: Row[] = [];
  const heads: Row[] = [];
  const pathEnds: Row[] = [];
  for (const path of paths) {
    const n = Math.min(path.xs.length, (path.maxSteps ?? Infinity) + 1);
    let prev: { x: number; y: number } | undefined;
    let leftWindow = false;
    for (let t = 0; t < n; t++) {
      const x = finiteOrThrow(path.xs[t] as number, `${path.label}, x at step ${t}`);
      const y = finiteOrThrow(f(x), `${path.label}, f at step ${t}`);
      if (!inside(x, y)) {
        leftWindow = true;
        break;
      }
      // A dot on top of the previous one adds nothing visible (runs settling at the minimum
      // pile up hundreds): draw it only if it is at least a pixel and a half away.
      const last = iterates[iterates.length - 1];
      const isLast = t === n - 1;
      if (!last || last.run !== path.label || isLast || Math.hypot(((last.x as number) - x) * sx, ((last.y as number) - y) * sy) >= MIN_DOT_SPACING_PX) {
        iterates.push({ run: path.label, step: t, x, y });
      }
      if (prev) {
        const { arc, head } = hop(path.label, t, prev, { x, y }, sx, sy);
        hops.push(...arc);
        if (head) heads.push(head);
      }
      prev = { x, y };
    }
    if (prev && (path.divergedText !== undefined || leftWindow)) {
      pathEnds.push({ run: path.label, x: prev.x, y: prev.y, text: path.divergedText ?? 'leaves the chart' });
    }
  }
  return { iterates, hops, heads, pathEnds };
}

/** Points per hop arc. */
const ARC_SAMPLES = 7;
/** Hops shorter than this (in pixels) are drawn as straight segments: their bulge would not show. */
const STRAIGHT_HOP_PX = 8;
/** Dots closer than this to the previous dot (in pixels) are not drawn again. */
const MIN_DOT_SPACING_PX = 1.5;
/** How far an arc bulges from its chord: a quarter of the chord, at most this many pixels. */
const MAX_BULGE_PX = 14;

/**
 * The hop from a to b as an arc bulging upwards off the chord (a chord of a convex curve
 * lies almost on the curve, where a straight arrow would be invisible), and the arrowhead at
 * its end, turned along the arc's final direction.
 */
function hop(run: string, step: number, a: { x: number; y: number }, b: { x: number; y: number }, sx: number, sy: number): { arc: Row[]; head: Row | undefined } {
  // Work in pixels with y up, so the bulge and the angle look right on screen.
  const dx = (b.x - a.x) * sx;
  const dy = (b.y - a.y) * sy;
  const length = Math.hypot(dx, dy);
  if (length === 0) return { arc: [], head: undefined };
  let nx = -dy / length;
  let ny = dx / length;
  if (ny < 0 || (ny === 0 && nx < 0)) {
    nx = -nx;
    ny = -ny;
  }
  const bulge = Math.min(0.25 * length, MAX_BULGE_PX);
  const cx = dx / 2 + nx * bulge;
  const cy = dy / 2 + ny * bulge;
  const arc: Row[] = [];
  const samples = length < STRAIGHT_HOP_PX ? 2 : ARC_SAMPLES;
  for (let i = 0; i < samples; i++) {
    const t = i / (samples - 1);
    // Quadratic Bézier from (0, 0) through the control point to (dx, dy).
    const px = 2 * (1 - t) * t * cx + t * t * dx;
    const py = 2 * (1 - t) * t * cy + t * t * dy;
    // One running index over all hops: the arcs chain end to end into a single polyline.
    arc.push({ run, step, index: (step - 1) * ARC_SAMPLES + i, x: a.x + px / sx, y: a.y + py / sy });
  }
  if (length < 2 * HEAD_GAP_PX) return { arc, head: undefined };
  // The arc ends in the direction from the control point to b.
  const tx = dx - cx;
  const ty = dy - cy;
  const tl = Math.hypot(tx, ty);
  const angle = (Math.atan2(tx, ty) * 180) / Math.PI;
  return {
    arc,
    head: { run, step, x: b.x - (HEAD_GAP_PX * tx) / tl / sx, y: b.y - (HEAD_GAP_PX * ty) / tl / sy, angle },
  };
}

/**
 * The layers of one path-on-curve panel reading the named datasets `curve`, `iterates`,
 * `hops`, `heads` and `pathEnds`, optionally filtered to one run.
 *
 * @param window - Plot window and size.
 * @param options - Run filter, colours, axis titles.
 */
export function pathOnCurvePanel(
  window: CurveWindow,
  options: { run?: string; runLabels: readonly string[]; colors: readonly string[]; xTitle?: string; yTitle?: string; title?: string; legend?: boolean },
): LayerView {
  const filter = options.run === undefined ? [] : [{ filter: { field: 'run', equal: options.run } }];
  const x = { field: 'x', type: 'quantitative' as const, title: options.xTitle ?? 'x', scale: { domain: [...window.xDomain], nice: false } };
  const y = { field: 'y', type: 'quantitative' as const, title: options.yTitle ?? 'f(x)', scale: { domain: [...window.yDomain], nice: false } };
  const color = {
    field: 'run',
    type: 'nominal' as const,
    scale: { domain: [...options.runLabels], range: [...options.colors] },
    legend: options.legend ? { orient: 'top' as const, title: null, direction: 'horizontal' as const } : null,
  };
  const layers: Layer[] = [
    { data: { name: 'curve' }, mark: { type: 'line', color: INK, opacity: MUTED, strokeWidth: 1.5 }, encoding: { x, y } },
    {
      data: { name: 'hops' },
      transform: filter,
      mark: { type: 'line', strokeWidth: 1.5, clip: true },
      // One line per run, not per hop: a line per hop would make Vega build and tear down a
      // subflow for every step on every live update.
      encoding: { x, y, color, order: { field: 'index', type: 'quantitative' } },
    },
    {
      data: { name: 'heads' },
      transform: filter,
      mark: { type: 'point', shape: 'triangle-up', size: 50, filled: true, opacity: 1, clip: true },
      encoding: { x, y, angle: { field: 'angle', type: 'quantitative', scale: null }, color },
    },
    {
      data: { name: 'iterates' },
      transform: filter,
      mark: { type: 'point', filled: true, size: 36, stroke: INK, strokeWidth: 0.75 },
      encoding: { x, y, color },
    },
    {
      data: { name: 'pathEnds' },
      transform: filter,
      mark: { type: 'point', shape: 'cross', size: 150, filled: true, color: COLOR.danger, stroke: INK, strokeWidth: 0.75 },
      encoding: { x, y },
    },
    {
      data: { name: 'pathEnds' },
      transform: filter,
      mark: { type: 'text', dy: -14, fontWeight: 600, align: 'center' },
      encoding: { x, y, text: { field: 'text' } },
    },
  ];
  return {
    width: window.width,
    height: window.height,
    ...(options.title ? { title: { text: options.title, fontSize: 12, fontWeight: 500 } } : {}),
    layer: layers,
  };
}

/**
 * Paths of an optimizer on the curve f(x), one panel per path or all on one curve.
 *
 * @param options - Title, description, function, paths, window and layout.
 */
export function pathOnCurveSpec(options: PathOnCurveOptions): ChartSpec {
  const layout = options.layout ?? 'layered';
  const panelSize = layout === 'panels' ? SIZE.third : SIZE.wide;
  const width = options.width ?? panelSize.width;
  const height = options.height ?? panelSize.height;
  const curve = curveRows(options.f, options.xDomain);
  const window: CurveWindow = { xDomain: options.xDomain, yDomain: curveYDomain(curve), width, height };
  const rows = pathRows(options.f, options.paths, window);
  const runLabels = options.paths.map((p) => p.label);
  const colors = options.paths.map((p, i) => p.color ?? (PALETTE[i % PALETTE.length] as string));
  const axes = {
    ...(options.xTitle ? { xTitle: options.xTitle } : {}),
    ...(options.yTitle ? { yTitle: options.yTitle } : {}),
  };
  const top = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    description: options.description,
    config: chartConfig,
    datasets: { curve, ...rows },
  };
  if (layout === 'layered') {
    return { ...top, ...pathOnCurvePanel(window, { runLabels, colors, legend: options.paths.length > 1, ...axes }) };
  }
  const panels: ConcatItem[] = options.paths.map((p) => pathOnCurvePanel(window, { run: p.label, runLabels, colors, title: p.label, ...axes }));
  return { ...top, hconcat: panels, spacing: 16 };
}
