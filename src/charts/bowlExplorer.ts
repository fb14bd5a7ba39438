/**
 * The explorer on the two-parameter bowl L(u, v) = u² + 25·v²: the path of (u, v) over the
 * loss contours beside the loss curve, for a learning rate (and, in its momentum form, a
 * heavy-ball momentum μ) of the reader's choice. The picture of ill-conditioning: the steep
 * direction v (curvature 50) caps the rate at 2/50 = 0.04, and at any rate below that cap
 * the flat direction u (curvature 2) crawls.
 *
 * Pure, like the x² explorer (explorer.ts): the same functions give the build-time SVG and
 * every update in the page, and the tasks on it (bowlExplorerTasks.ts) grade the same run.
 * The simulation is `src/sim`'s: `torch.optim.SGD` semantics, with `momentum = μ`.
 *
 * @packageDocumentation
 */
import { classifyRun, quadraticBowl2D, quadraticTheory, run, sgd } from '../sim';
import type { Classification, RunResult } from '../sim';
import { everyKth, everyKthPhrase, formatNumber } from './format';
import { STEP_BUDGET, lossCurvesData, lossCurvesPanel } from './lossCurves';
import type { LossRun } from './lossCurves';
import { geometricLevels, quadraticContourRows } from './quadraticContours';
import { surfacePathRows, surfacePathSpec } from './surfacePath';
import { COLOR, INK, MUTED, SIZE, chartConfig } from './theme';
import type { ChartSpec, DataTable, Row } from './types';

/** L(u, v) = u² + 25v²: Hessian diag(2, 50), condition number 25. */
export const bowlProblem = quadraticBowl2D({ condition: 25, lambdaMin: 2 });
/** Curvatures, limits and best rate of the bowl, from the simulation's quadratic theory. */
export const bowlTheory = quadraticTheory(bowlProblem.hessianMatrix);

/** Where every run starts: far out along the flat direction, a little up the steep one. */
export const BOWL_START: readonly [number, number] = [10, 1.5];

/** What the reader controls. μ = 0 is plain gradient descent. */
export interface BowlSettings {
  readonly rate: number;
  readonly momentum: number;
  readonly steps: number;
}

/**
 * The two bowl explorers of 1.2.38, by catalog name: the first, in the section on curvature,
 * offers only the rate (momentum has not been taught yet); the second, after momentum, adds μ.
 */
export const BOWL_EXPLORERS = {
  // Plain gradient descent never takes u past 0; momentum swings it to about −8. The loss axis is fixed to the
  // powers of ten around the smallest and largest loss any setting gives (test/unit/charts/bowl-explorer.test.ts sweeps them).
  'bowl-explorer': { momentum: false, defaults: { rate: 0.035, momentum: 0, steps: 100 }, uDomain: [-2, 11], lossDomain: [1e-12, 1e15] },
  'bowl-momentum-explorer': { momentum: true, defaults: { rate: 0.035, momentum: 0.9, steps: 100 }, uDomain: [-9, 11], lossDomain: [1e-15, 1e15] },
} as const satisfies Record<string, { momentum: boolean; defaults: BowlSettings; uDomain: readonly [number, number]; lossDomain: readonly [number, number] }>;

export type BowlExplorerName = keyof typeof BOWL_EXPLORERS;

/** Whether `name` is one of the bowl explorers. */
export function isBowlExplorer(name: string): name is BowlExplorerName {
  return Object.hasOwn(BOWL_EXPLORERS, name);
}

/**
 * The rates the slider steps through, 0.001 to 0.07: denser near the thresholds of the steep
 * direction, and containing 1/λmax = 0.02 and 2/λmax = 0.04 exactly, so the keyboard lands
 * on them.
 */
export const BOWL_RATES: readonly number[] = [
  0.001, 0.002, 0.003, 0.005, 0.007, 0.01, 0.012, 0.015, 0.018, 0.02, 0.022, 0.025, 0.03, 0.035, 0.038, 0.04, 0.041, 0.042, 0.045, 0.05, 0.055, 0.06, 0.07,
];

/** The momentum factors the μ slider steps through; 0 is plain gradient descent. */
export const BOWL_MOMENTA: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

/** Range of the steps slider. */
export const BOWL_STEP_LIMITS = { min: 10, max: 200, step: 10 } as const;

