/**
 * The named charts of the course: each name maps to a function that runs the simulation and
 * returns the chart's spec and the table of its text alternative.
 *
 * Lessons refer to charts by these names (`<Chart name="x2-loss-curves" />`). Every number
 * comes from the simulation module except the finite-difference errors, computed here with
 * plain arithmetic because the simulation does not do finite differences.
 *
 * @packageDocumentation
 */
import {
  classifyRun,
  constant,
  cosineAnnealing,
  diagnoseLoss,
  exponentialDecay,
  housePriceQuadraticTheory,
  housePriceRegression,
  housePriceRun,
  linSpace,
  linearWarmup,
  logSpace,
  lrRangeTest,
  lrSweep,
  quadratic1D,
  quadraticBowl2D,
  quadraticTheory,
  run,
  stepDecay,
} from '../sim';
import type { RunResult, Schedule } from '../sim';
import { errorVsStepSpec } from './errorVsStep';
import { BOWL_EXPLORERS, bowlSpec, bowlState, bowlTable } from './bowlExplorer';
import type { BowlExplorerName } from './bowlExplorer';
import { explorerSpec, explorerState, explorerTable, EXPLORER_DEFAULTS } from './explorer';
import { everyKth, everyKthPhrase, formatNumber } from './format';
import { lossCurvesSpec } from './lossCurves';
import { lossSequenceSpec } from './lossSequence';
import { pathOnCurveSpec } from './pathOnCurve';
import { geometricLevels, quadraticContourRows } from './quadraticContours';
import { rangeTestSpec } from './rangeTest';
import { rateSweepSpec } from './rateSweep';
import { scheduleCurvesSpec } from './scheduleCurves';
import { surfacePathSpec } from './surfacePath';
import { rateColor } from './rateColor';
import { COLOR } from './theme';
import type { CatalogChart, DataTable } from './types';

/** Most rows a data table shows before it summarises (every k-th step). */
const TABLE_ROWS = 16;

const x2 = quadratic1D(1);
const f = (x: number) => x * x;

function x2Run(rate: number, steps: number, start: number = 10): RunResult {
  // Tolerance 0: the figures show the whole budget, not a run cut at convergence.
  return run({ problem: x2, schedule: rate, start, steps, tolerance: 0 });
}

/** A table with one row per k-th index of series sharing the step axis. */
function stepTable(caption: string, stepHeading: string, n: number, columns: readonly { heading: string; value: (t: number) => string }[]): DataTable {
  const { indices, k } = everyKth(n, TABLE_ROWS);
  return {
    caption: k === 1 ? caption : `${caption}, ${everyKthPhrase(k, stepHeading)}`,
    columns: [stepHeading, ...columns.map((c) => c.heading)],
    rows: indices.map((t) => [String(t), ...columns.map((c) => c.value(t))]),
  };
}

/** The value of a series at index t, or an em dash past its end. */
function at(values: ArrayLike<number>, t: number, digits: number = 4): string {
  return t < values.length ? formatNumber(values[t] as number, digits) : '—';
}

// x² from x₀ = 10: too small, well chosen, too large (Figures 1 and 2 draw the same three runs).
const X2_CASES = [
  { rate: 0.01, name: 'too small' },
  { rate: 0.1, name: 'well chosen' },
  { rate: 1.1, name: 'too large' },
] as const;

