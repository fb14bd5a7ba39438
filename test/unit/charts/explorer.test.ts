import { describe, expect, test } from 'vitest';
import { nonFiniteNumbers } from '../../../src/charts/finite';
import {
  EXPLORER_DATASETS,
  EXPLORER_DEFAULTS,
  EXPLORER_LIMITS,
  EXPLORER_LOSS_DOMAIN,
  EXPLORER_OPTIMIZERS,
  EXPLORER_RATES,
  EXPLORER_SCHEDULES,
  EXPLORER_TRACES,
  explorerSpec,
  explorerState,
  explorerTable,
  rateIndex,
} from '../../../src/charts/explorer';
import { STEP_BUDGET, decadeTicks } from '../../../src/charts/lossCurves';
import type { ExplorerSettings } from '../../../src/charts/explorer';
import { dataset, datasetNames, unitViews } from './spec-walk';

const at = (rate: number, more: Partial<ExplorerSettings> = {}) => explorerState({ ...EXPLORER_DEFAULTS, rate, ...more });

describe('the rate slider', () => {
  test('runs from 0.001 to 1.5 in increasing steps and lands exactly on 0.5, 0.9, 1.0 and 1.1', () => {
    expect(EXPLORER_RATES[0]).toBe(0.001);
    expect(EXPLORER_RATES.at(-1)).toBe(1.5);
    for (let i = 1; i < EXPLORER_RATES.length; i++) expect(EXPLORER_RATES[i]).toBeGreaterThan(EXPLORER_RATES[i - 1]!);
    for (const r of [0.01, 0.1, 0.5, 0.9, 1, 1.1]) expect(EXPLORER_RATES).toContain(r);
    // One step right of 1.0 is past the stability limit.
    expect(EXPLORER_RATES[rateIndex(1) + 1]).toBe(1.1);
    // Log-like: no step is more than 25 % of the rate.
    for (let i = 1; i < EXPLORER_RATES.length; i++) expect(EXPLORER_RATES[i]! / EXPLORER_RATES[i - 1]!).toBeLessThanOrEqual(1.25);
  });
});

describe('the regime text', () => {
  test.each([
    [0.1, /^Converges from one side in 45 steps: η = 0\.1 is at most 1\/λ = 0\.5/],
    [0.5, /^Exact: η = 1\/λ = 0\.5 lands on the minimum in one step/],
    [0.9, /^Zig-zag, converges in 45 steps: η = 0\.9 is between 1\/λ = 0\.5 and 2\/λ = 1\.0/],
    [1, /^Stuck: η = 2\/λ = 1\.0 exactly, so x flips between 10 and −10 forever and the loss stays at 100/],
    [1.1, /^Diverges: rate above 2\/λmax = 1\.0; \|x\| grows ×1\.2 per step/],
    [0.01, /^Too slow: after 50 steps x is still 3\.64/],
  ])('rate %s', (rate, text) => {
    expect(at(rate).regimeText).toMatch(text);
  });

  test('other optimizers and schedules explain themselves with the classifier', () => {
    expect(at(0.1, { optimizer: 'adam' }).regimeText.length).toBeGreaterThan(20);
    expect(at(0.1, { schedule: 'cosine' }).regimeText).not.toMatch(/2\/λ/);
  });
});

