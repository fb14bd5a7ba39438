/**
 * Tasks graded against the x² explorer's current settings: the learner moves the controls,
 * presses Check, and the page grades what the explorer would run (ExplorerTask.astro).
 *
 * Pure and shared: the grade comes from the same simulation the explorer draws
 * ({@link explorerState}), and the thresholds from the quadratic theory, so the feedback
 * always describes the run on screen.
 *
 * @packageDocumentation
 */
import { quadraticTheory1D } from '../sim';
import { EXPLORER_DEFAULTS, EXPLORER_RATES, explorerState } from './explorer';
import type { ExplorerSettings } from './explorer';
import { formatNumber } from './format';

/** The tasks, by the name a lesson writes: `<ExplorerTask task="…" />`. */
export const EXPLORER_TASKS = {
  'largest-no-overshoot': 'Drag the rate to the largest value that never overshoots the minimum, then press Check.',
  'fewest-steps': 'Reach |x| < 0.01 in the fewest steps you can, then press Check.',
} as const;

export type ExplorerTaskName = keyof typeof EXPLORER_TASKS;

/** The grade of the explorer's settings for one task. */
export interface ExplorerTaskGrade {
  readonly correct: boolean;
  /** What the run shows and what to try next: one or two sentences. */
  readonly feedback: string;
}

/** |x| below this counts as reached in the fewest-steps task. */
export const FEWEST_STEPS_TARGET = 0.01;

/** f(x) = a·x² with a = 1: the largest rate that never overshoots is 1/(2a) = 0.5. */
const theory = quadraticTheory1D(1);
export const NO_OVERSHOOT_THRESHOLD = theory.monotoneThreshold;

/** Plain gradient descent at a constant rate: the case the thresholds of the lesson are about. */
function isPlainGd(s: ExplorerSettings): boolean {
  return s.optimizer === 'gd' && s.schedule === 'constant';
}

const PLAIN_GD_FIRST = 'The thresholds are about plain gradient descent: set the optimizer to gradient descent and the schedule to a constant rate, then check again.';

/** The first step at which an iterate lands on the other side of the minimum, or undefined. */
function firstOvershoot(s: ExplorerSettings): number | undefined {
  const xs = explorerState(s).result.params;
  for (let t = 1; t < xs.length; t++) {
    if ((xs[t] as number) * (xs[t - 1] as number) < 0) return t;
  }
  return undefined;
}

/** The first step with |x| < {@link FEWEST_STEPS_TARGET} within the budget, or undefined. */
export function stepsToTarget(s: ExplorerSettings): number | undefined {
  const xs = explorerState(s).result.params;
  for (let t = 0; t < xs.length; t++) {
    if (Math.abs(xs[t] as number) < FEWEST_STEPS_TARGET) return t;
  }
  return undefined;
}

/** The fewest steps any rate on the slider needs from the same start (plain gradient descent). */
export function fewestSteps(s: ExplorerSettings): number {
  let best = Infinity;
  for (const rate of EXPLORER_RATES) {
    const n = stepsToTarget({ ...s, rate, optimizer: 'gd', schedule: 'constant' });
    if (n !== undefined && n < best) best = n;
  }
  return best;
}

const factorText = (rate: number) => formatNumber(1 - 2 * rate);

function gradeNoOvershoot(s: ExplorerSettings): ExplorerTaskGrade {
  if (!isPlainGd(s)) return { correct: false, feedback: PLAIN_GD_FIRST };
  if (s.start === 0) return { correct: false, feedback: 'From x₀ = 0 nothing moves, so nothing can overshoot: set a start away from the minimum first.' };
  const eta = formatNumber(s.rate);
  const limit = formatNumber(NO_OVERSHOOT_THRESHOLD);
  const over = firstOvershoot(s);
  if (over !== undefined) {
    return {
      correct: false,
      feedback: `Overshoots: at η = ${eta} the factor 1 − 2η = ${factorText(s.rate)} is negative, so step ${over} lands on the other side of the minimum. Try a smaller rate.`,
    };
  }
  if (s.rate === NO_OVERSHOOT_THRESHOLD) {
    return {
      correct: true,
      feedback: `Right: η = ${limit} = 1/(2a) for f(x) = x², the factor 1 − 2η is 0 and the first step lands on the minimum. One notch more and the factor turns negative: every step overshoots.`,
    };
  }
  const next = EXPLORER_RATES.find((r) => r > s.rate);
  return {
    correct: false,
    feedback:
      `No overshoot at η = ${eta} (factor 1 − 2η = ${factorText(s.rate)}, still positive), but a larger rate is safe too` +
      (next === undefined ? '.' : `: η = ${formatNumber(next)} does not overshoot either. Move the rate up until the factor reaches 0.`),
  };
}

function gradeFewestSteps(s: ExplorerSettings): ExplorerTaskGrade {
  if (Math.abs(s.start) < FEWEST_STEPS_TARGET) {
    return { correct: false, feedback: `x₀ = ${formatNumber(s.start)} is already within 0.01 of the minimum: set a start further out, then find the fastest rate.` };
  }
  const best = fewestSteps(s);
  const mine = stepsToTarget(s);
  const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;
  if (mine === undefined) {
    return {
      correct: false,
      feedback: `This run does not reach |x| < 0.01 within ${steps(s.steps)}. With plain gradient descent x is multiplied by 1 − 2η every step: the closer that factor is to 0, the faster |x| shrinks.`,
    };
  }
  if (mine <= best) {
    return {
      correct: true,
      feedback:
        best === 1
          ? `Right: ${steps(mine)}. At η = 1/(2a) = ${formatNumber(NO_OVERSHOOT_THRESHOLD)} the factor 1 − 2η is 0, so one step lands on the minimum; no rate does better.`
          : `Right: ${steps(mine)}, the fewest any rate on the scale needs from x₀ = ${formatNumber(s.start)}.`,
    };
  }
  const hint = isPlainGd(s)
    ? `|x| shrinks by the factor |1 − 2η| = ${formatNumber(Math.abs(1 - 2 * s.rate))} per step; the closer that is to 0, the fewer steps.`
    : 'Compare with plain gradient descent at a constant rate: its factor 1 − 2η can be made 0.';
  return { correct: false, feedback: `This run needs ${steps(mine)}; ${steps(best)} is possible. ${hint}` };
}

/**
 * Grades the explorer's current settings for a task.
 *
 * @param task - Which task.
 * @param settings - What the explorer's controls show (defaults fill anything missing).
 */
export function gradeExplorerTask(task: ExplorerTaskName, settings: ExplorerSettings = EXPLORER_DEFAULTS): ExplorerTaskGrade {
  return task === 'largest-no-overshoot' ? gradeNoOvershoot(settings) : gradeFewestSteps(settings);
}
