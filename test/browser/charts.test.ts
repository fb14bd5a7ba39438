import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { BrowserContextOptions, Page, Response } from 'playwright-core';
import { axeViolations, watch } from '../support/browser';
import { projectRoot } from '../support/project';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';

const dist = join(projectRoot, 'dist');

serveSiteToBrowser(dist);

interface Opened {
  page: Page;
  errors: string[];
  /** Every JavaScript response the page itself received, with its text. */
  scripts: { url: string; text: Promise<string> }[];
  close(): Promise<void>;
}

/**
 * Opens a lesson in a fresh context. Service workers are blocked so that the requests seen
 * are the page's own (the offline worker precaches every asset on its own schedule).
 */
async function open(path: string, options: BrowserContextOptions = {}): Promise<Opened> {
  const context = await browser.newContext({ serviceWorkers: 'block', ...options });
  const { page, errors } = watch(await context.newPage());
  const scripts: Opened['scripts'] = [];
  page.on('response', (response: Response) => {
    if (response.request().resourceType() === 'script' || response.url().endsWith('.js')) {
      scripts.push({ url: response.url(), text: response.text().catch(() => '') });
    }
  });
  await page.goto(site.origin + path, { waitUntil: 'load' });
  return { page, errors, scripts, close: () => context.close() };
}

async function vegaScripts(scripts: Opened['scripts']): Promise<string[]> {
  const found: string[] = [];
  // A chart spec's `$schema` URL names Vega-Lite without being Vega: the explorer's tasks grade with the same pure spec module.
  for (const s of scripts) if (/vega/i.test((await s.text).replace(/https:\/\/vega\.github\.io\/schema\/[\w./-]*/g, ''))) found.push(s.url);
  return found;
}

const explorer = (page: Page) => page.locator('course-live-chart[data-chart="x2-explorer"]');

async function goLive(page: Page): Promise<void> {
  await explorer(page).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('course-live-chart')?.getAttribute('data-live') === 'live', null, { timeout: 30_000 });
}

/** Presses → on the rate slider until it says `learning rate <rate>`. */
async function slideRateTo(page: Page, rate: string): Promise<void> {
  const slider = explorer(page).locator('input[name="rate"]');
  await slider.focus();
  for (let i = 0; i < 80; i++) {
    if ((await slider.getAttribute('aria-valuetext')) === `learning rate ${rate}`) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`the slider never reached ${rate}`);
}

/** The live view's current rows of a dataset (the element exposes its Vega view). */
const liveData = (page: Page, name: string) =>
  explorer(page).evaluate((el, dataset) => (el as HTMLElement & { chartView?: { data(n: string): object[] } }).chartView?.data(dataset).map((r) => ({ ...r })), name);

/** The live canvases (the frame, the moving marks over it) as PNG data URLs: what the reader sees. */
const livePixels = (page: Page) => explorer(page).locator('.chart-live-view').evaluate((v) => [...v.querySelectorAll('canvas')].map((c) => c.toDataURL()).join(' '));

