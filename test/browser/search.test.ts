import { describe, expect, test } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, watch } from '../support/browser';
import { projectRoot } from '../support/project';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';

/**
 * The header search box on the built site: the keyboard shortcut, lazy loading of Pagefind, results with titles
 * and excerpts in a listbox driven by the arrow keys, Enter and Esc. Service workers are blocked here so every
 * request is the page's own (the offline test covers search from the precache).
 */

const dist = join(projectRoot, 'dist');

serveSiteToBrowser(dist);

async function openPage(path: string, options: { colorScheme?: 'light' | 'dark' } = {}) {
  const context: BrowserContext = await browser.newContext({ serviceWorkers: 'block', ...options });
  const watched = watch(await context.newPage());
  const pagefindRequests: string[] = [];
  watched.page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/pagefind/')) pagefindRequests.push(request.url());
  });
  await watched.page.goto(site.origin + path, { waitUntil: 'load' });
  return { ...watched, context, pagefindRequests };
}

const input = (page: Page) => page.getByRole('combobox', { name: 'Search the course' });
const options = (page: Page) => page.getByRole('listbox', { name: 'Search results' }).getByRole('option');

async function search(page: Page, query: string) {
  await input(page).fill(query);
  await expect.poll(() => options(page).count(), { timeout: 30_000 }).toBeGreaterThan(0);
}