/** Index of the slider position nearest to `value` in `scale` (ratios for rates, differences for μ). */
export function scaleIndex(scale: readonly number[], value: number, log: boolean = true): number {
  const distance = (x: number) => (log ? Math.abs(Math.log(x / value)) : Math.abs(x - value));
  let best = 0;
  scale.forEach((x, i) => {
    if (distance(x) < distance(scale[best] as number)) best = i;
  });
  return best;
}

/** Rates marked on the rate scale: where v stops overshooting (1/λmax) and the edge of stability (2/λmax). */
export const BOWL_RATE_MARKS: readonly { rate: number; text: string }[] = [
  { rate: bowlTheory.monotoneThreshold, text: 'v stops overshooting' },
  { rate: bowlTheory.stabilityLimit, text: 'the edge of stability for plain gradient descent' },
];

/** The run stops once ‖∇L‖ ≤ this: the loss is then below 10⁻¹², far past anything drawn. */
export const BOWL_TOLERANCE = 1e-6;

/** "Reached" in the loss sense: L < this. */
export const BOWL_LOSS_TARGET = 1e-3;

/** The plot window's v range (u's is the explorer's own, {@link BOWL_EXPLORERS}). */
const V_DOMAIN: readonly [number, number] = [-3, 3];
const PANEL = SIZE.half;
const RUN = 'run';

/** Everything the explorer shows for one setting. */
export interface BowlState {
  readonly settings: BowlSettings;
  readonly result: RunResult;
  readonly classification: Classification;
  /** The first step with loss below {@link BOWL_LOSS_TARGET}, or undefined. */
  readonly stepsToTarget: number | undefined;
  /** The regime in a sentence or two, for the live region. */
  readonly regimeText: string;
  readonly verdict: string;
  readonly datasets: BowlDatasets;
}

/** The chart's changing datasets. */
export interface BowlDatasets {
  readonly path: Row[];
  readonly start: Row[];
  readonly lossLines: Row[];
  readonly lossEnds: Row[];
}

/** Names of the datasets that change with the settings. */
export const BOWL_DATASETS: readonly (keyof BowlDatasets)[] = ['path', 'start', 'lossLines', 'lossEnds'];

/** Datasets of the faint trace of the previous run (filled by the page; empty at first paint). */
export const BOWL_TRACES = { previousPath: 'path', previousLoss: 'lossLines' } as const satisfies Record<string, keyof BowlDatasets>;

/** The run for the settings (PyTorch's SGD, with `momentum = μ` when μ > 0). */
export function bowlRun(settings: BowlSettings): RunResult {
  return run({
    problem: bowlProblem,
    optimizer: sgd({ momentum: settings.momentum }),
    schedule: settings.rate,
    start: BOWL_START,
    steps: settings.steps,
    tolerance: BOWL_TOLERANCE,
  });
}

/** The first step whose loss is below `target`, or undefined within the run. */
export function firstStepBelow(loss: ArrayLike<number>, target: number = BOWL_LOSS_TARGET): number | undefined {
  for (let t = 0; t < loss.length; t++) if ((loss[t] as number) < target) return t;
  return undefined;
}

/** The first step at which v lands on the other side of 0 (a zig-zag across the valley), or undefined. */
export function firstVOvershoot(result: RunResult): number | undefined {
  const p = result.params;
  for (let t = 1; 2 * t + 1 < p.length; t++) {
    if ((p[2 * t + 1] as number) * (p[2 * t - 1] as number) < 0) return t;
  }
  return undefined;
}

/**
 * Runs the simulation for the settings and shapes everything the explorer shows.
 *
 * @param settings - The reader's choices.
 */
export function bowlState(settings: BowlSettings): BowlState {
  const result = bowlRun(settings);
  const classification = classifyRun(result);
  const diverged = classification.regime === 'diverged';
  const verdict = verdictOf(classification);
  const lossRun: LossRun = { label: RUN, loss: result.loss, ...(diverged ? { ending: { kind: 'diverged', text: 'diverges' } } : {}) };
  const path = surfacePathRows(result.params);
  const stepsToTarget = firstStepBelow(result.loss);
  return {
    settings,
    result,
    classification,
    stepsToTarget,
    regimeText: regimeText(settings, result, classification, stepsToTarget),
    verdict,
    datasets: { path, start: path.slice(0, 1).map((r) => ({ ...r, text: 'start' })), ...lossCurvesData([lossRun]) },
  };
}

