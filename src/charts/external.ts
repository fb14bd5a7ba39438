/**
 * Chart drawings out of the page: every build-time chart SVG still carrying its drawing inline (the phone
 * forms, the quiz's curves, small charts that have one form) becomes a file of its own, named by a hash of its
 * content, and the page keeps an empty `<svg>` of the same size that draws it with `<use>`.
 *
 * Why: a long lesson carries 29 such drawings, ~230 KB of its HTML, that a page shows at most half of (one form
 * of each chart) and that are the same on every visit; as files they are fetched once, cached for good (the name
 * changes with the content) and precached by the service worker like the desktop forms (src/pages/charts/).
 * A `<use>` inherits the page's `color`, so the ink stays `currentColor` in both themes, as inline; the wrapper
 * keeps its role="img" and label, the data table stays in the page, and nothing needs JavaScript.
 *
 * Pure (strings in, strings out). The build applies it to every written page (src/integrations/chart-files.ts),
 * after rendering, so pages the incremental build copies unchanged are treated the same.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import { chartFile, referencedSvg, type RenderedSvg } from './svg-file';

/** Where the files go, under the site root; the desktop forms of catalog charts are there too. */
export const CHART_FILE_DIR = 'charts';

/** A build-time chart SVG: class `chart-svg`, with its size (render.ts writes exactly this form). */
const CHART_SVG = /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="chart-svg[^"]*" width="([\d.]+)" height="([\d.]+)"[^>]*>([\s\S]*?)<\/svg>/g;

/** The name of a drawing's file: a hash of its content (the same drawing on many pages is one file). */
export function chartFileNameFor(file: string): string {
  return `${createHash('sha256').update(file).digest('hex').slice(0, 16)}.svg`;
}

/** The result of {@link externalizeChartSvgs}. */
export interface ExternalizedPage {
  /** The page with each inline drawing replaced by a `<use>` of its file. */
  readonly html: string;
  /** The files to write, by name (relative to {@link CHART_FILE_DIR}). */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Moves the inline drawings of a page's chart SVGs into files.
 *
 * @param html - A built page.
 * @param base - The URL path the files are served under (`/charts/`).
 */
export function externalizeChartSvgs(html: string, base = `/${CHART_FILE_DIR}/`): ExternalizedPage {
  const files = new Map<string, string>();
  const out = html.replace(CHART_SVG, (whole, width: string, height: string, body: string) => {
    // Already drawn from a file (a catalog chart's desktop form), or nothing drawn at all.
    if (!body.includes('<') || /^<use\b[^>]*\/>$/.test(body)) return whole;
    const rendered: RenderedSvg = { svg: whole, width: Number(width), height: Number(height) };
    const file = chartFile(rendered);
    const name = chartFileNameFor(file);
    files.set(name, file);
    return referencedSvg(rendered, `${base}${name}`).svg;
  });
  return { html: out, files };
}