describe('the search box', () => {
  test('is in the header of every page', async () => {
    const pages: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = join(dir, entry);
        if (statSync(full).isDirectory()) walk(full);
        // The Review page's per-lesson question files are data it fetches (templates only, noindex), not pages; a
        // chart's data table page is the table alone, fetched into its lesson (or read there without JavaScript).
        else if (entry.endsWith('.html') && !/\/(pagefind|review\/questions|charts\/tables)\//.test(full)) pages.push(full);
      }
    };
    walk(dist);
    expect(pages.length).toBeGreaterThan(3);
    const { readFileSync } = await import('node:fs');
    for (const file of pages) expect(readFileSync(file, 'utf8'), file).toMatch(/<header class="site-header"[\s\S]*data-site-search[\s\S]*<\/header>/);
  });

  test('"/" and Ctrl+K work from the moment the page shows, before the search script has run', async () => {
    const context: BrowserContext = await browser.newContext({ serviceWorkers: 'block' });
    const { page, errors } = watch(await context.newPage());
    // Hold back the page's bundled scripts, as a slow phone does: only the HTML and <head> scripts arrive.
    const held: (() => void)[] = [];
    const continued: Promise<void>[] = [];
    let holding = true;
    await page.route('**/_astro/*.js', (route) => {
      if (!holding) return route.continue();
      continued.push(new Promise<void>((release) => held.push(release)).then(() => route.continue()));
    });
    await page.goto(`${site.origin}/math-for-ml/1.2.37/`, { waitUntil: 'commit' });
    await input(page).waitFor();
    await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await page.keyboard.press('/');
    await expect.poll(() => input(page).evaluate((el) => el === document.activeElement), { timeout: 30_000 }).toBe(true);
    await page.keyboard.type('gradient');
    await page.locator('body').focus();
    await page.keyboard.press('Control+K');
    await expect.poll(() => input(page).evaluate((el) => el === document.activeElement), { timeout: 30_000 }).toBe(true);
    expect(await input(page).inputValue()).toBe('gradient');
    // The search script arrives late and catches up with what was typed.
    holding = false;
    for (const release of held.splice(0)) release();
    // Every held request goes on before the test moves on (an unrouted one would be handled twice).
    await Promise.all(continued);
    await expect.poll(() => options(page).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('"/" focuses it, and Pagefind loads only then', async () => {
    const { page, errors, context, pagefindRequests } = await openPage('/math-for-ml/1.2.37/');
    // Every script of the page has run ('load'), and none asked for Pagefind.
    await page.waitForLoadState('networkidle');
    expect(pagefindRequests).toEqual([]);
    await page.keyboard.press('/');
    await expect.poll(() => input(page).evaluate((el) => el === document.activeElement), { timeout: 30_000 }).toBe(true);
    expect(await input(page).inputValue()).toBe('');
    await expect.poll(() => pagefindRequests.some((url) => url.endsWith('/pagefind/pagefind.js'))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('"condition number" leads to the curvature section, and its excerpt keeps the formulas', async () => {
    const { page, errors, context } = await openPage('/');
    await page.keyboard.press('/');
    await page.keyboard.type('condition number');
    await expect.poll(() => options(page).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const first = options(page).first();
    expect(await first.getAttribute('href')).toMatch(/^\/math-for-ml\/1\.2\.38\/#(curvature-sets-the-limit|many-parameters-the-hessian)$/);
    expect(await first.locator('.site-search-section').textContent()).toMatch(/Hessian|Curvature/);
    const excerpt = (await first.locator('.site-search-excerpt').textContent()) ?? '';
    expect(excerpt).toMatch(/[κλη]/);
    expect(excerpt).not.toMatch(/ ,|\( \)| is :/);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('Ctrl+K and Cmd+K focus it from anywhere', async () => {
    const { page, errors, context } = await openPage('/');
    for (const shortcut of ['Control+k', 'Meta+k']) {
      await page.locator('h1').click();
      await page.keyboard.press(shortcut);
      await expect.poll(() => input(page).evaluate((el) => el === document.activeElement)).toBe(true);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  test('results have titles and highlighted excerpts; arrows, Enter and Esc work', async () => {
    const { page, errors, context } = await openPage('/');
    await page.keyboard.press('/');
    await page.keyboard.type('learning rate');
    await expect.poll(() => options(page).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const count = await options(page).count();
    expect(await input(page).getAttribute('aria-expanded')).toBe('true');
    const first = options(page).first();
    expect(await first.locator('.site-search-title').textContent()).toMatch(/^1\.2\.\d+ \S/);
    expect(await first.locator('.site-search-excerpt mark').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-search-status]').textContent()).toMatch(/results? for “learning rate”/);

    await page.keyboard.press('ArrowDown');
    const firstId = await first.getAttribute('id');
    expect(await input(page).getAttribute('aria-activedescendant')).toBe(firstId);
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowUp');
    expect(await input(page).getAttribute('aria-activedescendant')).toBe(await options(page).nth(count - 1).getAttribute('id'));
    await page.keyboard.press('ArrowDown');
    expect(await input(page).getAttribute('aria-activedescendant')).toBe(firstId);

    await page.keyboard.press('Escape');
    expect(await input(page).getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('[data-search-popup]').isHidden()).toBe(true);
    expect(await input(page).inputValue()).toBe('learning rate');

    await page.keyboard.press('ArrowDown');
    expect(await input(page).getAttribute('aria-expanded')).toBe('true');
    const target = await first.getAttribute('href');
    await Promise.all([page.waitForURL(`**${target}`), page.keyboard.press('Enter')]);
    // A result opens the section that matched (its anchor), not only the page.
    const opened = new URL(page.url());
    expect(opened.pathname + opened.hash).toBe(target);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a lesson number finds that lesson first', async () => {
    const { page, errors, context } = await openPage('/');
    await page.keyboard.press('/');
    await search(page, '1.2.38');
    expect(await options(page).first().getAttribute('href')).toBe('/math-for-ml/1.2.38/');
    expect(await options(page).first().locator('.site-search-title').textContent()).toMatch(/^1\.2\.38 /);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a word in no lesson says so', async () => {
    const { page, errors, context } = await openPage('/');
    await page.keyboard.press('/');
    await input(page).fill('qqqzzz');
    await expect.poll(() => page.locator('[data-search-message]').textContent(), { timeout: 30_000 }).toBe('No results for “qqqzzz”.');
    expect(await options(page).count()).toBe(0);
    expect(await input(page).getAttribute('aria-expanded')).toBe('false');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a click on a result opens it', async () => {
    const { page, errors, context } = await openPage('/math-for-ml/');
    await input(page).click();
    await search(page, 'numerical differentiation');
    const target = await options(page).first().getAttribute('href');
    await Promise.all([page.waitForURL(`**${target}`), options(page).first().click()]);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`open results have zero axe violations (${colorScheme})`, async () => {
      const { page, errors, context } = await openPage('/math-for-ml/1.2.38/', { colorScheme });
      await page.keyboard.press('/');
      await search(page, 'gradient');
      await page.keyboard.press('ArrowDown');
      const violations = await axeViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
