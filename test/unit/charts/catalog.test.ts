import { describe, expect, test } from 'vitest';
import { compile } from 'vega-lite';
import { chartByName, chartCatalog, isChartName, liveChartNames } from '../../../src/charts/catalog';
import { nonFiniteNumbers } from '../../../src/charts/finite';
import { chartLabel } from '../../../src/charts/label';
import { housePriceQuadraticTheory } from '../../../src/sim';
import { dataset, datasetNames, unitViews } from './spec-walk';

const names = Object.keys(chartCatalog);

describe('every catalog chart', () => {
  test.each(names)('%s: title, description, finite data, a table, and a spec Vega-Lite compiles', (name) => {
    const chart = chartByName(name);
    expect(typeof chart.spec.title).toBe('string');
    expect(chart.spec.description.length).toBeGreaterThan(80);
    expect(chartLabel(chart.spec)).toContain(chart.spec.description);
    expect(nonFiniteNumbers(chart.spec)).toEqual([]);
    for (const set of datasetNames(chart.spec)) expect(dataset(chart.spec, set).length, set).toBeGreaterThan(-1);
    expect(chart.table.rows.length).toBeGreaterThan(0);
    expect(chart.table.rows.length).toBeLessThanOrEqual(30);
    for (const row of chart.table.rows) expect(row).toHaveLength(chart.table.columns.length);
    // Only a diagnosis question may show a NaN: it is the logged value the reader must interpret.
    if (!name.startsWith('diagnosis-')) expect(chart.table.rows.flat().join(' ')).not.toMatch(/NaN|∞/);
    expect(() => compile(chart.spec)).not.toThrow();
  });

  test('is deterministic: the same spec twice, so the render cache hits', () => {
    for (const name of names) expect(JSON.stringify(chartByName(name).spec)).toBe(JSON.stringify(chartByName(name).spec));
  });
});

describe('names', () => {
  test('the lessons’ charts all exist, and the x² explorer and the two bowl explorers are the live ones', () => {
    for (const name of ['x2-loss-curves', 'x2-paths', 'x2-explorer', 'house-sweep', 'house-path', 'schedules', 'range-test', 'x2-descent-path', 'fd-error-vs-h', 'bowl-path', 'bowl-explorer', 'bowl-momentum-explorer']) {
      expect(isChartName(name), name).toBe(true);
    }
    expect([...liveChartNames]).toEqual(['x2-explorer', 'bowl-explorer', 'bowl-momentum-explorer']);
  });

  test('an unknown name stops with the lesson, the name and the known names', () => {
    expect(() => chartByName('x3-loss', '1.2.38')).toThrow(/Unknown chart "x3-loss" in lesson 1\.2\.38\. Known charts: x2-loss-curves, /);
    expect(isChartName('toString')).toBe(false);
  });
});

