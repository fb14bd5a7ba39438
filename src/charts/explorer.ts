/**
 * The gradient-descent explorer on f(x) = x²: the path on the parabola beside the loss
 * curve, for a learning rate (and start, budget, optimizer, schedule) of the reader's choice.
 *
 * Pure: the same functions give the server-rendered first paint and every update in the
 * page (which replaces the named datasets in place), so both always agree.
 *
 * @packageDocumentation
 */
import {
  adam,
  classifyRun,
  constant,
  cosineAnnealing,
  exponentialDecay,
  heavyBall,
  nesterov,
  quadratic1D,
  quadraticTheory1D,
  run,
  sgd,
} from '../sim';
import type { Classification, Optimizer, RunResult, Schedule } from '../sim';
import { everyKth, everyKthPhrase, formatNumber } from './format';
import { STEP_BUDGET, lossCurvesData, lossCurvesPanel } from './lossCurves';
import type { LossRun } from './lossCurves';
import { curveRows, curveYDomain, pathOnCurvePanel, pathRows } from './pathOnCurve';
import type { CurveWindow } from './pathOnCurve';
import { COLOR, INK, MUTED, SIZE, chartConfig } from './theme';
import type { ChartSpec, DataTable, Row } from './types';

/** Optimizers offered by the explorer. */
export const EXPLORER_OPTIMIZERS = {
  gd: 'gradient descent',
  momentum: 'momentum (μ = 0.9)',
  nesterov: 'Nesterov momentum (μ = 0.9)',
  adam: 'Adam',
} as const;

/** Schedules offered by the explorer. */
export const EXPLORER_SCHEDULES = {
  constant: 'constant rate',
  exponential: 'exponential decay (×0.95 per step)',
  cosine: 'cosine annealing to 0 over the budget',
} as const;

export type ExplorerOptimizer = keyof typeof EXPLORER_OPTIMIZERS;
export type ExplorerSchedule = keyof typeof EXPLORER_SCHEDULES;

/** What the reader controls. */
export interface ExplorerSettings {
  readonly rate: number;
  readonly start: number;
  readonly steps: number;
  readonly optimizer: ExplorerOptimizer;
  readonly schedule: ExplorerSchedule;
}

/** The first paint: the lesson's running example, x₀ = 10 at rate 0.1. */
export const EXPLORER_DEFAULTS: ExplorerSettings = { rate: 0.1, start: 10, steps: 50, optimizer: 'gd', schedule: 'constant' };

/** Ranges of the numeric controls. */
export const EXPLORER_LIMITS = {
  start: { min: -10, max: 10, step: 0.5 },
  steps: { min: 5, max: 200, step: 5 },
} as const;

/**
 * The learning rates the slider steps through, from 0.001 to 1.5: about 18 per decade on a
 * log scale, rounded to values a reader would type, and containing the thresholds 0.5 and
 * 1.0 exactly (and 0.9, 1.1, the lesson's examples), so the keyboard lands on them.
 */
export const EXPLORER_RATES: readonly number[] = (() => {
  const mantissas = [1, 1.1, 1.2, 1.3, 1.5, 1.7, 2, 2.2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 7.5, 8, 9];
  const rates: number[] = [];
  for (const decade of [0.001, 0.01, 0.1, 1]) {
    for (const m of mantissas) {
      // Rounded through a string so that 0.1 × 7 is 0.7, not 0.7000000000000001.
      const rate = Number((m * decade).toPrecision(2));
      if (rate <= 1.5) rates.push(rate);
    }
  }
  return rates;
})();

/** Index of the slider position nearest to `rate`. */
export function rateIndex(rate: number): number {
  let best = 0;
  EXPLORER_RATES.forEach((r, i) => {
    if (Math.abs(Math.log(r / rate)) < Math.abs(Math.log((EXPLORER_RATES[best] as number) / rate))) best = i;
  });
  return best;
}

/**
 * The loss axis of the explorer, fixed so that a change of setting never re-lays it: the powers of ten around the
 * smallest and largest loss of any run the controls can set (test/unit/charts/explorer.test.ts sweeps them).
 */
export const EXPLORER_LOSS_DOMAIN: readonly [number, number] = [1e-33, 1e16];

/** Convergence means |f′(x)| ≤ this: 2|x| ≤ 0.001, i.e. within 0.0005 of the minimum. */
export const EXPLORER_TOLERANCE = 1e-3;

/** The plot window of the path panel. */
const X_DOMAIN: readonly [number, number] = [-20, 20];
const PANEL = SIZE.half;
const RUN = 'run';

const problem = quadratic1D(1);
const theory = quadraticTheory1D(1);

/** Rates marked on the explorer's rate scale: the two thresholds of x² (1/λ = 0.5, 2/λ = 1.0). */
export const EXPLORER_RATE_MARKS: readonly { rate: number; text: string }[] = [
  { rate: theory.monotoneThreshold, text: 'the largest rate that never overshoots' },
  { rate: theory.stabilityLimit, text: 'the edge of stability' },
];
const f = (x: number) => x * x;

