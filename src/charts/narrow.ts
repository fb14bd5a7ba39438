/**
 * The phone form of a chart: the same spec re-laid for a narrow column, so that its text keeps
 * the theme's sizes (11–14 CSS px) instead of being scaled down with a picture drawn for the
 * desktop column.
 *
 * Pure. Panels side by side (`hconcat`, a wrapped facet) are stacked, every plot gets the given
 * width, horizontal legends become one entry per line, and long titles and panel names are broken into lines.
 * The build renders both forms and the page shows the one that fits (ChartPicture.astro); the
 * live explorer embeds the one on show.
 *
 * @packageDocumentation
 */
import { textWidth } from './text-width';
import type { ChartSpec } from './types';

/**
 * Widest the phone form may be drawn, in CSS px: the content column of a 320 px screen
 * (20 px of page padding each side).
 */
export const NARROW_WIDTH = 280;

/** A first guess at the plot width that leaves room for the y axis within {@link NARROW_WIDTH}. */
export const NARROW_PLOT_WIDTH = 215;

/** Characters per title line: the theme's 14 px semibold title, ~8 px a character, in 280 px. */
const TITLE_CHARS = 32;
/** Characters per panel title line (12 px). */
const PANEL_TITLE_CHARS = 40;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Breaks a title into lines of at most `chars` characters at spaces (a longer word keeps its line).
 *
 * @param text - The title.
 * @param chars - Most characters a line holds.
 */
export function titleLines(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function wrapTitle(title: Json | undefined, chars: number): Json | undefined {
  if (typeof title === 'string') return title.length > chars ? titleLines(title, chars) : title;
  if (title && typeof title === 'object' && !Array.isArray(title) && typeof title.text === 'string') {
    return title.text.length > chars ? { ...title, text: titleLines(title.text, chars) } : title;
  }
  return title;
}

/** A legend laid out in a row grows with its labels; one entry per line fits any width. */
function stackLegends(node: Json): Json {
  if (Array.isArray(node)) return node.map(stackLegends);
  if (!node || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'legend' && value && typeof value === 'object' && !Array.isArray(value) && value.direction === 'horizontal') {
      out[key] = { ...value, direction: 'vertical' };
    } else out[key] = stackLegends(value);
  }
  return out;
}

/** Size of the facet headers' labels (the theme's `header.labelFontSize`). */
const HEADER_FONT_SIZE = 12;
/**
 * Share of the plot width a header label may take by the estimate: it starts at the plot's left edge, and the
 * browser's fonts run up to a tenth wider than the estimate (src/charts/text-width.ts); a label past the
 * picture's edge is cut off ("exponential decay: ×0.933 per epoch" at 390 px).
 */
const HEADER_FILL = 0.85;

/**
 * Breaks `text` at spaces into lines no wider than `width` px by the estimate (a longer word keeps its line); two
 * lines are balanced ("exponential decay:" over "×0.933 per epoch", not a lone "epoch").
 */
export function linesWithin(text: string, width: number, fontSize: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const longer = line ? `${line} ${word}` : word;
    if (line && textWidth(longer, fontSize) > width) {
      lines.push(line);
      line = word;
    } else line = longer;
  }
  if (line) lines.push(line);
  if (lines.length !== 2) return lines;
  let best = lines;
  let widest = Math.max(...lines.map((l) => textWidth(l, fontSize)));
  for (let cut = 1; cut < words.length; cut++) {
    const pair = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
    const w = Math.max(...pair.map((l) => textWidth(l, fontSize)));
    if (w < widest) [best, widest] = [pair, w];
  }
  return best;
}

/**
 * A facet whose header labels (the panels' names, known from its `sort`) are too long for a plot of `plotWidth`:
 * the long ones drawn on several lines, through a `labelExpr` that looks each label up.
 */
function wrapHeaderLabels(facet: Json, plotWidth: number): Json {
  if (!facet || typeof facet !== 'object' || Array.isArray(facet) || !Array.isArray(facet.sort)) return facet;
  const wrapped: Record<string, string[]> = {};
  for (const label of facet.sort) {
    if (typeof label !== 'string') continue;
    const lines = linesWithin(label, plotWidth * HEADER_FILL, HEADER_FONT_SIZE);
    if (lines.length > 1) wrapped[label] = lines;
  }
  if (Object.keys(wrapped).length === 0) return facet;
  const header = facet.header && typeof facet.header === 'object' && !Array.isArray(facet.header) ? facet.header : {};
  return { ...facet, header: { ...header, labelExpr: `${JSON.stringify(wrapped)}[datum.value] || datum.value` } };
}

/** Sets the width of a view that has one (a panel, a layer view), and wraps its title. */
function narrowView(view: { [key: string]: Json }, plotWidth: number, titleChars: number): { [key: string]: Json } {
  const out = { ...view };
  if (typeof out.width === 'number') out.width = plotWidth;
  if (out.title !== undefined) out.title = wrapTitle(out.title, titleChars) ?? null;
  return out;
}

/**
 * The phone form of `spec`.
 *
 * @param spec - A spec from one of the builders.
 * @param plotWidth - Width of each plot area (the axes come on top); the renderer adjusts it
 *   until the whole picture is at most {@link NARROW_WIDTH} wide.
 */
export function narrowSpec(spec: ChartSpec, plotWidth: number = NARROW_PLOT_WIDTH): ChartSpec {
  const source = stackLegends(spec as unknown as Json) as { [key: string]: Json };
  let out: { [key: string]: Json };
  if (Array.isArray(source.hconcat)) {
    const { hconcat, spacing: _spacing, ...rest } = source;
    out = {
      ...narrowView(rest, plotWidth, TITLE_CHARS),
      vconcat: hconcat.map((panel) => (panel && typeof panel === 'object' && !Array.isArray(panel) ? narrowView(panel, plotWidth, PANEL_TITLE_CHARS) : panel)),
      spacing: 20,
    };
  } else if (typeof source.columns === 'number' && source.spec && typeof source.spec === 'object' && !Array.isArray(source.spec)) {
    // A wrapped facet: one panel a row.
    out = {
      ...narrowView(source, plotWidth, TITLE_CHARS),
      columns: 1,
      ...(source.facet ? { facet: wrapHeaderLabels(source.facet, plotWidth) } : {}),
      spec: narrowView(source.spec, plotWidth, PANEL_TITLE_CHARS),
    };
  } else {
    out = narrowView(source, plotWidth, TITLE_CHARS);
  }
  return out as unknown as ChartSpec;
}
