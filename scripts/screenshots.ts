// Phone screenshots for the docs (docs/screenshots/phone/): 390 × 844 CSS px at device scale 2, light and dark, of a
// build-time chart (the first static figure on show in 1.2.38), the x² explorer and the momentum explorer once live, and the quiz's first
// question. Run after `npm run build`: `npm run screenshots` (SCREENSHOTS_DIR writes elsewhere). Debian's Chromium,
// the site served on 127.0.0.1 as the browser tests serve it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/browser.ts';
import { PHONE } from '../test/support/phone.ts';
import { projectRoot } from '../test/support/project.ts';
import { serveStatic } from '../test/support/serve.ts';

const out = process.env.SCREENSHOTS_DIR ?? join(projectRoot, 'docs', 'screenshots', 'phone');
const lesson = '/math-for-ml/1.2.38/';

/** What is photographed, by file name: the element, made ready (a live chart waits until it has woken). */
const views: Record<string, (page: Page) => Promise<Locator>> = {
  chart: async (page) => page.locator('figure.figure:has(svg.chart-svg):not(:has(course-live-chart)):visible').first(),
  explorer: (page) => liveChart(page, 'x2-explorer'),
  bowl: (page) => liveChart(page, 'bowl-momentum-explorer'),
  // The first question the quiz asks itself (those a section's check asked are a line linking to that check).
  quiz: async (page) => page.locator('section.quiz .quiz-questions > li:not(:has(.quiz-asked))').first(),
};

async function liveChart(page: Page, name: string): Promise<Locator> {
  const chart = page.locator(`course-live-chart[data-chart="${name}"]`);
  await chart.scrollIntoViewIfNeeded();
  await page.waitForFunction((n) => document.querySelector(`course-live-chart[data-chart="${n}"]`)?.getAttribute('data-live') === 'live', name, { timeout: 120_000 });
  return chart;
}

mkdirSync(out, { recursive: true });
const site = await serveStatic(join(projectRoot, 'dist'));
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
try {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ ...PHONE, deviceScaleFactor: 2, colorScheme, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(site.origin + lesson, { waitUntil: 'load' });
    // Blocks off screen are skipped (content-visibility: auto) and would be photographed before they are painted.
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('.lesson-body > *').forEach((el) => (el.style.contentVisibility = 'visible')));
    for (const [name, ready] of Object.entries(views)) {
      const target = await ready(page);
      await target.scrollIntoViewIfNeeded();
      const file = join(out, `${name}-390-${colorScheme}.png`);
      await target.screenshot({ path: file, animations: 'disabled' });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}