describe('what the charts show agrees with the lessons', () => {
  test('x2-loss-curves: 0.01, 0.1 and 1.1 from 10; only 1.1 ends with a divergence marker', () => {
    const { spec } = chartByName('x2-loss-curves');
    const runs = [...new Set(dataset(spec, 'lossLines').map((r) => r.run))];
    expect(runs).toEqual(['η = 0.01 (too small)', 'η = 0.1 (well chosen)', 'η = 1.1 (too large)']);
    expect(dataset(spec, 'lossEnds')).toEqual([expect.objectContaining({ run: 'η = 1.1 (too large)', kind: 'diverged' })]);
    const first = dataset(spec, 'lossLines').filter((r) => r.step === 0).map((r) => r.loss);
    expect(first).toEqual([100, 100, 100]);
  });

  test('x2-paths: the same three runs as x2-loss-curves: 10, 9.8, 9.604 / 10, 8, 6.4 / 10, −12, 14.4', () => {
    const rows = dataset(chartByName('x2-paths').spec, 'iterates');
    const xs = (run: string) => rows.filter((r) => r.run === run).slice(0, 3).map((r) => Number((r.x as number).toFixed(10)));
    expect(xs('η = 0.01: barely moves')).toEqual([10, 9.8, 9.604]);
    expect(xs('η = 0.1: small steps')).toEqual([10, 8, 6.4]);
    expect(xs('η = 1.1: zig-zag out')).toEqual([10, -12, 14.4]);
    const rates = (name: string) => [...new Set(dataset(chartByName(name).spec, name === 'x2-paths' ? 'iterates' : 'lossLines').map((r) => String(r.run).match(/η = ([\d.]+)/)?.[1]))];
    expect(rates('x2-paths')).toEqual(rates('x2-loss-curves'));
  });

  test('x2-descent-path: iterates 10, 8, 6.4, 5.12 (lesson 1.2.37)', () => {
    const rows = dataset(chartByName('x2-descent-path').spec, 'iterates');
    expect(rows.slice(0, 4).map((r) => Number((r.x as number).toFixed(10)))).toEqual([10, 8, 6.4, 5.12]);
  });

  test('house-sweep: limit 2/λmax ≈ 0.130 drawn, 0.1 stable at ≈ 86, best ≈ 0.122 at ≈ 65, 0.131 diverged', () => {
    const { spec } = chartByName('house-sweep');
    const limit = housePriceQuadraticTheory().stabilityLimit;
    expect(limit).toBeCloseTo(0.130, 3);
    expect(dataset(spec, 'limit')[0]?.rate).toBe(limit);
    const stable = dataset(spec, 'stable');
    expect(stable.find((r) => r.rate === 0.1)?.value).toBeCloseTo(86.18, 1);
    expect(stable.find((r) => r.rate === 0.01)?.value).toBeCloseTo(280.3, 0);
    expect(dataset(spec, 'diverged').some((r) => r.rate === 0.131)).toBe(true);
    expect(stable.some((r) => (r.rate as number) > limit)).toBe(false);
    const best = stable.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a));
    expect(best.rate).toBeCloseTo(0.122, 3);
    expect(best.value).toBeCloseTo(65, -1);
    const rates = [...stable, ...dataset(spec, 'diverged')].map((r) => r.rate as number);
    expect(Math.min(...rates)).toBeCloseTo(1e-4, 10);
    expect(Math.max(...rates)).toBeCloseTo(0.2, 10);
  });

  test('house-path: from (0, 0) to (270, 100) in one step, then zig-zag along the steep direction', () => {
    const path = dataset(chartByName('house-path').spec, 'path');
    expect(path[0]).toMatchObject({ x: 0, y: 0 });
    expect(path[1]?.x).toBeCloseTo(270, 9);
    expect(path[1]?.y).toBeCloseTo(100, 9);
    // Zig-zag: w overshoots past its end value and comes back at least three times.
    const w = path.map((r) => r.x as number);
    let turns = 0;
    for (let t = 1; t + 1 < 10; t++) if (Math.sign((w[t] as number) - (w[t - 1] as number)) !== Math.sign((w[t + 1] as number) - (w[t] as number))) turns++;
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  test('fd-error-vs-h: forward best at 1e-8 (≈ 7e-8), central best at 1e-5 (≈ 2e-10), as the 1.2.39 text says', () => {
    const minima = dataset(chartByName('fd-error-vs-h').spec, 'minima');
    const forward = minima.find((m) => m.method === 'forward difference')!;
    const central = minima.find((m) => m.method === 'central difference')!;
    expect(forward.h).toBe(1e-8);
    expect(forward.error as number).toBeGreaterThan(5e-8);
    expect(forward.error as number).toBeLessThan(9e-8);
    expect(central.h).toBe(1e-5);
    expect(central.error as number).toBeGreaterThan(1e-10);
    expect(central.error as number).toBeLessThan(3e-10);
    const at12 = dataset(chartByName('fd-error-vs-h').spec, 'errors').find((r) => r.method === 'central difference' && r.h === 1e-12);
    expect(at12?.error as number).toBeGreaterThan(5e-4);
    expect(at12?.error as number).toBeLessThan(2e-3);
  });

  test('range-test: the suggestion sits on the falling part, before the lowest smoothed loss', () => {
    const { spec } = chartByName('range-test');
    const steps = dataset(spec, 'steps');
    const suggestion = dataset(spec, 'suggestion')[0]!;
    const lowest = steps.reduce((a, b) => ((b.smoothed as number) < (a.smoothed as number) ? b : a));
    expect(suggestion.rate as number).toBeLessThan(lowest.rate as number);
    expect(suggestion.smoothed as number).toBeLessThan(steps[0]!.smoothed as number);
    expect(dataset(spec, 'stop')).toHaveLength(1);
  });

  test('schedules: four panels, step decay a staircase, warm-up ramping up to η₀', () => {
    const rows = dataset(chartByName('schedules').spec, 'schedules');
    const by = (prefix: string) => rows.filter((r) => (r.schedule as string).startsWith(prefix)).map((r) => r.rate as number);
    expect(new Set(rows.map((r) => r.schedule)).size).toBe(4);
    expect(by('step').slice(0, 21).filter((v, i, a) => i === 0 || v !== a[i - 1])).toEqual([0.1, 0.05, 0.025]);
    const warm = by('warm');
    expect(warm[0]).toBeCloseTo(0.01, 10);
    expect(warm[5]).toBeCloseTo(0.1, 10);
    expect(Math.max(...warm)).toBeCloseTo(0.1, 10);
  });

  test('diagnosis-divergence: the NaN epoch is a break, not a value', () => {
    const { spec } = chartByName('diagnosis-divergence');
    expect(dataset(spec, 'breaks')).toEqual([{ step: 5, text: 'NaN' }]);
    expect(unitViews(spec).some((v) => v.data === 'breaks' && v.mark === 'rule')).toBe(true);
  });
});
