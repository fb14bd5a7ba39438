import { describe, expect, test } from 'vitest';
import { compile } from 'vega-lite';
import { errorVsStepSpec } from '../../../src/charts/errorVsStep';
import { nonFiniteNumbers } from '../../../src/charts/finite';
import { lossCurvesData, lossCurvesSpec } from '../../../src/charts/lossCurves';
import { lossSequenceData, lossSequenceSpec } from '../../../src/charts/lossSequence';
import { pathOnCurveSpec } from '../../../src/charts/pathOnCurve';
import { quadraticContourRows } from '../../../src/charts/quadraticContours';
import { rangeTestSpec } from '../../../src/charts/rangeTest';
import { rateSweepData, rateSweepSpec } from '../../../src/charts/rateSweep';
import { scheduleCurvesSpec } from '../../../src/charts/scheduleCurves';
import { surfacePathSpec } from '../../../src/charts/surfacePath';
import { COLOR, PALETTE } from '../../../src/charts/theme';
import type { ChartSpec } from '../../../src/charts/types';
import { dataset, fields, unitViews } from './spec-walk';

const geometric = (first: number, factor: number, n: number) => Array.from({ length: n }, (_, t) => first * factor ** t);

/** What every spec must satisfy, whatever its kind. */
function expectWellFormed(spec: ChartSpec): void {
  expect(typeof spec.title === 'string' && spec.title.length > 0).toBe(true);
  expect(spec.description.length).toBeGreaterThan(20);
  expect(nonFiniteNumbers(spec)).toEqual([]);
  // Vega-Lite accepts it without complaint.
  const warnings: string[] = [];
  const logger = { level: () => logger, warn: (...m: unknown[]) => (warnings.push(m.join(' ')), logger), info: () => logger, debug: () => logger, error: (...m: unknown[]) => { throw new Error(m.join(' ')); } };
  const vega = compile(spec, { logger: logger as never }).spec;
  expect(warnings).toEqual([]);
  expect(vega.description).toBe(spec.description);
}

describe('loss curves', () => {
  const spec = lossCurvesSpec({
    title: 'Loss',
    description: 'Three loss curves, one of which diverges.',
    runs: [
      { label: 'slow', loss: geometric(100, 0.96, 31) },
      { label: 'good', loss: geometric(100, 0.64, 31) },
      { label: 'too large', loss: geometric(100, 1.44, 31), ending: { kind: 'diverged', text: 'diverges' } },
    ],
  });

  test('is a log-scale line chart of loss against step, coloured by run', () => {
    expectWellFormed(spec);
    const line = unitViews(spec).find((v) => v.mark === 'line');
    expect(line && fields(line)).toEqual({ x: 'step', y: 'loss', color: 'run' });
    expect((line?.encoding.y as { scale?: { type?: string } }).scale?.type).toBe('log');
  });

  test('a diverged run ends with a marker and a label at its last point, not a line to infinity', () => {
    const ends = dataset(spec, 'lossEnds');
    expect(ends).toEqual([{ run: 'too large', step: 30, loss: 100 * 1.44 ** 30, text: 'diverges', kind: 'diverged' }]);
    const lines = dataset(spec, 'lossLines').filter((r) => r.run === 'too large');
    expect(lines.at(-1)?.step).toBe(30);
    const endViews = unitViews(spec).filter((v) => v.data === 'lossEnds');
    expect(endViews.map((v) => v.mark).sort()).toEqual(['point', 'text']);
    expect(endViews.find((v) => v.mark === 'text')?.encoding.text?.field).toBe('text');
  });

  test('a loss of exactly 0 is left off the log axis and marked instead', () => {
    const data = lossCurvesData([{ label: 'η = 0.5', loss: [100, 0, 0] }]);
    expect(data.lossLines).toEqual([{ run: 'η = 0.5', step: 0, loss: 100 }]);
    expect(data.lossEnds[0]).toMatchObject({ kind: 'exact', step: 0 });
  });

  test('refuses non-finite losses rather than drawing them', () => {
    expect(() => lossCurvesData([{ label: 'bad', loss: [1, NaN] }])).toThrow(/finite/);
    expect(() => lossCurvesData([{ label: 'bad', loss: [1, Infinity] }])).toThrow(/finite/);
  });
});

