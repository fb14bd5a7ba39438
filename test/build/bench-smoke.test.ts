import { describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from '../support/project';

/**
 * `npm run bench:build` at 20 lessons, ours only and cold: the generator, the scratch copy, the build and the
 * measurement keep working (the large runs are for bench/RESULTS.md and are not run here).
 */

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bench/build-scale.mjs'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, output }));
  });
}

describe('bench:build smoke (20 lessons)', () => {
  test('prints a table row with sane numbers', { timeout: 180_000 }, async () => {
    const { code, output } = await run(['--lessons', '20', '--sizes', '20', '--no-incremental', '--work', '.cache/bench-smoke']);
    expect(code, output.slice(-3000)).toBe(0);
    const row = /^\| ours \| ([\d.]+) \| ([\d.]+) \| (\d+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+|—) \| — \|$/m.exec(output);
    expect(row, output).not.toBeNull();
    const [seconds, msPerLesson, peakMb, distMb, pageKb, jsKb] = row!.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    expect(seconds).toBeGreaterThan(1);
    expect(seconds).toBeLessThan(170);
    expect(msPerLesson).toBeGreaterThan(0);
    expect(peakMb).toBeGreaterThan(100);
    expect(peakMb).toBeLessThan(8000);
    expect(distMb).toBeGreaterThan(1);
    // A lesson page with charts and a quiz: tens of KB gzip, scripts included, not hundreds.
    expect(pageKb).toBeGreaterThan(10);
    expect(pageKb).toBeLessThan(150);
    expect(jsKb).toBeGreaterThan(0);
    expect(jsKb).toBeLessThan(pageKb);
  });

  const shared = resolve(projectRoot, '..', 'shared', 'bench-peers');
  test.skipIf(!existsSync(shared))('the vendored generator and measurer match the shared peer benchmark', () => {
    for (const file of ['gen-content.mjs', 'measure.mjs']) {
      expect(readFileSync(join(projectRoot, 'bench/peers', file), 'utf8'), file).toBe(readFileSync(join(shared, file), 'utf8'));
    }
  });
});