function x2LossCurves(): CatalogChart {
  const steps = 30;
  const runs = X2_CASES.map((c) => ({ ...c, result: x2Run(c.rate, steps), label: `η = ${c.rate} (${c.name})` }));
  const large = runs[2]!.result;
  const spec = lossCurvesSpec({
    title: 'Loss of gradient descent on x² from x₀ = 10',
    description:
      `Loss against step (0 to ${steps}) on a log scale for three learning rates. ` +
      `η = 0.01 falls slowly, from 100 to ${formatNumber(runs[0]!.result.finalLoss)}. ` +
      `η = 0.1 falls fast, to ${formatNumber(runs[1]!.result.finalLoss)}. ` +
      `η = 1.1 climbs every step, to ${formatNumber(large.finalLoss)}, and is marked as diverging. ` +
      'Every curve is a straight line on the log axis: the loss is multiplied by the same factor (1 − 2η)² each step.',
    runs: runs.map((r) => ({
      label: r.label,
      loss: r.result.loss,
      color: rateColor(r.rate),
      ...(classifyRun(r.result).regime === 'diverged' ? { ending: { kind: 'diverged' as const, text: 'diverges: ×1.44 per step' } } : {}),
    })),
  });
  const table = stepTable('Loss after each step', 'step', steps + 1, runs.map((r) => ({ heading: `loss, ${r.label}`, value: (t: number) => at(r.result.loss, t) })));
  return { spec, table };
}

// The same three runs on the parabola: barely moving, creeping down one side, zig-zag out.
function x2Paths(): CatalogChart {
  const steps = 6;
  const what = { 0.01: 'barely moves', 0.1: 'small steps', 1.1: 'zig-zag out' } as const;
  const runs = X2_CASES.map((c) => ({ ...c, result: x2Run(c.rate, steps), label: `η = ${c.rate}: ${what[c.rate]}` }));
  const xs = (rate: number) => Array.from(runs.find((r) => r.rate === rate)!.result.params.slice(0, 4), (x) => formatNumber(x, 4)).join(', ');
  const spec = pathOnCurveSpec({
    title: 'The three runs of Figure 1 as paths on f(x) = x² from x₀ = 10',
    description:
      `Three panels, each the parabola y = x² for x from −20 to 20 with the first ${steps} iterates of one learning rate joined by arrows. ` +
      `η = 0.01: ${xs(0.01)}, … steps so short the points almost overlap. ` +
      `η = 0.1: ${xs(0.1)}, … shortening steps down the right-hand side. ` +
      `η = 1.1: ${xs(1.1)}, … alternating sides and moving further out until the path leaves the chart, marked as diverging.`,
    f,
    xDomain: [-20, 20],
    layout: 'panels',
    paths: runs.map((r) => ({
      label: r.label,
      xs: r.result.params,
      color: rateColor(r.rate),
      ...(r.rate > 1 ? { divergedText: 'diverges' } : {}),
    })),
  });
  const table = stepTable('Iterate x after each step', 'step', steps + 1, runs.map((r) => ({ heading: `x, η = ${r.rate}`, value: (t: number) => at(r.result.params, t) })));
  return { spec, table };
}

// 1.2.38, the reveal of a prediction: three zig-zag steps at η = 0.9 from 10.
function x2ZigzagSteps(): CatalogChart {
  const steps = 3;
  const rate = 0.9;
  const result = x2Run(rate, steps);
  const xs = Array.from(result.params);
  const spec = pathOnCurveSpec({
    title: `Three steps of gradient descent on f(x) = x² from x₀ = 10, η = ${rate}`,
    description:
      `The parabola y = x² with the iterates ${xs.map((x) => formatNumber(x, 4)).join(', ')} joined by arrows: ` +
      `each step multiplies x by ${formatNumber(1 - 2 * rate)}, so x lands on the other side of the minimum every time while its distance to 0 shrinks by a fifth.`,
    f,
    xDomain: [-11, 11],
    yTitle: 'f(x) = x²',
    paths: [{ label: `η = ${rate}`, xs: result.params, color: rateColor(rate) }],
  });
  const table: DataTable = {
    caption: 'Iterates and loss',
    columns: ['step t', 'x_t', 'f(x_t)'],
    rows: xs.map((x, t) => [String(t), formatNumber(x, 4), formatNumber(f(x), 4)]),
  };
  return { spec, table };
}