function optimizerFor(kind: ExplorerOptimizer): Optimizer {
  switch (kind) {
    case 'momentum':
      return heavyBall({ momentum: 0.9 });
    case 'nesterov':
      return nesterov({ momentum: 0.9 });
    case 'adam':
      return adam();
    default:
      return sgd();
  }
}

function scheduleFor(settings: ExplorerSettings): Schedule {
  switch (settings.schedule) {
    case 'exponential':
      return exponentialDecay(settings.rate, -Math.log(0.95));
    case 'cosine':
      return cosineAnnealing(settings.rate, settings.steps);
    default:
      return constant(settings.rate);
  }
}

/** Everything the explorer shows for one setting. */
export interface ExplorerState {
  readonly settings: ExplorerSettings;
  readonly result: RunResult;
  readonly classification: Classification;
  /** The regime in one sentence, for the live region. */
  readonly regimeText: string;
  /** Short verdict for the chart, e.g. "diverges". */
  readonly verdict: string;
  /** The datasets the chart reads (replaced in place on every change). */
  readonly datasets: ExplorerDatasets;
}

/** The chart's changing datasets. */
export interface ExplorerDatasets {
  readonly iterates: Row[];
  readonly hops: Row[];
  readonly heads: Row[];
  readonly pathEnds: Row[];
  readonly lossLines: Row[];
  readonly lossEnds: Row[];
}

/** Names of the datasets that change with the settings. */
export const EXPLORER_DATASETS: readonly (keyof ExplorerDatasets)[] = ['iterates', 'hops', 'heads', 'pathEnds', 'lossLines', 'lossEnds'];

/**
 * Runs the simulation for the settings and shapes everything the explorer shows.
 *
 * @param settings - The reader's choices.
 */
export function explorerState(settings: ExplorerSettings): ExplorerState {
  const result = run({
    problem,
    optimizer: optimizerFor(settings.optimizer),
    schedule: scheduleFor(settings),
    start: settings.start,
    steps: settings.steps,
    tolerance: EXPLORER_TOLERANCE,
  });
  const classification = classifyRun(result);
  const diverged = classification.regime === 'diverged';
  const verdict = verdictOf(classification);
  const lossRun: LossRun = { label: RUN, loss: result.loss, ...(diverged ? { ending: { kind: 'diverged', text: 'diverges' } } : {}) };
  const path = pathRows(f, [{ label: RUN, xs: result.params, ...(diverged ? { divergedText: 'diverges' } : {}) }], explorerWindow());
  return {
    settings,
    result,
    classification,
    regimeText: regimeText(settings, result, classification),
    verdict,
    datasets: { ...path, ...lossCurvesData([lossRun]) },
  };
}

function explorerWindow(): CurveWindow {
  return { xDomain: X_DOMAIN, yDomain: curveYDomain(curveRows(f, X_DOMAIN)), width: PANEL.width, height: PANEL.height };
}

function verdictOf(c: Classification): string {
  switch (c.regime) {
    case 'converged-monotone':
      return 'converges from one side';
    case 'converged-oscillating':
      return 'zig-zag, converges';
    case 'diverged':
      return 'diverges';
    case 'plateau':
      return 'stuck, never settles';
    case 'too-slow':
      return c.oscillating ? 'zig-zag, still converging' : 'still converging (slow)';
    default:
      return c.regime;
  }
}

/**
 * The regime in words, with the threshold that explains it. The thresholds come from the
 * quadratic theory (1/λ = 0.5, 2/λ = 1.0 for x²) and apply to plain gradient descent at a
 * constant rate; other settings get the classifier's own explanation.
 */
