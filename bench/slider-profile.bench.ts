// Where a live chart's slider change spends its time on a phone (390 px, CPU 4× slower), in a form that holds up on a
// busy machine: each rate change is dispatched in a task of its own after a frame, and Chromium's trace gives that
// task's thread CPU time (not stretched by other processes, nor by the 4× throttle, which suspends the thread) and the
// next frame's style, layout and paint. The phone bench's wall-clock p95 (phone.bench.ts) is the target; on a loaded
// machine it mostly measures the load. With SLIDER_PROFILE=dir, a CPU profile of the changes per chart is written there.
// Run: SLIDER_BENCH=1 npx vitest bench --run --project "bench (bench)" bench/slider-profile.bench.ts (after a build;
// PHONE_BENCH_DIST for another build, CHARTS=a,b for some charts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import { projectRoot } from '../test/support/project';
import { onPhone, quantile, stepRateSlider } from './rate-steps';

const dist = process.env.PHONE_BENCH_DIST ?? join(projectRoot, 'dist');
const charts = (process.env.CHARTS ?? 'x2-explorer,bowl-explorer,bowl-momentum-explorer').split(',');
const profileDir = process.env.SLIDER_PROFILE;
// CPU time is measured best unthrottled (DevTools' throttle keeps the thread busy while it holds it back): ×4 is the phone.
const SLOWDOWN = Number(process.env.SLOWDOWN ?? 1);

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; tid: number; args?: { data?: { type?: string } } }

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${quantile(sorted, 0.5).toFixed(1)} p95 ${quantile(sorted, 0.95).toFixed(1)} max ${quantile(sorted, 1).toFixed(1)} ms`;
};

test.skipIf(!process.env.SLIDER_BENCH)(`slider changes of the live charts, CPU time (${dist})`, { timeout: 600_000 }, async () => {
  await onPhone(dist, async (page, cdp, origin) => {
    await page.goto(`${origin}/math-for-ml/1.2.38/`, { waitUntil: 'load' });
    const lines: string[] = [`slider changes, CPU ${SLOWDOWN}× slower: thread CPU time of each change's task and of the frame after it; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${dist}`];
    for (const chart of charts) {
      const selector = `course-live-chart[data-chart="${chart}"]`;
      await page.locator(selector).scrollIntoViewIfNeeded();
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-live') === 'live', selector, { timeout: 120_000 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
      const events: TraceEvent[] = [];
      const collect = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
      cdp.on('Tracing.dataCollected', collect);
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.start', { categories: 'toplevel,blink,devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
      if (profileDir) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      const wall = await page.evaluate(stepRateSlider, { selector, steps: 40, frameBetween: true });
      if (profileDir) {
        const { profile } = await cdp.send('Profiler.stop');
        mkdirSync(profileDir, { recursive: true });
        writeFileSync(join(profileDir, `${chart}.cpuprofile`), JSON.stringify(profile));
      }
      await cdp.send('Tracing.end');
      await complete;
      cdp.off('Tracing.dataCollected', collect);
      if (SLOWDOWN !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      // The renderer's main thread: the one that dispatched the input events.
      const inputs = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input');
      const main = inputs[0]?.tid;
      const tasks = events.filter((e) => e.tid === main && e.name === 'RunTask' && e.ph === 'X' && e.tdur !== undefined).sort((a, b) => a.ts - b.ts);
      const frames = events.filter((e) => e.tid === main && e.ph === 'X' && e.name === 'WebFrameWidgetImpl::UpdateLifecycle' && e.tdur !== undefined);
      const change: number[] = [];
      const frame: number[] = [];
      const forced: number[] = [];
      const styleAndLayout = events.filter((e) => e.tid === main && e.ph === 'X' && (e.name === 'UpdateLayoutTree' || e.name === 'Layout'));
      for (const input of inputs.slice(5)) {
        const task = tasks.find((t) => t.ts <= input.ts && input.ts < t.ts + (t.dur ?? 0));
        if (!task) continue;
        change.push((task.tdur ?? 0) / 1000);
        // Style and layout the change's own script forced (a frame brings them up to date anyway, once).
        forced.push(styleAndLayout.filter((e) => e.ts >= task.ts && e.ts < task.ts + (task.dur ?? 0)).reduce((sum, e) => sum + (e.tdur ?? e.dur ?? 0) / 1000, 0));
        const next = frames.find((f) => f.ts >= task.ts + (task.dur ?? 0));
        frame.push(((next?.tdur ?? 0) + 0) / 1000);
      }
      lines.push(`  ${chart}: change task ${summary(change)}, of which forced style and layout ${summary(forced)}; next frame's lifecycle ${summary(frame)}; wall clock input → drawn ${summary(wall)}`);
    }
    console.log(lines.join('\n'));
  });
});
