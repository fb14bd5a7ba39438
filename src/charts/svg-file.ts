/**
 * A rendered chart SVG and its form as a file of its own, which pages draw with `<use>`. Pure and light (no
 * Vega), so the build's post-processing (./external.ts) can use it without loading the renderer.
 *
 * @packageDocumentation
 */

/** An SVG ready to inline, with its natural size in CSS pixels. */
export interface RenderedSvg {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/** The id of the drawing in a chart's own SVG file ({@link chartFile}), which pages reference. */
const FILE_DRAWING_ID = 'chart';

/**
 * A rendered chart as a file of its own (`/charts/<name>.<hash>.svg`, src/pages/charts/): the drawing in one
 * group that pages reference with `<use>` ({@link referencedSvg}). Its ink stays `currentColor`: a `<use>`
 * inherits the colour of the page around it, as inline SVG does (an `<img>` would not).
 */
export function chartFile(rendered: RenderedSvg): string {
  const open = /^<svg\b[^>]*>/.exec(rendered.svg)?.[0] ?? '';
  const font = / font-family="[^"]*"/.exec(open)?.[0] ?? '';
  const body = rendered.svg.slice(open.length).replace(/<\/svg>$/, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${rendered.width} ${rendered.height}"><g id="${FILE_DRAWING_ID}"${font}>${body}</g></svg>`;
}

/** The inline SVG of a chart that draws the file at `url` ({@link chartFile}): its size, and no drawing of its own. */
export function referencedSvg(rendered: RenderedSvg, url: string): RenderedSvg {
  const open = /^<svg\b[^>]*>/.exec(rendered.svg)?.[0] ?? '';
  const tag = open.replace(/ font-family="[^"]*"/, '');
  return { ...rendered, svg: `${tag}<use href="${url}#${FILE_DRAWING_ID}"/></svg>` };
}

