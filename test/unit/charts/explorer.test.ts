import { describe, expect, test } from 'vitest';
import { nonFiniteNumbers } from '../../../src/charts/finite';
import { EXPLORER_DATASETS, EXPLORER_DEFAULTS, EXPLORER_RATES, EXPLORER_TRACES, explorerSpec, explorerState, explorerTable, rateIndex } from '../../../src/charts/explorer';
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
