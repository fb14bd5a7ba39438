/**
 * The runner: drives an optimizer on a problem under a schedule and records the trajectory.
 *
 * Guarantees: every number it returns is finite. A run that blows up stops at the last
 * finite state and says so (`stop: 'non-finite'`), and runs that grow past a bound stop
 * early (`stop: 'diverged'`) before they can overflow.
 *
 * @packageDocumentation
 */
import type { Optimizer, Problem, Schedule, Vector } from './types';
import { sgd } from './optimizers/sgd';
import type { SgdOptions } from './optimizers/sgd';
import { mulberry32, shuffleInPlace } from './random';
import { maxAbs, norm2, toVector } from './vector';

/** Why a run stopped. */
export type StopReason = 'converged' | 'budget' | 'diverged' | 'non-finite';

/** Mini-batch sampling for problems with {@link Problem.samples}. */
export interface BatchOptions {
  /** Samples per batch. A size ≥ the data-set size means full batch. */
  readonly size: number;
  /** Seed of the {@link mulberry32} generator that shuffles the data each epoch. */
  readonly seed: number;
  /** Reshuffle at the start of every epoch (default true, like `DataLoader(shuffle=True)`). */
  readonly shuffle?: boolean;
}

/** Options of {@link run} and {@link runSummary}. */
export interface RunOptions {
  /** The objective. */
  readonly problem: Problem;
  /** The optimizer (default: plain gradient descent, `sgd()`). */
  readonly optimizer?: Optimizer;
  /** Learning-rate schedule or constant rate (default: the optimizer's PyTorch default). */
  readonly schedule?: Schedule | number;
  /** Starting parameters (a number for 1-D problems). */
  readonly start: number | ArrayLike<number>;
  /** Budget: maximum number of updates (steps). */
  readonly steps: number;
  /**
   * Convergence tolerance on the full-batch gradient norm: the run stops as `'converged'`
   * at the first state with ‖∇f‖₂ ≤ tolerance (checked at the start too). Default 1e-8;
   * 0 stops only on an exactly zero gradient.
   */
  readonly tolerance?: number;
  /**
   * Divergence bound B, relative to the start (default 1e12): the run stops as
   * `'diverged'` at the first state with |loss| > B·max(1, |loss₀|) or
   * max_i |θ_i| > B·max(1, max_i |θ₀,i|). `Infinity` disables it, leaving only the
   * non-finite stop.
   */
  readonly divergenceBound?: number;
  /** Mini-batch sampling (default: full batch). Steps count updates, not epochs. */
  readonly batch?: BatchOptions;
}

/** Everything about a run except the per-step arrays (what {@link runSummary} returns). */
export interface RunSummary {
  /** Number of parameters. */
  readonly dim: number;
  /** The budget that was requested. */
  readonly steps: number;
  /** The tolerance that was used. */
  readonly tolerance: number;
  /** Why the run stopped. */
  readonly stop: StopReason;
  /**
   * Index of the last recorded state = number of updates applied. For `'non-finite'` the
   * update that produced the non-finite value is not counted (nor recorded).
   */
  readonly stopStep: number;
  /** Starting parameters. */
  readonly start: Vector;
  /** Parameters at `stopStep`. */
  readonly final: Vector;
  /** Loss at the start. */
  readonly initialLoss: number;
  /** Loss at `stopStep`. */
  readonly finalLoss: number;
  /** Full-batch gradient norm at `stopStep`. */
  readonly finalGradNorm: number;
  /** Smallest loss seen. */
  readonly bestLoss: number;
  /** Loss at state ⌊steps/2⌋ (the middle of the budget), or the final loss if stopped earlier. */
  readonly lossAtHalfBudget: number;
  /** Number of updates that increased the loss (beyond 1e-12 relative). */
  readonly lossIncreases: number;
  /**
   * Number of updates after which some coordinate lay on the other side of the reference
   * minimiser (zig-zag / overshoot); −1 when the problem advertises no minimiser.
   */
  readonly overshoots: number;
  /** Index into `problem.minimizers` of the minimiser nearest the final state, or −1. */
  readonly nearestMinimizer: number;
}

