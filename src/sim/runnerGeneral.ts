/**
 * The runner's general loop: any optimizer, any dimension, optional mini-batches (internal).
 *
 * @packageDocumentation
 */
import type { RunResult, RunSummary, StopReason } from './runner';
import type { Common } from './runnerCore';
import { bounds, finish, initialCheck, makeRecorder, rateAt } from './runnerCore';
import type { Problem } from './types';
import { mulberry32, shuffleInPlace } from './random';
import { maxAbs, norm2 } from './vector';

function allFinite(v: Float64Array): boolean {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.abs(v[i] as number);
  return s < Infinity;
}

/** Allocates only before the loop; one optimizer step and one full evaluation per update. */
export function runGeneral(c: Common, record: boolean): RunSummary | RunResult {
  // Local aliases: under vitest's module runner every call through an imported binding goes
  // through a getter, which dominated the per-step cost in benchmarks.
  const norm = norm2;
  const largest = maxAbs;
  const shuffle = shuffleInPlace;
  const { problem, steps, tolerance, schedule } = c;
  const dim = problem.dim;
  const half = steps >> 1;
  const step = c.optimizer.init(dim);
  const p = Float64Array.from(c.start);
  const prev = new Float64Array(dim);
  const g = new Float64Array(dim);
  let loss = problem.evaluate(p, g);
  let gn = norm(g);
  initialCheck(loss, gn);
  if (!allFinite(g)) throw new RangeError('gradient is not finite at the start');
  const initialLoss = loss;
  const { lossBound, paramBound } = bounds(c, loss, largest(p));
  const low = Float64Array.from(p);
  const high = Float64Array.from(p);

  // Mini-batches: an epoch is one pass over a freshly shuffled index permutation.
  const batch = c.batch;
  const n = problem.samples ?? 0;
  const order = new Int32Array(batch ? n : 0);
  const batchIdx = new Int32Array(batch ? batch.size : 0);
  const bg = new Float64Array(batch ? dim : 0);
  const random = mulberry32(batch?.seed ?? 0);
  const reshuffle = batch?.shuffle ?? true;
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
  let previousLoss = loss;
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
        if (reshuffle) shuffle(random, order);
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
    let lNew = NaN;
    let gnNew = NaN;
    if (allFinite(p)) {
      lNew = problem.evaluate(p, g);
      gnNew = norm(g);
    }
    if (!(Math.abs(lNew) < Infinity && gnNew < Infinity && allFinite(g))) {
      p.set(prev);
      stop = 'non-finite';
      break;
    }
    if (lNew > loss + 1e-12 * Math.abs(loss)) increases++;
    for (let i = 0; i < dim; i++) {
      const v = p[i] as number;
      if (v < (low[i] as number)) low[i] = v;
      if (v > (high[i] as number)) high[i] = v;
    }
    previousLoss = loss;
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
    if (Math.abs(loss) > lossBound || largest(p) > paramBound) {
      stop = 'diverged';
      break;
    }
  }
  return finish(
    c,
    {
      stop,
      k,
      final: Float64Array.from(p),
      initialLoss,
      finalLoss: loss,
      previousLoss,
      finalGradNorm: gn,
      bestLoss,
      lossAtHalf,
      lossIncreases: increases,
      low,
      high,
    },
    rec,
  );
}
