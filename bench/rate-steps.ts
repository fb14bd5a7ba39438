import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser';
import { PHONE } from '../test/support/phone';
import { serveStatic } from '../test/support/serve';

/**
 * Serves `dist`, opens a phone-sized page (PHONE, no service worker) with a DevTools session, runs `measure` on it
 * and closes all of it, whatever `measure` does: the set-up both phone benches share.
 */
export async function onPhone(dist: string, measure: (page: Page, cdp: CDPSession, origin: string) => Promise<void>): Promise<void> {
  const site = await serveStatic(dist);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
    const page = await context.newPage();
    await measure(page, await context.newCDPSession(page), site.origin);
    await context.close();
  } finally {
    await browser.close();
    await site.close();
  }
}

/** The p-quantile of sorted values (nearest rank). */
export function quantile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

/**
 * Steps a live chart's rate slider across its range in the page, as the phone benches do: every 17th position
 * (mod its length), each input waiting for the chart's `chartupdate`, the first five left out as warm-up. Passed
 * whole to `page.evaluate`, so it uses nothing from outside itself.
 *
 * @returns Each counted step's time from the input event to the finished redraw (the event's `ms`).
 */
export async function stepRateSlider({ selector, steps, frameBetween }: { selector: string; steps: number; frameBetween: boolean }): Promise<number[]> {
  const root = document.querySelector(selector) as HTMLElement;
  const slider = root.querySelector('input[name="rate"]') as HTMLInputElement;
  const out: number[] = [];
  let index = 0;
  for (let i = 0; i < steps + 5; i++) {
    index = (index + 17) % (Number(slider.max) + 1);
    // A frame, then a task of its own, as a drag gives one input per frame (without: inputs back to back).
    if (frameBetween) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const done = new Promise<number>((resolve) => root.addEventListener('chartupdate', (e) => resolve((e as CustomEvent<{ ms: number }>).detail.ms), { once: true }));
    slider.value = String(index);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    const ms = await done;
    if (i >= 5) out.push(ms);
  }
  if (frameBetween) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return out;
}