/** A run with its trajectory. All arrays have `stopStep + 1` entries per coordinate. */
export interface RunResult extends RunSummary {
  /**
   * Parameters, flattened row-major: state t occupies `params[t·dim .. t·dim + dim)`.
   * For a 1-D problem this is simply x_0, x_1, …
   */
  readonly params: Float64Array;
  /** Loss (full batch) at each state. */
  readonly loss: Float64Array;
  /** Full-batch gradient norm ‖∇f‖₂ at each state. */
  readonly gradNorm: Float64Array;
  /**
   * Learning rate schedule(t) used by the update from state t to t + 1; the last entry is
   * the rate the next update would have used.
   */
  readonly lr: Float64Array;
}

/**
 * Runs an optimizer and records every state.
 *
 * Each update t (from 0) uses rate `schedule(t)`, the gradient at state t (a mini-batch
 * gradient when `batch` is set), and produces state t + 1. Loss and gradient norm are always
 * full-batch values at the recorded state. Plain SGD on 1-D problems goes through an
 * allocation-free scalar loop (bit-identical to the general one).
 *
 * @param options - See {@link RunOptions}.
 * @throws RangeError on invalid input (wrong dimension, non-finite start, a schedule that
 *   returns a negative or non-finite rate).
 */
export function run(options: RunOptions): RunResult {
  return execute(options, true) as RunResult;
}

/**
 * Same as {@link run} without the per-step arrays: constant memory, used by sweeps.
 *
 * @param options - See {@link RunOptions}.
 */
export function runSummary(options: RunOptions): RunSummary {
  return execute(options, false);
}

/**
 * The parameters of state t of a recorded run.
 *
 * @param result - A {@link RunResult}.
 * @param t - State index, 0 ≤ t ≤ stopStep.
 */
export function paramsAt(result: RunResult, t: number): Float64Array {
  return result.params.slice(t * result.dim, (t + 1) * result.dim);
}

/**
 * The trajectory of coordinate i of a recorded run (x_0,i, x_1,i, …).
 *
 * @param result - A {@link RunResult}.
 * @param i - Coordinate index.
 */
export function coordinate(result: RunResult, i: number): Float64Array {
  const n = result.stopStep + 1;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = result.params[t * result.dim + i] as number;
  return out;
}

// ---------------------------------------------------------------------------------------

/** Per-step arrays sized for the whole budget, trimmed at the end. */
interface Recorder {
  params: Float64Array;
  loss: Float64Array;
  gradNorm: Float64Array;
  lr: Float64Array;
}

function makeRecorder(steps: number, dim: number): Recorder {
  return {
    params: new Float64Array((steps + 1) * dim),
    loss: new Float64Array(steps + 1),
    gradNorm: new Float64Array(steps + 1),
    lr: new Float64Array(steps + 1),
  };
}

function trim(a: Float64Array, n: number): Float64Array {
  // Copy rather than view so an early stop does not keep a budget-sized buffer alive.
  return n === a.length ? a : a.slice(0, n);
}

function rateAt(schedule: Schedule, t: number): number {
  const lr = schedule(t);
  if (!(lr >= 0 && lr < Infinity)) throw new RangeError(`schedule returned an invalid rate ${lr} at step ${t}`);
  return lr;
}

interface Common {
  problem: Problem;
  optimizer: Optimizer;
  schedule: Schedule;
  constantRate: number; // NaN when the schedule is not constant
  start: Float64Array;
  steps: number;
  tolerance: number;
  bound: number;
  batch: BatchOptions | undefined;
}

