import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { watch } from '../support/browser';
import { PHONE } from '../support/phone';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';
import { BOWL_RATES, BOWL_TRACES } from '../../src/charts/bowlExplorer';
import { EXPLORER_RATES, EXPLORER_TRACES } from '../../src/charts/explorer';

/**
 * The live charts' two canvases (src/client/charts/layered-renderer.ts): the frame under the moving marks, the same
 * size and in the same place; a rate step repaints the moving marks only, and they change; a change of the step
 * budget relabels the axis, so the frame is repainted too; a layout that moves repaints both.
 */

serveSiteToBrowser();

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000 });

/** What a live chart shows now: each canvas's size, place and a checksum of its pixels, and how often each layer was painted. */
function layers(page: Page, chart: string) {
  return page.evaluate((name) => {
    const root = document.querySelector(`course-live-chart[data-chart="${name}"]`) as HTMLElement & { chartView?: { _renderer?: { painted?: { frame: number; moving: number } } } };
    const canvases = [...root.querySelectorAll<HTMLCanvasElement>('.chart-live-view canvas')];
    const sum = (c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let s = 0;
      for (let i = 3; i < data.length; i += 4) s = (s * 31 + data[i]! * (i % 9973)) % 2147483647;
      return s;
    };
    return {
      canvases: canvases.map((c) => {
        const r = c.getBoundingClientRect();
        return { width: c.width, height: c.height, box: [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 10) / 10), pixels: sum(c), hidden: c.getAttribute('aria-hidden') };
      }),
      painted: { ...root.chartView!._renderer!.painted! },
    };
  }, chart);
}

/** Sets a control to the slider position and waits for the chart's redraw. */
function setControl(page: Page, chart: string, control: string, index: number) {
  return page.evaluate(
    ({ name, control, index }) => {
      const root = document.querySelector(`course-live-chart[data-chart="${name}"]`) as HTMLElement;
      const input = root.querySelector(`input[name="${control}"]`) as HTMLInputElement;
      const done = new Promise((resolve) => root.addEventListener('chartupdate', resolve, { once: true }));
      input.value = String(index);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return done.then(() => undefined);
    },
    { name: chart, control, index },
  );
}

/** A new page with the lesson, and `chart` in it scrolled to and live. */
async function liveChart(device: object, chart: string) {
  const context = await browser.newContext({ ...device, serviceWorkers: 'block' });
  const { page, errors } = watch(await context.newPage());
  await page.goto(`${site.origin}/math-for-ml/1.2.38/`, { waitUntil: 'load' });
  const live = page.locator(`course-live-chart[data-chart="${chart}"]`);
  await live.scrollIntoViewIfNeeded();
  await poll(() => live.getAttribute('data-live')).toBe('live');
  return { context, page, errors, live };
}

const sliderValue = (page: Page, chart: string, control: string) => page.locator(`course-live-chart[data-chart="${chart}"] input[name="${control}"]`).evaluate((i) => Number((i as HTMLInputElement).value));

