/**
 * The runner's 1-D loops for plain SGD (internal).
 *
 * Performance notes, measured on V8 (Node 24): the loops are kept free of `if` bodies that
 * may never run (V8 then lacks type feedback and its optimised loop boxes every double,
 * 3–6× slower), and run chunk by chunk so V8 optimises them on entry instead of on-stack
 * mid-loop (that code deoptimised on every call's epilogue). Without recording they write
 * into a small scratch buffer, so memory stays constant.
 *
 * @packageDocumentation
 */
import type { RunResult, RunSummary, StopReason } from './runner';
import type { Common, Recorder } from './runnerCore';
import { bounds, fillRates, finish, initialCheck, makeRecorder } from './runnerCore';

/** States per loop call (and scratch-buffer length when not recording). */
const CHUNK = 4096;

/**
 * GD on a·x² at a constant rate: computes states k0+1 … until kEnd or the first state
 * that fails `loss ≤ thr && |g| > tol` (which also catches NaN and ±Infinity), writing state
 * t at index t − off. Returns the index of the last state computed.
 * Same arithmetic as quadratic1D + sgd: x ← x − η·(2a·x), loss a·x·x.
 */
function quadraticLoop(
  x0: number,
  a: number,
  lr: number,
  tol: number,
  k0: number,
  kEnd: number,
  thr: number,
  P: Float64Array,
  L: Float64Array,
  G: Float64Array,
  off: number,
  st: Float64Array,
): number {
  const twoA = 2 * a;
  let x = x0;
  let g = twoA * x;
  let k = k0;
  let pl = a * x * x;
  let best = st[0] as number;
  let inc = st[1] as number;
  let lo = st[2] as number;
  let hi = st[3] as number;
  let broke = 0;
  while (k < kEnd) {
    const xNew = x - lr * g;
    const lNew = a * xNew * xNew;
    const gNew = twoA * xNew;
    k++;
    const i = k - off;
    P[i] = xNew;
    L[i] = lNew;
    G[i] = Math.abs(gNew);
    x = xNew;
    g = gNew;
    if (!(lNew <= thr && Math.abs(gNew) > tol)) {
      broke = 1;
      break;
    }
    // Branch-free on purpose: an `if` whose body never ran leaves V8 without type
    // feedback, and its optimised loop then boxes every double (measured 6× slower).
    inc += +(lNew > pl + 1e-12 * Math.abs(pl));
    if (xNew < lo) lo = xNew;
    if (xNew > hi) hi = xNew;
    if (lNew < best) best = lNew;
    pl = lNew;
  }
  st[0] = best;
  st[1] = inc;
  st[2] = lo;
  st[3] = hi;
  st[4] = broke;
  return k;
}

/**
 * Plain SGD (with weight decay λ) on a scalar function: x ← x − η_t·(f′(x) + λ·x), the same
 * arithmetic as sgd. `R[t − off]` holds the rate of update t. Same contract as
 * {@link quadraticLoop}, with the two bounds checked separately.
 */
function scalarLoop(
  x0: number,
  f: (x: number) => number,
  df: (x: number) => number,
  wd: number,
  tol: number,
  k0: number,
  kEnd: number,
  lossBound: number,
  xBound: number,
  P: Float64Array,
  L: Float64Array,
  G: Float64Array,
  R: Float64Array,
  off: number,
  st: Float64Array,
): number {
  let x = x0;
  let g = df(x);
  let k = k0;
  let pl = L[k0 - off] as number;
  let best = st[0] as number;
  let inc = st[1] as number;
  let lo = st[2] as number;
  let hi = st[3] as number;
  let broke = 0;
  while (k < kEnd) {
    // g + 0·x equals g for finite x, so weight decay needs no branch here.
    const xNew = x - (R[k - off] as number) * (g + wd * x);
    const lNew = f(xNew);
    const gNew = df(xNew);
    k++;
    const i = k - off;
    P[i] = xNew;
    L[i] = lNew;
    const gAbs = Math.abs(gNew);
    G[i] = gAbs;
    x = xNew;
    g = gNew;
    if (!(Math.abs(lNew) <= lossBound && Math.abs(xNew) <= xBound && gAbs > tol && gAbs < Infinity)) {
      broke = 1;
      break;
    }
    inc += +(lNew > pl + 1e-12 * Math.abs(pl));
    if (xNew < lo) lo = xNew;
    if (xNew > hi) hi = xNew;
    if (lNew < best) best = lNew;
    pl = lNew;
  }
  st[0] = best;
  st[1] = inc;
  st[2] = lo;
  st[3] = hi;
  st[4] = broke;
  return k;
}