describe('charts rendered at build time', () => {
  test('1.2.37 shows its chart as inline SVG with a text alternative, and loads no Vega at all', async () => {
    // Linked to directly, so the figure is shown although it is the reveal of a prediction.
    const { page, errors, scripts, close } = await open('/math-for-ml/1.2.37/#figure-fig-descent-path');
    const picture = page.locator('#figure-fig-descent-path [role="img"]');
    await expect.poll(() => picture.count()).toBe(1);
    expect(await picture.getAttribute('aria-label')).toMatch(/^Gradient descent on f\(x\) = x² from x₀ = 10, η = 0\.1\. The parabola/);
    // The desktop form and the phone form; the desktop column shows the first.
    expect(await picture.locator('svg').count()).toBe(2);
    for (const svg of await picture.locator('svg').all()) expect(await svg.getAttribute('aria-hidden')).toBe('true');
    expect(await picture.locator('svg.chart-svg-wide').isVisible()).toBe(true);
    expect(await picture.locator('svg.chart-svg-narrow').isVisible()).toBe(false);
    // The text alternative: a folded table of the iterates. The page carries a link to the table's own page
    // (readable without JavaScript); opened, the table is fetched into place, in the same named, focusable region.
    const table = page.locator('#figure-fig-descent-path details.chart-data');
    const tablePage = await table.locator('.chart-data-link a').getAttribute('href');
    expect(tablePage).toMatch(/^\/charts\/tables\/x2-descent-path\.[0-9a-f]{12}\/$/);
    await expect(table.locator('table').count()).resolves.toBe(0);
    await table.locator('summary').click();
    expect(await table.locator('tbody tr').first().innerText()).toMatch(/^0\s+10\s+100/);
    await expect(table.locator('.chart-data-scroll[role="region"][tabindex="0"]').getAttribute('aria-label')).resolves.toMatch(/^Data table: Gradient descent/);
    const standalone = await page.context().newPage();
    await standalone.goto(site.origin + tablePage!, { waitUntil: 'load' });
    expect(await standalone.locator('tbody tr').first().innerText()).toMatch(/^0\s+10\s+100/);
    await standalone.close();
    // Scroll through the whole page: nothing lazy may wake up either.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(await page.locator('course-live-chart').count()).toBe(0);
    expect(await vegaScripts(scripts)).toEqual([]);
    expect(scripts.map((s) => s.url).filter((u) => /LiveChart|explorer/.test(u))).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('every live chart of 1.2.38 wakes from its build-compiled Vega dataflow and expression functions: Vega is loaded, Vega-Lite’s compiler never', async () => {
    const { page, errors, scripts, close } = await open('/math-for-ml/1.2.38/');
    const specs: string[] = [];
    page.on('request', (request) => {
      if (/\.(vega\.json|expr\.js)$/.test(request.url())) specs.push(new URL(request.url()).pathname);
    });
    for (const name of ['x2-explorer', 'bowl-explorer', 'bowl-momentum-explorer']) {
      const chart = page.locator(`course-live-chart[data-chart="${name}"]`);
      await chart.scrollIntoViewIfNeeded();
      await expect.poll(() => chart.getAttribute('data-live'), { timeout: 30_000 }).toBe('live');
      // The frame and the moving marks over it (src/client/charts/layered-renderer.ts).
      expect(await chart.locator('.chart-live-view canvas').count()).toBe(2);
      // Drawn and redrawn with the build's functions: not one expression left for the interpreter.
      const rate = chart.locator('output[name="rate-value"]');
      const before = await rate.textContent();
      await chart.locator('input[name="rate"]').focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => rate.textContent()).not.toBe(before);
      const use = await chart.evaluate((el) => {
        const host = el as HTMLElement & { chartExpressions?: { missed: string[] } };
        return host.chartExpressions?.missed;
      });
      expect(use).toEqual([]);
    }
    expect(specs.map((p) => p.replace(/\.[0-9a-f]{12}\./, '.')).sort()).toEqual([
      '/charts/bowl-explorer.expr.js',
      '/charts/bowl-explorer.vega.json',
      '/charts/bowl-momentum-explorer.expr.js',
      '/charts/bowl-momentum-explorer.vega.json',
      '/charts/x2-explorer.expr.js',
      '/charts/x2-explorer.vega.json',
    ]);
    expect((await vegaScripts(scripts)).length).toBeGreaterThan(0);
    // A message only Vega-Lite's compiler carries (its encoding checks).
    const texts = await Promise.all(scripts.map(async (s) => ({ url: s.url, vegaLite: (await s.text).includes('Invalid field type') })));
    expect(texts.filter((t) => t.vegaLite).map((t) => t.url)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('chart markup carries no inline style attributes (a strict CSP may forbid them)', async () => {
    const { page, close } = await open('/math-for-ml/1.2.38/');
    expect(await page.locator('.chart [style], .chart-picture[style], course-live-chart [style]').count()).toBe(0);
    await close();
  });
});

describe('the live x² explorer on 1.2.38', () => {
  test('first paint is the build-time SVG; Vega loads only when the chart nears the viewport, without shifting the page', async () => {
    const { page, errors, scripts, close } = await open('/math-for-ml/1.2.38/');
    expect(await explorer(page).getAttribute('data-live')).toBe('idle');
    expect(await explorer(page).locator('input[name="rate"]').isDisabled()).toBe(true);
    expect(await vegaScripts(scripts)).toEqual([]);
    const before = await explorer(page).locator('[data-chart-picture]').boundingBox();
    await goLive(page);
    const after = await explorer(page).locator('[data-chart-picture]').boundingBox();
    expect(after?.width).toBe(before?.width);
    expect(after?.height).toBe(before?.height);
    // Vega (a chunk the bowl explorers share) and the explorer: loaded now, not before.
    expect((await vegaScripts(scripts)).length).toBeGreaterThan(0);
    expect(await explorer(page).locator('input[name="rate"]').isDisabled()).toBe(false);
    // The live view lies exactly over the space the build-time SVG reserved.
    const view = await explorer(page).locator('.chart-live-view canvas:not(.marks-moving)').boundingBox();
    expect(view?.width).toBeCloseTo(after?.width ?? 0, 0);
    expect(view?.height).toBeCloseTo(after?.height ?? 0, 0);
    expect(errors).toEqual([]);
    await close();
  });

  test('moving the rate past 1.0 by keyboard turns the regime text to divergence and changes the chart’s data', async () => {
    const { page, errors, close } = await open('/math-for-ml/1.2.38/');
    await goLive(page);
    const regime = explorer(page).locator('[data-regime]');
    expect(await regime.getAttribute('aria-live')).toBe('polite');
    expect(await regime.textContent()).toMatch(/^Converges from one side/);

    await slideRateTo(page, '1');
    await expect.poll(() => regime.textContent()).toMatch(/^Stuck: η = 2\/λ = 1\.0 exactly/);
    expect(await explorer(page).locator('output[name="rate-value"]').textContent()).toBe('1');
    const iteratesAtLimit = await liveData(page, 'iterates');
    expect((iteratesAtLimit ?? []).slice(0, 3).map((r) => (r as { x: number }).x)).toEqual([10, -10, 10]);
    expect(await liveData(page, 'lossEnds')).toEqual([]);
    const pixelsAtLimit = await livePixels(page);

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => regime.textContent()).toMatch(/^Diverges: rate above 2\/λmax = 1\.0/);
    expect(await explorer(page).locator('input[name="rate"]').getAttribute('aria-valuetext')).toBe('learning rate 1.1');
    expect(await explorer(page).locator('output[name="rate-value"]').textContent()).toBe('1.1');
    // New data in place: x zig-zags outwards, and both panels end with a divergence marker.
    const iterates = (await liveData(page, 'iterates')) as { x: number }[];
    expect(iterates.slice(0, 3).map((r) => Number(r.x.toFixed(9)))).toEqual([10, -12, 14.4]);
    expect(await liveData(page, 'lossEnds')).toEqual([expect.objectContaining({ kind: 'diverged', text: 'diverges' })]);
    expect(await liveData(page, 'pathEnds')).toEqual([expect.objectContaining({ text: 'diverges' })]);
    expect(await livePixels(page)).not.toBe(pixelsAtLimit);
    // The label follows once the redraw is done (in idle time, not inside it).
    await expect.poll(() => explorer(page).locator('[data-chart-picture]').getAttribute('aria-label')).toMatch(/learning rate 1\.1 .*Verdict: diverges\./);
    // The data table is a link until opened; its page holds the first state's rows (x₃ = 10 × 0.8³ = 5.12 at
    // η = 0.1), and once in place it shows the current run's: every 4th of the 50 steps, x₄ = 10 × 1.2⁴ = 20.74 at η = 1.1.
    const table = explorer(page).locator('details.chart-data');
    expect(await table.locator('table').count()).toBe(0);
    const tablePage = await table.locator('.chart-data-link a').getAttribute('href');
    expect(tablePage).toMatch(/^\/charts\/tables\/x2-explorer\.[0-9a-f]{12}\/$/);
    await table.locator('summary').click();
    await expect.poll(() => table.locator('tbody tr').nth(1).locator('th, td').allTextContents()).toEqual(['4', '20.74', '430']);
    // Later changes rewrite the rows in place.
    await page.locator('course-live-chart[data-chart="x2-explorer"] input[name="rate"]').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => table.locator('tbody tr').nth(1).locator('th, td').allTextContents()).not.toEqual(['4', '20.74', '430']);
    expect(errors).toEqual([]);
    await close();
  });

  test('the other controls are labelled, keyboard-operable and show their value', async () => {
    const { page, errors, close } = await open('/math-for-ml/1.2.38/');
    await goLive(page);
    const chart = explorer(page);
    for (const name of ['rate', 'start', 'steps', 'optimizer', 'schedule']) {
      const control = chart.locator(`[name="${name}"]`);
      const id = await control.getAttribute('id');
      expect(await chart.locator(`label[for="${id}"]`).count(), name).toBe(1);
    }
    await chart.locator('input[name="steps"]').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => chart.locator('output[name="steps-value"]').textContent()).toBe('45');
    await chart.locator('select[name="optimizer"]').selectOption('momentum');
    await expect.poll(() => chart.locator('[data-regime]').textContent()).not.toMatch(/^Converges from one side/);
    expect(errors).toEqual([]);
    await close();
  });

  test('the canvas follows the theme toggle: ink is the page’s text colour', async () => {
    const { page, errors, close } = await open('/math-for-ml/1.2.38/', { colorScheme: 'light' });
    await goLive(page);
    const light = await livePixels(page);
    await page.locator('[data-theme-toggle]').click();
    await expect.poll(() => livePixels(page)).not.toBe(light);
    expect(errors).toEqual([]);
    await close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds nothing once the chart is live (${colorScheme})`, async () => {
      const { page, errors, close } = await open('/math-for-ml/1.2.38/', { colorScheme });
      await goLive(page);
      await slideRateTo(page, '1.1');
      await expect.poll(() => explorer(page).locator('[data-regime]').textContent()).toMatch(/^Diverges/);
      const violations = await axeViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    });
  }

  test('works under a Content-Security-Policy without unsafe-eval or inline styles', async () => {
    const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.route('**/math-for-ml/1.2.38/', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
    });
    await page.addInitScript(() => {
      const seen: { directive: string; source: string; blocked: string }[] = [];
      (window as unknown as { cspViolations: typeof seen }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push({ directive: e.violatedDirective, source: e.sourceFile, blocked: e.blockedURI }));
    });
    await page.goto(`${site.origin}/math-for-ml/1.2.38/`);
    await goLive(page);
    await slideRateTo(page, '1.1');
    await expect.poll(() => explorer(page).locator('[data-regime]').textContent()).toMatch(/^Diverges/);
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: { directive: string; source: string; blocked: string }[] }).cspViolations);
    // The document's own markup may carry style attributes (Temml's display formulas, Shiki); no script may eval or inject styles.
    expect(violations.filter((v) => v.directive.startsWith('script-src') || v.blocked === 'eval' || v.source.endsWith('.js'))).toEqual([]);
    await context.close();
  });
});