describe('path on a curve', () => {
  const xs = (rate: number) => geometric(10, 1 - 2 * rate, 13);
  const spec = pathOnCurveSpec({
    title: 'Paths',
    description: 'Three paths on the parabola.',
    f: (x) => x * x,
    xDomain: [-20, 20],
    layout: 'panels',
    paths: [
      { label: 'small', xs: xs(0.1) },
      { label: 'zig-zag', xs: xs(0.9) },
      { label: 'out', xs: xs(1.1), divergedText: 'diverges' },
    ],
  });

  test('draws the curve, the iterates on it, arcs and arrowheads, one panel per path', () => {
    expectWellFormed(spec);
    expect((spec as { hconcat?: unknown[] }).hconcat).toHaveLength(3);
    const marks = unitViews(spec).map((v) => `${v.data}:${v.mark}`);
    for (const m of ['curve:line', 'iterates:point', 'hops:line', 'heads:point', 'pathEnds:point', 'pathEnds:text']) expect(marks).toContain(m);
    for (const row of dataset(spec, 'iterates')) expect(row.y).toBeCloseTo((row.x as number) ** 2, 9);
  });

  test('a path leaving the window stops at its last point inside, marked as diverging', () => {
    const out = dataset(spec, 'iterates').filter((r) => r.run === 'out');
    // 10, −12, 14.4, −17.28 are inside [−20, 20]; −20.736 is not.
    expect(out).toHaveLength(4);
    [10, -12, 14.4, -17.28].forEach((x, i) => expect(out[i]?.x).toBeCloseTo(x, 9));
    expect(dataset(spec, 'pathEnds')).toEqual([{ run: 'out', x: out[3]!.x, y: out[3]!.y, text: 'diverges' }]);
  });

  test('arrowheads point along the step: right and up for a step up the right branch', () => {
    const layered = pathOnCurveSpec({ title: 'One', description: 'One path, moving right.', f: (x) => x * x, xDomain: [-1, 11], paths: [{ label: 'up', xs: [5, 8] }] });
    const head = dataset(layered, 'heads')[0]!;
    expect(head.angle as number).toBeGreaterThan(0);
    expect(head.angle as number).toBeLessThan(90);
  });
});

describe('path over a loss surface', () => {
  const hessian = [2, 0, 0, 50];
  const contours = quadraticContourRows({ hessian, center: [0, 0] }, [1, 10]);
  const params = [10, 1.5, 9.3, -1.1, 8.6, 0.8];
  const spec = surfacePathSpec({ title: 'Bowl', description: 'Zig-zag in a narrow bowl.', contours, params, minimizer: [0, 0], xDomain: [-1, 11], yDomain: [-2, 2], xTitle: 'u', yTitle: 'v' });

  test('contours are exact level sets of the quadratic', () => {
    for (const r of contours) {
      const x = r.x as number;
      const y = r.y as number;
      expect(0.5 * (2 * x * x + 50 * y * y)).toBeCloseTo(r.level as number, 9);
    }
  });

  test('draws contour lines, the path in order, the start and the minimum', () => {
    expectWellFormed(spec);
    const views = unitViews(spec);
    expect(views.find((v) => v.data === 'contours')?.encoding.detail?.field).toBe('level');
    expect(views.find((v) => v.data === 'path' && v.mark === 'line')?.encoding.order?.field).toBe('step');
    expect(dataset(spec, 'path')).toHaveLength(3);
    expect(dataset(spec, 'markers')[0]).toMatchObject({ x: 0, y: 0 });
  });
});

describe('learning-rate sweep', () => {
  const points = [
    { rate: 0.001, value: 1000, diverged: false },
    { rate: 0.01, value: 100, diverged: false },
    { rate: 0.1, value: 10, diverged: false },
    { rate: 0.2, value: 1e37, diverged: true },
  ];
  const spec = rateSweepSpec({
    title: 'Sweep',
    description: 'Final loss against rate, with the limit.',
    points,
    valueTitle: 'final loss',
    limit: { rate: 0.13, text: '2/λmax ≈ 0.130' },
    highlights: [{ rate: 0.1, text: '0.1' }],
  });

  test('is log-log with the stability limit as a labelled rule', () => {
    expectWellFormed(spec);
    const line = unitViews(spec).find((v) => v.data === 'stable' && v.mark === 'line');
    expect(line && fields(line)).toEqual({ x: 'rate', y: 'value' });
    expect((line?.encoding.x as { scale?: { type?: string } }).scale?.type).toBe('log');
    expect((line?.encoding.y as { scale?: { type?: string } }).scale?.type).toBe('log');
    expect(unitViews(spec).filter((v) => v.data === 'limit').map((v) => v.mark).sort()).toEqual(['rule', 'text']);
    expect(dataset(spec, 'limit')).toEqual([{ rate: 0.13, text: '2/λmax ≈ 0.130' }]);
  });

  test('diverged runs sit on the top edge instead of at their astronomical value', () => {
    const data = rateSweepData({ points });
    expect(data.diverged).toEqual([{ rate: 0.2, value: data.ceiling }]);
    expect(data.ceiling).toBe(3000);
    expect(data.stable.every((r) => (r.value as number) <= data.ceiling)).toBe(true);
  });

  test('with a close-up, highlights inside it are labelled there', () => {
    const zoomed = rateSweepSpec({ title: 'Sweep', description: 'Final loss against rate, with a close-up.', points, valueTitle: 'final loss', highlights: [{ rate: 0.1, text: '0.1' }, { rate: 0.001, text: 'small' }], zoom: { domain: [0.05, 0.2] } });
    expectWellFormed(zoomed);
    expect(dataset(zoomed, 'highlights').map((h) => [h.text, h.panel])).toEqual([['0.1', 'zoom'], ['small', 'overview']]);
  });
});

