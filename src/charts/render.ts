/**
 * Build-time rendering of a Vega-Lite spec to an SVG string, cached by content.
 *
 * The shell around the pure builders: Vega-Lite compiles the spec, a headless Vega view
 * (`renderer: 'none'`) draws it with Vega's SVG string renderer, and the result is kept in
 * memory and on disk under a hash of the spec and the Vega versions, so that an unchanged
 * chart costs one file read on the next build and nothing on the next page.
 *
 * Node only (uses node:fs and node:crypto); never import it from browser code.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NARROW_PLOT_WIDTH, NARROW_WIDTH, narrowSpec } from './narrow';
import type { ChartSpec } from './types';
import { referencedSvg, type RenderedSvg } from './svg-file';
import { loadVega, vegaVersions } from './vega-libs';

export type { RenderedSvg } from './svg-file';
export { chartFile, referencedSvg } from './svg-file';

/**
 * Bump when the post-processing below changes, so old cache entries are not reused.
 * (Spec and library changes already change the hash.)
 */
const RENDER_VERSION = 4;

/** Where rendered SVGs are kept between builds (Vite and Astro keep theirs nearby). */
export const DEFAULT_CACHE_DIR = join(process.cwd(), 'node_modules', '.cache', 'course-charts');

/** The key of a spec: sha-256 of the spec and everything else that changes the output. */
export function chartHash(spec: ChartSpec): string {
  return createHash('sha256')
    .update(JSON.stringify(spec))
    .update(`\0${vegaVersions()}\0render ${RENDER_VERSION}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * Renders without any cache: compile, headless view, SVG string.
 *
 * @param spec - A spec from one of the builders.
 */
export async function renderSvgUncached(spec: ChartSpec): Promise<RenderedSvg> {
  const { vega, vegaLite } = await loadVega();
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const raw = await view.toSVG();
    return finishSvg(raw);
  } finally {
    view.finalize();
  }
}

/**
 * Turns Vega's SVG into something to inline in a page: no XML prolog attributes a browser
 * does not need, hidden from assistive technology (the wrapper carries role="img" and the
 * label), and not focusable.
 */
function finishSvg(raw: string): RenderedSvg {
  const open = /^<svg\b[^>]*>/.exec(raw);
  if (!open) throw new Error('Vega returned something that is not an SVG');
  const width = Number(/\bwidth="([\d.]+)"/.exec(open[0])?.[1]);
  const height = Number(/\bheight="([\d.]+)"/.exec(open[0])?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('Vega returned an SVG without a size');
  const { body, fontFamily } = slimSvg(roundCoordinates(raw.slice(open[0].length)));
  const font = fontFamily ? ` font-family="${fontFamily}"` : '';
  const tag = `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-hidden="true" focusable="false"${font}>`;
  return { svg: tag + body, width, height };
}

/**
 * Rounds the decimals of geometry attributes to one place: Vega writes coordinates with up
 * to 15 digits, which makes a third of the bytes of a dense chart, and 1/20 of a pixel is
 * below what a screen shows. Text content (labels such as "0.122") is left alone.
 */
function roundCoordinates(svg: string): string {
  return svg.replace(/ (d|transform|x|y|x1|x2|y1|y2|width|height)="([^"]*)"/g, (_, name: string, value: string) => {
    const rounded = value.replace(/-?\d+\.\d{2,}/g, (m) => {
      const r = Math.round(Number(m) * 10) / 10;
      return Object.is(r, -0) ? '0' : String(r);
    });
    return ` ${name}="${rounded}"`;
  });
}

/**
 * Drops what Vega writes for its interactive scenegraph and a picture inlined in every lesson does not
 * need (a third of the bytes; 1.5 KB gzip of a lesson's three charts): the empty background and
 * foreground paths of group marks, the classes, ARIA roles and labels inside an SVG that is aria-hidden as a
 * whole (the wrapper carries the label), `pointer-events`, `opacity="1"`, `translate(0,0)`, and the
 * attribute-less groups left behind. The font family every label repeats moves to the root.
 */
function slimSvg(svg: string): { body: string; fontFamily?: string } {
  let body = svg
    .replace(/<path class="background"(?![^>]*\b(?:fill|stroke)=)[^>]*\/>/g, '')
    .replace(/<path class="foreground"[^>]*display="none"[^>]*\/>/g, '')
    .replace(/ (?:role|aria-roledescription|aria-label|aria-hidden|pointer-events|class)="[^"]*"/g, '')
    .replace(/ opacity="1"/g, '')
    .replace(/ transform="translate\(0,0\)"/g, '')
    .replace(/<g\b[^>]*\/>/g, '');
  const counts = new Map<string, number>();
  for (const m of body.matchAll(/ font-family="([^"]*)"/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  const fontFamily = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (fontFamily) body = body.split(` font-family="${fontFamily}"`).join('');
  // Unwrap <g> without attributes (they group nothing a renderer uses), then drop empty groups (self-closing
  // ones went above, so every <g …> here has its </g>).
  for (;;) {
    const tags = [...body.matchAll(/<g\b[^>]*>|<\/g>/g)];
    const stack: { index: number; bare: boolean }[] = [];
    const drop = new Set<number>();
    for (const t of tags) {
      if (t[0] === '</g>') {
        const o = stack.pop();
        if (o?.bare) drop.add(o.index).add(t.index!);
      } else stack.push({ index: t.index!, bare: t[0] === '<g>' });
    }
    const before = body;
    if (drop.size > 0) {
      let out = '';
      let from = 0;
      for (const t of tags) {
        if (!drop.has(t.index!)) continue;
        out += body.slice(from, t.index);
        from = t.index! + t[0].length;
      }
      body = out + body.slice(from);
    }
    body = body.replace(/<g\b[^>]*><\/g>/g, '');
    if (body === before) break;
  }
  return { body, fontFamily };
}

/** Options of {@link createSvgRenderer}. */
export interface SvgRendererOptions {
  /** Directory of the disk cache; null for memory only. */
  readonly cacheDir?: string | null;
}

/** A renderer with its own caches (the build uses {@link renderSvg}; benchmarks make fresh ones). */
export interface SvgRenderer {
  render(spec: ChartSpec): Promise<RenderedSvg>;
}

/**
 * A renderer that looks in memory, then on disk, then renders and stores in both.
 *
 * @param options - Cache directory.
 */
export function createSvgRenderer(options: SvgRendererOptions = {}): SvgRenderer {
  const cacheDir = options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir;
  // Promises, not results: pages rendered concurrently share one render of a chart.
  const memory = new Map<string, Promise<RenderedSvg>>();

  async function fromDiskOrRender(key: string, spec: ChartSpec): Promise<RenderedSvg> {
    const file = cacheDir === null ? null : join(cacheDir, `${key}.svg`);
    if (file) {
      try {
        return finishCached(await readFile(file, 'utf8'));
      } catch {
        // Not cached yet (or unreadable): render below.
      }
    }
    const rendered = await renderSvgUncached(spec);
    if (file && cacheDir !== null) {
      try {
        await mkdir(cacheDir, { recursive: true });
        // Write then rename, so a concurrent build never reads half a file.
        const temp = `${file}.${process.pid}.tmp`;
        await writeFile(temp, rendered.svg);
        await rename(temp, file);
      } catch {
        // A read-only cache only costs time.
      }
    }
    return rendered;
  }

  return {
    render(spec) {
      const key = chartHash(spec);
      let pending = memory.get(key);
      if (!pending) {
        pending = fromDiskOrRender(key, spec);
        memory.set(key, pending);
        pending.catch(() => memory.delete(key));
      }
      return pending;
    },
  };
}

function finishCached(svg: string): RenderedSvg {
  const open = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\bwidth="([\d.]+)"/.exec(open)?.[1]);
  const height = Number(/\bheight="([\d.]+)"/.exec(open)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('corrupt cache entry');
  return { svg, width, height };
}

const buildRenderer = createSvgRenderer();

/**
 * Renders a spec with the build's shared memory and disk cache.
 *
 * @param spec - A spec from one of the builders.
 */
export function renderSvg(spec: ChartSpec): Promise<RenderedSvg> {
  return buildRenderer.render(spec);
}

/** The phone form of a chart, with the plot width it was laid out with (the live explorer lays its own out alike). */
export interface NarrowSvg extends RenderedSvg {
  readonly plotWidth: number;
}

/** A chart in both forms: as drawn for the desktop column, and for a phone's (absent when the first already fits one). */
export interface RenderedChart {
  readonly wide: RenderedSvg;
  readonly narrow?: NarrowSvg;
}

/**
 * Renders the phone form of a spec ({@link narrowSpec}) as wide as {@link NARROW_WIDTH} allows: the axes'
 * room is only known once drawn, so the plot width is corrected from the drawn width (a few renders, all
 * cached like any other).
 *
 * @param spec - A spec from one of the builders.
 * @param render - The renderer (the build's by default).
 */
export async function renderNarrowSvg(
  spec: ChartSpec,
  render: (spec: ChartSpec) => Promise<RenderedSvg> = renderSvg,
  maxWidth: number = NARROW_WIDTH,
): Promise<NarrowSvg> {
  let plot = NARROW_PLOT_WIDTH;
  let best: NarrowSvg | undefined;
  for (let i = 0; i < 8; i++) {
    const out = await render(narrowSpec(spec, plot));
    if (out.width <= maxWidth && (!best || out.width > best.width)) best = { ...out, plotWidth: plot };
    const slack = maxWidth - out.width;
    if (slack >= 0 && slack < 8) break;
    // Labels placed beside marks do not shrink with the plot: a step at least 4 px, towards fitting.
    plot = Math.max(60, plot + (slack < 0 ? Math.min(-4, Math.floor(slack)) : Math.floor(slack / 2)));
  }
  if (!best) throw new Error(`a chart does not fit ${maxWidth} px even with narrow plots`);
  return best;
}

/** Marks which form an SVG is, for the CSS that shows one of them (ChartPicture.astro). */
function tagForm(svg: RenderedSvg, form: 'wide' | 'narrow'): RenderedSvg {
  return { ...svg, svg: svg.svg.replace('class="chart-svg"', `class="chart-svg chart-svg-${form}"`) };
}

/** Options of {@link renderChart}. */
export interface RenderChartOptions {
  /** Widest the phone form may be: less than {@link NARROW_WIDTH} for a chart inside a padded box (a quiz question's). */
  readonly narrowWidth?: number;
  /**
   * Where the desktop form is served as a file ({@link chartFileUrl}): the page then draws it from there and
   * carries only the phone form inline.
   */
  readonly wideUrl?: string;
}

/**
 * Renders a spec for the desktop column and, when that is wider than a phone's, for a phone too.
 *
 * @param spec - A spec from one of the builders.
 */
export async function renderChart(spec: ChartSpec, { narrowWidth = NARROW_WIDTH, wideUrl }: RenderChartOptions = {}): Promise<RenderedChart> {
  const wide = await renderSvg(spec);
  if (wide.width <= narrowWidth) return { wide };
  const narrow = await renderNarrowSvg(spec, renderSvg, narrowWidth);
  const shownWide = wideUrl ? referencedSvg(wide, wideUrl) : wide;
  return { wide: tagForm(shownWide, 'wide'), narrow: { ...tagForm(narrow, 'narrow'), plotWidth: narrow.plotWidth } };
}

/** The file name (without `.svg`) a catalog chart's desktop form is served under: its name and a hash of its spec, so a page always gets its own build's. */
export function chartFileName(name: string, spec: ChartSpec): string {
  return `${name}.${chartHash(spec).slice(0, 12)}`;
}

/** The URL of a catalog chart's desktop form. */
export function chartFileUrl(name: string, spec: ChartSpec): string {
  return `/charts/${chartFileName(name, spec)}.svg`;
}