// 1.2.37: the worked example, η = 0.1 from 10.
function x2DescentPath(): CatalogChart {
  const steps = 10;
  const result = x2Run(0.1, steps);
  const xs = Array.from(result.params);
  const spec = pathOnCurveSpec({
    title: 'Gradient descent on f(x) = x² from x₀ = 10, η = 0.1',
    description:
      `The parabola y = x² with the first ${steps} iterates of gradient descent marked on the curve and joined by arrows: ` +
      `${xs.slice(0, 5).map((x) => formatNumber(x)).join(', ')}, …, ${formatNumber(xs[steps] as number)}. ` +
      'Each step multiplies x by 0.8, so the steps shorten (2, 1.6, 1.28, …) as the slope flattens towards the minimum at 0.',
    f,
    xDomain: [-4, 11],
    yTitle: 'f(x) = x²',
    paths: [{ label: 'η = 0.1', xs: result.params, color: COLOR.primary }],
  });
  const table: DataTable = {
    caption: 'Iterates, loss and step length',
    columns: ['step t', 'x_t', 'f(x_t)', 'step length |x_t − x_{t−1}|'],
    rows: xs.map((x, t) => [String(t), formatNumber(x, 4), formatNumber(f(x), 4), t === 0 ? '—' : formatNumber(Math.abs(x - (xs[t - 1] as number)), 4)]),
  };
  return { spec, table };
}

// House prices: loss after 50 epochs against the rate, each from a fresh start.
function houseSweep(): CatalogChart {
  const epochs = 50;
  const theory = housePriceQuadraticTheory();
  const limit = theory.stabilityLimit;
  const marked = [0.01, 0.1, 0.122, 0.129, 0.131];
  // A log grid over the whole range, a fine linear one approaching the limit, and the rates the lesson names.
  const rates = Array.from(new Set([...logSpace(1e-4, 0.2, 36), ...linSpace(0.1, 0.14, 21), ...marked])).sort((a, b) => a - b);
  const sweep = lrSweep({ problem: housePriceRegression(), start: [0, 0], steps: epochs, tolerance: 0, divergenceBound: Infinity, rates });
  const rows = Array.from(sweep.rates, (rate, i) => ({
    rate,
    loss: sweep.finalLoss[i] as number,
    diverged: sweep.regime[i] === 'diverged',
  }));
  const lossAt = (rate: number) => rows.find((r) => r.rate === rate)?.loss ?? NaN;
  const best = sweep.best;
  const firstDiverged = rows.find((r) => r.diverged);
  const spec = rateSweepSpec({
    title: 'House prices: loss after 50 epochs against the learning rate',
    description:
      `Final loss after ${epochs} full-batch epochs from (w, b) = (0, 0), a fresh start for every rate, against the rate from 0.0001 to 0.2, both on log scales. ` +
      `The loss falls as the rate grows: ${formatNumber(lossAt(0.0001))} at 0.0001, ${formatNumber(lossAt(0.01))} at 0.01, ${formatNumber(lossAt(0.1))} at 0.1. ` +
      `The best rate is about ${formatNumber(best?.rate ?? NaN, 3)} (loss ${formatNumber(best?.finalLoss ?? NaN)}); ` +
      `the loss then rises steeply towards the stability limit 2/λmax ≈ ${formatNumber(limit, 3)} (a dashed line), ` +
      `${formatNumber(lossAt(0.129))} at 0.129, and every rate from ${formatNumber(firstDiverged?.rate ?? NaN, 3)} up diverges (triangles on the top edge; 0.131 ends at ${formatNumber(lossAt(0.131))}).`,
    valueTitle: `loss after ${epochs} epochs (log scale)`,
    points: rows.map((r) => ({ rate: r.rate, value: r.loss, diverged: r.diverged })),
    limit: { rate: limit, text: `2/λmax ≈ ${limit.toFixed(3)}` },
    ceiling: 1e6,
    divergedText: `${formatNumber(firstDiverged?.rate ?? NaN, 3)} and above: diverged`,
    zoom: { domain: [0.09, 0.14], title: 'close-up: 0.09 to 0.14' },
    highlights: [
      { rate: 0.01, text: `0.01: ${formatNumber(lossAt(0.01))}`, side: 'below' },
      { rate: 0.1, text: `0.1: ${formatNumber(lossAt(0.1))}`, side: 'below' },
      ...(best ? [{ rate: best.rate, text: `best ≈ ${formatNumber(best.rate, 3)}: ${formatNumber(best.finalLoss)}`, side: 'below' as const }] : []),
      { rate: 0.129, text: `0.129: ${formatNumber(lossAt(0.129))}`, side: 'left' },
    ],
  });
  const { indices } = everyKth(rows.length, 24);
  const shown = new Set(indices);
  rows.forEach((r, i) => {
    if (marked.includes(r.rate) || i === best?.index) shown.add(i);
  });
  const table: DataTable = {
    caption: `Loss after ${epochs} epochs for a selection of the ${rows.length} rates (stability limit ${formatNumber(limit, 4)})`,
    columns: ['learning rate', `loss after ${epochs} epochs`, 'verdict'],
    rows: [...shown]
      .sort((a, b) => a - b)
      .map((i) => {
        const r = rows[i]!;
        return [formatNumber(r.rate, 3), formatNumber(r.loss, 4), r.diverged ? 'diverged' : i === best?.index ? 'best' : sweep.regime[i] === 'too-slow' ? 'still falling' : String(sweep.regime[i])];
      }),
  };
  return { spec, table };
}