function verdictOf(c: Classification): string {
  switch (c.regime) {
    case 'converged-monotone':
      return 'converges';
    case 'converged-oscillating':
      return 'zig-zag, converges';
    case 'diverged':
      return 'diverges';
    case 'plateau':
      return 'stuck, never settles';
    case 'too-slow':
      return 'still converging (slow)';
    default:
      return c.regime;
  }
}

const stepsText = (n: number) => `${n} step${n === 1 ? '' : 's'}`;

/**
 * The run in words: for plain gradient descent each direction's factor per step (1 − 2η for
 * u, 1 − 50η for v), which is the whole story on a diagonal quadratic; with momentum, the
 * classifier's verdict and how long the loss took to fall below 10⁻³.
 */
function regimeText(s: BowlSettings, r: RunResult, c: Classification, reached: number | undefined): string {
  const eta = formatNumber(s.rate);
  const limit = formatNumber(bowlTheory.stabilityLimit);
  const goal = reached === undefined ? `the loss is still ${formatNumber(r.finalLoss)} after ${stepsText(r.stopStep)}` : `the loss is below 0.001 after ${stepsText(reached)}`;
  if (s.momentum > 0) {
    if (c.regime === 'diverged') return `Diverges: with momentum μ = ${formatNumber(s.momentum)} at η = ${eta} the steep direction v swings further out every step.`;
    if (c.regime === 'plateau') return `Stuck: at η = ${eta} with μ = ${formatNumber(s.momentum)} the steep direction v swings back and forth forever without shrinking.`;
    return `Momentum μ = ${formatNumber(s.momentum)} at η = ${eta}: ${goal}. u overshoots 0 and swings back; the loss can rise between falls.`;
  }
  const fu = 1 - s.rate * bowlTheory.lambdaMin;
  const fv = 1 - s.rate * bowlTheory.lambdaMax;
  const factors = `u ×${formatNumber(fu)} and v ×${formatNumber(fv)} per step`;
  if (c.regime === 'diverged') return `Diverges: η = ${eta} is above 2/λmax = ${limit}, so v grows ×${formatNumber(Math.abs(fv))} per step while u still shrinks (${factors}).`;
  // At 2/λmax exactly v's factor is −1: u still converges, so the classifier may not call it a plateau.
  if (c.regime === 'plateau' || Math.abs(fv + 1) < 1e-12) {
    return `Stuck: η = 2/λmax = ${limit} exactly, so v flips between ${formatNumber(BOWL_START[1])} and ${formatNumber(-BOWL_START[1])} forever and the loss never falls below ${formatNumber(bowlTheory.lambdaMax / 2 * BOWL_START[1] ** 2)} (${factors}).`;
  }
  const zig = fv < 0 ? 'v zig-zags across the valley' : fv === 0 ? 'v reaches 0 in one step' : 'v slides down without overshooting';
  return `${zig}, u crawls: ${factors}; ${goal}.`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The first paint's contours: fixed, so the picture keeps its scale while the path changes. */
function bowlContours(): Row[] {
  const initial = bowlProblem.loss(Float64Array.from(BOWL_START));
  return quadraticContourRows({ hessian: bowlProblem.hessianMatrix, center: [0, 0] }, geometricLevels(0, initial, 7, 0.35));
}

type LayerLike = { data?: { name?: string }; mark: Record<string, unknown> | string; encoding?: Record<string, unknown> };

/** A faint, dashed copy of the panel's `from` line reading `to`, drawn beneath the rest. */
function withTrace<P extends { layer?: unknown }>(panel: P, from: string, to: string): P {
  const layers = (panel.layer ?? []) as LayerLike[];
  const line = layers.find((l) => l.data?.name === from && typeof l.mark === 'object' && l.mark.type === 'line');
  if (!line || typeof line.mark !== 'object') throw new Error(`bowl explorer: no "${from}" line to trace`);
  const { color: _color, ...encoding } = line.encoding ?? {};
  const trace = { ...line, data: { name: to }, mark: { ...line.mark, color: INK, opacity: MUTED, strokeDash: [4, 3], strokeWidth: 1.25 }, encoding };
  return { ...panel, layer: [trace, ...layers] };
}

/** The chart's title for an explorer. */
export function bowlTitle(name: BowlExplorerName): string {
  return BOWL_EXPLORERS[name].momentum ? 'Momentum on the bowl u² + 25v²' : 'Gradient descent on the bowl u² + 25v²';
}

/**
 * The explorer's spec for a first state: the path over the contours beside the loss curve,
 * reading named datasets that the page replaces on every change.
 *
 * @param name - Which of the two explorers (sets the title).
 * @param state - From {@link bowlState}.
 */
export function bowlSpec(name: BowlExplorerName, state: BowlState): ChartSpec {
  // The surface panel is surfacePathSpec's layers at half width; its path reads the `path` dataset.
  const surface = surfacePathSpec({
    title: '',
    description: '',
    contours: bowlContours(),
    params: state.result.params,
    minimizer: [0, 0],
    xDomain: BOWL_EXPLORERS[name].uDomain,
    yDomain: V_DOMAIN,
    xTitle: 'u (flat, curvature 2)',
    yTitle: 'v (steep, curvature 50)',
    // The start (u = 10) is near the right edge: "start" beside it ran past the phone picture.
    startLabel: 'above',
    width: PANEL.width,
    height: PANEL.height,
  });
  const surfacePanel = { width: PANEL.width, height: PANEL.height, title: { text: 'path over the contours', fontSize: 12, fontWeight: 500 }, layer: (surface as { layer?: unknown }).layer };
  const lossPanel = lossCurvesPanel([RUN], {
    width: PANEL.width,
    height: PANEL.height,
    legend: false,
    colors: [COLOR.primary],
    title: 'loss against step',
    lossDomain: BOWL_EXPLORERS[name].lossDomain,
    stepBudget: STEP_BUDGET,
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: bowlTitle(name),
    description: bowlDescription(state),
    config: surface.config ?? chartConfig,
    params: [{ name: STEP_BUDGET, value: state.settings.steps }],
    datasets: {
      ...(surface.datasets as Record<string, Row[]>),
      ...state.datasets,
      ...Object.fromEntries(Object.keys(BOWL_TRACES).map((trace) => [trace, []])),
    },
    hconcat: [withTrace(surfacePanel, 'path', 'previousPath'), withTrace(lossPanel, 'lossLines', 'previousLoss')],
    spacing: 20,
  } as ChartSpec;
}

/** The text alternative of the current picture (also the live chart's label). */
export function bowlDescription(state: BowlState): string {
  const s = state.settings;
  const r = state.result;
  const p = r.params;
  const at = (t: number) => `(${formatNumber(p[2 * t] as number)}, ${formatNumber(p[2 * t + 1] as number)})`;
  const first = Array.from({ length: Math.min(4, r.stopStep + 1) }, (_, t) => at(t));
  const how = s.momentum > 0 ? `heavy-ball momentum μ = ${formatNumber(s.momentum)}` : 'plain gradient descent';
  return (
    `Left: elliptical contours of L(u, v) = u² + 25v², five times narrower in v than in u, with the path of ${how} at learning rate ${formatNumber(s.rate)} from ${at(0)}: ` +
    `${first.join(', ')}, …, ${at(r.stopStep)}. ` +
    `Right: the loss against the step on a log scale, from ${formatNumber(r.initialLoss)} to ${formatNumber(r.finalLoss)} after ${stepsText(r.stopStep)}. ` +
    `Verdict: ${capitalise(state.verdict)}.`
  );
}

/** Largest number of rows of the data table. */
const TABLE_ROWS = 16;

/**
 * The text alternative of the current run: u, v and loss at every k-th step.
 *
 * @param state - From {@link bowlState}.
 */
export function bowlTable(state: BowlState): DataTable {
  const r = state.result;
  const { indices, k } = everyKth(r.stopStep + 1, TABLE_ROWS);
  const s = state.settings;
  const what = `u, v and loss at η = ${formatNumber(s.rate)}${s.momentum > 0 ? `, μ = ${formatNumber(s.momentum)}` : ''} from (10, 1.5)`;
  return {
    caption: k === 1 ? what : `${what}, ${everyKthPhrase(k, 'step')}`,
    columns: ['step', 'u', 'v', 'loss'],
    rows: indices.map((t) => [String(t), formatNumber(r.params[2 * t] as number, 4), formatNumber(r.params[2 * t + 1] as number, 4), formatNumber(r.loss[t] as number, 4)]),
  };
}