function prepare(options: RunOptions): Common {
  const { problem } = options;
  const optimizer = options.optimizer ?? sgd();
  const raw = options.schedule ?? optimizer.defaultLr;
  let schedule: Schedule;
  if (typeof raw === 'number') {
    if (!(raw >= 0 && raw < Infinity)) throw new RangeError('learning rate must be finite and ≥ 0');
    schedule = Object.assign(() => raw, { info: { kind: 'constant', initial: raw } });
  } else {
    schedule = raw;
  }
  const constantRate = schedule.info?.kind === 'constant' ? rateAt(schedule, 0) : NaN;
  const start = toVector(options.start);
  if (start.length !== problem.dim) throw new RangeError(`start has ${start.length} entries, problem needs ${problem.dim}`);
  for (const v of start) if (!Number.isFinite(v)) throw new RangeError('start must be finite');
  const steps = options.steps;
  if (!(Number.isInteger(steps) && steps >= 0)) throw new RangeError('steps must be a non-negative integer');
  const tolerance = options.tolerance ?? 1e-8;
  const bound = options.divergenceBound ?? 1e12;
  if (!(tolerance >= 0) || !(bound > 0)) throw new RangeError('tolerance must be ≥ 0 and divergenceBound > 0');
  let batch = options.batch;
  if (batch) {
    const n = problem.samples;
    if (n === undefined || !problem.batchEvaluate) throw new RangeError(`${problem.name} does not support mini-batches`);
    if (!(Number.isInteger(batch.size) && batch.size >= 1)) throw new RangeError('batch size must be a positive integer');
    if (batch.size >= n) batch = undefined;
  }
  return { problem, optimizer, schedule, constantRate, start, steps, tolerance, bound, batch };
}

function execute(options: RunOptions, record: boolean): RunSummary | RunResult {
  const c = prepare(options);
  const { problem, optimizer } = c;
  if (problem.dim === 1 && problem.scalar && !c.batch && optimizer.kind === 'sgd') {
    const o = optimizer.options as SgdOptions;
    if (o.momentum === 0) {
      if (problem.kind === 'quadratic1d') return runQuadratic1D(c, (problem as unknown as { a: number }).a, o.weightDecay, record);
      return runScalar(c, o.weightDecay, record);
    }
  }
  return runGeneral(c, record);
}

interface Stats {
  stop: StopReason;
  k: number;
  bestLoss: number;
  lossAtHalf: number;
  lossIncreases: number;
  finalLoss: number;
  finalGradNorm: number;
}

function finish(c: Common, s: Stats, final: Float64Array, initialLoss: number, overshootCounts: Int32Array, rec: Recorder | undefined): RunSummary | RunResult {
  const mins = c.problem.minimizers ?? [];
  let nearest = -1;
  let bestDist = Infinity;
  mins.forEach((m, j) => {
    let d = 0;
    for (let i = 0; i < final.length; i++) {
      const e = (final[i] as number) - (m[i] as number);
      d += e * e;
    }
    if (d < bestDist) {
      bestDist = d;
      nearest = j;
    }
  });
  const summary: RunSummary = {
    dim: c.problem.dim,
    steps: c.steps,
    tolerance: c.tolerance,
    stop: s.stop,
    stopStep: s.k,
    start: c.start,
    final,
    initialLoss,
    finalLoss: s.finalLoss,
    finalGradNorm: s.finalGradNorm,
    bestLoss: s.bestLoss,
    lossAtHalfBudget: s.k >= c.steps >> 1 ? s.lossAtHalf : s.finalLoss,
    lossIncreases: s.lossIncreases,
    overshoots: nearest >= 0 ? (overshootCounts[nearest] as number) : -1,
    nearestMinimizer: nearest,
  };
  if (!rec) return summary;
  const n = s.k + 1;
  rec.lr[s.k] = rateAt(c.schedule, s.k);
  return {
    ...summary,
    params: trim(rec.params, n * c.problem.dim),
    loss: trim(rec.loss, n),
    gradNorm: trim(rec.gradNorm, n),
    lr: trim(rec.lr, n),
  };
}