/** Scratch buffers for runs that do not record. */
interface Scratch {
  P: Float64Array;
  L: Float64Array;
  G: Float64Array;
  R: Float64Array;
  busy: boolean;
}

// Reused across calls so that a sweep of a thousand short runs does not allocate (and zero)
// a thousand sets of buffers. Created lazily: importing the module has no side effects.
let pool: Scratch | undefined;

function takeScratch(n: number): Scratch {
  if (pool && !pool.busy && pool.P.length >= n) {
    pool.busy = true;
    return pool;
  }
  const size = Math.max(n, 64);
  const fresh: Scratch = {
    P: new Float64Array(size),
    L: new Float64Array(size),
    G: new Float64Array(size),
    R: new Float64Array(size),
    busy: true,
  };
  // A nested run (a problem whose f calls the runner) gets its own buffers.
  if (!pool || !pool.busy) pool = fresh;
  return fresh;
}

function releaseScratch(s: Scratch): void {
  s.busy = false;
}

/** Adds one state to the statistics [best loss, loss increases, min x, max x]. */
function addState(st: Float64Array, x: number, l: number, prevLoss: number): void {
  if (l > prevLoss + 1e-12 * Math.abs(prevLoss)) st[1] = (st[1] as number) + 1;
  st[0] = Math.min(st[0] as number, l);
  st[2] = Math.min(st[2] as number, x);
  st[3] = Math.max(st[3] as number, x);
}

type Loop = (
  x: number,
  kFrom: number,
  kTo: number,
  P: Float64Array,
  L: Float64Array,
  G: Float64Array,
  R: Float64Array,
  off: number,
  st: Float64Array,
) => number;