describe.each([
  ['a phone (390 px)', { ...PHONE }],
  ['a desktop (1000 px)', { viewport: { width: 1000, height: 900 } }],
])('1.2.38 on %s: live charts on two canvases', (_, device) => {
  test.each(['x2-explorer', 'bowl-explorer', 'bowl-momentum-explorer'])('%s', async (chart) => {
    const { context, page, errors } = await liveChart(device, chart);

    const first = await layers(page, chart);
    expect(first.canvases).toHaveLength(2);
    const [frame, moving] = first.canvases;
    // The same pixels in the same place: the moving marks lie exactly over the frame.
    expect(moving!.width).toBe(frame!.width);
    expect(moving!.height).toBe(frame!.height);
    expect(moving!.box).toEqual(frame!.box);
    expect(first.canvases.map((c) => c.hidden)).toEqual(['true', 'true']);
    expect(frame!.pixels).not.toBe(0);
    expect(moving!.pixels).not.toBe(0);

    // One rate step: only the moving marks are repainted, and they show another run.
    const rate = await sliderValue(page, chart, 'rate');
    await setControl(page, chart, 'rate', rate - 1);
    const step = await layers(page, chart);
    expect(step.painted.frame).toBe(first.painted.frame);
    expect(step.painted.moving).toBeGreaterThan(first.painted.moving);
    expect(step.canvases[1]!.pixels).not.toBe(moving!.pixels);
    expect(step.canvases[0]!.pixels).toBe(frame!.pixels);

    // Another step budget relabels the loss panel's step axis: the frame is repainted, and differs.
    const steps = await sliderValue(page, chart, 'steps');
    await setControl(page, chart, 'steps', steps + 5);
    const budget = await layers(page, chart);
    expect(budget.painted.frame).toBeGreaterThan(step.painted.frame);
    expect(budget.canvases[0]!.pixels).not.toBe(frame!.pixels);
    expect(budget.canvases[1]!.box).toEqual(budget.canvases[0]!.box);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

/** Every dataset a chart's view holds, each tuple as its fields (Vega's own id left out). */
function datasets(page: Page, chart: string, names: readonly string[]) {
  return page.evaluate(
    ({ chart, names }) => {
      const root = document.querySelector(`course-live-chart[data-chart="${chart}"]`) as HTMLElement & { chartView: { data(name: string): object[] } };
      return Object.fromEntries(names.map((name) => [name, root.chartView.data(name).map((t) => ({ ...t }))]));
    },
    { chart, names },
  );
}

/** Toggles the theme twice, which draws the chart anew (a new view, its datasets filled from the current run). */
async function drawAnew(page: Page, chart: string) {
  for (let i = 0; i < 2; i++) {
    // The view drawn now, marked: a new one has no mark.
    await page.evaluate((name) => {
      (document.querySelector(`course-live-chart[data-chart="${name}"]`) as HTMLElement & { chartView: { drawn?: boolean } }).chartView.drawn = true;
    }, chart);
    await page.locator('[data-theme-toggle]').click();
    await poll(() => page.evaluate((name) => (document.querySelector(`course-live-chart[data-chart="${name}"]`) as HTMLElement & { chartView: { drawn?: boolean } }).chartView.drawn, chart)).toBeUndefined();
  }
}

/**
 * A chart updates its datasets in place (only the fields that changed: src/charts/row-edits.ts) and collapses inputs
 * that arrive while it draws into one more redraw: after any history of changes, including a burst of inputs faster
 * than it draws, it must hold exactly the data of a chart drawn anew for the same run, and as the faint trace the
 * run before.
 */
describe('1.2.38 on a phone (390 px): a live chart after a burst of inputs', () => {
  test.each([
    ['x2-explorer', EXPLORER_TRACES, EXPLORER_RATES],
    ['bowl-explorer', BOWL_TRACES, BOWL_RATES],
    ['bowl-momentum-explorer', BOWL_TRACES, BOWL_RATES],
  ] as const)('%s', async (chart, traces, rates) => {
    const { context, page, errors, live } = await liveChart(PHONE, chart);
    const max = await live.locator('input[name="rate"]').evaluate((i) => Number((i as HTMLInputElement).max));
    const runData: string[] = [...new Set(Object.values(traces))];
    // B then C: a slow rate, then one near the edge of stability (the runs differ in length and in every value).
    const [b, c] = [3, Math.round(max * 0.6)];

    // Every position, alternately from both ends (the longest and shortest runs, diverging ones), B last, without waiting.
    await page.evaluate(
      ({ name, last, max }) => {
        const root = document.querySelector(`course-live-chart[data-chart="${name}"]`) as HTMLElement;
        const input = root.querySelector('input[name="rate"]') as HTMLInputElement;
        root.addEventListener('chartupdate', (e) => (root.dataset.drawnRate = String((e as CustomEvent<{ settings: { rate: number } }>).detail.settings.rate)));
        const burst = Array.from({ length: max + 1 }, (_, i) => (i % 2 === 0 ? max - i / 2 : (i - 1) / 2)).filter((i) => i !== last);
        for (const index of [...burst, last]) {
          input.value = String(index);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
      },
      { name: chart, last: b, max },
    );
    // The last input wins: the chart comes to rest on B's run, the data a chart drawn anew for B holds.
    await poll(() => live.getAttribute('data-drawn-rate')).toBe(String(rates[b]));
    const regime = () => live.locator('[data-regime]').textContent();
    const burstEnd = await datasets(page, chart, runData);
    await drawAnew(page, chart);
    const atB = await datasets(page, chart, runData);
    expect(burstEnd).toEqual(atB);
    const regimeB = await regime();

    // Then C: the same data as C drawn anew, and B's run as the trace.
    await setControl(page, chart, 'rate', c);
    expect(await regime()).not.toBe(regimeB);
    const updated = await datasets(page, chart, [...runData, ...Object.keys(traces)]);
    for (const [trace, from] of Object.entries(traces)) expect(updated[trace]).toEqual(atB[from]);
    await drawAnew(page, chart);
    expect(await datasets(page, chart, runData)).toEqual(Object.fromEntries(runData.map((name) => [name, updated[name]])));
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
