// Lesson pages on a phone: chart text legible (11 CSS px or more) and nothing wider than the screen,
// at 320 and 390 px, before and after the live chart wakes; the explorer's controls fit and work by touch.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, watch } from '../support/browser';
import { PHONE, phoneLayout } from '../support/phone';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';

serveSiteToBrowser();

async function openPhone(path: string, width: number): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ ...PHONE, viewport: { width, height: 844 }, serviceWorkers: 'block' });
  const { page, errors } = watch(await context.newPage());
  await page.goto(site.origin + path, { waitUntil: 'load' });
  return { page, errors, close: () => context.close() };
}

const explorer = (page: Page) => page.locator('course-live-chart[data-chart="x2-explorer"]');

describe.each([320, 390])('at %i px', (width) => {
  test.each(['/math-for-ml/1.2.37/', '/math-for-ml/1.2.38/', '/math-for-ml/1.2.39/'])('%s: chart text at least 11 px, nothing past the screen edge', async (path) => {
    const { page, errors, close } = await openPhone(path, width);
    // The page as a learner sees it once every prediction is checked: the runs a Predict hides are charts too.
    await page.evaluate(() => document.querySelectorAll('course-predict').forEach((p) => p.setAttribute('data-revealed', '')));
    const layout = await phoneLayout(page);
    // Every chart on the page was measured, in one of its forms.
    expect(layout.pictures).toBe(await page.locator('[data-chart-picture]:visible').count());
    expect(layout.pictures).toBeGreaterThan(0);
    expect(layout.smallestChartText, `smallest text in ${layout.smallestIn}`).toBeGreaterThanOrEqual(11);
    // No chart text cut off at the picture's edge (1.2.38's schedules named a panel wider than a phone's plot).
    expect(layout.clippedText).toEqual([]);
    expect(layout.outside).toEqual([]);
    expect(layout.overflow).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  test.each(['/math-for-ml/1.2.37/', '/math-for-ml/1.2.38/', '/math-for-ml/1.2.39/'])('%s: display formulas that scroll sideways are keyboard stops; no axe violations', async (path) => {
    const { page, errors, close } = await openPhone(path, width);
    // Laid out in full (content-visibility: auto would report placeholder widths), as scrolling through it would.
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('.lesson-body > *').forEach((el) => (el.style.contentVisibility = 'visible')));
    const formulas = await page.locator('.math-display').evaluateAll((all) =>
      all.map((el) => ({ scrolls: el.scrollWidth > el.clientWidth, focusable: el.getAttribute('tabindex') === '0', label: el.getAttribute('aria-label') })),
    );
    expect(formulas.length).toBeGreaterThan(0);
    for (const formula of formulas) expect(formula).toMatchObject({ focusable: true, label: 'Formula' });
    // The case this guards: at 320 px 1.2.38 has display formulas wider than the screen.
    if (width === 320 && path.includes('1.2.38')) expect(formulas.some((f) => f.scrolls)).toBe(true);
    // Tables scroll sideways too (1.2.38 has one wider than 320 px): each is a keyboard stop.
    expect(await page.locator('.lesson-body > table:not([tabindex="0"])').count()).toBe(0);
    // The charts' data tables are checked open, as a learner who unfolds them sees them.
    await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>('details.chart-data').forEach((d) => (d.open = true)));
    // A chart drawn at build links to its table's own page; opened, the table is fetched into place (ChartTable.astro).
    await page.waitForFunction(() => [...document.querySelectorAll('details[data-table-src]')].every((d) => d.querySelector('table')));
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});

describe.each([320, 390])('every live explorer awake at %i px', (width) => {
  test('draws its text at 11 px or more, nothing past the screen edge', async () => {
    const { page, errors, close } = await openPhone('/math-for-ml/1.2.38/', width);
    for (const name of ['x2-explorer', 'bowl-explorer', 'bowl-momentum-explorer']) {
      const chart = page.locator(`course-live-chart[data-chart="${name}"]`);
      await chart.scrollIntoViewIfNeeded();
      await expect.poll(() => chart.getAttribute('data-live'), { timeout: 60_000 }).toBe('live');
    }
    const layout = await phoneLayout(page);
    // The live canvases are measured in place of their pictures: none is scaled below the theme's 11 px.
    expect(await page.locator('.chart-live-view').count()).toBe(3);
    // Each on two canvases, the moving marks over the frame (src/client/charts/layered-renderer.ts).
    expect(await page.locator('.chart-live-view canvas.marks-moving').count()).toBe(3);
    expect(layout.smallestChartText, `smallest text in ${layout.smallestIn}`).toBeGreaterThanOrEqual(11);
    expect(layout.outside).toEqual([]);
    expect(layout.overflow).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('the explorer on a phone (390 px)', () => {
  test('wakes in its phone form, controls fit and are thumb-sized; + and − step the rate', async () => {
    const { page, errors, close } = await openPhone('/math-for-ml/1.2.38/', 390);
    await explorer(page).scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('course-live-chart')?.getAttribute('data-live') === 'live', null, { timeout: 30_000 });
    // The live view draws the phone form: its canvas is not scaled down.
    const layout = await phoneLayout(page);
    expect(layout.smallestChartText).toBeGreaterThanOrEqual(11);
    expect(layout.outside).toEqual([]);
    for (const target of await explorer(page).locator('button, input, select').all()) {
      const box = await target.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    }
    const value = explorer(page).locator('output[name="rate-value"]');
    expect(await value.textContent()).toBe('0.1');
    await explorer(page).getByRole('button', { name: 'Learning rate η: one step more' }).tap();
    await expect.poll(() => value.textContent()).toBe('0.11');
    await explorer(page).getByRole('button', { name: 'Learning rate η: one step less' }).tap();
    await explorer(page).getByRole('button', { name: 'Learning rate η: one step less' }).tap();
    await expect.poll(() => value.textContent()).toBe('0.09');
    expect(await explorer(page).locator('input[name="rate"]').getAttribute('aria-valuetext')).toBe('learning rate 0.09');
    expect(errors).toEqual([]);
    await close();
  });

  test('turning the phone to landscape swaps the live view to the desktop form', async () => {
    const { page, errors, close } = await openPhone('/math-for-ml/1.2.38/', 390);
    await explorer(page).scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('course-live-chart')?.getAttribute('data-live') === 'live', null, { timeout: 30_000 });
    const canvasWidth = () => explorer(page).locator('.chart-live-view canvas:not(.marks-moving)').evaluate((c) => parseFloat((c as HTMLCanvasElement).style.width));
    const narrow = await canvasWidth();
    expect(narrow).toBeLessThanOrEqual(280);
    // The live view is laid out as the picture it covers: the same natural size, so nothing is cut off or squeezed.
    const sizes = () =>
      explorer(page).evaluate((root) => {
        const canvas = root.querySelector<HTMLCanvasElement>('.chart-live-view canvas:not(.marks-moving)')!;
        const shown = [...root.querySelectorAll<SVGSVGElement>('svg.chart-svg')].find((svg) => getComputedStyle(svg).display !== 'none')!;
        return { canvas: `${parseFloat(canvas.style.width)}x${parseFloat(canvas.style.height)}`, picture: `${shown.getAttribute('width')}x${shown.getAttribute('height')}` };
      });
    const phone = await sizes();
    expect(phone.canvas).toBe(phone.picture);
    await page.setViewportSize({ width: 1000, height: 700 });
    await expect.poll(canvasWidth, { timeout: 60_000 }).toBeGreaterThan(500);
    const desktop = await sizes();
    expect(desktop.canvas).toBe(desktop.picture);
    expect(errors).toEqual([]);
    await close();
  });
});