function initialCheck(loss: number, gn: number): void {
  if (!Number.isFinite(loss) || !Number.isFinite(gn)) throw new RangeError('loss or gradient is not finite at the start');
}

// Hot loops live in small functions of their own, with no code after the loop that has not
// run yet: otherwise V8 compiles them on-stack mid-loop and then deoptimises on the unseen
// epilogue at every call, which made a 10⁶-step run 5–10× slower.

/** Slots of the scratch array through which the 1-D loops return their state. */
const X = 0;
const LOSS = 1;
const GRAD = 2;
const BEST = 3;
const HALF = 4;
const INCREASES = 5;
const FLIPS = 6;
const K = 7;
const STOP = 8;
const STOP_CODES: readonly StopReason[] = ['budget', 'converged', 'diverged', 'non-finite'];

/**
 * Plain SGD on a·x² with everything inlined; the arithmetic is the same as quadratic1D +
 * sgd, so both paths give identical numbers. Returns through `s` (see the slot constants).
 * `P`, `L`, `G`, `R` are empty when not recording.
 */
function quadraticLoop(
  s: Float64Array,
  a: number,
  wd: number,
  constRate: number,
  schedule: Schedule,
  tolerance: number,
  steps: number,
  lossBound: number,
  xBound: number,
  P: Float64Array,
  L: Float64Array,
  G: Float64Array,
  R: Float64Array,
): void {
  const record = P.length > 0;
  const isConst = constRate === constRate;
  const twoA = 2 * a;
  const half = steps >> 1;
  let x = s[X] as number;
  let loss = a * x * x;
  let g = twoA * x;
  let gn = Math.abs(g);
  let best = loss;
  let lossAtHalf = loss;
  let increases = 0;
  let flips = 0;
  let stop = 0;
  let k = 0;
  for (;;) {
    if (gn <= tolerance) {
      stop = 1;
      break;
    }
    if (k >= steps) break;
    const lr = isConst ? constRate : rateAt(schedule, k);
    if (record) R[k] = lr;
    const geff = wd === 0 ? g : g + wd * x;
    const xNew = x - lr * geff;
    const lNew = a * xNew * xNew;
    const gNew = twoA * xNew;
    // One comparison rejects NaN and ±Infinity in any of the three.
    if (!(Math.abs(lNew) + Math.abs(gNew) + Math.abs(xNew) < Infinity)) {
      stop = 3;
      break;
    }
    if (lNew > loss + 1e-12 * loss) increases++;
    if ((x < 0 && xNew > 0) || (x > 0 && xNew < 0)) flips++;
    x = xNew;
    loss = lNew;
    g = gNew;
    gn = Math.abs(gNew);
    k++;
    if (loss < best) best = loss;
    if (k === half) lossAtHalf = loss;
    if (record) {
      P[k] = x;
      L[k] = loss;
      G[k] = gn;
    }
    if (loss > lossBound || Math.abs(x) > xBound) {
      stop = 2;
      break;
    }
  }
  s[X] = x;
  s[LOSS] = loss;
  s[GRAD] = gn;
  s[BEST] = best;
  s[HALF] = lossAtHalf;
  s[INCREASES] = increases;
  s[FLIPS] = flips;
  s[K] = k;
  s[STOP] = stop;
}

const EMPTY = new Float64Array(0);