describe('data', () => {
  test('every control setting gives finite data, for every optimizer and schedule', () => {
    for (const rate of [0.001, 0.3, 0.5, 0.75, 1, 1.1, 1.5]) {
      for (const optimizer of ['gd', 'momentum', 'nesterov', 'adam'] as const) {
        for (const schedule of ['constant', 'exponential', 'cosine'] as const) {
          for (const start of [-10, 0, 0.5, 10]) {
            const state = at(rate, { optimizer, schedule, start, steps: 200 });
            expect(nonFiniteNumbers(state.datasets), `${rate} ${optimizer} ${schedule} ${start}`).toEqual([]);
          }
        }
      }
    }
  });

  test('the spec reads exactly the datasets the page replaces, the previous-run traces, and the fixed curve', () => {
    const spec = explorerSpec(at(0.1));
    expect(datasetNames(spec).sort()).toEqual([...EXPLORER_DATASETS, ...Object.keys(EXPLORER_TRACES), 'curve'].sort());
  });

  test('the previous run is a faint dashed copy of the path and of the loss line, empty at first paint', () => {
    const spec = explorerSpec(at(0.1));
    for (const [trace, from] of Object.entries(EXPLORER_TRACES)) {
      expect(dataset(spec, trace)).toEqual([]);
      const layer = unitViews(spec).find((v) => v.data === trace)!;
      const line = unitViews(spec).find((v) => v.data === from && v.mark === 'line')!;
      expect(layer.mark).toBe('line');
      expect(layer.markDef.strokeDash).toEqual([4, 3]);
      expect(layer.encoding.color).toBeUndefined();
      expect(layer.encoding.x).toEqual(line.encoding.x);
      expect(layer.encoding.y).toEqual(line.encoding.y);
    }
  });

  test('a diverging rate ends with markers in both panels', () => {
    const state = at(1.1);
    expect(state.datasets.lossEnds).toEqual([expect.objectContaining({ kind: 'diverged' })]);
    expect(state.datasets.pathEnds).toEqual([expect.objectContaining({ text: 'diverges' })]);
    expect(at(0.9).datasets.lossEnds).toEqual([]);
  });

  test('the data table follows the run', () => {
    const table = explorerTable(at(1.1, { steps: 5 }));
    expect(table.rows.map((r) => r[1])).toEqual(['10', '−12', '14.4', '−17.28', '20.74', '−24.88']);
  });
});

describe('the loss panel’s fixed axes', () => {
  /** Smallest and largest loss drawn over a sweep of settings. */
  const lossRange = (states: Iterable<{ datasets: { lossLines: Record<string, unknown>[] } }>) => {
    let lo = Infinity;
    let hi = 0;
    for (const state of states) {
      for (const row of state.datasets.lossLines) {
        lo = Math.min(lo, row.loss as number);
        hi = Math.max(hi, row.loss as number);
      }
    }
    return [lo, hi] as const;
  };

  test('the loss domain holds every run the controls can set, within a decade at each end (so it is the runs’ range, not a guess)', () => {
    // Every rate, optimizer and schedule, from the starts nearest and furthest from the minimum, at the largest budget (the extremes).
    function* sweep() {
      for (const rate of EXPLORER_RATES)
        for (const optimizer of Object.keys(EXPLORER_OPTIMIZERS) as ExplorerSettings['optimizer'][])
          for (const schedule of Object.keys(EXPLORER_SCHEDULES) as ExplorerSettings['schedule'][])
            for (const start of [EXPLORER_LIMITS.start.min, -EXPLORER_LIMITS.start.step, EXPLORER_LIMITS.start.step, EXPLORER_LIMITS.start.max])
              yield explorerState({ rate, optimizer, schedule, start, steps: EXPLORER_LIMITS.steps.max });
    }
    const [lo, hi] = lossRange(sweep());
    const [from, to] = EXPLORER_LOSS_DOMAIN;
    expect(lo).toBeGreaterThanOrEqual(from);
    expect(hi).toBeLessThanOrEqual(to);
    expect(lo).toBeLessThan(from * 10);
    expect(hi).toBeGreaterThan(to / 10);
  });

  test('the spec fixes the loss axis to that domain and the step axis to the budget parameter, whatever the run', () => {
    for (const state of [at(0.1), at(1.1, { steps: 20 }), at(0.45, { optimizer: 'adam' })]) {
      const spec = explorerSpec(state) as unknown as { params: { name: string; value: number }[]; hconcat: { layer: { encoding: { x: { scale?: unknown }; y: { scale?: unknown } } }[] }[] };
      expect(spec.params).toEqual([{ name: STEP_BUDGET, value: state.settings.steps }]);
      const line = spec.hconcat[1]!.layer.at(-3)!;
      expect(line.encoding.y.scale).toEqual({ type: 'log', domain: [...EXPLORER_LOSS_DOMAIN], nice: false });
      expect(line.encoding.x.scale).toEqual({ domain: [0, { expr: STEP_BUDGET }] });
    }
    expect(decadeTicks(...EXPLORER_LOSS_DOMAIN).length).toBeLessThanOrEqual(6);
    expect(decadeTicks(1e-12, 1e15)).toEqual([1e-10, 1e-5, 1, 1e5, 1e10, 1e15]);
  });
});
