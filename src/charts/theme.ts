/**
 * One look for every chart: fonts, sizes, colours and the Vega-Lite config they share.
 *
 * Dark theme: the SVG carries no theme of its own. Ink (text, axes, grid, reference curves)
 * is `currentColor`, so the chart takes the colour of the surrounding text (`--fg`) in light,
 * dark and print alike, and the background is transparent. Data colours come from one
 * palette whose every colour has at least 3:1 contrast (WCAG 1.4.11, graphics) against both
 * the light (#ffffff) and the dark (#10161d) page background, so the same SVG works in both
 * themes. One SVG per chart, no duplicate render and no CSS swap.
 *
 * @packageDocumentation
 */
import type { Config } from 'vega-lite';

/** The site's system font stack (`--font-body` in site.css). */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

/** The colour of text, axes and guides: whatever colour the page gives the chart. */
export const INK = 'currentColor';

/**
 * Okabe–Ito (colour-blind safe) restricted to colours with relative luminance between 0.15
 * and 0.30, which is what 3:1 against both backgrounds requires; Okabe–Ito's orange is
 * darkened (#E69F00 → #A66F00) to get there, its yellow and sky blue are left out.
 * Order: blue, vermillion, bluish green, reddish purple, dark orange.
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#A66F00'] as const;

/** Named roles, so that a meaning keeps its colour across charts. */
export const COLOR = {
  /** The main series, a run that converges. */
  primary: PALETTE[0],
  /** Divergence, instability, "too large". */
  danger: PALETTE[1],
  /** A good or suggested value. */
  good: PALETTE[2],
  /** A second comparison series. */
  secondary: PALETTE[3],
  /** A third comparison series. */
  tertiary: PALETTE[4],
} as const;

/** Plot sizes in CSS pixels (the content column is 44rem ≈ 700 px). */
export const SIZE = {
  /** A single plot filling the column. */
  wide: { width: 540, height: 290 },
  /** One panel of two side by side. */
  half: { width: 260, height: 230 },
  /** One panel of three side by side. */
  third: { width: 165, height: 190 },
} as const;

/** Opacity of grid lines and reference curves drawn in {@link INK}. */
export const FAINT = 0.18;
/** Opacity of secondary ink (reference curves, contours). */
export const MUTED = 0.55;

/** The Vega-Lite config every spec carries. */
export const chartConfig: Config = {
  background: 'transparent',
  // The chart's wrapper is the accessible image (title and description); Vega's per-mark
  // ARIA roles inside it would be noise, and bytes.
  aria: false,
  font: FONT,
  padding: 4,
  view: { stroke: null },
  title: { color: INK, fontSize: 14, fontWeight: 600, anchor: 'start', offset: 8, subtitleColor: INK },
  axis: {
    labelColor: INK,
    titleColor: INK,
    domainColor: INK,
    tickColor: INK,
    gridColor: INK,
    gridOpacity: FAINT,
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 500,
    labelFlush: true,
    aria: false,
  },
  legend: { aria: false, labelLimit: 320, labelColor: INK, titleColor: INK, labelFontSize: 11, titleFontSize: 12, symbolStrokeWidth: 2 },
  header: { labelColor: INK, titleColor: INK, labelFontSize: 12, titleFontSize: 12 },
  text: { color: INK, fontSize: 11 },
  line: { strokeWidth: 2 },
  point: { size: 40, filled: true },
  rule: { color: INK },
  range: { category: [...PALETTE] },
};

/**
 * Tick labels for log axes: plain numbers from 0.001 to 9999, otherwise 1e-8 and 1e12
 * (d3's "1e+12" without the plus).
 */
export const LOG_LABELS = "datum.value >= 0.001 && datum.value < 10000 ? format(datum.value, '~g') : replace(format(datum.value, '.0e'), 'e+', 'e')";

/**
 * Axis settings for a log scale, labelled with {@link LOG_LABELS}. A tick count of 4 makes
 * d3 keep to powers of ten once the domain spans four decades or more (multiples 2…9 only
 * for shorter ones), which keeps the grid readable.
 */
export const logAxis = { labelExpr: LOG_LABELS, tickCount: 4 } as const;

/**
 * The powers of ten from `lo` to `hi`, as explicit tick values for log axes whose domain is
 * known (d3 would add the multiples 2…9 on a domain of fewer than four decades).
 *
 * @param lo - Smallest value (> 0).
 * @param hi - Largest value.
 */
export function powersOfTen(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let k = Math.ceil(Math.log10(lo) - 1e-9); k <= Math.floor(Math.log10(hi) + 1e-9); k++) out.push(Number(`1e${k}`));
  return out;
}
