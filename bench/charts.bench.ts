// Benchmarks of the chart layer (vitest 5: `bench` is the test-context fixture).
//
// 1. Build time: SVG render of a chart cold (Vega-Lite compile + headless Vega view + SVG)
//    against the two caches (a later build reading the disk cache; the same build's memory).
// 2. In Chromium, against the built site in dist/ (run `npx astro build` first): the
//    JavaScript a lesson page loads before and after the live explorer wakes up (gzip bytes),
//    and the latency from a slider input to the chart updated, over 100 inputs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'vitest';
import type { Response } from 'playwright-core';
import { chartByName } from '../src/charts/catalog';
import { createSvgRenderer, renderSvgUncached } from '../src/charts/render';
import { EXPLORER_RATES } from '../src/charts/explorer';
import { BOWL_RATES } from '../src/charts/bowlExplorer';
import { launchBrowser } from '../test/support/browser';
import { projectRoot } from '../test/support/project';
import { serveStatic } from '../test/support/serve';

const charts = ['x2-loss-curves', 'x2-explorer', 'house-sweep', 'range-test', 'bowl-explorer'];

for (const name of charts) {
  test(`SVG render of ${name}: cold vs cached`, { timeout: 120_000 }, async ({ bench }) => {
    const spec = chartByName(name).spec;
    const cacheDir = mkdtempSync(join(tmpdir(), 'course-charts-bench-'));
    const warm = createSvgRenderer({ cacheDir });
    await warm.render(spec);
    await bench.compare(
      bench('cold: compile + render', async () => {
        await renderSvgUncached(spec);
      }),
      bench('cached on disk: a later build (fresh memory, reads the file)', async () => {
        await createSvgRenderer({ cacheDir }).render(spec);
      }),
      bench('cached in memory: the same build', async () => {
        await warm.render(spec);
      }),
      { time: 1500, warmupTime: 200 },
    );
  });
}

test('catalog: simulation + spec of every chart', { timeout: 60_000 }, async ({ bench }) => {
  await bench('all catalog charts, computed once each', () => {
    for (const name of charts) chartByName(name);
  }).run({ time: 1000 });
});

/** p-quantile of sorted samples (nearest rank). */
function quantile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

test('live explorer in Chromium: JavaScript bytes and slider → chart latency', { timeout: 300_000 }, async () => {
  const site = await serveStatic(join(projectRoot, 'dist'));
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const scripts: { url: string; raw: number; gzip: number; phase: 'load' | 'live' }[] = [];
    const bodies: Promise<void>[] = [];
    let phase: 'load' | 'live' = 'load';
    page.on('response', (response: Response) => {
      if (!response.url().endsWith('.js')) return;
      const at = phase;
      bodies.push(
        response.body().then((body) => {
          scripts.push({ url: response.url().replace(site.origin, ''), raw: body.length, gzip: gzipSync(body).length, phase: at });
        }),
      );
    });
    await page.goto(`${site.origin}/math-for-ml/1.2.38/`, { waitUntil: 'networkidle' });
    await Promise.all(bodies);
    phase = 'live';
    const started = Date.now();
    await page.locator('course-live-chart').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('course-live-chart')?.getAttribute('data-live') === 'live', null, { timeout: 60_000 });
    const toLive = Date.now() - started;
    await page.waitForLoadState('networkidle');
    await Promise.all(bodies);
    const sum = (list: typeof scripts, key: 'raw' | 'gzip') => list.reduce((s, x) => s + x[key], 0);
    const before = scripts.filter((s) => s.phase === 'load');
    const after = scripts.filter((s) => s.phase === 'live');
    console.log(`\n1.2.38 JavaScript at load: ${before.length} files, ${kb(sum(before, 'gzip'))} gzip (${kb(sum(before, 'raw'))} raw)`);
    console.log(`   of which the live chart's element: ${kb(sum(before.filter((s) => s.url.includes('LiveChart')), 'gzip'))} gzip`);
    console.log(`1.2.38 JavaScript added when the explorer goes live: ${after.length} file(s), ${kb(sum(after, 'gzip'))} gzip (${kb(sum(after, 'raw'))} raw)`);
    for (const s of after) console.log(`   ${s.url}: ${kb(s.gzip)} gzip, ${kb(s.raw)} raw`);
    console.log(`   scroll → live (load, parse, embed): ${toLive} ms`);

    // 100 slider inputs, each waiting for the chart's own "updated" event, measured in the page
    // from the input event's timestamp to the end of Vega's run (DOM updated) and to the next
    // animation frame (the update is on screen at that frame).
    for (const steps of [50, 200]) {
      const samples = await page.evaluate(
        async ({ rates, steps }) => {
          const root = document.querySelector('course-live-chart') as HTMLElement;
          const slider = root.querySelector('input[name="rate"]') as HTMLInputElement;
          const stepsInput = root.querySelector('input[name="steps"]') as HTMLInputElement;
          type Sample = { ms: number; frame: number; computeMs: number; drawMs: number };
          const next = () =>
            new Promise<Sample>((resolve) => {
              root.addEventListener(
                'chartupdate',
                (e) => {
                  const { ms, computeMs, drawMs } = (e as CustomEvent<{ ms: number; computeMs: number; drawMs: number }>).detail;
                  const t0 = performance.now() - ms;
                  requestAnimationFrame(() => resolve({ ms, computeMs, drawMs, frame: performance.now() - t0 }));
                },
                { once: true },
              );
            });
          stepsInput.value = String(steps);
          let done = next();
          stepsInput.dispatchEvent(new Event('input', { bubbles: true }));
          await done;
          const out: Sample[] = [];
          // A fixed walk over the whole slider: small, zig-zag and diverging rates alike.
          let index = 0;
          for (let i = 0; i < 105; i++) {
            index = (index + 17) % rates;
            slider.value = String(index);
            done = next();
            slider.dispatchEvent(new Event('input', { bubbles: true }));
            const sample = await done;
            if (i >= 5) out.push(sample);
          }
          return out;
        },
        { rates: EXPLORER_RATES.length, steps },
      );
      const sorted = (key: 'ms' | 'frame' | 'computeMs' | 'drawMs') => samples.map((s) => s[key]).sort((a, b) => a - b);
      const fmt = (key: 'ms' | 'frame' | 'computeMs' | 'drawMs') => {
        const v = sorted(key);
        return `p50 ${quantile(v, 0.5).toFixed(2)} ms, p95 ${quantile(v, 0.95).toFixed(2)} ms`;
      };
      console.log(
        `slider input → chart updated, ${steps} steps, ${samples.length} inputs: ${fmt('ms')}, max ${sorted('ms').at(-1)?.toFixed(2)} ms (target p95 ≤ 16 ms)\n` +
          `   simulation + rows: ${fmt('computeMs')}; Vega dataflow + canvas: ${fmt('drawMs')}; input → next frame: ${fmt('frame')}`,
      );
    }
    await context.close();
  } finally {
    await browser.close();
    await site.close();
  }
});

