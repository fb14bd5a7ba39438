/**
 * Tasks graded against a bowl explorer's settings (bowlExplorer.ts), like the x² explorer's
 * (explorerTasks.ts): pure, and graded from the same simulation the explorer draws, so the
 * feedback always describes the run on screen.
 *
 * @packageDocumentation
 */
import { BOWL_EXPLORERS, BOWL_LOSS_TARGET, BOWL_RATES, bowlRun, bowlState, bowlTheory, firstStepBelow, firstVOvershoot } from './bowlExplorer';
import type { BowlExplorerName, BowlSettings } from './bowlExplorer';
import type { ExplorerTaskGrade } from './explorerTasks';
import { formatNumber } from './format';

/** The tasks, by the name a lesson writes (`<ExplorerTask task="…" />`), with the explorer each is done on. */
export const BOWL_TASKS = {
  'bowl-no-zigzag': {
    chart: 'bowl-explorer',
    prompt: 'Find the largest rate at which v never jumps to the other side of the valley (no zig-zag), then press Check.',
  },
  'bowl-momentum-fast': {
    chart: 'bowl-momentum-explorer',
    prompt: 'With momentum, get the loss below 0.001 in fewer than half the steps the best plain gradient descent needs, then press Check.',
  },
} as const satisfies Record<string, { chart: BowlExplorerName; prompt: string }>;

export type BowlTaskName = keyof typeof BOWL_TASKS;

/** Whether `task` is a bowl task. */
export function isBowlTask(task: string): task is BowlTaskName {
  return Object.hasOwn(BOWL_TASKS, task);
}

/** 1/λmax = 0.02: the largest rate at which the steep direction's factor 1 − 50η is not negative. */
export const NO_ZIGZAG_THRESHOLD = bowlTheory.monotoneThreshold;

const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;

/**
 * The fewest steps plain gradient descent needs to bring the loss below 0.001 at any rate of
 * the slider, with the budget `budget`, and the rate that does it.
 */
export function bestPlainSteps(budget: number = 200): { steps: number; rate: number } {
  let best = { steps: Infinity, rate: NaN };
  for (const rate of BOWL_RATES) {
    const n = firstStepBelow(bowlRun({ rate, momentum: 0, steps: budget }).loss);
    if (n !== undefined && n < best.steps) best = { steps: n, rate };
  }
  return best;
}

/** The momentum task's bar: fewer than half of plain gradient descent's best. */
export function momentumTarget(): number {
  return Math.ceil(bestPlainSteps().steps / 2) - 1;
}

function gradeNoZigzag(s: BowlSettings): ExplorerTaskGrade {
  const eta = formatNumber(s.rate);
  const fv = 1 - s.rate * bowlTheory.lambdaMax;
  const over = firstVOvershoot(bowlRun(s));
  if (over !== undefined) {
    return {
      correct: false,
      feedback: `v zig-zags: at η = ${eta} the steep direction's factor 1 − 50η = ${formatNumber(fv)} is negative, so at step ${over} v lands on the other side of the valley. Try a smaller rate.`,
    };
  }
  if (s.rate === NO_ZIGZAG_THRESHOLD) {
    return {
      correct: true,
      feedback: `Right: η = ${formatNumber(NO_ZIGZAG_THRESHOLD)} = 1/λmax, the factor 1 − 50η is 0 and v reaches 0 in one step. But u then shrinks only ×${formatNumber(1 - s.rate * bowlTheory.lambdaMin)} per step: the steep direction sets the rate, the flat one the time.`,
    };
  }
  const next = BOWL_RATES.find((r) => r > s.rate);
  return {
    correct: false,
    feedback:
      `No zig-zag at η = ${eta} (factor 1 − 50η = ${formatNumber(fv)}, still positive), but a larger rate is safe too` +
      (next === undefined ? '.' : `: η = ${formatNumber(next)} does not zig-zag either. Move the rate up until the factor reaches 0.`),
  };
}

function gradeMomentumFast(s: BowlSettings): ExplorerTaskGrade {
  const plain = bestPlainSteps();
  const target = momentumTarget();
  const state = bowlState(s);
  const mine = state.stepsToTarget;
  const bar = `plain gradient descent needs at least ${steps(plain.steps)} (at η = ${formatNumber(plain.rate)}), so the goal is ${steps(target)} or fewer`;
  if (s.momentum === 0) {
    return { correct: false, feedback: `This is plain gradient descent (μ = 0): ${bar}. Set a momentum μ above 0.` };
  }
  if (mine === undefined) {
    const why = state.classification.regime === 'diverged' ? 'the run diverges' : `the loss is still ${formatNumber(state.result.finalLoss)} after ${steps(state.result.stopStep)}`;
    return { correct: false, feedback: `Not below 0.001: ${why}. ${capitalise(bar)}.` };
  }
  if (mine <= target) {
    return {
      correct: true,
      feedback: `Right: ${steps(mine)} with μ = ${formatNumber(s.momentum)} at η = ${formatNumber(s.rate)}, where ${bar}. The velocity builds up along the flat direction u while the swings across v partly cancel.`,
    };
  }
  const hint = s.momentum >= 0.8 ? 'With this much momentum the run swings past the minimum and rings for a long time: try a smaller μ.' : 'Try a larger rate or a different μ.';
  return { correct: false, feedback: `This run needs ${steps(mine)}; ${bar}. ${hint}` };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Grades a bowl explorer's settings for a task.
 *
 * @param task - Which task.
 * @param settings - What the explorer's controls show (its defaults fill anything missing).
 */
export function gradeBowlTask(task: BowlTaskName, settings: BowlSettings = BOWL_EXPLORERS[BOWL_TASKS[task].chart].defaults): ExplorerTaskGrade {
  return task === 'bowl-no-zigzag' ? gradeNoZigzag(settings) : gradeMomentumFast(settings);
}

/** Loss target of the momentum task, for the lesson's text. */
export const MOMENTUM_TASK_LOSS = BOWL_LOSS_TARGET;
