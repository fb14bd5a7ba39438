import { describe, expect, test } from 'vitest';
import { EXPLORER_DEFAULTS, EXPLORER_RATES, rateIndex } from '../../../src/charts/explorer';
import type { ExplorerSettings } from '../../../src/charts/explorer';
import { NO_OVERSHOOT_THRESHOLD, fewestSteps, gradeExplorerTask, stepsToTarget } from '../../../src/charts/explorerTasks';
import { quadraticTheory1D } from '../../../src/sim';

const at = (rate: number, more: Partial<ExplorerSettings> = {}): ExplorerSettings => ({ ...EXPLORER_DEFAULTS, rate, ...more });

describe('largest rate that never overshoots', () => {
  test('the threshold is the sim’s 1/(2a) for x², and the slider lands on it', () => {
    expect(NO_OVERSHOOT_THRESHOLD).toBe(quadraticTheory1D(1).monotoneThreshold);
    expect(NO_OVERSHOOT_THRESHOLD).toBe(0.5);
    expect(EXPLORER_RATES[rateIndex(0.5)]).toBe(0.5);
  });

  test('exactly 0.5 is right; every other rate on the slider is wrong, below as too timid and above as overshooting', () => {
    for (const rate of EXPLORER_RATES) {
      const grade = gradeExplorerTask('largest-no-overshoot', at(rate));
      expect(grade.correct, String(rate)).toBe(rate === 0.5);
      if (rate < 0.5) expect(grade.feedback).toMatch(/^No overshoot .* a larger rate is safe too/);
      if (rate > 0.5) expect(grade.feedback).toMatch(/^Overshoots: .* step 1 lands on the other side/);
    }
  });

  test('the feedback names the factor of the run on screen and the next rate to try', () => {
    expect(gradeExplorerTask('largest-no-overshoot', at(0.45)).feedback).toMatch(/factor 1 − 2η = 0\.1.*η = 0\.5 does not overshoot/);
    expect(gradeExplorerTask('largest-no-overshoot', at(0.6)).feedback).toMatch(/factor 1 − 2η = −0\.2 is negative/);
  });

  test('another optimizer or schedule is not graded against the plain-GD threshold', () => {
    for (const more of [{ optimizer: 'momentum' }, { schedule: 'cosine' }] as const) {
      const grade = gradeExplorerTask('largest-no-overshoot', at(0.5, more));
      expect(grade.correct).toBe(false);
      expect(grade.feedback).toMatch(/plain gradient descent/);
    }
  });

  test('a start at the minimum cannot show an overshoot', () => {
    expect(gradeExplorerTask('largest-no-overshoot', at(0.5, { start: 0 })).correct).toBe(false);
  });
});

describe('fewest steps to |x| < 0.01', () => {
  test('from any start the fewest is one step (η = 0.5), and only that rate is right', () => {
    for (const start of [10, -7.5, 0.5]) {
      expect(fewestSteps(at(0.1, { start }))).toBe(1);
      expect(gradeExplorerTask('fewest-steps', at(0.5, { start })).correct).toBe(true);
    }
    for (const rate of EXPLORER_RATES.filter((r) => r !== 0.5)) expect(gradeExplorerTask('fewest-steps', at(rate)).correct, String(rate)).toBe(false);
  });

  test('step counts come from the run: η = 0.1 from 10 needs 31 steps (0.8^t · 10 < 0.01)', () => {
    const expected = Math.ceil(Math.log(0.01 / 10) / Math.log(0.8));
    expect(stepsToTarget(at(0.1))).toBe(expected);
    expect(gradeExplorerTask('fewest-steps', at(0.1)).feedback).toMatch(new RegExp(`needs ${expected} steps; 1 step is possible.*0\\.8 per step`));
  });

  test('a run that never gets there, and a start already there, say so', () => {
    expect(gradeExplorerTask('fewest-steps', at(1.1)).feedback).toMatch(/does not reach \|x\| < 0\.01 within 50 steps/);
    expect(gradeExplorerTask('fewest-steps', at(0.001, { steps: 5 })).feedback).toMatch(/within 5 steps/);
    expect(gradeExplorerTask('fewest-steps', at(0.5, { start: 0 })).feedback).toMatch(/already within 0\.01/);
  });
});

describe('in a lesson', () => {
  test('an unknown task stops the build at its line, naming the tasks there are', async () => {
    const { checkLessonBody } = await import('../../../src/content/lesson-body');
    const source = 'Some prose.\n\n<ExplorerTask task="smallest-rate">\n\nWhy.\n\n</ExplorerTask>\n';
    const problems = checkLessonBody(source, '1.2.38', new Set()).problems;
    expect(problems).toEqual([expect.objectContaining({ line: 3, field: 'ExplorerTask.task' })]);
    expect(problems[0]!.message).toMatch(/largest-no-overshoot.*fewest-steps/);
    expect(checkLessonBody(source.replace('smallest-rate', 'fewest-steps'), '1.2.38', new Set()).problems).toEqual([]);
  });
});
