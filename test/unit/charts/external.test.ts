import { describe, expect, it } from 'vitest';
import { chartByName } from '../../../src/charts/catalog';
import { externalizeChartSvgs } from '../../../src/charts/external';
import { createSvgRenderer, renderChart } from '../../../src/charts/render';

const render = createSvgRenderer({ cacheDir: null }).render;

describe('chart drawings moved out of a page', () => {
  it('replaces each inline drawing by a <use> of a content-named file and leaves the rest of the page alone', async () => {
    const spec = chartByName('x2-loss-curves').spec;
    const { svg } = await render(spec);
    const page = `<p>before</p><div role="img" aria-label="A chart">${svg}</div><p>after</p>`;
    const out = externalizeChartSvgs(page);
    expect(out.files.size).toBe(1);
    const [name, file] = [...out.files][0]!;
    expect(name).toMatch(/^[0-9a-f]{16}\.svg$/);
    // The drawing, with its text, is in the file; the page keeps the size and the label.
    expect(file).toContain('<text');
    expect(file).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 [\d.]+ [\d.]+"><g id="chart"/);
    expect(out.html).not.toContain('<text');
    expect(out.html).toContain(`<use href="/charts/${name}#chart"/>`);
    expect(out.html).toMatch(/^<p>before<\/p><div role="img" aria-label="A chart"><svg [^>]*class="chart-svg" width="[\d.]+" height="[\d.]+"[^>]*aria-hidden="true"[^>]*><use [^>]*\/><\/svg><\/div><p>after<\/p>$/);
  });

  it('names the same drawing the same on every page and leaves drawings already in files as they are', async () => {
    const spec = chartByName('x2-paths').spec;
    const rendered = await renderChart(spec, { wideUrl: '/charts/x2-paths.abc.svg' });
    const page = rendered.wide.svg + rendered.narrow!.svg;
    const one = externalizeChartSvgs(page);
    const two = externalizeChartSvgs(`<h1>other</h1>${page}`);
    expect(one.files.size).toBe(1);
    expect([...one.files.keys()]).toEqual([...two.files.keys()]);
    expect(one.html).toContain('<use href="/charts/x2-paths.abc.svg#chart"/>');
    // Idempotent: a page already rewritten (copied from an earlier build) gives no more files.
    expect(externalizeChartSvgs(one.html)).toEqual({ html: one.html, files: new Map() });
  });

  it('touches no other SVG (KaTeX’s stretchy symbols)', () => {
    const katex = '<span class="katex"><svg xmlns="http://www.w3.org/2000/svg" width="400em" height="1.08em"><path d="M0 0"/></svg></span>';
    expect(externalizeChartSvgs(katex).html).toBe(katex);
  });
});
