/**
 * Every number the lessons of module 1.2 state in their prose is checked twice here:
 *
 * 1. the literal, as written, appears in the lesson file, and
 * 2. it agrees (to the precision it is written with) with what the simulation module computes.
 *
 * Expected values are never copied from the sources: each one is computed by `src/sim`, or,
 * where the simulation has no function for it (finite differences, machine epsilon), from its
 * primitives or plain float64 arithmetic in this file.
 *
 * A third check keeps the list complete: every number token in a lesson's prose (code blocks,
 * ids and URLs excluded) must be either a checked claim, a declared input (a rate, a start, a
 * data value the lesson chooses rather than computes), or a small integer from 0 to 10, the
 * vocabulary of formulas and step counts. Small integers that are results are checked as
 * claims as well. Adding a number to a lesson without adding it here fails this test.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  adam,
  bestHousePriceRate,
  classifyRun,
  contractionFactors,
  coordinate,
  diagnoseLoss,
  exponentialDecay,
  gdIterate1D,
  housePriceQuadraticTheory,
  housePriceRegression,
  housePriceRun,
  lossAfterEpochs,
  lrRangeTest,
  lrSweep,
  paramsAt,
  quadratic1D,
  quadraticBowl2D,
  quadraticForm,
  quadraticTheory,
  quadraticTheory1D,
  run,
  sgd,
  stepDecay,
  stepsToTolerance,
  symmetricEigen,
} from '../../src/sim';
import type { Problem, RunResult } from '../../src/sim';
import { BOWL_RATES } from '../../src/charts/bowlExplorer';

// ---------------------------------------------------------------------------------------
// The lessons as text

const root = resolve(import.meta.dirname, '../..');
const folder = join(root, 'content/math-for-ml/1.2-calculus-for-ml');
const files = {
  '1.2.37': '1.2.37-gradient-descent.mdx',
  '1.2.38': '1.2.38-learning-rate-and-convergence.mdx',
  '1.2.39': '1.2.39-numerical-differentiation.mdx',
} as const;
type LessonId = keyof typeof files;
const lessonIds = Object.keys(files) as LessonId[];

/** The lesson source with typographic minus signs turned into ASCII hyphens. */
const source: Record<LessonId, string> = Object.fromEntries(
  lessonIds.map((id) => [id, readFileSync(join(folder, files[id]), 'utf8').replace(/\u2212/g, '-')]),
) as Record<LessonId, string>;

/**
 * The prose of a lesson, reduced to what a reader reads as numbers: code blocks, URLs,
 * front-matter ids and times, component ids and names, objective lists and lesson or exercise
 * ids are removed; `a \times 10^{k}` and `10^{k}` become `aek` and `1ek`.
 */
function proseNumbersText(text: string): string {
  return text
    .replace(/^```[\s\S]*?^```/gm, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/^(?:id|next|prerequisites|estimatedTime|\s+expectedTime|\s+- id):.*$/gm, ' ')
    .replace(/\b(?:id|to|name|level)="[^"]*"/g, ' ')
    .replace(/objectives=\{\[[^\]]*\]\}/g, ' ')
    .replace(/\b\d+\.\d+\.\d+(?:\.\d+)?\b/g, ' ')
    .replace(/(\d+(?:\.\d+)?)\s*\\times\s*10\^\{(-?\d+)\}/g, '$1e$2')
    .replace(/(?<![\d.])10\^\{(-?\d+)\}/g, '1e$1');
}

