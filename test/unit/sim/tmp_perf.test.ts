import { test } from 'vitest';
import { run, runSummary } from '../../../src/sim/runner';
import { quadratic1D } from '../../../src/sim/problems/quadratic1d';
test('perf', () => {
  const problem = quadratic1D(1);
  for (let r = 0; r < 5; r++) {
    let t0 = performance.now();
    const res = run({ problem, schedule: 1e-7, start: 10, steps: 1_000_000, tolerance: 0 });
    let t1 = performance.now();
    const s = runSummary({ problem, schedule: 1e-7, start: 10, steps: 1_000_000, tolerance: 0 });
    let t2 = performance.now();
    console.log(res.stop, res.stopStep, (t1 - t0).toFixed(2), 'ms record;', (t2 - t1).toFixed(2), 'ms summary', s.finalLoss);
  }
});