function regimeText(s: ExplorerSettings, r: RunResult, c: Classification): string {
  const k = r.stopStep;
  const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;
  // One decimal, as the lesson writes the thresholds: 0.5 and 1.0.
  const half = theory.monotoneThreshold.toFixed(1);
  const limit = theory.stabilityLimit.toFixed(1);
  const eta = formatNumber(s.rate);
  if (r.start[0] === 0) return 'Already at the minimum: x₀ = 0, nothing to do.';
  if (s.optimizer !== 'gd' || s.schedule !== 'constant') {
    return `${capitalise(verdictOf(c))}. ${c.reason}`;
  }
  const factor = 1 - 2 * s.rate;
  const per = `|x| ×${formatNumber(Math.abs(factor))} per step`;
  switch (c.regime) {
    case 'converged-monotone':
      return factor === 0
        ? `Exact: η = 1/λ = ${half} lands on the minimum in one step.`
        : `Converges from one side in ${steps(k)}: η = ${eta} is at most 1/λ = ${half}, so no step overshoots (${per}).`;
    case 'converged-oscillating':
      return `Zig-zag, converges in ${steps(k)}: η = ${eta} is between 1/λ = ${half} and 2/λ = ${limit}, so x changes sign every step while ${per}.`;
    case 'too-slow':
      return c.oscillating
        ? `Zig-zag, still converging after ${steps(k)}: x changes sign every step while ${per}.`
        : `Too slow: after ${steps(k)} x is still ${formatNumber(r.final[0] as number)} (${per}).`;
    case 'plateau':
      return `Stuck: η = 2/λ = ${limit} exactly, so x flips between ${formatNumber(s.start)} and ${formatNumber(-s.start)} forever and the loss stays at ${formatNumber(r.finalLoss)}.`;
    case 'diverged':
      return `Diverges: rate above 2/λmax = ${limit}; ${per.replace('×', 'grows ×')}.`;
    default:
      return c.reason;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The explorer's spec for a first state: the path panel (curve and path) beside the loss
 * panel, reading named datasets that the page replaces on every change.
 *
 * @param state - From {@link explorerState}.
 */
export function explorerSpec(state: ExplorerState): ChartSpec {
  const window = explorerWindow();
  const colors = [COLOR.primary];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Gradient descent on f(x) = x²',
    description: explorerDescription(state),
    config: chartConfig,
    params: [{ name: STEP_BUDGET, value: state.settings.steps }],
    datasets: { curve: curveRows(f, X_DOMAIN), ...state.datasets, ...Object.fromEntries(Object.keys(EXPLORER_TRACES).map((name) => [name, []])) },
    hconcat: [
      withTrace(pathOnCurvePanel(window, { runLabels: [RUN], colors, title: 'path on the parabola' }), 'hops', 'previousHops'),
      withTrace(
        lossCurvesPanel([RUN], { width: PANEL.width, height: PANEL.height, legend: false, colors, title: 'loss against step', lossDomain: EXPLORER_LOSS_DOMAIN, stepBudget: STEP_BUDGET }),
        'lossLines',
        'previousLoss',
      ),
    ],
    spacing: 20,
  };
}

/**
 * Datasets of the faint trace of the previous run, each a copy of a dataset of the run before
 * the last change (the page fills them; empty at first paint).
 */
export const EXPLORER_TRACES = { previousHops: 'hops', previousLoss: 'lossLines' } as const satisfies Record<string, keyof ExplorerDatasets>;

/** The panel with a faint, dashed copy of its `from` line reading `to`, drawn beneath the rest. */
function withTrace<P extends { layer?: unknown }>(panel: P, from: keyof ExplorerDatasets, to: keyof typeof EXPLORER_TRACES): P {
  type Line = { data?: { name?: string }; mark: Record<string, unknown>; encoding: Record<string, unknown> };
  const layers = (panel.layer ?? []) as Line[];
  const line = layers.find((l) => l.data?.name === from);
  if (!line) throw new Error(`explorer: no "${from}" layer to trace`);
  const { color: _color, ...encoding } = line.encoding;
  const trace = { ...line, data: { name: to }, mark: { ...line.mark, color: INK, opacity: MUTED, strokeDash: [4, 3], strokeWidth: 1.25 }, encoding };
  return { ...panel, layer: [trace, ...layers] };
}

/** The text alternative of the current picture (also the live chart's label). */
export function explorerDescription(state: ExplorerState): string {
  const s = state.settings;
  const xs = Array.from(state.result.params.slice(0, 4), (x) => formatNumber(x));
  return (
    `Left: the parabola f(x) = x² with the iterates of ${EXPLORER_OPTIMIZERS[s.optimizer]} from x₀ = ${formatNumber(s.start)} ` +
    `at learning rate ${formatNumber(s.rate)} (${EXPLORER_SCHEDULES[s.schedule]}): ${xs.join(', ')}, …. ` +
    `Right: the loss against the step on a log scale, from ${formatNumber(state.result.initialLoss)} to ` +
    `${formatNumber(state.result.finalLoss)} after ${state.result.stopStep} steps. Verdict: ${state.verdict}.`
  );
}

/** Largest number of rows of the explorer's data table. */
const TABLE_ROWS = 16;

/**
 * The text alternative of the current run: iterate and loss at every k-th step.
 *
 * @param state - From {@link explorerState}.
 */
export function explorerTable(state: ExplorerState): DataTable {
  const r = state.result;
  const { indices, k } = everyKth(r.stopStep + 1, TABLE_ROWS);
  const what = `Iterates and loss at η = ${formatNumber(state.settings.rate)} from x₀ = ${formatNumber(state.settings.start)}`;
  return {
    caption: k === 1 ? what : `${what}, ${everyKthPhrase(k, 'step')}`,
    columns: ['step', 'x', 'loss'],
    rows: indices.map((t) => [String(t), formatNumber(r.params[t] as number, 4), formatNumber(r.loss[t] as number, 4)]),
  };
}
