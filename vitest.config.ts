import { defineConfig } from 'vitest/config';

// Three suites with their own folders and costs: pure unit tests (fast, run first),
// build tests (run `astro build` on real content and broken fixtures), browser tests
// (Playwright on Debian's Chromium against the built site served on 127.0.0.1).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'bench', include: [], benchmark: { include: ['bench/**/*.bench.ts'] } } },
      // A deadline, not a speed check: the few unit tests that start a Node process need more than 5 s with both cores busy.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'build',
          include: ['test/build/**/*.test.ts'],
          // Each build uses most of a core: two at a time on the 2-core machines CI runs on.
          maxConcurrency: 2,
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          // A state a learner waits for can take seconds with both cores busy (vitest's default is 1 s: the
          // review test once timed out on a keypress at load ~8). A real failure only takes longer to report.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
