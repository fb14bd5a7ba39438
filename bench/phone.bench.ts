// A lesson on a phone, as issue 18 measures it: Chromium at 390 × 844 CSS px (DPR 3, touch) with the CPU
// slowed 4× (DevTools' throttling), against the built site in dist/ (`npm run bench` builds it first).
// Prints, for 1.2.38: page weight, time to a usable quiz, the longest main-thread task while the live chart
// wakes (from the scroll, and from the moment the chart starts waking: the tasks before that are the page
// rendering what the scroll brought into view) and slider → chart latency (p95) for each of its live charts, the
// script the live charts load, the smallest chart text on screen and any sideways overflow.
// Set PHONE_BENCH_DIST to measure another build (e.g. the main branch's, for before/after figures).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'vitest';
import { phoneLayout } from '../test/support/phone';
import { projectRoot } from '../test/support/project';
import { onPhone, quantile, stepRateSlider } from './rate-steps';

const dist = process.env.PHONE_BENCH_DIST ?? join(projectRoot, 'dist');
const lesson = '/math-for-ml/1.2.38/';
const SLOWDOWN = 4;
// In page order: the x² explorer first, then the two bowl explorers further down.
const LIVE_CHARTS = ['x2-explorer', 'bowl-explorer', 'bowl-momentum-explorer'];

/**
 * The script files the live charts load when they wake: the chunks Vite lists for the island's dynamic imports
 * (its `__vite__mapDeps`) and any expression modules the charts name (`data-expr`), as paths under dist.
 */
function liveChartScripts(page: string): string[] {
  // The island is the script that maps chart names to their controllers' chunks (its file name has varied).
  const island = readdirSync(join(dist, '_astro'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(dist, '_astro', f), 'utf8'))
    .find((text) => text.includes('"x2-explorer":') && text.includes('__vite__mapDeps'));
  if (!island) throw new Error(`no live chart island script in ${dist}/_astro`);
  const deps = /m\.f=(\[[^\]]*\])/.exec(island)?.[1];
  const chunks = deps ? (JSON.parse(deps) as string[]).map((f) => `/${f}`) : [];
  const modules = [...page.matchAll(/data-expr="([^"]+)"/g)].map((m) => m[1]!);
  // And the prebuilt libraries those chunks import (Vega's runtime: src/integrations/vendor-modules.ts), with theirs.
  const files = new Set([...chunks, ...modules]);
  for (const file of files) {
    if (!file.startsWith('/_astro/')) continue;
    const text = readFileSync(join(dist, file), 'utf8');
    for (const m of text.matchAll(/from\s*["']\.\/((?:vendor\/)?[^"']+\.js)["']/g)) files.add(`${file.slice(0, file.lastIndexOf('/') + 1)}${m[1]}`);
  }
  return [...files];
}