// House prices: the (w, b) path at η = 0.1 over the loss contours.
function housePath(): CatalogChart {
  const epochs = 50;
  const rate = 0.1;
  const problem = housePriceRegression();
  const result = housePriceRun(rate, epochs);
  const min = problem.minimizers?.[0] ?? Float64Array.of(200, 0);
  const contours = quadraticContourRows({ hessian: problem.hessianMatrix, center: min, minLoss: problem.minLoss ?? 0 }, geometricLevels(0, result.initialLoss, 9, 0.3));
  const spec = surfacePathSpec({
    title: `House prices: the path of (w, b) at η = ${rate} over the loss contours`,
    description:
      `Contour lines of the mean squared error over w (slope) and b (intercept): long thin ellipses around the minimum (200, 0), about ${formatNumber(Math.sqrt(housePriceQuadraticTheory().conditionNumber), 2)} times longer than wide. ` +
      `The path of ${epochs} gradient-descent epochs from (0, 0) jumps to (270, 100), then zig-zags back and forth across the valley along the steep direction while the zig-zag dies out, ` +
      `and then crawls slowly along the flat valley floor, ending at (${formatNumber(result.final[0] as number)}, ${formatNumber(result.final[1] as number)}) with loss ${formatNumber(result.finalLoss)}.`,
    contours,
    params: result.params,
    minimizer: [min[0] as number, min[1] as number],
    minimizerLabel: 'minimum (200, 0)',
    xDomain: [-10, 290],
    yDomain: [-60, 110],
    xTitle: 'w (slope)',
    yTitle: 'b (intercept)',
  });
  const table = stepTable('Parameters and loss after each epoch', 'epoch', epochs + 1, [
    { heading: 'w', value: (t) => formatNumber(result.params[2 * t] as number, 4) },
    { heading: 'b', value: (t) => formatNumber(result.params[2 * t + 1] as number, 4) },
    { heading: 'loss', value: (t) => at(result.loss, t) },
  ]);
  return { spec, table };
}

