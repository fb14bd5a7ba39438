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
import * as vega from 'vega';
import { compile, version as vegaLiteVersion } from 'vega-lite';
import type { ChartSpec } from './types';

/** An SVG ready to inline, with its natural size in CSS pixels. */
export interface RenderedSvg {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/**
 * Bump when the post-processing below changes, so old cache entries are not reused.
 * (Spec and library changes already change the hash.)
 */
const RENDER_VERSION = 2;

/** Where rendered SVGs are kept between builds (Vite and Astro keep theirs nearby). */
export const DEFAULT_CACHE_DIR = join(process.cwd(), 'node_modules', '.cache', 'course-charts');

/** The key of a spec: sha-256 of the spec and everything else that changes the output. */
export function chartHash(spec: ChartSpec): string {
  return createHash('sha256')
    .update(JSON.stringify(spec))
    .update(`\0vega ${vega.version}\0vega-lite ${vegaLiteVersion}\0render ${RENDER_VERSION}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * Renders without any cache: compile, headless view, SVG string.
 *
 * @param spec - A spec from one of the builders.
 */
export async function renderSvgUncached(spec: ChartSpec): Promise<RenderedSvg> {
  const compiled = compile(spec).spec;
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
  const tag = `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-hidden="true" focusable="false">`;
  return { svg: tag + roundCoordinates(raw.slice(open[0].length)), width, height };
}

/**
 * Rounds the decimals of geometry attributes to two places: Vega writes coordinates with up
 * to 15 digits, which makes a third of the bytes of a dense chart and is invisible below
 * 1/100 of a pixel. Text content (labels such as "0.122") is left alone.
 */
function roundCoordinates(svg: string): string {
  return svg.replace(/ (d|transform|x|y|x1|x2|y1|y2|width|height)="([^"]*)"/g, (_, name: string, value: string) => {
    const rounded = value.replace(/-?\d+\.\d{3,}/g, (m) => {
      const r = Math.round(Number(m) * 100) / 100;
      return Object.is(r, -0) ? '0' : String(r);
    });
    return ` ${name}="${rounded}"`;
  });
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