test(`lesson 1.2.38 on a phone (390 px, CPU ${SLOWDOWN}× slower)`, { timeout: 600_000 }, async () => {
  const html = readFileSync(join(dist, lesson, 'index.html'));
  await onPhone(dist, async (page, cdp, origin) => {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
    // Long tasks from the first byte (an init script runs through DevTools, outside the page's CSP).
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: { start: number; duration: number }[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(origin + lesson, { waitUntil: 'load' });
    // Usable: the quiz script has wired every question (quiz.ts marks it). A build without the mark: the
    // first moment a Check answers, found by polling the DOM for the script's effect on the attempts lines.
    await page.waitForFunction(() => document.querySelector('[data-quiz]')?.hasAttribute('data-quiz-ready') || performance.getEntriesByName('quiz-ready').length > 0, null, { timeout: 120_000 }).catch(() => undefined);
    const start = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const ready = performance.getEntriesByName('quiz-ready')[0]?.startTime;
      const w = window as unknown as { longTasks: { start: number; duration: number }[] };
      return { load: nav.loadEventEnd, ready, longestAtLoad: Math.max(0, ...w.longTasks.map((t) => t.duration)) };
    });

    // Each live chart in turn, woken as a reader does (scrolled to), then its rate slider driven.
    const live: { chart: string; wakeMs: number; longest: number; count: number; longestWaking: number; fromWake: number; samples: number[] }[] = [];
    for (const chart of LIVE_CHARTS) {
      const selector = `course-live-chart[data-chart="${chart}"]`;
      // The moment the chart starts waking (it marks itself loading once near the viewport), noted by the page.
      const before = await page.evaluate((sel) => {
        const root = document.querySelector(sel) as HTMLElement;
        const w = window as unknown as { wakeStart?: number };
        delete w.wakeStart;
        new MutationObserver((_, observer) => {
          if (root.dataset.live !== 'loading') return;
          w.wakeStart = performance.now();
          observer.disconnect();
        }).observe(root, { attributes: true, attributeFilter: ['data-live'] });
        return performance.now();
      }, selector);
      await page.locator(selector).scrollIntoViewIfNeeded();
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-live') === 'live', selector, { timeout: 120_000 });
      const wake = await page.evaluate((from) => {
        const w = window as unknown as { longTasks: { start: number; duration: number }[]; wakeStart?: number };
        const tasks = w.longTasks.filter((t) => t.start + t.duration >= from);
        // Tasks that ended before the chart began to wake are the page's own rendering of the scroll.
        const waking = tasks.filter((t) => t.start + t.duration >= (w.wakeStart ?? from));
        return { ms: performance.now() - from, longest: Math.max(0, ...tasks.map((t) => t.duration)), count: tasks.length, longestWaking: Math.max(0, ...waking.map((t) => t.duration)), fromWake: performance.now() - (w.wakeStart ?? from) };
      }, before);
      // Slider → chart: 60 inputs over the whole rate range, each waiting for the chart's own update event.
      const samples = (await page.evaluate(stepRateSlider, { selector, steps: 60, frameBetween: false })).sort((a, b) => a - b);
      live.push({ chart, wakeMs: wake.ms, longest: wake.longest, count: wake.count, longestWaking: wake.longestWaking, fromWake: wake.fromWake, samples });
    }
    const chartScripts = liveChartScripts(html.toString());
    const scriptBytes = chartScripts.map((path) => readFileSync(join(dist, path))).reduce((sum, file) => ({ raw: sum.raw + file.length, gzip: sum.gzip + gzipSync(file).length }), { raw: 0, gzip: 0 });

    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const layout = await phoneLayout(page);
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    const usable = start.ready === undefined ? 'not marked by this build' : `${(start.ready / 1000).toFixed(2)} s after navigation, ${(Math.max(0, start.ready - start.load) / 1000).toFixed(2)} s after load`;
    console.log(
      [
        '',
        `1.2.38 on a phone (390 × 844, CPU ${SLOWDOWN}× slower), ${dist}`,
        `  page weight (HTML): ${kb(html.length)} raw, ${kb(gzipSync(html).length)} gzip (target ≤ 400 KB raw)`,
        `  quiz usable: ${usable} (target ≤ 1.0 s after load); longest task up to then ${start.longestAtLoad.toFixed(0)} ms`,
        ...live.flatMap((l) => [
          `  ${l.chart} wakes in ${l.wakeMs.toFixed(0)} ms after the scroll (${l.fromWake.toFixed(0)} ms after it starts waking); longest task meanwhile ${l.longest.toFixed(0)} ms over ${l.count} long task(s), ${l.longestWaking.toFixed(0)} ms once waking (target ≤ 200 ms)`,
          `  ${l.chart} slider → chart, ${l.samples.length} inputs: p50 ${quantile(l.samples, 0.5).toFixed(1)} ms, p95 ${quantile(l.samples, 0.95).toFixed(1)} ms (target p95 ≤ 16 ms)`,
        ]),
        `  live charts' script: ${kb(scriptBytes.raw)} raw, ${kb(scriptBytes.gzip)} gzip in ${chartScripts.length} file(s): ${chartScripts.map((p) => p.split('/').pop()).join(', ')}`,
        `  smallest chart text on screen: ${layout.smallestChartText.toFixed(1)} CSS px in ${layout.smallestIn} (target ≥ 11), over ${layout.pictures} pictures`,
        `  sideways overflow: ${layout.overflow} px; elements past the edge: ${layout.outside.length === 0 ? 'none' : layout.outside.join(', ')}`,
      ].join('\n'),
    );
  });
});