// An ill-conditioned bowl: L(u, v) = u² + 25v² (κ = 25), as in exercise 1.2.38.8.
function bowlPath(): CatalogChart {
  const rate = 0.035;
  const steps = 60;
  const bowl = quadraticBowl2D({ condition: 25, lambdaMin: 2 });
  const theory = quadraticTheory(bowl.hessianMatrix);
  const result = run({ problem: bowl, schedule: rate, start: [10, 1.5], steps, tolerance: 0 });
  const contours = quadraticContourRows({ hessian: bowl.hessianMatrix, center: bowl.center }, geometricLevels(0, result.initialLoss, 7, 0.35));
  const spec = surfacePathSpec({
    title: `An ill-conditioned bowl u² + 25v²: gradient descent at η = ${rate}`,
    description:
      `Elliptical contours of L(u, v) = u² + 25v², five times narrower in v than in u (condition number ${formatNumber(theory.conditionNumber)}). ` +
      `Gradient descent from (10, 1.5) at η = ${rate}, below the stability limit 2/λmax = ${formatNumber(theory.stabilityLimit)}: ` +
      `the steep coordinate v flips sign every step, shrinking by ${formatNumber(Math.abs(1 - rate * theory.lambdaMax))} per step (a zig-zag across the valley), ` +
      `while the flat coordinate u only shrinks by ${formatNumber(1 - rate * theory.lambdaMin)} per step, crawling towards the minimum at (0, 0); after ${steps} steps u is still ${formatNumber(result.final[0] as number)}.`,
    contours,
    params: result.params,
    minimizer: [0, 0],
    xDomain: [-1, 11],
    yDomain: [-2, 2],
    xTitle: 'u (flat direction)',
    yTitle: 'v (steep direction)',
  });
  const table = stepTable('Parameters and loss after each step', 'step', steps + 1, [
    { heading: 'u', value: (t) => formatNumber(result.params[2 * t] as number, 4) },
    { heading: 'v', value: (t) => formatNumber(result.params[2 * t + 1] as number, 4) },
    { heading: 'loss', value: (t) => at(result.loss, t) },
  ]);
  return { spec, table };
}

// Four schedules from η₀ = 0.1 over 50 epochs.
function schedules(): CatalogChart {
  const epochs = 50;
  const eta0 = 0.1;
  const series: { label: string; schedule: Schedule }[] = [
    { label: 'step decay: ×0.5 every 10 epochs', schedule: stepDecay(eta0, 10, 0.5) },
    { label: 'exponential decay: ×0.933 per epoch', schedule: exponentialDecay(eta0, Math.log(2) / 10) },
    { label: 'cosine annealing to 0.001', schedule: cosineAnnealing(eta0, epochs, 0.001) },
    { label: 'warm-up 5 epochs, then cosine', schedule: linearWarmup(cosineAnnealing(eta0, epochs - 5, 0.001), { steps: 5, startFactor: 0.1 }) },
  ];
  const rates = series.map((s) => ({ label: s.label, rates: Float64Array.from({ length: epochs + 1 }, (_, t) => s.schedule(t)) }));
  const spec = scheduleCurvesSpec({
    title: `Four learning-rate schedules from η₀ = ${eta0} over ${epochs} epochs`,
    description:
      'Four panels of learning rate against epoch. Step decay: a staircase, 0.1 for epochs 0–9, 0.05 for 10–19, 0.025 for 20–29 and so on. ' +
      'Exponential decay: a smooth curve losing the same fraction each epoch, halving every 10 epochs like the staircase on average. ' +
      'Cosine annealing: half a cosine wave from 0.1 down to a floor of 0.001, slow at first, fastest in the middle, gentle at the end. ' +
      'Warm-up: a linear ramp from 0.01 up to 0.1 over the first 5 epochs, followed by a cosine decay.',
    series: rates,
  });
  const table = stepTable('Learning rate at each epoch', 'epoch', epochs + 1, rates.map((s) => ({ heading: s.label, value: (t: number) => at(s.rates, t, 3) })));
  return { spec, table };
}