function runQuadratic1D(c: Common, a: number, wd: number, record: boolean): RunSummary | RunResult {
  const x0 = c.start[0] as number;
  const loss0 = a * x0 * x0;
  initialCheck(loss0, Math.abs(2 * a * x0));
  const rec = record ? makeRecorder(c.steps, 1) : undefined;
  if (rec) {
    rec.params[0] = x0;
    rec.loss[0] = loss0;
    rec.gradNorm[0] = Math.abs(2 * a * x0);
  }
  const s = new Float64Array(9);
  s[X] = x0;
  quadraticLoop(
    s,
    a,
    wd,
    c.constantRate,
    c.schedule,
    c.tolerance,
    c.steps,
    c.bound * Math.max(1, loss0),
    c.bound * Math.max(1, Math.abs(x0)),
    rec ? rec.params : EMPTY,
    rec ? rec.loss : EMPTY,
    rec ? rec.gradNorm : EMPTY,
    rec ? rec.lr : EMPTY,
  );
  return finish(
    c,
    {
      stop: STOP_CODES[s[STOP] as number] as StopReason,
      k: s[K] as number,
      bestLoss: s[BEST] as number,
      lossAtHalf: s[HALF] as number,
      lossIncreases: s[INCREASES] as number,
      finalLoss: s[LOSS] as number,
      finalGradNorm: s[GRAD] as number,
    },
    Float64Array.of(s[X] as number),
    loss0,
    Int32Array.of(s[FLIPS] as number),
    rec,
  );
}

/** Plain SGD on any problem with a scalar form: no typed-array traffic per step. */
function runScalar(c: Common, wd: number, record: boolean): RunSummary | RunResult {
  const { steps, tolerance, schedule, problem } = c;
  const { f, df } = problem.scalar as NonNullable<Problem['scalar']>;
  const half = steps >> 1;
  const mins = (problem.minimizers ?? []).map((m) => m[0] as number);
  const counts = new Int32Array(mins.length);
  let x = c.start[0] as number;
  let loss = f(x);
  let g = df(x);
  let gn = Math.abs(g);
  initialCheck(loss, gn);
  const initialLoss = loss;
  const lossBound = c.bound * Math.max(1, Math.abs(loss));
  const xBound = c.bound * Math.max(1, Math.abs(x));
  const rec = record ? makeRecorder(steps, 1) : undefined;
  if (rec) {
    rec.params[0] = x;
    rec.loss[0] = loss;
    rec.gradNorm[0] = gn;
  }
  const constRate = c.constantRate;
  const isConst = constRate === constRate;
  let bestLoss = loss;
  let lossAtHalf = loss;
  let increases = 0;
  let stop: StopReason = 'budget';
  let k = 0;
  for (;;) {
    if (gn <= tolerance) {
      stop = 'converged';
      break;
    }
    if (k >= steps) break;
    const lr = isConst ? constRate : rateAt(schedule, k);
    if (rec) rec.lr[k] = lr;
    const geff = wd === 0 ? g : g + wd * x;
    const xNew = x - lr * geff;
    const lNew = f(xNew);
    const gNew = df(xNew);
    if (!(Math.abs(lNew) + Math.abs(gNew) + Math.abs(xNew) < Infinity)) {
      stop = 'non-finite';
      break;
    }
    if (lNew > loss + 1e-12 * Math.abs(loss)) increases++;
    for (let j = 0; j < mins.length; j++) {
      const m = mins[j] as number;
      if ((x - m) * (xNew - m) < 0) counts[j] = (counts[j] as number) + 1;
    }
    x = xNew;
    loss = lNew;
    g = gNew;
    gn = Math.abs(gNew);
    k++;
    if (loss < bestLoss) bestLoss = loss;
    if (k === half) lossAtHalf = loss;
    if (rec) {
      rec.params[k] = x;
      rec.loss[k] = loss;
      rec.gradNorm[k] = gn;
    }
    if (Math.abs(loss) > lossBound || Math.abs(x) > xBound) {
      stop = 'diverged';
      break;
    }
  }
  return finish(
    c,
    { stop, k, bestLoss, lossAtHalf, lossIncreases: increases, finalLoss: loss, finalGradNorm: gn },
    Float64Array.of(x),
    initialLoss,
    counts,
    rec,
  );
}

function allFinite(v: Float64Array): boolean {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.abs(v[i] as number);
  return s < Infinity;
}

