import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chartByName } from '../../../src/charts/catalog';
import { chartHash, createSvgRenderer, renderSvgUncached } from '../../../src/charts/render';

// A few representative charts, rendered in Node exactly as the build renders them.
const snapshots = ['x2-loss-curves', 'x2-paths', 'house-sweep', 'fd-error-vs-h', 'diagnosis-divergence'];

describe('SVG snapshots', () => {
  test.each(snapshots)('%s', async (name) => {
    const { svg } = await renderSvgUncached(chartByName(name).spec);
    await expect(svg).toMatchFileSnapshot(`../../fixtures/charts/${name}.svg`);
  });
});

describe('the SVG', () => {
  test('is theme-neutral: ink is currentColor, no background, data colours from the palette only', async () => {
    const { svg, width, height } = await renderSvgUncached(chartByName('x2-loss-curves').spec);
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-hidden="true"`)).toBe(true);
    const colours = new Set([...svg.matchAll(/(?:fill|stroke)="([^"]+)"/g)].map((m) => m[1]));
    for (const c of colours) expect(['currentColor', 'none', 'transparent', '#0072B2', '#D55E00', '#009E73', '#CC79A7', '#A66F00']).toContain(c);
    expect(svg).not.toMatch(/fill="(white|#fff|#ffffff)"/i);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  test('keeps label text exact while rounding coordinates', async () => {
    const { svg } = await renderSvgUncached(chartByName('house-sweep').spec);
    expect(svg).toContain('best ≈ 0.122: 64.9');
    expect(svg).not.toMatch(/ d="[^"]*\d\.\d{3}/);
  });
});

describe('the render cache', () => {
  test('the key changes with the spec and only with it', () => {
    const a = chartByName('schedules').spec;
    expect(chartHash(a)).toBe(chartHash(chartByName('schedules').spec));
    expect(chartHash({ ...a, title: 'other' })).not.toBe(chartHash(a));
  });

  test('a second render of the same spec is served from memory, a new renderer reads the disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'course-charts-'));
    const spec = chartByName('diagnosis-healthy').spec;
    const first = createSvgRenderer({ cacheDir: dir });
    const a = await first.render(spec);
    expect(readdirSync(dir)).toEqual([`${chartHash(spec)}.svg`]);
    expect(first.render(spec)).toBe(first.render(spec));
    // Prove the disk copy is used: doctor it and read it back through a fresh renderer.
    const file = join(dir, `${chartHash(spec)}.svg`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('</svg>', '<!-- cached --></svg>'));
    const b = await createSvgRenderer({ cacheDir: dir }).render(spec);
    expect(b.svg).toContain('<!-- cached -->');
    expect([b.width, b.height]).toEqual([a.width, a.height]);
  });

  test('renders without a disk cache too', async () => {
    const spec = chartByName('diagnosis-healthy').spec;
    const { svg } = await createSvgRenderer({ cacheDir: null }).render(spec);
    expect(svg).toContain('Logged loss at learning rate 0.1');
  });
});