test('bowl explorer against the x² explorer, same page and run: slider → chart latency at 100 steps', { timeout: 300_000 }, async () => {
  const site = await serveStatic(join(projectRoot, 'dist'));
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${site.origin}/math-for-ml/1.2.38/`, { waitUntil: 'networkidle' });
    const p50 = {} as Record<string, { ms: number; computeMs: number; drawMs: number }>;
    // Interleaved rounds, so that load on the shared machine falls on both alike.
    const samples: Record<string, { ms: number; computeMs: number; drawMs: number }[]> = { 'x2-explorer': [], 'bowl-explorer': [] };
    for (const name of Object.keys(samples)) {
      const root = page.locator(`course-live-chart[data-chart="${name}"]`);
      await root.scrollIntoViewIfNeeded();
      await page.waitForFunction((n) => document.querySelector(`course-live-chart[data-chart="${n}"]`)?.getAttribute('data-live') === 'live', name, { timeout: 60_000 });
    }
    for (let round = 0; round < 6; round++) {
      for (const [name, rates] of [['x2-explorer', EXPLORER_RATES.length], ['bowl-explorer', BOWL_RATES.length]] as const) {
        const got = await page.evaluate(
          async ({ name, rates }) => {
            const root = document.querySelector(`course-live-chart[data-chart="${name}"]`) as HTMLElement;
            const slider = root.querySelector('input[name="rate"]') as HTMLInputElement;
            const steps = root.querySelector('input[name="steps"]') as HTMLInputElement;
            type Sample = { ms: number; computeMs: number; drawMs: number };
            const next = () => new Promise<Sample>((resolve) => root.addEventListener('chartupdate', (e) => resolve((e as CustomEvent<Sample>).detail), { once: true }));
            if (steps.value !== '100') {
              const done = next();
              steps.value = '100';
              steps.dispatchEvent(new Event('input', { bubbles: true }));
              await done;
            }
            const out: Sample[] = [];
            let index = 0;
            for (let i = 0; i < 20; i++) {
              index = (index + 7) % rates;
              slider.value = String(index);
              const done = next();
              slider.dispatchEvent(new Event('input', { bubbles: true }));
              out.push(await done);
            }
            return out;
          },
          { name, rates },
        );
        samples[name]!.push(...got.slice(round === 0 ? 5 : 0));
      }
    }
    for (const [name, list] of Object.entries(samples)) {
      const median = (key: 'ms' | 'computeMs' | 'drawMs') => quantile(list.map((s) => s[key]).sort((a, b) => a - b), 0.5);
      p50[name] = { ms: median('ms'), computeMs: median('computeMs'), drawMs: median('drawMs') };
      console.log(`${name}: ${list.length} inputs at 100 steps, p50 ${p50[name]!.ms.toFixed(2)} ms (simulation + rows ${p50[name]!.computeMs.toFixed(2)} ms, Vega + canvas ${p50[name]!.drawMs.toFixed(2)} ms)`);
    }
    const ratio = (key: 'ms' | 'computeMs' | 'drawMs') => (p50['bowl-explorer']![key] / p50['x2-explorer']![key]).toFixed(2);
    console.log(`bowl / x², p50 of the same run: input → chart ${ratio('ms')}×, simulation + rows ${ratio('computeMs')}×, Vega + canvas ${ratio('drawMs')}×`);
    await context.close();
  } finally {
    await browser.close();
    await site.close();
  }
});
