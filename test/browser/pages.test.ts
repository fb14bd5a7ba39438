import { describe, expect, test } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { axeViolations, watch } from '../support/browser';
import { projectRoot } from '../support/project';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';

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

serveSiteToBrowser(dist);

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

describe('a long lesson renders only what is near the viewport (content-visibility)', () => {
  const lesson = '/math-for-ml/1.2.38/';

  test('below the fold, blocks are skipped: most of the page is not rendered on load', async () => {
    const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
    await page.goto(site.origin + lesson, { waitUntil: 'load' });
    const { all, rendered } = await page.evaluate(() => {
      // Quiz forms and their choices are never skipped (axe reads them), so the share is of everything else.
      const elements = [...document.body.getElementsByTagName('*')].filter((e) => !e.closest('form'));
      return { all: elements.length, rendered: elements.filter((e) => e.checkVisibility({ contentVisibilityAuto: true })).length };
    });
    expect(all).toBeGreaterThan(3000);
    // 718 of 4,442 measured at 412 px since math is MathML only (872 of 12,039 with KaTeX's HTML): a fifth leaves room
    // for a longer first screen, not for skipping nothing.
    expect(rendered).toBeLessThan(all / 5);
    // Still in the document for find-in-page, screen readers and the search index.
    // (Its phone form inline, its desktop form drawn from /charts/ by <use>.)
    expect(await page.locator('#figure-fig-range-test svg.chart-svg-narrow').count()).toBe(1);
    expect(await page.locator('#figure-fig-range-test svg.chart-svg-wide use').count()).toBe(1);
    await page.close();
  });

  test('anchors and the table of contents put their target at the top, at phone and desktop widths', async () => {
    for (const width of [412, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      for (const id of ['exercise-1-2-38-5', 'figure-fig-range-test', 'adaptive-methods', 'quiz-1-2-38-title']) {
        await page.goto(`${site.origin}${lesson}#${id}`, { waitUntil: 'load' });
        await expect.poll(() => page.evaluate((i) => Math.round(document.getElementById(i)!.getBoundingClientRect().top), id), { timeout: 3000 }).toBeLessThanOrEqual(16);
        // Not scrolled past: a pixel above the top is sub-pixel layout (blocks above resolving their sizes), not a hidden heading.
        expect(await page.evaluate((i) => document.getElementById(i)!.getBoundingClientRect().top, id), `${width}px #${id}`).toBeGreaterThanOrEqual(-2);
      }
      await page.goto(site.origin + lesson, { waitUntil: 'load' });
      for (const hash of ['#finding-a-rate-the-range-test', '#exercises', '#curvature-sets-the-limit']) {
        await page.evaluate(() => scrollTo(0, 0));
        await page.locator(`.toc a[href="${hash}"]`).click();
        await expect.poll(() => page.evaluate((h) => Math.round(document.querySelector(h)!.getBoundingClientRect().top), hash), { timeout: 3000 }).toBe(16);
      }
      await page.close();
    }
  });

  test('at phone width, no text of a skipped block reads to axe as sitting on a dark button (contrast)', async () => {
    // A skipped block is as tall as its estimate; text taller than that overflows it for a checker.
    for (const path of ['/math-for-ml/1.2.37/', lesson, '/math-for-ml/1.2.39/']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, colorScheme });
        const page = await context.newPage();
        await page.goto(site.origin + path, { waitUntil: 'load' });
        const contrast = (await axeViolations(page)).filter((v) => v.id === 'color-contrast');
        expect(contrast, `${path} ${colorScheme}: ${JSON.stringify(contrast, null, 2)}`).toEqual([]);
        await context.close();
      }
    }
  });

  test('a block, once shown, has the size it has without skipping (margins, floating margin notes)', async () => {
    for (const width of [412, 1280]) {
      const heights = async (skipping: boolean) => {
        const page = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
        await page.goto(site.origin + lesson, { waitUntil: 'load' });
        if (!skipping) await page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
        await page.evaluate(() => document.fonts.ready);
        // Scroll through, so that every block is rendered once and keeps its real size.
        for (let y = 0; y < (await page.evaluate(() => document.documentElement.scrollHeight)); y += 600) {
          await page.evaluate((top) => scrollTo(0, top), y);
          // Two animation frames: the block scrolled into view has been laid out and painted.
          await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        }
        const sizes = await page.evaluate(() =>
          [...document.querySelectorAll('.lesson-body > *, .lesson > *, .quiz-questions > li')].map((e) => {
            const box = e.getBoundingClientRect();
            return `${e.tagName.toLowerCase()}.${e.classList[0] ?? ''} ${Math.round(box.width)}×${Math.round(box.height)}`;
          }),
        );
        await page.close();
        return sizes;
      };
      expect(await heights(true), `${width}px`).toEqual(await heights(false));
    }
  });
});
