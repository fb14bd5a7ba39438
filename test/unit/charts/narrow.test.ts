// The phone form of every catalog chart: drawn at most 280 px wide (the column of a 320 px screen), so
// shown unscaled its text keeps the theme's sizes; nothing drawn outside the picture.
import { writeFileSync, mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chartByName, chartCatalog } from '../../../src/charts/catalog';
import { NARROW_WIDTH, linesWithin, narrowSpec, titleLines } from '../../../src/charts/narrow';
import { createSvgRenderer, renderNarrowSvg } from '../../../src/charts/render';

const renderer = createSvgRenderer({ cacheDir: null });
const render = (spec: Parameters<typeof renderer.render>[0]) => renderer.render(spec);

function fontSizes(svg: string): number[] {
  return [...svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
}

describe('narrowSpec', () => {
  it('stacks side-by-side panels and narrows each plot', () => {
    const spec = chartByName('x2-paths').spec;
    const narrow = narrowSpec(spec, 200) as unknown as { vconcat: { width: number }[]; hconcat?: unknown };
    expect(narrow.hconcat).toBeUndefined();
    expect(narrow.vconcat.length).toBe((spec as unknown as { hconcat: unknown[] }).hconcat.length);
    for (const panel of narrow.vconcat) expect(panel.width).toBe(200);
  });

  it('breaks long titles at spaces', () => {
    expect(titleLines('Loss of gradient descent on x² from x₀ = 10', 20)).toEqual(['Loss of gradient', 'descent on x² from', 'x₀ = 10']);
    expect(titleLines('short', 20)).toEqual(['short']);
  });
});

describe.each(Object.keys(chartCatalog))('the phone form of %s', (name) => {
  it(`is at most ${NARROW_WIDTH} px wide, with text of 11 px or more`, { timeout: 60_000 }, async () => {
    const spec = chartByName(name).spec;
    const wide = await render(spec);
    const narrow = await renderNarrowSvg(spec, render);
    if (process.env.NARROW_SVG_DIR) {
      mkdirSync(process.env.NARROW_SVG_DIR, { recursive: true });
      writeFileSync(`${process.env.NARROW_SVG_DIR}/${name}.svg`, narrow.svg);
    }
    expect(narrow.width).toBeLessThanOrEqual(NARROW_WIDTH);
    // Not a thumbnail: the plots use the width there is.
    expect(narrow.width).toBeGreaterThan(NARROW_WIDTH - 40);
    expect(Math.min(...fontSizes(narrow.svg))).toBeGreaterThanOrEqual(11);
    expect(Math.min(...fontSizes(wide.svg))).toBeGreaterThanOrEqual(11);
  });
});

describe('the desktop form as a file of its own', () => {
  it('keeps the drawing in the file and only its size in the page', async () => {
    const { chartFile, referencedSvg } = await import('../../../src/charts/render');
    const wide = await render(chartByName('x2-loss-curves').spec);
    const file = chartFile(wide);
    expect(file).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 [\d.]+ [\d.]+"><g id="chart" font-family="[^"]+">/);
    expect(file).toContain('<text');
    const inline = referencedSvg(wide, '/charts/x.svg');
    expect(inline.svg).toMatch(/^<svg [^>]*width="[\d.]+" height="[\d.]+" viewBox="[^"]+"[^>]*><use href="\/charts\/x.svg#chart"\/><\/svg>$/);
    expect(inline.svg).not.toContain('<text');
  });
});

describe('panel names of a wrapped facet', () => {
  it('that would run past a phone’s plot are drawn on lines that fit it', async () => {
    const spec = chartByName('schedules').spec;
    const narrow = narrowSpec(spec, 215) as unknown as { facet: { header: { labelExpr?: string } } };
    expect(narrow.facet.header.labelExpr).toContain('"exponential decay: ×0.933 per epoch":["exponential decay:","×0.933 per epoch"]');
    // The short names stay on one line.
    expect(narrow.facet.header.labelExpr).not.toContain('cosine annealing to 0.001');
    const svg = (await renderNarrowSvg(spec, render)).svg;
    expect(svg).toMatch(/>exponential decay:<\/tspan>/);
    expect(svg).toMatch(/>×0\.933 per epoch<\/tspan>/);
    expect(linesWithin('exponential decay: ×0.933 per epoch', 183, 12)).toEqual(['exponential decay:', '×0.933 per epoch']);
  });
});