// The range test on the house data: one run, rate ×(10⁶)^(1/199) per step from 1e-6.
function rangeTest(): CatalogChart {
  // β = 0.9 rather than fastai's 0.98: with one smooth full-batch loss there is little noise
  // to average, and a long average lags so far behind that the dip of the loss is hidden.
  const beta = 0.9;
  const test = lrRangeTest({ problem: housePriceRegression(), start: [0, 0], lrMin: 1e-5, lrMax: 1, steps: 300, beta });
  const limit = housePriceQuadraticTheory().stabilityLimit;
  const last = test.lrs.length - 1;
  const minSmoothed = Array.from(test.smoothed).reduce((m, value, t) => (value < m.value ? { value, rate: test.lrs[t] as number } : m), { value: Infinity, rate: NaN });
  const spec = rangeTestSpec({
    title: 'Learning-rate range test on the house-price regression',
    description:
      `One gradient-descent run from (0, 0) whose rate grows by the same factor every step, from 0.00001 towards 1; the smoothed loss (an exponential moving average, β = ${beta}) against the rate, both on log scales, with the raw loss as faint dots. ` +
      `The loss is flat near ${formatNumber(test.smoothed[0] as number)} at tiny rates, falls steeply from about 0.001, reaches its lowest value, ${formatNumber(minSmoothed.value)} at rate ${formatNumber(minSmoothed.rate, 2)}, and then shoots up; ` +
      `the test stops at rate ${formatNumber(test.lrs[last] as number)} where the smoothed loss exceeds four times its best. ` +
      `The suggested rate, where the smoothed loss falls fastest, is ${formatNumber(test.suggested)}, marked on the descending part of the curve. ` +
      `(For comparison, the stability limit of a constant rate on this problem is ${formatNumber(limit, 3)}.)`,
    rates: test.lrs,
    losses: test.losses,
    smoothed: test.smoothed,
    suggested: { rate: test.suggested, text: `suggested ≈ ${formatNumber(test.suggested, 2)}` },
    ...(test.stoppedEarly ? { stoppedText: 'blows up: test stops' } : {}),
  });
  const table = stepTable(`Rate and smoothed loss at each step (suggested rate ${formatNumber(test.suggested, 3)})`, 'step', test.lrs.length, [
    { heading: 'learning rate', value: (t) => at(test.lrs, t, 3) },
    { heading: 'loss', value: (t) => at(test.losses, t) },
    { heading: 'smoothed loss', value: (t) => at(test.smoothed, t) },
  ]);
  return { spec, table };
}

// 1.2.39: forward and central differences of x³ at x = 2 (f′ = 12), h = 10⁻¹ … 10⁻¹⁶.
function fdErrorVsH(): CatalogChart {
  const g = (x: number) => x * x * x;
  const x = 2;
  const exact = 3 * x * x;
  // Number('1e-k') is the double nearest 10⁻ᵏ, as a reader typing the literal would get.
  const hs = Array.from({ length: 16 }, (_, i) => Number(`1e-${i + 1}`));
  const forward = hs.map((h) => Math.abs((g(x + h) - g(x)) / h - exact));
  const central = hs.map((h) => Math.abs((g(x + h) - g(x - h)) / (2 * h) - exact));
  const argmin = (e: number[]) => e.reduce((best, v, i) => (v < (e[best] as number) ? i : best), 0);
  const fMin = argmin(forward);
  const cMin = argmin(central);
  const spec = errorVsStepSpec({
    title: 'Finite-difference error against the step h: f(x) = x³ at x = 2',
    description:
      'Absolute error of the forward difference (f(x + h) − f(x))/h and the central difference (f(x + h) − f(x − h))/(2h) against the exact derivative 12, ' +
      'for h = 0.1, 0.01, …, 1e-16 in double precision, on log-log axes. Both curves fall as h shrinks (slope 1 for forward, slope 2 for central), ' +
      `reach a minimum — forward ${formatNumber(forward[fMin] as number, 2)} at h = ${formatNumber(hs[fMin] as number)}, central ${formatNumber(central[cMin] as number, 2)} at h = ${formatNumber(hs[cMin] as number)} — ` +
      `then rise again, raggedly, with slope about −1 as round-off takes over; at h = 1e-12 the central difference is off by ${formatNumber(central[11] as number, 2)}.`,
    series: [
      { label: 'forward difference', steps: hs, errors: forward, labelSide: 'left' },
      { label: 'central difference', steps: hs, errors: central, labelSide: 'center' },
    ],
  });
  const table: DataTable = {
    caption: 'Absolute error of each approximation of f′(2) = 12',
    columns: ['step h', 'forward error', 'central error'],
    rows: hs.map((h, i) => [formatNumber(h), formatNumber(forward[i] as number, 3), formatNumber(central[i] as number, 3)]),
  };
  return { spec, table };
}