/** Unsigned numeric values of the number tokens in a piece of (reduced) prose. */
function numberTokens(text: string): number[] {
  return [...text.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((m) =>
    Number(m[0].replace(/,/g, '')),
  );
}

/** The same literal, found as a whole number (not as part of a longer one). */
function containsNumber(text: string, literal: string): boolean {
  const escaped = literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d.,])${escaped}(?![\\d]|[.,]\\d)`).test(text);
}

// ---------------------------------------------------------------------------------------
// Claims

type Mode =
  /** Equal to the literal once rounded to the literal's last written digit. */
  | 'rounded'
  /** Same order of magnitude: |log10 computed − log10 literal| ≤ 0.5 ("about 10^37"). */
  | 'order';

interface Claim {
  lesson: LessonId;
  /** The number as the lesson writes it, e.g. `231,551`, `-12`, `0.130`, `1.5 \times 10^{-8}`. */
  literal: string;
  /** A longer exact phrase of the lesson that contains the literal, to pin down where it is. */
  context?: string;
  /** What the simulation (or arithmetic on its primitives) computes. */
  computed: number;
  mode: Mode;
  what: string;
}

const claims: Claim[] = [];
function claim(lesson: LessonId, what: string, literal: string, computed: number, options: { context?: string; mode?: Mode } = {}) {
  claims.push({ lesson, what, literal, computed, mode: options.mode ?? 'rounded', ...(options.context ? { context: options.context } : {}) });
}

/** Value and precision of a literal: `231,551`, `-0.983`, `37.5 %`, `1.5 \times 10^{-8}`, `10^{37}`. */
function parseLiteral(literal: string): { value: number; halfUlp: number } {
  const t = literal.replace(/\s*%$/, '').trim();
  const sci = /^(-?\d+(?:\.\d+)?)\s*\\times\s*10\^\{(-?\d+)\}$/.exec(t);
  const pow = /^10\^\{(-?\d+)\}$/.exec(t);
  const decimalsOf = (s: string) => (s.includes('.') ? s.split('.')[1]!.length : 0);
  if (sci) {
    const exp = Number(sci[2]);
    return { value: Number(sci[1]) * 10 ** exp, halfUlp: 0.5 * 10 ** (exp - decimalsOf(sci[1]!)) };
  }
  if (pow) return { value: 10 ** Number(pow[1]), halfUlp: 0.5 * 10 ** Number(pow[1]) };
  const plain = t.replace(/,/g, '');
  if (!/^-?\d+(?:\.\d+)?$/.test(plain)) throw new Error(`cannot parse literal ${literal}`);
  return { value: Number(plain), halfUlp: 0.5 * 10 ** -decimalsOf(plain) };
}

function tokensOfLiteral(literal: string): number[] {
  return numberTokens(proseNumbersText(literal));
}

// Small helpers on the simulation -------------------------------------------------------

const x2 = quadratic1D(1);
/** Gradient descent on x² from x0, recording every step (no early stop). */
const x2Run = (rate: number, steps: number, x0 = 10): RunResult =>
  run({ problem: x2, start: x0, steps, schedule: rate, tolerance: 0, divergenceBound: Infinity });
const xs = (r: RunResult) => Array.from(coordinate(r, 0));
const gradientAt = (problem: Problem, p: number[]): number[] => {
  const g = new Float64Array(problem.dim);
  problem.evaluate(Float64Array.from(p), g);
  return Array.from(g);
};

// ---------------------------------------------------------------------------------------
// 1.2.37 Gradient descent

{
  const L = '1.2.37';
  const r = x2Run(0.1, 3);
  const path = xs(r); // 10, 8, 6.4, 5.12
  const slopes = path.map((x) => gradientAt(x2, [x])[0]!);
  const steps = path.slice(1).map((x, i) => x - path[i]!);
  claim(L, 'x² from 10 at 0.1, x1', '8', path[1]!, { context: '$10 - 0.1 \\times 20 = 8$' });
  claim(L, 'x² from 10 at 0.1, x2', '6.4', path[2]!, { context: '$8 - 0.1 \\times 16 = 6.4$' });
  claim(L, 'x² from 10 at 0.1, x3', '5.12', path[3]!, { context: '$6.4 - 0.1 \\times 12.8 = 5.12$' });
  claim(L, 'slope at x0', '20', slopes[0]!, { context: '| 0 | 10 | 20 | -2 | 100 |' });
  claim(L, 'slope at x1', '16', slopes[1]!, { context: '| 1 | 8 | 16 | -1.6 | 64 |' });
  claim(L, 'slope at x2', '12.8', slopes[2]!, { context: '| 2 | 6.4 | 12.8 | -1.28 | 40.96 |' });
  claim(L, 'slope at x3', '10.24', slopes[3]!, { context: '| 3 | 5.12 | 10.24 | -1.024 | 26.2144 |' });
  claim(L, 'first step', '-2', steps[0]!, { context: '| 0 | 10 | 20 | -2 | 100 |' });
  claim(L, 'second step', '-1.6', steps[1]!, { context: '| 1 | 8 | 16 | -1.6 | 64 |' });
  claim(L, 'third step', '-1.28', steps[2]!, { context: '| 2 | 6.4 | 12.8 | -1.28 | 40.96 |' });
  claim(L, 'fourth step', '-1.024', -0.1 * slopes[3]!, { context: '| 3 | 5.12 | 10.24 | -1.024 | 26.2144 |' });
  claim(L, 'loss at x0', '100', r.loss[0]!, { context: '| 0 | 10 | 20 | -2 | 100 |' });
  claim(L, 'loss at x1', '64', r.loss[1]!, { context: '| 1 | 8 | 16 | -1.6 | 64 |' });
  claim(L, 'loss at x2', '40.96', r.loss[2]!);
  claim(L, 'loss at x3', '26.2144', r.loss[3]!);
  claim(L, 'factor 1 − 2η at 0.1', '0.8', gdIterate1D(1, 0.1, 1, 1), { context: 'here $1 - 2 \\times 0.1 = 0.8$' });

  // Steps until the slope is below 0.01: the runner stops at the first state with |f′| ≤ tol.
  const stop = run({ problem: x2, start: 10, steps: 1000, schedule: 0.1, tolerance: 0.01 });
  claim(L, 'steps until |slope| < 0.01', '35', stop.stopStep, { context: 'it first drops below $0.01$ at step 35' });
  claim(L, 'steps until |slope| < 0.01 (exercise)', '35', stop.stopStep, { context: 'The first whole step that satisfies it is step 35' });
  claim(L, 'tolerance over initial slope', '0.0005', 0.01 / stop.gradNorm[0]!, { context: 'that is $0.8^t < 0.0005$' });
  claim(L, 'ln(0.0005)/ln(0.8)', '34', Math.log(0.01 / stop.gradNorm[0]!) / Math.log(gdIterate1D(1, 0.1, 1, 1)), {
    context: 'which is just above 34',
  });

  // Exercise 2: x² from −4 at 0.25.
  const e2 = x2Run(0.25, 3, -4);
  const e2x = xs(e2);
  claim(L, 'ex2 slope at −4', '-8', gradientAt(x2, [-4])[0]!, { context: 'slope $2 \\times (-4) = -8$' });
  claim(L, 'ex2 x1', '-2', e2x[1]!, { context: '$x_1 = -4 - 0.25 \\times (-8) = -2$' });
  claim(L, 'ex2 x2', '-1', e2x[2]!, { context: '$x_2 = -2 + 1 = -1$' });
  claim(L, 'ex2 x3', '-0.5', e2x[3]!, { context: '$x_3 = -1 + 0.5 = -0.5$' });
  claim(L, 'ex2 factor', '0.5', gdIterate1D(1, 0.25, 1, 1), { context: '$1 - 2 \\times 0.25 = 0.5$' });

  // Exercise 3: (x − 3)² as the quadratic form ½·2·(x − 3)².
  const shifted = quadraticForm({ hessian: [[2]], center: [3] });
  const from5 = xs(run({ problem: shifted, start: 5, steps: 1, schedule: 0.1, tolerance: 0 }));
  const from1 = xs(run({ problem: shifted, start: 1, steps: 1, schedule: 0.1, tolerance: 0 }));
  claim(L, 'ex3 slope at 5', '4', gradientAt(shifted, [5])[0]!, { context: 'At $x = 5$ the slope is $4$' });
  claim(L, 'ex3 step from 5', '4.6', from5[1]!, { context: '$5 - 0.1 \\times 4 = 4.6$' });
  claim(L, 'ex3 slope at 1', '-4', gradientAt(shifted, [1])[0]!, { context: 'At $x = 1$ the slope is $-4$' });
  claim(L, 'ex3 step from 1', '1.4', from1[1]!, { context: '$1 - 0.1 \\times (-4) = 1.4$' });

  // Exercise 4: w1² + 3·w2² = ½·wᵀ·diag(2, 6)·w from (2, 1) at 0.1.
  const bowl = quadraticForm({ hessian: [[2, 0], [0, 6]] });
  const b = run({ problem: bowl, start: [2, 1], steps: 2, schedule: 0.1, tolerance: 0 });
  const p1 = Array.from(paramsAt(b, 1));
  const p2 = Array.from(paramsAt(b, 2));
  const g0 = gradientAt(bowl, [2, 1]);
  const g1 = gradientAt(bowl, p1);
  claim(L, 'ex4 gradient at start, w2', '6', g0[1]!, { context: 'At $(2, 1)$ the gradient is $(4, 6)$' });
  claim(L, 'ex4 step w1', '0.4', 0.1 * g0[0]!, { context: '$(2 - 0.4,\\; 1 - 0.6)' });
  claim(L, 'ex4 step w2', '0.6', 0.1 * g0[1]!, { context: '$(2 - 0.4,\\; 1 - 0.6)' });
  claim(L, 'ex4 first point, w1', '1.6', p1[0]!, { context: '= (1.6,\\; 0.4)$' });
  claim(L, 'ex4 first point, w2', '0.4', p1[1]!, { context: '= (1.6,\\; 0.4)$' });
  claim(L, 'ex4 gradient at first point, w1', '3.2', g1[0]!, { context: 'the gradient is $(3.2, 2.4)$' });
  claim(L, 'ex4 gradient at first point, w2', '2.4', g1[1]!, { context: 'the gradient is $(3.2, 2.4)$' });
  claim(L, 'ex4 second step w1', '0.32', 0.1 * g1[0]!, { context: '$(1.6 - 0.32,\\; 0.4 - 0.24)' });
  claim(L, 'ex4 second step w2', '0.24', 0.1 * g1[1]!, { context: '$(1.6 - 0.32,\\; 0.4 - 0.24)' });
  claim(L, 'ex4 second point, w1', '1.28', p2[0]!, { context: '= (1.28,\\; 0.16)$' });
  claim(L, 'ex4 second point, w2', '0.16', p2[1]!, { context: '= (1.28,\\; 0.16)$' });
  const [f1, f2] = Array.from(contractionFactors(quadraticTheory([[2, 0], [0, 6]]).eigenvalues, 0.1));
  claim(L, 'ex4 factor on w1', '0.8', f1!, { context: '$w_1$ by $1 - 0.1 \\times 2 = 0.8$' });
  claim(L, 'ex4 factor on w2', '0.4', f2!, { context: '$w_2$ by $1 - 0.1 \\times 6 = 0.4$' });
  claim(L, 'takeaway path', '5.12', path[3]!, { context: 'you visit 8, 6.4 and 5.12' });
}

// ---------------------------------------------------------------------------------------
// 1.2.38 Learning rate and convergence

const house = housePriceRegression();
const theory = housePriceQuadraticTheory();
const lossAt50 = (rate: number) => lossAfterEpochs(rate, 50);
const best50 = bestHousePriceRate(50);

// Sweeps used by the mini-project claims (computed once).
let coarse: ReturnType<typeof lrSweep> | undefined;
function lrSweepCoarse() {
  return (coarse ??= lrSweep({ problem: house, start: [0, 0], steps: 50, tolerance: 0, rates: [1, 0.1, 0.01, 0.001, 0.0001] }));
}
let fine: ReturnType<typeof lrSweep> | undefined;
const fineRates = Array.from({ length: 41 }, (_, i) => Math.round((0.1 + 0.001 * i) * 1000) / 1000);
function lrSweepFine() {
  return (fine ??= lrSweep({ problem: house, start: [0, 0], steps: 50, tolerance: 0, rates: fineRates }));
}
/** First rate of the fine grid whose final loss is above the starting loss (the project's rule). */
function firstDivergingFineRate(): number {
  const s = lrSweepFine();
  const start = house.loss(Float64Array.of(0, 0));
  const i = Array.from(s.finalLoss).findIndex((l, k) => !(l <= start) || s.stop[k] === 'diverged' || s.stop[k] === 'non-finite');
  return s.rates[i]!;
}


{
  const L = '1.2.38';
  const x2Theory = quadraticTheory1D(1);
  claim(L, 'x²: largest rate that never overshoots', '0.5', x2Theory.monotoneThreshold, {
    context: 'the two thresholds are $\\eta = 0.5$, the largest rate that never overshoots',
  });
  claim(L, 'x²: edge of stability', '1.0', x2Theory.stabilityLimit, { context: 'and $\\eta = 1.0$, the edge of stability' });
  claim(L, 'x²: 1/λ', '0.5', x2Theory.monotoneThreshold, { context: 'the thresholds $1/\\lambda = 0.5$' });
  claim(L, 'x²: 2/λ', '1.0', x2Theory.stabilityLimit, { context: 'and $2/\\lambda = 1.0$' });
  claim(L, 'x²: curvature', '2', x2Theory.lambdaMax, { context: 'the second derivative of $x^2$ is 2' });
  claim(L, 'explorer threshold 0.5', '0.5', x2Theory.monotoneThreshold, { context: 'drag the rate across 0.5 and across 1.0' });
  claim(L, 'explorer threshold 1.0', '1.0', x2Theory.stabilityLimit, { context: 'drag the rate across 0.5 and across 1.0' });
  // The explorer tasks' explanations (ExplorerTask): 1/(2a) with a = 1, and the one step it takes.
  claim(L, 'explorer task: 1/(2a) on x²', '0.5', x2Theory.monotoneThreshold, { context: 'which is $0.5$ for $x^2$' });
  claim(L, 'explorer task: one step at 1/(2a)', '0.5', x2Theory.monotoneThreshold, { context: 'At $\\eta = 0.5$ it is exactly 0: one step' });

  const at01 = xs(x2Run(0.1, 3));
  claim(L, 'η = 0.1 factor', '0.8', gdIterate1D(1, 0.1, 1, 1), { context: 'With $\\eta = 0.1$ the factor is $0.8$' });
  claim(L, 'η = 0.1, x1', '8', at01[1]!, { context: '$10 \\to 8 \\to 6.4 \\to 5.12$' });
  claim(L, 'η = 0.1, x2', '6.4', at01[2]!, { context: '$10 \\to 8 \\to 6.4 \\to 5.12$' });
  claim(L, 'η = 0.1, x3', '5.12', at01[3]!, { context: '$10 \\to 8 \\to 6.4 \\to 5.12$' });

  const at11 = xs(x2Run(1.1, 3));
  claim(L, 'η = 1.1 factor', '-1.2', gdIterate1D(1, 1.1, 1, 1), { context: 'With $\\eta = 1.1$ the factor is $-1.2$' });
  claim(L, 'η = 1.1, x1', '-12', at11[1]!, { context: '$10 \\to -12 \\to 14.4 \\to \\dots$' });
  claim(L, 'η = 1.1, x2', '14.4', at11[2]!, { context: '$10 \\to -12 \\to 14.4 \\to \\dots$' });
  claim(L, 'η = 1.1 distance growth per step, %', '20', 100 * (Math.abs(gdIterate1D(1, 1.1, 1, 1)) - 1), {
    context: 'grows by 20 % every step',
  });

  const at1 = x2Run(1, 4);
  claim(L, 'η = 1 flips to −10', '-10', xs(at1)[1]!, { context: '$10, -10, 10, -10, \\dots$' });
  claim(L, 'η = 1 loss stuck', '100', at1.loss[3]!, { context: 'the loss curve is perfectly flat at 100' });
  claim(L, 'η = 1 loss value', '100', at1.loss[1]!, { context: '$f(10) = f(-10) = 100$' });
  claim(L, 'η = 1 gradient size', '20', at1.gradNorm[2]!, { context: 'the gradient stays at $\\pm 20$' });
  claim(L, 'η = 1 update length', '20', Math.abs(xs(at1)[2]! - xs(at1)[1]!), { context: 'every update has length 20' });

  claim(L, 'η = 0.9 factor', '-0.8', gdIterate1D(1, 0.9, 1, 1), { context: 'The rate $0.9$ gives the factor $-0.8$' });
  claim(L, 'η = 0.75 factor', '-0.5', gdIterate1D(1, 0.75, 1, 1), { context: '$0.75$ (factor $-0.5$) beats both' });

  // House prices: the data, the gradient at the start, the Hessian and its theory.
  const g0 = gradientAt(house, [0, 0]);
  claim(L, 'optimum w', '200', house.minimizers![0]![0]!, { context: 'the best fit is $w = 200$' });
  claim(L, 'starting loss', '270,000', house.loss(Float64Array.of(0, 0)), { context: 'the loss is 270,000 and the gradient' });
  claim(L, 'starting loss (table)', '270,000', lossAfterEpochs(0.0001, 0), { context: 'a small dent in the starting 270,000' });
  claim(L, 'starting loss (closer look)', '270,000', lossAfterEpochs(0.1, 0), { context: 'of the starting loss of 270,000' });
  claim(L, 'starting loss (exercise 3)', '270,000', lossAfterEpochs(0.0001, 0), { context: 'bring the loss from 270,000' });
  claim(L, 'dL/dw at (0, 0)', '-2700', g0[0]!, { context: 'the gradient is $(-2700, -1000)$: a long way to go' });
  claim(L, 'dL/db at (0, 0)', '-1000', g0[1]!, { context: 'the gradient is $(-2700, -1000)$: a long way to go' });
  claim(L, 'dL/dw at (0, 0), exercise 7', '-2700', g0[0]!, { context: 'At $(0, 0)$ the gradient is $(-2700, -1000)$' });
  claim(L, 'dL/db at (0, 0), exercise 7', '-1000', g0[1]!, { context: 'At $(0, 0)$ the gradient is $(-2700, -1000)$' });
  const first01 = Array.from(paramsAt(housePriceRun(0.1, 1), 1));
  claim(L, 'first GD step at 0.1 moves w', '270', first01[0]!, { context: 'moves $w$ by 270 and $b$ by 100' });
  claim(L, 'first GD step at 0.1 moves b', '100', first01[1]!, { context: 'moves $w$ by 270 and $b$ by 100' });
  claim(L, 'w target', '200', house.minimizers![0]![0]!, { context: 'well past its target of 200' });

  claim(L, 'Hessian h11', '13.5', theory.hessian[0]!, { context: '\\begin{pmatrix} 13.5 & 5 \\\\ 5 & 2 \\end{pmatrix}' });
  claim(L, 'Hessian h12', '5', theory.hessian[1]!, { context: '\\begin{pmatrix} 13.5 & 5 \\\\ 5 & 2 \\end{pmatrix}' });
  claim(L, 'Hessian h22', '2', theory.hessian[3]!, { context: '\\begin{pmatrix} 13.5 & 5 \\\\ 5 & 2 \\end{pmatrix}' });
  claim(L, 'determinant of H', '2', theory.hessian[0]! * theory.hessian[3]! - theory.hessian[1]! ** 2, {
    context: 'the determinant of $H$ is 2',
  });
  claim(L, 'λmax', '15.37', theory.lambdaMax, { context: '$\\lambda_{\\max} \\approx 15.37$' });
  claim(L, 'λmin', '0.13', theory.lambdaMin, { context: '$\\lambda_{\\min} \\approx 0.13$' });
  claim(L, 'stability limit 2/λmax', '0.130', theory.stabilityLimit, { context: 'the stability limit is $2/\\lambda_{\\max} \\approx 0.130$' });
  claim(L, 'monotone threshold 1/λmax', '0.065', theory.monotoneThreshold, { context: '$1/\\lambda_{\\max} \\approx 0.065$' });
  claim(L, 'best constant rate 2/(λmin+λmax)', '0.129', theory.bestRate, {
    context: '$2/(\\lambda_{\\min} + \\lambda_{\\max}) \\approx 0.129$',
  });
  claim(L, 'condition number', '118', theory.conditionNumber, { context: '$\\kappa \\approx 118$' });
  claim(L, 'curvature ratio', '118', theory.conditionNumber, { context: 'roughly 118 times smaller' });
  claim(L, 'condition number (closer look)', '118', theory.conditionNumber, { context: 'a condition number of 118 feels like' });
  claim(L, 'contraction at the best constant rate', '0.983', theory.bestContraction, { context: 'by a factor of about $0.983$ per step' });

  // Loss after 50 epochs, each rate from a fresh (0, 0).
  claim(L, 'loss after 50 epochs at 0.0001', '231,551', lossAt50(0.0001), { context: '| 0.0001 | about 231,551 |' });
  claim(L, 'loss after 50 epochs at 0.0001 (exercise 3)', '231,551', lossAt50(0.0001), { context: 'to only about 231,551' });
  claim(L, 'loss after 50 epochs at 0.01', '280', lossAt50(0.01), { context: '| 0.01 | about 280 |' });
  claim(L, 'loss after 50 epochs at 0.1', '86', lossAt50(0.1), { context: '| 0.1 | about 86 |' });
  claim(L, 'loss after 50 epochs at 0.129', '47,217', lossAt50(0.129), { context: '| 0.129 | about 47,217 |' });
  claim(L, 'loss after 50 epochs at 0.131', '1,000,000', lossAt50(0.131), { context: '| 0.131 | about 1,000,000 and growing |', mode: 'order' });
  claim(L, 'loss after 50 epochs at 0.2', '10^{37}', lossAt50(0.2), { context: '| 0.2 | about $10^{37}$ |', mode: 'order' });
  claim(L, 'callout: 0.1 after 50 epochs', '86', lossAt50(0.1), { context: 'it reaches about 86, against about 280 for 0.01' });
  claim(L, 'callout: 0.01 after 50 epochs', '280', lossAt50(0.01), { context: 'it reaches about 86, against about 280 for 0.01' });
  claim(L, 'callout: the limit', '0.130', theory.stabilityLimit, { context: 'below the stability limit of about 0.130' });
  claim(L, 'callout: too high starts above', '0.13', theory.stabilityLimit, { context: 'start just above 0.13' });
  claim(L, 'exercise 3: 0.1 after 50 epochs', '86', lossAt50(0.1), { context: 'while 0.1 reaches about 86' });
  claim(L, 'takeaway: limit', '0.130', theory.stabilityLimit, { context: 'the limit is about 0.130' });
  claim(L, 'takeaway: best rate', '0.122', best50.rate, { context: 'the best 50-epoch rate is about 0.122' });

  claim(L, 'best rate after 50 epochs', '0.122', best50.rate, { context: 'The best rate is about 0.122, not 0.129' });
  claim(L, 'best constant rate in the same sentence', '0.129', theory.bestRate, { context: 'The best rate is about 0.122, not 0.129' });
  claim(L, 'best loss after 50 epochs', '65', best50.loss, { context: 'leaves a loss of about 65 after 50 epochs' });

  // How the starting loss splits between the two curvature directions.
  const eig = symmetricEigen(theory.hessian, 2); // ascending: row 0 is the flat direction
  const err = [0 - house.minimizers![0]![0]!, 0 - house.minimizers![0]![1]!];
  const component = (row: number) => eig.vectors[row * 2]! * err[0]! + eig.vectors[row * 2 + 1]! * err[1]!;
  const flatShare = 0.5 * eig.values[0]! * component(0) ** 2;
  const steepShare = 0.5 * eig.values[1]! * component(1) ** 2;
  claim(L, 'starting loss along the flat direction', '319', flatShare, { context: 'all but about 319 sits along the steep direction' });
  const steepFactor = (rate: number) => 1 - rate * theory.lambdaMax;
  const flatFactor = (rate: number) => 1 - rate * theory.lambdaMin;
  claim(L, 'steep factor at 0.129', '-0.983', steepFactor(0.129), { context: 'multiplied by about $-0.983$ each step' });
  claim(L, 'steep factor at 0.122', '-0.875', steepFactor(0.122), { context: 'the steep factor is about $-0.875$' });
  claim(L, 'largest flat shrink per step at any stable rate, %', '2', 100 * theory.stabilityLimit * theory.lambdaMin, {
    context: 'by less than 2 % of its remaining size',
    mode: 'order',
  });
  claim(L, 'practice: 0.1 vs 0.01 best coarse', '0.1', lrSweepCoarse().best!.rate, { context: 'The coarse sweep should pick 0.1' });
  claim(L, 'mini-project: coarse best loss', '86', lrSweepCoarse().best!.finalLoss, { context: 'with a final loss of about 86' });
  claim(L, 'mini-project: refined best rate', '0.122', lrSweepFine().best!.rate, { context: 'find a best rate near 0.122' });
  claim(L, 'mini-project: refined best loss', '65', lrSweepFine().best!.finalLoss, { context: 'with a final loss of about 65' });
  claim(L, 'mini-project: limit', '0.130', theory.stabilityLimit, { context: '$2/\\lambda_{\\max} \\approx 0.130$ computed from the Hessian' });
  claim(L, 'mini-project: first diverging grid rate', '0.131', firstDivergingFineRate(), { context: 'every rate from 0.131 upwards should diverge' });
  claim(L, 'exercise 9: best rate', '0.122', best50.rate, { context: 'the best 50-epoch rate, about 0.122' });
  claim(L, 'exercise 9: limit', '0.130', theory.stabilityLimit, { context: 'just under the limit of about 0.130' });

  // Reading a loss curve.
  const healthy = diagnoseLoss([0.8, 0.5, 0.4, 0.38, 0.37]);
  const [i1, i2, i3, i4] = healthy.improvements;
  const [r1, r2, r3, r4] = healthy.relativeImprovements.map((r) => 100 * r);
  claim(L, 'improvement 1 → 2', '0.3', i1!, { context: '| 1 → 2 | 0.3 | 37.5 % |' });
  claim(L, 'improvement 2 → 3', '0.1', i2!, { context: '| 2 → 3 | 0.1 | 20 % |' });
  claim(L, 'improvement 3 → 4', '0.02', i3!, { context: '| 3 → 4 | 0.02 | 5 % |' });
  claim(L, 'improvement 4 → 5', '0.01', i4!, { context: '| 4 → 5 | 0.01 | about 2.6 % |' });
  claim(L, 'relative improvement 1 → 2', '37.5 %', r1!, { context: '| 1 → 2 | 0.3 | 37.5 % |' });
  claim(L, 'relative improvement 2 → 3', '20 %', r2!, { context: '| 2 → 3 | 0.1 | 20 % |' });
  claim(L, 'relative improvement 3 → 4', '5 %', r3!, { context: '| 3 → 4 | 0.02 | 5 % |' });
  claim(L, 'relative improvement 4 → 5', '2.6 %', r4!, { context: '| 4 → 5 | 0.01 | about 2.6 % |' });

  // Schedules.
  const step = stepDecay(0.1, 10, 0.1);
  claim(L, 'StepLR epochs 0–9', '0.1', step(9), { context: 'it uses 0.1 for epochs 0 to 9' });
  claim(L, 'StepLR epochs 10–19', '0.01', step(19), { context: '0.01 for epochs 10 to 19' });
  claim(L, 'exercise 6: step decay at epoch 10', '0.01', step(10), { context: '$0.1 \\times 0.1^1 = 0.01$ at epoch 10' });
  claim(L, 'exercise 6: step decay at epoch 20', '0.001', step(20), { context: '$0.1 \\times 0.1^2 = 0.001$ at epoch 20' });
  const lambda = Math.log(10) / 10;
  claim(L, 'exercise 6: λ for a tenfold drop in 10 epochs', '0.230', lambda, { context: '$\\lambda = \\ln(10)/10 \\approx 0.230$' });
  claim(L, 'exercise 6: exponential decay at epoch 5', '0.0316', exponentialDecay(0.1, lambda)(5), { context: '0.1/\\sqrt{10} \\approx 0.0316$' });

  // Adaptive methods.
  claim(L, "Adam's default rate", '0.001', adam().defaultLr, { context: 'its common default of 0.001' });
  const adamStep = Array.from(paramsAt(run({ problem: house, optimizer: adam(), schedule: 0.001, start: [0, 0], steps: 1, tolerance: 0 }), 1));
  claim(L, "Adam's first step on w", '0.001', adamStep[0]!, { context: 'Both $w$ and $b$ move up by about 0.001' });
  claim(L, "Adam's first step on b", '0.001', adamStep[1]!, { context: 'Both $w$ and $b$ move up by about 0.001' });
  claim(L, 'exercise 7: Adam rate in the question', '0.001', adam().defaultLr, { context: 'that of Adam at rate 0.001' });

  // Exercise 1: step lengths at 0.1 from 10.
  const ex1 = xs(x2Run(0.1, 3));
  claim(L, 'exercise 1: first step length', '2', ex1[0]! - ex1[1]!, { context: 'the first step has length 2' });
  claim(L, 'exercise 1: third step length', '1.28', ex1[2]! - ex1[3]!, { context: 'the third only 1.28' });

  // Exercise 2.
  claim(L, 'exercise 2: η = 1 loss', '100', x2Run(1, 5).loss[5]!, { context: 'the loss stays at 100' });

  // Exercise 4: three steps at six rates.
  const rows: [number, string, string, string, string][] = [
    [0.01, '0.98', '9.8', '9.604', '9.41192'],
    [0.1, '0.8', '8', '6.4', '5.12'],
    [0.5, '0', '0', '0', '0'],
    [0.9, '-0.8', '-8', '6.4', '-5.12'],
    [1.0, '-1', '-10', '10', '-10'],
    [1.1, '-1.2', '-12', '14.4', '-17.28'],
  ];
  for (const [rate, factor, a, b, c] of rows) {
    const r = x2Run(rate, 3);
    // At 0.5 the first step lands on 0 with a zero gradient: the runner stops there (converged)
    // and the later iterates stay at that state.
    if (r.stopStep < 3) expect(r.stop).toBe('converged');
    const p = [0, 1, 2, 3].map((t) => xs(r)[Math.min(t, r.stopStep)]!);
    const row = `| ${rate === 1 ? '1.0' : rate} | ${factor} | ${a} | ${b} | ${c} |`;
    claim(L, `exercise 4: factor at ${rate}`, factor, gdIterate1D(1, rate, 1, 1), { context: row });
    claim(L, `exercise 4: x1 at ${rate}`, a, p[1]!, { context: row });
    claim(L, `exercise 4: x2 at ${rate}`, b, p[2]!, { context: row });
    claim(L, `exercise 4: x3 at ${rate}`, c, p[3]!, { context: row });
  }

  // Exercise 5.
  claim(L, 'exercise 5: loss after 20 steps at 0.01', '44.6', x2Run(0.01, 20).loss[20]!, { context: 'after 20 steps the loss is still about 44.6' });
  claim(L, 'exercise 5: |1 − 2η| for 0.1 and 0.9', '0.8', Math.abs(gdIterate1D(1, 0.9, 1, 1)), { context: '$|1 - 2\\eta| = 0.8$ for both' });

  // Exercise 8: u² + 25·v² = ½·(u, v)·diag(2, 50)·(u, v)ᵀ.
  const e8 = quadraticTheory([[2, 0], [0, 50]]);
  claim(L, 'exercise 8: λmin', '2', e8.lambdaMin, { context: 'so $\\lambda_{\\min} = 2$ and $\\lambda_{\\max} = 50$' });
  claim(L, 'exercise 8: λmax', '50', e8.lambdaMax, { context: 'so $\\lambda_{\\min} = 2$ and $\\lambda_{\\max} = 50$' });
  claim(L, 'exercise 8: Hessian entry', '50', e8.lambdaMax, { context: 'diagonal with entries $2$ and $50$' });
  claim(L, 'exercise 8: limit', '0.04', e8.stabilityLimit, { context: '$2/\\lambda_{\\max} = 0.04$' });
  claim(L, 'exercise 8: limit (again)', '0.04', e8.stabilityLimit, { context: 'at 0.04 the $v$ coordinate would flip forever' });
  claim(L, 'exercise 8: κ', '25', e8.conditionNumber, { context: '$\\kappa = 50/2 = 25$' });
  const [fu, fv] = [1 - 0.03 * e8.lambdaMin, 1 - 0.03 * e8.lambdaMax];
  claim(L, 'exercise 8: factor on u', '0.94', fu, { context: '$1 - 0.03 \\times 2 = 0.94$' });
  claim(L, 'exercise 8: factor on v', '-0.5', fv, { context: '$1 - 0.03 \\times 50 = -0.5$' });
  claim(L, 'exercise 8: u loses per step, %', '6', 100 * (1 - fu), { context: 'loses only 6 % per step' });
  claim(L, 'exercise 8: ln 10 / −ln 0.94', '37.2', Math.log(10) / -Math.log(fu), { context: '\\approx 37.2$, so 38 steps' });
  claim(L, 'exercise 8: whole steps to shrink u tenfold', '38', stepsToTolerance([e8.lambdaMin], 0.03, { initial: 1, tolerance: 0.1 }), {
    context: '\\approx 37.2$, so 38 steps',
  });
  claim(L, 'exercise 8: best constant rate', '0.0385', e8.bestRate, { context: '$2/(2 + 50) \\approx 0.0385$' });
  claim(L, 'exercise 8: best contraction', '0.923', e8.bestContraction, { context: '$(25 - 1)/(25 + 1) \\approx 0.923$' });

  // The bowl explorers: the same bowl from (10, 1.5), PyTorch's SGD with momentum μ.
  const bowl = quadraticForm({ hessian: [[2, 0], [0, 50]] });
  const bowlRun = (rate: number, momentum: number, steps = 200) =>
    run({ problem: bowl, optimizer: sgd({ momentum }), schedule: rate, start: [10, 1.5], steps, tolerance: 0, divergenceBound: Infinity });
  const below = (r: RunResult, target = 0.001) => Array.from(r.loss).findIndex((l) => l < target);
  // The explorer's rate scale is an input (what the reader can pick); the steps come from the sim.
  const sliderRates = BOWL_RATES;
  const plainSteps = sliderRates.map((rate) => below(bowlRun(rate, 0))).map((n) => (n < 0 ? Infinity : n));
  const plainBest = Math.min(...plainSteps);
  claim(L, 'bowl: 1/λmax', '0.02', 1 / e8.lambdaMax, { context: 'above $1/50 = 0.02$ the factor' });
  claim(L, 'bowl: 2/λmax', '0.04', e8.stabilityLimit, { context: 'from $2/50 = 0.04$ up' });
  claim(L, 'bowl: factor on v at 0.035', '-0.75', 1 - 0.035 * e8.lambdaMax, { context: 'multiplied by $-0.75$ per step' });
  claim(L, 'bowl: factor on u at 0.035', '0.93', 1 - 0.035 * e8.lambdaMin, { context: 'but $u$ only by $0.93$' });
  claim(L, 'bowl: steps below 0.001 at 0.035', '80', below(bowlRun(0.035, 0)), { context: 'the loss needs 80 steps to fall below' });
  claim(L, 'bowl: fewest plain steps on the slider', '73', plainBest, { context: 'better than 73 steps, at $\\eta = 0.038$' });
  claim(L, 'bowl: the rate of the fewest plain steps', '0.038', sliderRates[plainSteps.indexOf(plainBest)]!, { context: 'better than 73 steps, at $\\eta = 0.038$' });
  claim(L, 'bowl task: 1/λmax', '0.02', 1 / e8.lambdaMax, { context: '$1/\\lambda_{\\max} = 0.02$' });
  claim(L, 'bowl task: factor on u at 0.02', '0.96', 1 - 0.02 * e8.lambdaMin, { context: '$1 - 2 \\times 0.02 = 0.96$' });
  claim(L, 'bowl task: loss after 100 steps at 0.02', '0.0285', bowlRun(0.02, 0, 100).loss[100]!, { context: 'the loss is still about $0.0285$' });
  {
    const loss = Array.from(bowlRun(0.041, 0, 40).loss);
    const turn = loss.findIndex((l, t) => t > 0 && l > loss[t - 1]!) - 1;
    // "the loss falls for four steps, then climbs without bound" (words, so checked here, not as a claim).
    expect(turn).toBe(4);
    expect(loss[40]!).toBeGreaterThan(loss[0]! * 10);
  }
  claim(L, 'bowl: steps below 0.001 at 0.035, μ = 0.9', '89', below(bowlRun(0.035, 0.9)), { context: 'it takes 89 steps to get below' });
  claim(L, 'bowl: plain steps at 0.035 (compared)', '80', below(bowlRun(0.035, 0)), { context: 'more than the 80 of plain gradient descent' });
  claim(L, 'bowl task: fewest plain steps', '73', plainBest, { context: 'needs at least 73 steps here' });
  claim(L, 'bowl task: the goal, fewer than half', '36', Math.ceil(plainBest / 2) - 1, { context: 'so the goal is 36 or fewer' });
  claim(L, 'bowl task: μ = 0.5, η = 0.05', '18', below(bowlRun(0.05, 0.5)), { context: 'below $0.001$ after 18 steps' });
  claim(L, 'bowl task: cap for μ = 0.5', '0.06', (2 * (1 + 0.5)) / e8.lambdaMax, { context: 'the cap is $3/50 = 0.06$' });
  const rootKappa = Math.sqrt(e8.conditionNumber);
  const bestMu = ((rootKappa - 1) / (rootKappa + 1)) ** 2;
  claim(L, 'bowl task: best μ', '0.44', bestMu, { context: '\\approx 0.44$' });
  claim(L, 'bowl task: best η with momentum', '0.056', 4 / (Math.sqrt(e8.lambdaMax) + Math.sqrt(e8.lambdaMin)) ** 2, { context: '\\approx 0.056$' });
  claim(L, 'bowl task: contraction √μ', '0.67', Math.sqrt(bestMu), { context: '\\approx 0.67$ per step' });
}

// ---------------------------------------------------------------------------------------
// 1.2.39 Numerical differentiation (the simulation has no finite differences: plain float64)

const forward = (f: (x: number) => number, x: number, h: number) => (f(x + h) - f(x)) / h;
const central = (f: (x: number) => number, x: number, h: number) => (f(x + h) - f(x - h)) / (2 * h);
const cube = (x: number) => x ** 3;
const steps16 = Array.from({ length: 16 }, (_, k) => 10 ** -(k + 1));
function bestStep(d: typeof forward, f: (x: number) => number, x: number, exact: number) {
  let best = { h: NaN, error: Infinity };
  for (const h of steps16) {
    const error = Math.abs(d(f, x, h) - exact);
    if (error < best.error) best = { h, error };
  }
  return best;
}
/** Machine epsilon found by halving, for float64 and (through Math.fround) float32. */
function epsilon(round: (x: number) => number): number {
  let e = 1;
  while (round(1 + e / 2) !== 1) e /= 2;
  return e;
}
const eps = epsilon((x) => x);
const eps32 = epsilon(Math.fround);

{
  const L = '1.2.39';
  claim(L, 'x³ at 2: derivative', '12', 3 * 2 ** 2, { context: 'The true derivative is $3x^2 = 12$' });
  claim(L, '2.1³', '9.261', cube(2.1), { context: '(9.261 - 8)/0.1 = 12.61$' });
  claim(L, '1.9³', '6.859', cube(1.9), { context: '(9.261 - 6.859)/0.2 = 12.01$' });
  claim(L, 'forward, h = 0.1', '12.61', forward(cube, 2, 0.1), { context: '(9.261 - 8)/0.1 = 12.61$, an error of 0.61' });
  claim(L, 'forward error, h = 0.1', '0.61', forward(cube, 2, 0.1) - 12, { context: '12.61$, an error of 0.61' });
  claim(L, 'central, h = 0.1', '12.01', central(cube, 2, 0.1), { context: '= 12.01$, an error of 0.01' });
  claim(L, 'central error, h = 0.1', '0.01', central(cube, 2, 0.1) - 12, { context: '= 12.01$, an error of 0.01' });
  claim(L, 'forward, h = 0.01', '12.0601', forward(cube, 2, 0.01), { context: 'forward: 12.0601, an error of 0.0601' });
  claim(L, 'forward error, h = 0.01', '0.0601', forward(cube, 2, 0.01) - 12, { context: 'forward: 12.0601, an error of 0.0601' });
  claim(L, 'central, h = 0.01', '12.0001', central(cube, 2, 0.01), { context: 'central: 12.0001, an error of 0.0001' });
  claim(L, 'central error, h = 0.01', '0.0001', central(cube, 2, 0.01) - 12, { context: 'central: 12.0001, an error of 0.0001' });

  claim(L, 'float64 machine epsilon', '2.2 \\times 10^{-16}', eps, { context: '$\\epsilon \\approx 2.2 \\times 10^{-16}$' });
  claim(L, '√ε', '1.5 \\times 10^{-8}', Math.sqrt(eps), { context: '$h \\sim \\sqrt{\\epsilon} \\approx 1.5 \\times 10^{-8}$' });
  claim(L, 'ε^(1/3)', '6 \\times 10^{-6}', Math.cbrt(eps), { context: '$h \\sim \\epsilon^{1/3} \\approx 6 \\times 10^{-6}$' });
  const fwdBest = bestStep(forward, cube, 2, 12);
  const cenBest = bestStep(central, cube, 2, 12);
  claim(L, 'best forward step (x³ at 2)', '10^{-8}', fwdBest.h, { context: 'most accurate at $h = 10^{-8}$' });
  claim(L, 'best forward error', '7 \\times 10^{-8}', fwdBest.error, { context: 'with an error of about $7 \\times 10^{-8}$' });
  claim(L, 'best central step (x³ at 2)', '10^{-5}', cenBest.h, { context: 'most accurate at $h = 10^{-5}$' });
  claim(L, 'best central error', '2 \\times 10^{-10}', cenBest.error, { context: 'with an error of about $2 \\times 10^{-10}$' });
  claim(L, 'best central error (exercise 3)', '2 \\times 10^{-10}', cenBest.error, { context: 'accurate to about $2 \\times 10^{-10}$' });
  const tiny = Math.abs(central(cube, 2, 1e-12) - 12);
  claim(L, 'central error at h = 1e-12', '10^{-3}', tiny, { context: 'the central difference is off by about $10^{-3}$', mode: 'order' });
  claim(L, 'central error at h = 1e-12 (exercise 3)', '10^{-3}', tiny, { context: 'the result is off by about $10^{-3}$', mode: 'order' });
  claim(L, 'central error at h = 0.01 (exercise 3)', '10^{-4}', Math.abs(central(cube, 2, 0.01) - 12), {
    context: 'worse than the $10^{-4}$ you get',
    mode: 'order',
  });
  claim(L, 'magnification 1/h at h = 1e-12', '10^{12}', 1 / 1e-12, { context: 'by a factor of order $10^{12}$', mode: 'order' });
  claim(L, 'h² at h = 1e-12', '10^{-24}', 1e-12 ** 2, { context: 'of order $h^2 = 10^{-24}$', mode: 'order' });
  claim(L, 'float32 machine epsilon', '1.2 \\times 10^{-7}', eps32, { context: '$\\epsilon$ is about $1.2 \\times 10^{-7}$' });
  claim(L, 'float32 best central step', '5 \\times 10^{-3}', Math.cbrt(eps32), { context: 'moves up to around $5 \\times 10^{-3}$' });

  // Exercise 1: x² at 3.
  const sq = (x: number) => x * x;
  claim(L, 'exercise 1: 3.1²', '9.61', sq(3.1), { context: '(9.61 - 9)/0.1 = 6.1$' });
  claim(L, 'exercise 1: 2.9²', '8.41', sq(2.9), { context: '(9.61 - 8.41)/0.2 = 6$' });
  claim(L, 'exercise 1: forward', '6.1', forward(sq, 3, 0.1), { context: '(9.61 - 9)/0.1 = 6.1$' });
  claim(L, 'exercise 1: central', '6', central(sq, 3, 0.1), { context: '(9.61 - 8.41)/0.2 = 6$, exact' });
  claim(L, 'exercise 1: forward error', '0.1', forward(sq, 3, 0.1) - 6, { context: 'an error of 0.1, which is exactly $h$' });

  // Exercise 2: e^x at 0.
  claim(L, 'exercise 2: forward h = 0.1', '1.0517', forward(Math.exp, 0, 0.1), { context: 'forward $\\approx 1.0517$ (error about 0.0517)' });
  claim(L, 'exercise 2: forward error h = 0.1', '0.0517', forward(Math.exp, 0, 0.1) - 1, { context: '(error about 0.0517)' });
  claim(L, 'exercise 2: central h = 0.1', '1.00167', central(Math.exp, 0, 0.1), { context: 'central $\\approx 1.00167$ (error about 0.00167)' });
  claim(L, 'exercise 2: central error h = 0.1', '0.00167', central(Math.exp, 0, 0.1) - 1, { context: '(error about 0.00167)' });
  claim(L, 'exercise 2: forward h = 0.01', '1.005017', forward(Math.exp, 0, 0.01), { context: 'forward $\\approx 1.005017$ (error about 0.00502)' });
  claim(L, 'exercise 2: forward error h = 0.01', '0.00502', forward(Math.exp, 0, 0.01) - 1, { context: '(error about 0.00502)' });
  claim(L, 'exercise 2: central h = 0.01', '1.0000167', central(Math.exp, 0, 0.01), { context: 'central $\\approx 1.0000167$ (error about 0.0000167)' });
  claim(L, 'exercise 2: central error h = 0.01', '0.0000167', central(Math.exp, 0, 0.01) - 1, { context: '(error about 0.0000167)' });
  const fwdRatio = (forward(Math.exp, 0, 0.1) - 1) / (forward(Math.exp, 0, 0.01) - 1);
  const cenRatio = (central(Math.exp, 0, 0.1) - 1) / (central(Math.exp, 0, 0.01) - 1);
  claim(L, 'exercise 2: forward error ratio', '10', fwdRatio, { context: 'The forward error shrinks by about 10', mode: 'order' });
  claim(L, 'exercise 2: central error ratio', '100', cenRatio, { context: 'the central error by about 100', mode: 'order' });

  // Gradient check on the simulation's house-price problem.
  const analytic = gradientAt(house, [0, 0]);
  const numerical = [0, 1].map((i) => {
    const h = 1e-5;
    const up = Float64Array.of(0, 0);
    const down = Float64Array.of(0, 0);
    up[i] = h;
    down[i] = -h;
    return (house.loss(up) - house.loss(down)) / (2 * h);
  });
  const relErr = (a: number[], n: number[]) => Math.max(...a.map((ai, i) => Math.abs(ai - n[i]!) / Math.max(Math.abs(ai), Math.abs(n[i]!), 1e-12)));
  const buggy = analytic.map((g) => g / 2);
  claim(L, 'analytic gradient, w', '-2700', analytic[0]!, { context: 'the analytic gradient is $(-2700, -1000)$' });
  claim(L, 'analytic gradient, b', '-1000', analytic[1]!, { context: 'the analytic gradient is $(-2700, -1000)$' });
  claim(L, 'relative error of the correct gradient', '2 \\times 10^{-9}', relErr(analytic, numerical), {
    context: 'with a relative error of about $2 \\times 10^{-9}$',
  });
  claim(L, 'buggy gradient, w', '-1350', buggy[0]!, { context: 'would be $(-1350, -500)$' });
  claim(L, 'buggy gradient, b', '-500', buggy[1]!, { context: 'would be $(-1350, -500)$' });
  claim(L, 'relative error of the buggy gradient', '0.5', relErr(buggy, numerical), { context: 'report a relative error of 0.5' });
  claim(L, 'relative error of the buggy gradient (exercise 5)', '0.5', relErr(buggy, numerical), { context: 'the relative error is 0.5 at every point' });
  claim(L, 'exercise 5: buggy vs numerical, w', '-1350', buggy[0]!, { context: 'compares $(-1350, -500)$ with about $(-2700, -1000)$' });
  claim(L, 'exercise 5: numerical, w', '-2700', numerical[0]!, { context: 'compares $(-1350, -500)$ with about $(-2700, -1000)$' });
  claim(L, 'exercise 5: numerical, b', '-1000', numerical[1]!, { context: 'compares $(-1350, -500)$ with about $(-2700, -1000)$' });
}

// The range test on the house prices, exactly as the figure runs it (src/charts/catalog.ts).
function houseRangeTest() {
  return lrRangeTest({ problem: house, start: [0, 0], lrMin: 1e-5, lrMax: 1, steps: 300, beta: 0.9 });
}
function rateOfMinimum(test: ReturnType<typeof houseRangeTest>, values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) < (values[best] as number)) best = i;
  return test.lrs[best] as number;
}

{
  const L = '1.2.38';
  const test = houseRangeTest();
  const best = bestHousePriceRate(50).rate;
  claim(L, 'range test: suggested rate', '0.0017', test.suggested, { context: 'falls fastest, is about 0.0017' });
  claim(L, 'range test: best rate over suggestion, in whole tens ("more than 70 times")', '70', Math.floor(best / test.suggested / 10) * 10, {
    context: 'more than 70 times smaller',
  });
  claim(L, 'range test: rate at the lowest smoothed loss', '0.46', rateOfMinimum(test, test.smoothed), { context: 'at a rate of about 0.46' });
  claim(L, 'range test: rate at the lowest smoothed loss (smoothing)', '0.46', rateOfMinimum(test, test.smoothed), { context: 'at a larger rate: about 0.46' });
  claim(L, 'range test: rate at the lowest raw loss', '0.45', rateOfMinimum(test, test.losses), { context: 'until a rate of about 0.45' });
}

// ---------------------------------------------------------------------------------------
// Inputs: numbers a lesson chooses (rates, starts, data, steps) rather than computes

const inputs: Record<LessonId, Record<string, string>> = {
  '1.2.37': {
    '0.1': 'learning rate of the worked example and exercises',
    '0.25': 'learning rate of exercise 2',
    '0.01': 'gradient tolerance of the stopping rule',
    // Table rows and exercise arithmetic repeat computed values; these are checked above.
  },
  '1.2.38': {
    '0.0001': 'rate tried (seed 004, recipe)',
    '0.001': 'rate tried (recipe, seed 002 range)',
    '0.01': 'rate tried',
    '0.1': 'rate tried',
    '0.131': 'rate just above the limit',
    '0.2': 'rate far above the limit',
    '0.129': 'rate tried (also checked as the best constant rate)',
    '0.03': 'rate of exercise 8',
    '0.75': 'rate compared in the zig-zag paragraph',
    '0.9': 'rate of exercise 4',
    '1.1': 'rate of the diverging example',
    '0.14': 'end of the refined sweep grid',
    '1.5': 'house size (and a logged loss)',
    '2.5': 'house size',
    '3.5': 'house size',
    '300': 'house price',
    '400': 'house price',
    '500': 'house price',
    '600': 'house price',
    '700': 'house price',
    '0.8': 'logged loss (also checked as a factor)',
    '0.5': 'logged loss (also checked as a threshold)',
    '0.4': 'logged loss',
    '0.38': 'logged loss',
    '0.37': 'logged loss',
    '3.2': 'logged loss',
    '8.7': 'logged loss',
    '50': 'number of epochs',
    '19': 'epoch index in the StepLR example',
    '20': 'epoch index in exercise 6 and steps in exercise 5 (also checked as a result)',
    '30': 'steps drawn in the loss-curves figure (exercise 5 compares with it)',
    '25': 'coefficient of v² in exercise 8 (also checked as κ)',
    '0.035': 'first rate of the bowl explorers',
    '0.041': 'rate just above the bowl\'s limit, tried on the explorer',
    '0.05': 'rate of the momentum example on the bowl',
    '100': 'steps of the bowl explorers (also the house-price worked numbers)',
  },
  '1.2.39': {
    '0.1': 'step h',
    '0.01': 'step h (also checked as an error)',
    '0.2': '2h for h = 0.1',
    '1.9': 'x − h',
    '2.1': 'x + h',
    '2.9': 'x − h',
    '3.1': 'x + h',
    '1e-5': 'the recommended central step (also checked as the best one)',
    '1e-8': 'the best forward step (checked)',
    '1e-12': 'the step of exercise 3',
    '1e-15': 'end of the homework range',
    '1e-16': 'end of the chart range',
    '32': '32-bit floating point',
    '64': '64-bit floating point',
    '231': 'CS231n, the course name',
    '100': 'error ratio (checked)',
  },
};

// ---------------------------------------------------------------------------------------
// The tests

describe('every number the lessons state matches the simulation', () => {
  test.each(claims.map((c) => [c.lesson, c.what, c] as const))('%s: %s', (lesson, _what, c) => {
    const text = source[lesson];
    if (c.context) {
      expect(text, `phrase not found in ${lesson}`).toContain(c.context);
      expect(containsNumber(c.context, c.literal), `literal ${c.literal} not in its phrase`).toBe(true);
    }
    expect(containsNumber(text, c.literal), `literal ${c.literal} not in ${lesson}`).toBe(true);
    expect(Number.isFinite(c.computed), 'the simulation returned a non-finite value').toBe(true);
    const { value, halfUlp } = parseLiteral(c.literal);
    if (c.mode === 'order') {
      expect(Math.sign(c.computed)).toBe(Math.sign(value));
      expect(Math.abs(Math.log10(Math.abs(c.computed)) - Math.log10(Math.abs(value))), `${c.computed} vs ${c.literal}`).toBeLessThanOrEqual(0.5);
    } else {
      expect(Math.abs(c.computed - value), `${c.computed} vs ${c.literal}`).toBeLessThanOrEqual(halfUlp * (1 + 1e-9) + 1e-12 * Math.abs(value));
    }
  });
});

describe('every number in the prose is checked or declared', () => {
  test.each(lessonIds)('%s', (lesson) => {
    const text = proseNumbersText(source[lesson]);
    const checked = new Set(claims.filter((c) => c.lesson === lesson).flatMap((c) => tokensOfLiteral(c.literal)));
    const declared = new Set(Object.keys(inputs[lesson]).map(Number));
    const unexplained = [...new Set(numberTokens(text))].filter(
      (v) => !(Number.isInteger(v) && v <= 10) && !checked.has(v) && !declared.has(v),
    );
    expect(unexplained, `numbers in ${lesson} that no test checks`).toEqual([]);
    const unused = [...declared].filter((v) => !numberTokens(text).includes(v));
    expect(unused, `declared inputs that ${lesson} no longer mentions`).toEqual([]);
  });
});

describe('qualitative claims the lessons make, checked on the simulation', () => {
  test('bowl u² + 25v²: with μ = 0.9 at η = 0.035 the path swings past u = 0 and the loss rises between falls; heavy-ball is stable below 2(1 + μ)/λmax (1.2.38)', () => {
    const bowl = quadraticForm({ hessian: [[2, 0], [0, 50]] });
    const go = (rate: number, momentum: number, steps: number) =>
      run({ problem: bowl, optimizer: sgd({ momentum }), schedule: rate, start: [10, 1.5], steps, tolerance: 0, divergenceBound: Infinity });
    const swing = go(0.035, 0.9, 100);
    expect(Math.min(...coordinate(swing, 0))).toBeLessThan(-5);
    const loss = Array.from(swing.loss);
    expect(loss.some((l, t) => t > 0 && l > loss[t - 1]!)).toBe(true);
    for (const mu of [0.3, 0.5, 0.9]) {
      const cap = (2 * (1 + mu)) / 50;
      expect(go(cap * 0.98, mu, 3000).finalLoss, `μ = ${mu} just below the cap`).toBeLessThan(1e-6);
      expect(go(cap * 1.02, mu, 3000).finalLoss, `μ = ${mu} just above the cap`).toBeGreaterThan(1e6);
    }
  });

  test('x²: at η = 1/(2a) one step lands on the minimum from any start, and every larger rate overshoots (1.2.38 explorer tasks)', () => {
    const half = quadraticTheory1D(1).monotoneThreshold;
    for (const x0 of [10, -7.5, 0.5]) expect(xs(x2Run(half, 1, x0))[1]).toBe(0);
    for (const rate of [0.51, 0.7, 0.99]) expect(Math.sign(xs(x2Run(rate, 1))[1]!)).toBe(-1);
    for (const rate of [0.1, 0.3, 0.49]) expect(Math.sign(xs(x2Run(rate, 1))[1]!)).toBe(1);
  });

  test('x²: regimes on either side of 0.5 and 1.0 (1.2.38 table)', () => {
    const regime = (rate: number) => classifyRun(run({ problem: x2, start: 10, steps: 200, schedule: rate })).regime;
    expect(regime(0.1)).toBe('converged-monotone');
    expect(xs(x2Run(0.5, 1))[1]).toBe(0);
    expect(regime(0.9)).toBe('converged-oscillating');
    expect(regime(1)).toBe('plateau');
    expect(regime(1.1)).toBe('diverged');
  });

  test('range test: the readings sit where 1.2.38 says, relative to the limit and the best rate', () => {
    const test = houseRangeTest();
    const limit = housePriceQuadraticTheory().stabilityLimit;
    const best = bestHousePriceRate(50).rate;
    expect(test.suggested).toBeLessThan(best / 70);
    // Both the raw and the smoothed minimum lie above the limit; smoothing moves it further up.
    expect(rateOfMinimum(test, test.losses)).toBeGreaterThan(limit);
    expect(rateOfMinimum(test, test.smoothed)).toBeGreaterThan(rateOfMinimum(test, test.losses));
    // A constant rate at the smoothed minimum diverges.
    expect(lossAfterEpochs(rateOfMinimum(test, test.smoothed), 50)).toBeGreaterThan(house.loss(Float64Array.of(0, 0)));
  });

  test('several parameters: just above 2/λmax the loss falls first and then rises (1.2.38, curvature)', () => {
    const bowl = quadraticBowl2D({ condition: 25, lambdaMin: 2 });
    const limit = quadraticTheory(bowl.hessianMatrix).stabilityLimit;
    // Most of the error along the flat direction u, a little along the steep v.
    const r = run({ problem: bowl, schedule: limit * 1.05, start: [10, 0.01], steps: 200, tolerance: 0 });
    const loss = Array.from(r.loss);
    const lowest = loss.indexOf(Math.min(...loss));
    expect(lowest).toBeGreaterThan(5);
    expect(loss[1]!).toBeLessThan(loss[0]!);
    expect(loss.at(-1)!).toBeGreaterThan(loss[0]!);
    expect(classifyRun(r).regime).toBe('diverged');
  });

  test('x²: 0.1 and 0.9 give the same loss curve although one path zig-zags (1.2.38 exercise 5)', () => {
    const a = x2Run(0.1, 20).loss;
    const b = x2Run(0.9, 20).loss;
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 10));
  });

  test('plain GD on a quadratic: the loss never goes up while converging (1.2.38)', () => {
    for (const rate of [0.1, 0.6, 0.9, 0.99]) expect(x2Run(rate, 100).lossIncreases).toBe(0);
    for (const rate of [0.0001, 0.01, 0.1, 0.122, 0.129]) expect(housePriceRun(rate, 50).lossIncreases).toBe(0);
  });

  test('house prices: 0.1 beats 0.01, 0.131 grows, 0.001 is slower than 0.01 (1.2.38)', () => {
    expect(lossAt50(0.1)).toBeLessThan(lossAt50(0.01));
    const curve = housePriceRun(0.131, 50).loss;
    expect(curve[50]!).toBeGreaterThan(curve[49]!);
    expect(curve[50]!).toBeGreaterThan(curve[0]!);
    expect(lossAt50(0.001)).toBeGreaterThan(lossAt50(0.01));
    // Exercise 9: 0.01 is more than ten times smaller than the best 50-epoch rate.
    expect(best50.rate / 0.01).toBeGreaterThan(10);
  });

  test('house prices: almost all of the starting loss lies along the steep direction (1.2.38)', () => {
    const eig = symmetricEigen(theory.hessian, 2);
    const w = house.minimizers![0]!;
    const c = (row: number) => eig.vectors[row * 2]! * (0 - w[0]!) + eig.vectors[row * 2 + 1]! * (0 - w[1]!);
    const flat = 0.5 * eig.values[0]! * c(0) ** 2;
    const steep = 0.5 * eig.values[1]! * c(1) ** 2;
    expect(flat + steep).toBeCloseTo(house.loss(Float64Array.of(0, 0)), 6);
    expect(steep / (flat + steep)).toBeGreaterThan(0.99);
    // At 0.122 the flat direction shrinks almost as fast as at 0.129.
    expect(Math.abs((1 - 0.122 * theory.lambdaMin) - (1 - 0.129 * theory.lambdaMin))).toBeLessThan(0.001);
    // λmin and 2/λmax agree only because det H = 2.
    expect(theory.lambdaMin * theory.lambdaMax).toBeCloseTo(2, 12);
  });

  test('mini-project: the coarse sweep picks 0.1 and 1 diverges; the fine sweep diverges from 0.131 on (1.2.38)', () => {
    const c = lrSweepCoarse();
    expect(c.best?.rate).toBe(0.1);
    expect(c.regime[0]).toBe('diverged');
    const f = lrSweepFine();
    const start = house.loss(Float64Array.of(0, 0));
    fineRates.forEach((rate, i) => {
      const diverged = !(f.finalLoss[i]! <= start) || f.regime[i] === 'diverged';
      expect(diverged, `rate ${rate}`).toBe(rate >= 0.131);
    });
  });

  test('diagnosis of the two logged runs (1.2.38 practice problems)', () => {
    const healthy = diagnoseLoss([0.8, 0.5, 0.4, 0.38, 0.37]);
    expect(healthy.verdict).toBe('healthy');
    expect(healthy.diminishingReturns).toBe(true);
    const blown = diagnoseLoss([0.8, 1.5, 3.2, 8.7, NaN]);
    expect(blown.verdict).toBe('divergence');
    expect(blown.fix).toBe('lower-rate');
  });

  test('x³: forward error is exactly 6h + h², central exactly h² (1.2.39), up to rounding', () => {
    for (const h of [0.1, 0.01]) {
      expect(forward(cube, 2, h) - 12).toBeCloseTo(6 * h + h * h, 9);
      expect(central(cube, 2, h) - 12).toBeCloseTo(h * h, 9);
    }
  });

  test('best steps sit near √ε for forward and ε^(1/3) for central differences (1.2.39)', () => {
    for (const [f, x, d] of [
      [cube, 2, 12],
      [Math.exp, 0, 1],
    ] as const) {
      expect(bestStep(forward, f, x, d).h).toBe(1e-8);
      expect(bestStep(central, f, x, d).h).toBe(1e-5);
      expect(Math.abs(Math.log10(bestStep(forward, f, x, d).h) - Math.log10(Math.sqrt(eps)))).toBeLessThan(0.5);
      expect(Math.abs(Math.log10(bestStep(central, f, x, d).h) - Math.log10(Math.cbrt(eps)))).toBeLessThan(0.5);
    }
    expect(eps).toBe(Number.EPSILON);
  });
});
