// Benchmarks of the simulation module (vitest 5: `bench` is the test-context fixture, not a
// top-level export). One benchmark iteration is one full workload, so the reported mean
// time compares directly with the targets in the test names.
import { test } from 'vitest';
import { adam, housePriceRegression, lrSweep, quadratic1D, rosenbrock, run, runSummary } from '../src/sim';

const x2 = quadratic1D();
const house = housePriceRegression();
const banana = rosenbrock();

test('gradient descent on x², 10⁶ steps (target ≤ 10 ms)', async ({ bench }) => {
  // Tolerance 0 and a tiny rate keep the run going for the whole budget.
  await bench.compare(
    bench('runSummary: 10⁶ steps', () => {
      runSummary({ problem: x2, schedule: 1e-7, start: 10, steps: 1_000_000, tolerance: 0 });
    }),
    bench('run: 10⁶ steps, every state recorded (4 arrays × 8 MB)', () => {
      run({ problem: x2, schedule: 1e-7, start: 10, steps: 1_000_000, tolerance: 0 });
    }),
  );
});

test('house-price regression, 10⁵ full-batch steps', async ({ bench }) => {
  await bench.compare(
    bench('runSummary: 10⁵ steps', () => {
      runSummary({ problem: house, schedule: 1e-4, start: [0, 0], steps: 100_000, tolerance: 0 });
    }),
    bench('run: 10⁵ steps, recorded', () => {
      run({ problem: house, schedule: 1e-4, start: [0, 0], steps: 100_000, tolerance: 0 });
    }),
    bench('run: 10⁵ mini-batch steps (batch 2)', () => {
      run({ problem: house, schedule: 1e-4, start: [0, 0], steps: 100_000, tolerance: 0, batch: { size: 2, seed: 1 } });
    }),
  );
});

test('learning-rate sweep on x², 1,000 rates × 1,000 steps (target ≤ 50 ms)', async ({ bench }) => {
  await bench.compare(
    bench('rates 1e-4 … 2, default tolerance (what a slider redraw runs)', () => {
      lrSweep({ problem: x2, start: 10, steps: 1000, lrMin: 1e-4, lrMax: 2, count: 1000 });
    }),
    bench('rates 1e-6 … 1e-3, tolerance 0: every run takes all 1,000 steps', () => {
      lrSweep({ problem: x2, start: 10, steps: 1000, lrMin: 1e-6, lrMax: 1e-3, count: 1000, tolerance: 0 });
    }),
  );
});

test('Adam on Rosenbrock, 10⁵ steps', async ({ bench }) => {
  await bench('runSummary: 10⁵ Adam steps', () => {
    runSummary({ problem: banana, optimizer: adam(), schedule: 1e-3, start: [-1.5, 2], steps: 100_000, tolerance: 0 });
  }).run();
});