/** A diagnosis chart for a logged loss sequence (the "Reading a loss curve" practice problems). */
function diagnosisChart(losses: number[], rate: number): CatalogChart {
  const diagnosis = diagnoseLoss(losses);
  const spec = lossSequenceSpec({
    title: `Logged loss at learning rate ${rate}`,
    description: `Loss at epochs 1 to ${losses.length}: ${losses.map((l) => formatNumber(l)).join(', ')}. ${diagnosis.reasons[0] ?? ''}`.trim(),
    losses,
  });
  const table: DataTable = {
    caption: `The logged values (diagnosis: ${diagnosis.verdict})`,
    columns: ['epoch', 'loss'],
    rows: losses.map((l, i) => [String(i + 1), formatNumber(l)]),
  };
  return { spec, table };
}

// The live explorer's first paint (the page then takes over).
function x2Explorer(): CatalogChart {
  const state = explorerState(EXPLORER_DEFAULTS);
  return { spec: explorerSpec(state), table: explorerTable(state) };
}

// A bowl explorer's first paint: its default run (the page then takes over).
function bowlExplorer(name: BowlExplorerName): CatalogChart {
  const state = bowlState(BOWL_EXPLORERS[name].defaults);
  return { spec: bowlSpec(name, state), table: bowlTable(state) };
}

/** Every named chart. */
export const chartCatalog = {
  'x2-loss-curves': x2LossCurves,
  'x2-paths': x2Paths,
  'x2-explorer': x2Explorer,
  'x2-descent-path': x2DescentPath,
  'x2-zigzag-steps': x2ZigzagSteps,
  'house-sweep': houseSweep,
  'house-path': housePath,
  'bowl-path': bowlPath,
  'bowl-explorer': () => bowlExplorer('bowl-explorer'),
  'bowl-momentum-explorer': () => bowlExplorer('bowl-momentum-explorer'),
  schedules,
  'range-test': rangeTest,
  'fd-error-vs-h': fdErrorVsH,
  'diagnosis-healthy': () => diagnosisChart([0.8, 0.5, 0.4, 0.38, 0.37], 0.1),
  'diagnosis-divergence': () => diagnosisChart([0.8, 1.5, 3.2, 8.7, NaN], 1.0),
} satisfies Record<string, () => CatalogChart>;

/** A chart name the catalog knows. */
export type ChartName = keyof typeof chartCatalog;

/** Charts that become interactive in the page (rendered by LiveChart). */
export const liveChartNames: ReadonlySet<string> = new Set<ChartName>(['x2-explorer', 'bowl-explorer', 'bowl-momentum-explorer']);

/** Whether `name` is a catalog chart. */
export function isChartName(name: string): name is ChartName {
  return Object.hasOwn(chartCatalog, name);
}

/**
 * The chart called `name`, computed from the simulation.
 *
 * @param name - A catalog name.
 * @param lesson - The lesson asking (for the error message).
 * @throws Error naming the lesson and the unknown chart, with the known names.
 */
export function chartByName(name: string, lesson?: string): CatalogChart {
  if (!isChartName(name)) {
    const where = lesson ? `lesson ${lesson}` : 'a page';
    throw new Error(`Unknown chart "${name}" in ${where}. Known charts: ${Object.keys(chartCatalog).join(', ')}.`);
  }
  return chartCatalog[name]();
}
