/**
 * The bowl explorers (u² + 25v²) and the tasks on them: the run is src/sim's, the thresholds
 * the quadratic theory's, and each task is right exactly where the lesson says.
 */
import { describe, expect, test } from 'vitest';
import { nonFiniteNumbers } from '../../../src/charts/finite';
import {
  BOWL_DATASETS,
  BOWL_EXPLORERS,
  BOWL_MOMENTA,
  BOWL_RATE_MARKS,
  BOWL_RATES,
  BOWL_STEP_LIMITS,
  BOWL_TRACES,
  bowlSpec,
  bowlState,
  bowlTable,
  bowlTheory,
  firstVOvershoot,
  scaleIndex,
} from '../../../src/charts/bowlExplorer';
import type { BowlExplorerName, BowlSettings } from '../../../src/charts/bowlExplorer';
import { NO_ZIGZAG_THRESHOLD, bestPlainSteps, gradeBowlTask, momentumTarget } from '../../../src/charts/bowlExplorerTasks';
import { quadraticTheory, run, sgd, quadraticForm } from '../../../src/sim';
import { dataset, datasetNames, unitViews } from './spec-walk';

const plain = (rate: number, steps = 100): BowlSettings => ({ rate, momentum: 0, steps });

describe('the bowl and its scales', () => {
  test('curvatures 2 and 50: limit 0.04, no overshoot up to 0.02, both on the slider and marked', () => {
    expect(bowlTheory.lambdaMin).toBe(2);
    expect(bowlTheory.lambdaMax).toBe(50);
    expect(bowlTheory.stabilityLimit).toBe(quadraticTheory([[2, 0], [0, 50]]).stabilityLimit);
    for (const rate of [0.02, 0.04]) expect(BOWL_RATES[scaleIndex(BOWL_RATES, rate)]).toBe(rate);
    expect(BOWL_RATE_MARKS.map((m) => m.rate)).toEqual([0.02, 0.04]);
    expect([...BOWL_RATES].sort((a, b) => a - b)).toEqual(BOWL_RATES);
    expect(BOWL_MOMENTA[scaleIndex(BOWL_MOMENTA, 0.9, false)]).toBe(0.9);
    expect(BOWL_MOMENTA[0]).toBe(0);
  });

  test('the run is PyTorch SGD with momentum μ on u² + 25v² from (10, 1.5)', () => {
    const state = bowlState({ rate: 0.035, momentum: 0.9, steps: 30 });
    const reference = run({ problem: quadraticForm({ hessian: [[2, 0], [0, 50]] }), optimizer: sgd({ momentum: 0.9 }), schedule: 0.035, start: [10, 1.5], steps: 30, tolerance: 1e-6 });
    expect(Array.from(state.result.params)).toEqual(Array.from(reference.params));
  });
});

describe('what the explorer says', () => {
  test('plain gradient descent: each direction’s factor, zig-zag above 0.02, stuck at 0.04, diverging above', () => {
    expect(bowlState(plain(0.035)).regimeText).toMatch(/^v zig-zags across the valley, u crawls: u ×0\.93 and v ×−0\.75 per step; the loss is below 0\.001 after 80 steps\.$/);
    expect(bowlState(plain(0.02)).regimeText).toMatch(/^v reaches 0 in one step/);
    expect(bowlState(plain(0.01)).regimeText).toMatch(/^v slides down without overshooting/);
    expect(bowlState(plain(0.04)).regimeText).toMatch(/^Stuck: η = 2\/λmax = 0\.04 exactly/);
    expect(bowlState(plain(0.045)).regimeText).toMatch(/^Diverges: η = 0\.045 is above 2\/λmax = 0\.04/);
  });

  test('momentum says how long the loss took and that it swings', () => {
    expect(bowlState({ rate: 0.035, momentum: 0.9, steps: 100 }).regimeText).toMatch(/μ = 0\.9 at η = 0\.035: the loss is below 0\.001 after 89 steps\. u overshoots 0/);
    expect(bowlState({ rate: 0.07, momentum: 0.3, steps: 100 }).regimeText).toMatch(/^Diverges/);
  });

  test('every setting of the controls gives finite data', () => {
    for (const rate of BOWL_RATES) {
      for (const momentum of [0, 0.5, 0.95]) {
        const state = bowlState({ rate, momentum, steps: 200 });
        expect(nonFiniteNumbers(state.datasets), `${rate}, ${momentum}`).toEqual([]);
      }
    }
  });

  test('each explorer’s u window holds its paths: plain runs never cross u = 0, momentum swings no further than −9', () => {
    for (const rate of BOWL_RATES) {
      const us = (momentum: number) => bowlState({ rate, momentum, steps: 200 }).datasets.path.map((r) => r.x as number);
      expect(Math.min(...us(0)), String(rate)).toBeGreaterThanOrEqual(BOWL_EXPLORERS['bowl-explorer'].uDomain[0]);
      for (const momentum of BOWL_MOMENTA) {
        const state = bowlState({ rate, momentum, steps: 200 });
        if (state.classification.regime === 'diverged') continue;
        expect(Math.min(...us(momentum)), `${rate}, ${momentum}`).toBeGreaterThanOrEqual(BOWL_EXPLORERS['bowl-momentum-explorer'].uDomain[0]);
      }
    }
  });

  test('the spec reads the datasets the page replaces, the traces, and the fixed contours and minimum', () => {
    for (const name of Object.keys(BOWL_EXPLORERS) as (keyof typeof BOWL_EXPLORERS)[]) {
      const spec = bowlSpec(name, bowlState(BOWL_EXPLORERS[name].defaults));
      expect(datasetNames(spec).sort()).toEqual([...BOWL_DATASETS, ...Object.keys(BOWL_TRACES), 'contours', 'markers'].sort());
      for (const [trace, from] of Object.entries(BOWL_TRACES)) {
        expect(dataset(spec, trace)).toEqual([]);
        const layer = unitViews(spec).find((v) => v.data === trace)!;
        const line = unitViews(spec).find((v) => v.data === from && v.mark === 'line')!;
        expect(layer.markDef.strokeDash).toEqual([4, 3]);
        expect(layer.encoding.x).toEqual(line.encoding.x);
      }
    }
  });

  test('a diverging run ends with the divergence marker; the table follows the run', () => {
    expect(bowlState(plain(0.05)).datasets.lossEnds).toEqual([expect.objectContaining({ kind: 'diverged' })]);
    const table = bowlTable(bowlState(plain(0.02, 10)));
    expect(table.columns).toEqual(['step', 'u', 'v', 'loss']);
    expect(table.rows[1]).toEqual(['1', '9.6', '0', '92.16']);
  });
});