/** Chunking, exit classification and statistics shared by both 1-D loops. */
function drive(
  c: Common,
  f: (x: number) => number,
  df: (x: number) => number,
  loop: Loop,
  usesRates: boolean,
  record: boolean,
  lossBound: number,
  xBound: number,
): RunSummary | RunResult {
  const { steps, tolerance } = c;
  const half = steps >> 1;
  let x = c.start[0] as number;
  let loss = f(x);
  let gn = Math.abs(df(x));
  initialCheck(loss, gn);
  const initialLoss = loss;
  const rec: Recorder | undefined = record ? makeRecorder(steps, 1) : undefined;
  const buf = rec ? undefined : takeScratch(Math.min(CHUNK, steps) + 1);
  const P = rec ? rec.params : buf!.P;
  const L = rec ? rec.loss : buf!.L;
  const G = rec ? rec.gradNorm : buf!.G;
  const R = rec ? rec.lr : buf!.R;
  if (rec) {
    rec.params[0] = x;
    rec.loss[0] = loss;
    rec.gradNorm[0] = gn;
    fillRates(c, R, 0, steps + 1, 0);
  }
  const st = Float64Array.of(loss, 0, x, x, 0);
  let lossAtHalf = loss;
  let previousLoss = loss;
  let stop: StopReason = 'budget';
  let k = 0;
  if (gn <= tolerance) stop = 'converged';
  try {
    while (stop === 'budget' && k < steps) {
      // Chunks also when recording: many short calls let V8 optimise these functions on entry
      // rather than on-stack mid-loop, whose code deoptimises on every call's epilogue.
      const kEnd = Math.min(steps, k + CHUNK);
      const off = rec ? 0 : k;
      if (!rec) {
        P[0] = x;
        L[0] = loss;
        G[0] = gn;
        if (usesRates) fillRates(c, R, k, kEnd, off);
      }
      const k2 = loop(x, k, kEnd, P, L, G, R, off, st);
      const i2 = k2 - off;
      const x2 = P[i2] as number;
      const l2 = L[i2] as number;
      const g2 = G[i2] as number;
      let last = k2;
      if (!(Math.abs(x2) < Infinity && Math.abs(l2) < Infinity && g2 < Infinity)) {
        stop = 'non-finite';
        last = k2 - 1;
      } else if (Math.abs(l2) > lossBound || Math.abs(x2) > xBound) {
        stop = 'diverged';
      } else if (g2 <= tolerance) {
        stop = 'converged';
      }
      // Otherwise the chunk ended, or the quadratic loop's merged bound fired spuriously.
      // The loops leave the state they stopped at out of the statistics.
      if (st[4] === 1 && last === k2) addState(st, x2, l2, L[k2 - 1 - off] as number);
      if (half > k && half <= last) lossAtHalf = L[half - off] as number;
      if (last > k) previousLoss = L[last - off - 1] as number;
      x = P[last - off] as number;
      loss = L[last - off] as number;
      gn = G[last - off] as number;
      k = last;
    }
  } finally {
    if (buf) releaseScratch(buf);
  }
  return finish(
    c,
    {
      stop,
      k,
      final: Float64Array.of(x),
      initialLoss,
      finalLoss: loss,
      previousLoss,
      finalGradNorm: gn,
      bestLoss: st[0] as number,
      lossAtHalf,
      lossIncreases: st[1] as number,
      low: Float64Array.of(st[2] as number),
      high: Float64Array.of(st[3] as number),
    },
    rec,
  );
}

/** Plain GD on a·x² (0 < a ≤ 1e100) at a constant rate without weight decay. */
export function runQuadratic1D(c: Common, a: number, record: boolean): RunSummary | RunResult {
  const x0 = c.start[0] as number;
  const { lossBound, paramBound } = bounds(c, a * x0 * x0, Math.abs(x0));
  // |x| > B ⇔ a·x² > a·B², so one comparison on the loss covers both bounds (up to
  // rounding, which only makes the loop stop early; `drive` then re-checks and resumes).
  const thr = Math.min(lossBound, a * paramBound * (paramBound * (1 - 1e-12)), Number.MAX_VALUE);
  const lr = c.constantRate;
  const tol = c.tolerance;
  const loop: Loop = (x, kFrom, kTo, P, L, G, _R, off, st) =>
    quadraticLoop(x, a, lr, tol, kFrom, kTo, thr, P, L, G, off, st);
  return drive(
    c,
    (x) => a * x * x,
    (x) => 2 * a * x,
    loop,
    false,
    record,
    lossBound,
    paramBound,
  );
}

/** Plain SGD on any 1-D problem with a scalar form, any schedule. */
export function runScalar1D(c: Common, wd: number, record: boolean): RunSummary | RunResult {
  const scalar = c.problem.scalar;
  if (!scalar) throw new Error('runScalar1D needs problem.scalar');
  const { f, df } = scalar;
  const x0 = c.start[0] as number;
  const { lossBound, paramBound } = bounds(c, f(x0), Math.abs(x0));
  const tol = c.tolerance;
  const loop: Loop = (x, kFrom, kTo, P, L, G, R, off, st) =>
    scalarLoop(x, f, df, wd, tol, kFrom, kTo, lossBound, paramBound, P, L, G, R, off, st);
  return drive(c, f, df, loop, true, record, lossBound, paramBound);
}