describe('range test', () => {
  const rates = geometric(1e-5, 1.1, 40);
  const losses = rates.map((r) => (r < 0.001 ? 100 : 100 / (1 + 1000 * r)));
  const spec = rangeTestSpec({ title: 'Range test', description: 'Smoothed loss against a growing rate.', rates, losses, smoothed: losses, suggested: { rate: 0.002, text: 'suggested' }, stoppedText: 'stops' });

  test('marks the suggested rate on the curve and the stop as divergence', () => {
    expectWellFormed(spec);
    const suggestion = dataset(spec, 'suggestion')[0]!;
    expect(suggestion.rate).toBe(0.002);
    expect(losses).toContain(suggestion.smoothed);
    expect(unitViews(spec).filter((v) => v.data === 'suggestion').map((v) => v.mark).sort()).toEqual(['point', 'rule', 'text']);
    expect(dataset(spec, 'stop')[0]).toMatchObject({ rate: rates.at(-1), text: 'stops' });
  });
});

describe('schedules', () => {
  test('one step-interpolated panel per schedule, in the given order', () => {
    const spec = scheduleCurvesSpec({
      title: 'Schedules',
      description: 'Two schedules side by side.',
      series: [
        { label: 'step', rates: [0.1, 0.1, 0.05, 0.05] },
        { label: 'exp', rates: geometric(0.1, 0.9, 4) },
      ],
    });
    expectWellFormed(spec);
    const [line] = unitViews(spec);
    expect(line?.markDef.interpolate).toBe('step-after');
    expect(line && fields(line)).toEqual({ x: 'step', y: 'rate', color: 'schedule' });
    expect((spec as { facet?: { sort?: unknown } }).facet?.sort).toEqual(['step', 'exp']);
    expect(dataset(spec, 'schedules')).toHaveLength(8);
  });
});

describe('loss sequence for diagnosis', () => {
  test('a NaN is a marked break: no NaN in the data, a labelled rule at its epoch', () => {
    const spec = lossSequenceSpec({ title: 'Log', description: 'A loss that blows up to NaN.', losses: [0.8, 1.5, 3.2, 8.7, NaN] });
    expectWellFormed(spec);
    expect(dataset(spec, 'values').map((r) => r.loss)).toEqual([0.8, 1.5, 3.2, 8.7]);
    expect(dataset(spec, 'breaks')).toEqual([{ step: 5, text: 'NaN' }]);
    expect(unitViews(spec).filter((v) => v.data === 'breaks').map((v) => v.mark).sort()).toEqual(['rule', 'text']);
  });

  test('values after a break start a new segment, so the line is not bridged across it', () => {
    const { values } = lossSequenceData([1, Infinity, 2, 3]);
    expect(values.map((r) => r.segment)).toEqual([0, 1, 1]);
  });
});

describe('error against step size', () => {
  test('log-log, zeros left out, each minimum marked', () => {
    const spec = errorVsStepSpec({
      title: 'Errors',
      description: 'Error of two methods against h.',
      series: [
        { label: 'a', steps: [1e-1, 1e-2, 1e-3], errors: [1e-2, 1e-4, 0] },
        { label: 'b', steps: [1e-1, 1e-2, 1e-3], errors: [1e-1, 1e-3, 1e-2] },
      ],
    });
    expectWellFormed(spec);
    expect(dataset(spec, 'errors')).toHaveLength(5);
    expect(dataset(spec, 'minima').map((m) => [m.method, m.h])).toEqual([
      ['a', 1e-2],
      ['b', 1e-2],
    ]);
  });
});

test('the palette keeps 3:1 contrast against both page backgrounds', () => {
  const luminance = (hex: string) => {
    const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
  };
  const contrast = (a: string, b: string) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
    return (x + 0.05) / (y + 0.05);
  };
  for (const color of [...PALETTE, ...Object.values(COLOR)]) {
    expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(3);
    expect(contrast(color, '#10161d'), color).toBeGreaterThanOrEqual(3);
  }
});