describe('task: the largest rate at which v never zig-zags', () => {
  test('exactly 1/λmax = 0.02 is right; below is too timid, above zig-zags at step 1', () => {
    expect(NO_ZIGZAG_THRESHOLD).toBe(0.02);
    for (const rate of BOWL_RATES) {
      const grade = gradeBowlTask('bowl-no-zigzag', plain(rate));
      expect(grade.correct, String(rate)).toBe(rate === 0.02);
      if (rate < 0.02) expect(grade.feedback).toMatch(/^No zig-zag at η = .* a larger rate is safe too/);
      if (rate > 0.02) expect(firstVOvershoot(bowlState(plain(rate)).result)).toBe(1);
    }
    expect(gradeBowlTask('bowl-no-zigzag', plain(0.022)).feedback).toMatch(/factor 1 − 50η = −0\.1 is negative, so at step 1/);
    expect(gradeBowlTask('bowl-no-zigzag', plain(0.02)).feedback).toMatch(/u then shrinks only ×0\.96 per step/);
  });
});

describe('task: momentum below 0.001 in fewer than half the best plain steps', () => {
  test('the bar comes from plain gradient descent over the slider: 73 steps at 0.038, so 36 or fewer', () => {
    expect(bestPlainSteps()).toEqual({ steps: 73, rate: 0.038 });
    expect(momentumTarget()).toBe(36);
  });

  test('μ = 0 is refused whatever the rate; the default μ = 0.9 is too much; μ = 0.5 at 0.05 takes 18 steps', () => {
    expect(gradeBowlTask('bowl-momentum-fast', plain(0.038)).feedback).toMatch(/plain gradient descent \(μ = 0\)/);
    const ringing = gradeBowlTask('bowl-momentum-fast', { rate: 0.035, momentum: 0.9, steps: 100 });
    expect(ringing).toEqual({ correct: false, feedback: expect.stringMatching(/needs 89 steps.*try a smaller μ/) });
    expect(gradeBowlTask('bowl-momentum-fast', { rate: 0.05, momentum: 0.5, steps: 100 })).toEqual({ correct: true, feedback: expect.stringMatching(/^Right: 18 steps/) });
    expect(gradeBowlTask('bowl-momentum-fast', { rate: 0.07, momentum: 0.3, steps: 100 }).feedback).toMatch(/the run diverges/);
  });

  test('right exactly when the run reaches 0.001 within 36 steps with μ > 0', () => {
    for (const momentum of BOWL_MOMENTA) {
      for (const rate of BOWL_RATES) {
        const s = { rate, momentum, steps: 100 };
        const reached = bowlState(s).stepsToTarget;
        expect(gradeBowlTask('bowl-momentum-fast', s).correct, `${rate}, ${momentum}`).toBe(momentum > 0 && reached !== undefined && reached <= 36);
      }
    }
  });
});

describe('the loss panel’s fixed axes', () => {
  test.each(Object.keys(BOWL_EXPLORERS) as BowlExplorerName[])('%s: the loss domain holds every run its controls can set, within a decade at each end', (name) => {
    const explorer = BOWL_EXPLORERS[name];
    let lo = Infinity;
    let hi = 0;
    for (const rate of BOWL_RATES)
      for (const momentum of explorer.momentum ? BOWL_MOMENTA : [explorer.defaults.momentum])
        for (let steps = BOWL_STEP_LIMITS.min; steps <= BOWL_STEP_LIMITS.max; steps += BOWL_STEP_LIMITS.step)
          for (const row of bowlState({ rate, momentum, steps }).datasets.lossLines) {
            lo = Math.min(lo, row.loss as number);
            hi = Math.max(hi, row.loss as number);
          }
    const [from, to] = explorer.lossDomain;
    expect(lo).toBeGreaterThanOrEqual(from);
    expect(hi).toBeLessThanOrEqual(to);
    expect(lo).toBeLessThan(from * 10);
    expect(hi).toBeGreaterThan(to / 10);
  });
});
