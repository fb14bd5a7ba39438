import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, watch } from '../support/browser';
import { serveStatic, type StaticSite } from '../support/serve';
import { projectRoot } from '../support/project';

const dist = join(projectRoot, 'dist');

/** Every page the build wrote, as the URL path a learner opens. */
function pagesOf(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== '_astro') out.push(...pagesOf(full));
    } else if (entry === 'index.html') {
      out.push(`/${relative(dist, dir)}/`.replace(/\/+/g, '/'));
    }
  }
  return out.sort();
}

let site: StaticSite;
let browser: Browser;

beforeAll(async () => {
  site = await serveStatic(dist);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('every page of the built site', () => {
  const pages = pagesOf(dist);

  test('the site has the course home, the index and the three lessons', () => {
    expect(pages).toEqual(expect.arrayContaining(['/', '/math-for-ml/', '/math-for-ml/1.2.37/', '/math-for-ml/1.2.38/', '/math-for-ml/1.2.39/']));
  });

  for (const path of pages) {
    test(`${path} loads without console errors and with zero axe violations`, async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ colorScheme });
        const { page, errors } = watch(await context.newPage());
        const response = await page.goto(site.origin + path, { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        expect(await page.locator('h1').count()).toBe(1);
        const violations = await axeViolations(page);
        expect(violations, `${colorScheme}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
        expect(errors, colorScheme).toEqual([]);
        await context.close();
      }
    });
  }
});

describe('lesson navigation', () => {
  test('prerequisites, next lesson and prev/next links lead to real lessons', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/math-for-ml/1.2.38/`);
    await page.getByRole('link', { name: /1\.2\.37/ }).first().click();
    await page.waitForURL('**/1.2.37/');
    await page.locator('a[rel="next"]').click();
    await page.waitForURL('**/1.2.38/');
    await page.locator('.next-lesson a').click();
    await page.waitForURL('**/1.2.39/');
    expect(await page.locator('h1').textContent()).toMatch(/Numerical differentiation/i);
    await page.close();
  });

  test('the table of contents links to headings that exist', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/math-for-ml/1.2.38/`);
    const targets = await page.locator('.toc a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).hash.slice(1)));
    expect(targets.length).toBeGreaterThan(3);
    for (const id of targets) expect(await page.locator(`[id="${id}"]`).count(), id).toBe(1);
    await page.close();
  });

  test('the theme toggle switches to dark and the choice survives a reload', async () => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${site.origin}/math-for-ml/1.2.37/`);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    expect(await background()).not.toBe(light);
    await page.reload();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('true');
    await context.close();
  });
});

describe('homework checklist', () => {
  test('ticks are kept across a reload, by keyboard', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.origin}/math-for-ml/1.2.38/`);
    const boxes = page.locator('[data-homework] input[type="checkbox"]');
    expect(await boxes.count()).toBeGreaterThan(1);
    await boxes.nth(1).focus();
    await page.keyboard.press('Space');
    expect(await boxes.nth(1).isChecked()).toBe(true);
    await page.reload();
    expect(await boxes.nth(1).isChecked()).toBe(true);
    expect(await boxes.nth(0).isChecked()).toBe(false);
    await boxes.nth(1).uncheck();
    await page.reload();
    expect(await boxes.nth(1).isChecked()).toBe(false);
    await context.close();
  });
});