/** Any optimizer, any problem, optional mini-batches. Allocates only before the loop. */
function runGeneral(c: Common, record: boolean): RunSummary | RunResult {
  const { problem, steps, tolerance, schedule } = c;
  const dim = problem.dim;
  const half = steps >> 1;
  const step = c.optimizer.init(dim);
  const mins = problem.minimizers ?? [];
  const counts = new Int32Array(mins.length);
  const p = Float64Array.from(c.start);
  const prev = new Float64Array(dim);
  const g = new Float64Array(dim);
  let loss = problem.evaluate(p, g);
  let gn = norm2(g);
  initialCheck(loss, gn);
  if (!allFinite(g)) throw new RangeError('gradient is not finite at the start');
  const initialLoss = loss;
  const lossBound = c.bound * Math.max(1, Math.abs(loss));
  const pBound = c.bound * Math.max(1, maxAbs(p));

  // Mini-batch machinery: an epoch is one pass over a (re)shuffled index permutation.
  const batch = c.batch;
  const n = problem.samples ?? 0;
  const order = new Int32Array(batch ? n : 0);
  const batchIdx = new Int32Array(batch ? batch.size : 0);
  const bg = new Float64Array(batch ? dim : 0);
  const random = mulberry32(batch?.seed ?? 0);
  let cursor = n;

  const rec = record ? makeRecorder(steps, dim) : undefined;
  if (rec) {
    rec.params.set(p, 0);
    rec.loss[0] = loss;
    rec.gradNorm[0] = gn;
  }
  const constRate = c.constantRate;
  const isConst = constRate === constRate;
  let bestLoss = loss;
  let lossAtHalf = loss;
  let increases = 0;
  let stop: StopReason = 'budget';
  let k = 0;
  for (;;) {
    if (gn <= tolerance) {
      stop = 'converged';
      break;
    }
    if (k >= steps) break;
    const lr = isConst ? constRate : rateAt(schedule, k);
    if (rec) rec.lr[k] = lr;
    prev.set(p);
    if (batch) {
      if (cursor >= n) {
        for (let i = 0; i < n; i++) order[i] = i;
        if (batch.shuffle ?? true) shuffleInPlace(random, order);
        cursor = 0;
      }
      // The last batch of an epoch may be short (DataLoader's drop_last=False).
      const count = Math.min(batch.size, n - cursor);
      for (let i = 0; i < count; i++) batchIdx[i] = order[cursor + i] as number;
      cursor += count;
      (problem.batchEvaluate as NonNullable<Problem['batchEvaluate']>)(p, batchIdx, count, bg);
      step(p, bg, lr);
    } else {
      step(p, g, lr);
    }
    if (!allFinite(p)) {
      p.set(prev);
      stop = 'non-finite';
      break;
    }
    const lNew = problem.evaluate(p, g);
    const gnNew = norm2(g);
    if (!(Math.abs(lNew) < Infinity && gnNew < Infinity && allFinite(g))) {
      p.set(prev);
      stop = 'non-finite';
      break;
    }
    if (lNew > loss + 1e-12 * Math.abs(loss)) increases++;
    for (let j = 0; j < mins.length; j++) {
      const m = mins[j] as Float64Array;
      for (let i = 0; i < dim; i++) {
        const mi = m[i] as number;
        if (((prev[i] as number) - mi) * ((p[i] as number) - mi) < 0) {
          counts[j] = (counts[j] as number) + 1;
          break;
        }
      }
    }
    loss = lNew;
    gn = gnNew;
    k++;
    if (loss < bestLoss) bestLoss = loss;
    if (k === half) lossAtHalf = loss;
    if (rec) {
      rec.params.set(p, k * dim);
      rec.loss[k] = loss;
      rec.gradNorm[k] = gn;
    }
    if (Math.abs(loss) > lossBound || maxAbs(p) > pBound) {
      stop = 'diverged';
      break;
    }
  }
  return finish(
    c,
    { stop, k, bestLoss, lossAtHalf, lossIncreases: increases, finalLoss: loss, finalGradNorm: gn },
    Float64Array.from(p),
    initialLoss,
    counts,
    rec,
  );
}
