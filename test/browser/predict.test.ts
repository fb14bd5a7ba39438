import { describe, expect, test } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { axeViolations, watch } from '../support/browser';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';

/**
 * Predict, then see (Predict.astro): in each lesson the learner commits a guess, checks it, and
 * only then sees the run. Every task of 1.2.38 is done here, some by mouse and some by keyboard,
 * a wrong guess included; answers survive a reload and the page has no axe violations.
 * With SHOTS_DIR set, each task is photographed before and after the reveal.
 */

const shots = process.env.SHOTS_DIR;
/** Waits for a state, with room for a machine whose cores are busy (loading Vega can take seconds). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000 });
if (shots) mkdirSync(shots, { recursive: true });

serveSiteToBrowser();

const formId = (lesson: string, question: string) => `#check-${lesson.replace(/\./g, '-')}-${question}`;
const task = (page: Page, lesson: string, question: string) => page.locator(`course-predict:has(${formId(lesson, question)})`);
const reveal = (block: Locator) => block.locator(':scope > [data-reveal]');

async function shoot(block: Locator, name: string) {
  if (!shots) return;
  // Blocks far from the viewport are skipped by content-visibility until near: bring the block
  // in and let two frames render it before the picture.
  // A block taller than the viewport is photographed through a viewport as tall as it.
  const page = block.page();
  const viewport = page.viewportSize()!;
  const height = Math.ceil((await block.boundingBox())!.height) + 40;
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  await block.scrollIntoViewIfNeeded();
  await block.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await block.screenshot({ path: join(shots, `${name}.png`) });
  await page.setViewportSize(viewport);
}

/** Focus the block as a keyboard user arriving at it would (jumping by heading, then Tab). */
async function focusBefore(block: Locator) {
  await block.evaluate((el: HTMLElement) => {
    el.tabIndex = -1;
    el.focus();
  });
}

async function tabTo(page: Page, selector: string) {
  for (let presses = 0; presses < 60; presses++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function expectHidden(block: Locator) {
  await poll(() => block.getAttribute('data-revealed')).toBeNull();
  await expect(reveal(block).isHidden()).resolves.toBe(true);
  await expect(block.locator('[data-predict-waiting]').isVisible()).resolves.toBe(true);
}

async function expectRevealed(block: Locator) {
  await poll(() => block.getAttribute('data-revealed')).toBe('');
  await expect(reveal(block).isVisible()).resolves.toBe(true);
  await expect(block.locator('[data-predict-waiting]').isHidden()).resolves.toBe(true);
}

describe('1.2.38: predict, then see', () => {
  test('every task, by mouse and by keyboard: the run stays hidden until a guess is checked', async () => {
    const L = '1.2.38';
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const { page, errors } = watch(await context.newPage());
    await page.goto(`${site.origin}/math-for-ml/${L}/`, { waitUntil: 'load' });
    const blocks = page.locator('course-predict');
    await expect(blocks.count()).resolves.toBe(5);

    // 1. Best of three rates, by mouse.
    const best = task(page, L, 'predict-best-of-three');
    await best.scrollIntoViewIfNeeded();
    await expectHidden(best);
    await expect(reveal(best).locator('#figure-fig-loss-curves, [id$="fig-loss-curves"]').count()).resolves.toBeGreaterThan(0);
    await shoot(best, '1.2.38-best-of-three-before');
    await best.locator('input[value="middle"]').click();
    await best.locator('[data-check]').click();
    await poll(() => best.locator('[data-feedback]').textContent()).toContain('Correct');
    await expectRevealed(best);
    await expect(best.locator('[data-predict-status]').textContent()).resolves.toContain('the run is now shown');
    await shoot(best, '1.2.38-best-of-three-after');

    // 2. The largest rate that never overshoots, by keyboard; the reveal is the table of regimes.
    const threshold = task(page, L, 'predict-no-overshoot');
    await expectHidden(threshold);
    await shoot(threshold, '1.2.38-no-overshoot-before');
    await focusBefore(threshold);
    await tabTo(page, `${formId(L, 'predict-no-overshoot')} input[type="text"]`);
    await page.keyboard.type('0.5');
    await page.keyboard.press('Enter');
    await poll(() => threshold.locator('[data-feedback]').textContent()).toContain('Correct');
    await expectRevealed(threshold);
    await expect(reveal(threshold).locator('table').textContent()).resolves.toContain('zig-zag convergence');
    await shoot(threshold, '1.2.38-no-overshoot-after');

    // 3. Three steps at η = 0.9, by keyboard, with a wrong guess (the sign): the run is shown all
    // the same, with feedback on the guess.
    const steps = task(page, L, 'predict-three-steps');
    await expectHidden(steps);
    await shoot(steps, '1.2.38-three-steps-before');
    await focusBefore(steps);
    await tabTo(page, `${formId(L, 'predict-three-steps')} input[type="text"]`);
    await page.keyboard.type('5.12');
    await page.keyboard.press('Enter');
    await poll(() => steps.locator('[data-feedback]').textContent()).toContain('Mind the sign');
    await expectRevealed(steps);
    await expect(reveal(steps).locator('svg').count()).resolves.toBeGreaterThan(0);
    // The run's data table is a link to its own page until opened, then fetched into place.
    await reveal(steps).locator('details.chart-data summary').click();
    await expect(reveal(steps).locator('details.chart-data table').textContent()).resolves.toContain('−5.12');
    await shoot(steps, '1.2.38-three-steps-after');

    // 4. The best house-price rate, by mouse.
    const house = task(page, L, 'predict-house-best');
    await house.scrollIntoViewIfNeeded();
    await expectHidden(house);
    await shoot(house, '1.2.38-house-best-before');
    await house.locator('input[value="small"]').click();
    await house.locator('[data-check]').click();
    await poll(() => house.locator('[data-feedback]').textContent()).toContain('more than three times');
    await expectRevealed(house);
    await shoot(house, '1.2.38-house-best-after');

    // 5. Where the range test's suggestion sits, by keyboard (Space picks the focused radio).
    const range = task(page, L, 'predict-range-test');
    await expectHidden(range);
    await shoot(range, '1.2.38-range-test-before');
    await focusBefore(range);
    await tabTo(page, `${formId(L, 'predict-range-test')} input[type="radio"]`);
    await page.keyboard.press('Space');
    await tabTo(page, `${formId(L, 'predict-range-test')} [data-check]`);
    await page.keyboard.press('Enter');
    await poll(() => range.locator('[data-feedback]').textContent()).toContain('Correct');
    await expectRevealed(range);
    await expect(reveal(range).textContent()).resolves.toContain('0.0017');
    await shoot(range, '1.2.38-range-test-after');

    // A reload shows every run again (the guesses are saved), without announcing anything.
    await page.reload({ waitUntil: 'load' });
    for (const id of ['predict-best-of-three', 'predict-no-overshoot', 'predict-three-steps', 'predict-house-best', 'predict-range-test']) {
      const block = task(page, L, id);
      await expectRevealed(block);
      await expect(block.locator('[data-predict-status]').textContent()).resolves.toBe('');
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);

  test('a link to a figure inside a reveal shows it and lands on it', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(`${site.origin}/math-for-ml/1.2.38/#figure-fig-range-test`, { waitUntil: 'load' });
    const range = task(page, '1.2.38', 'predict-range-test');
    await expectRevealed(range);
    await poll(() => page.evaluate(() => Math.round(document.getElementById('figure-fig-range-test')!.getBoundingClientRect().top))).toBeLessThanOrEqual(16);
    // The other tasks stay hidden.
    await expectHidden(task(page, '1.2.38', 'predict-house-best'));
    // The explorer's rate scale marks the two thresholds of x², and says so in words.
    const marks = await page.locator('#x2-explorer-rate').evaluate((input: HTMLInputElement) => {
      const rates = JSON.parse(input.dataset.rates!) as number[];
      return [...input.list!.options].map((o) => ({ rate: rates[Number(o.value)], label: o.label }));
    });
    expect(marks).toEqual([
      { rate: 0.5, label: '0.5' },
      { rate: 1, label: '1.0' },
    ]);
    await expect(page.locator('#x2-explorer-rate-marks-note').textContent()).resolves.toMatch(/0\.5 \(the largest rate that never overshoots\) and 1\.0 \(the edge of stability\)/);
    await page.close();
  });
});

describe('1.2.37 and 1.2.39: predict, then see', () => {
  test('the first step of 1.2.37 by keyboard, and the step size of 1.2.39 by mouse', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const { page, errors } = watch(await context.newPage());

    await page.goto(`${site.origin}/math-for-ml/1.2.37/`, { waitUntil: 'load' });
    const first = task(page, '1.2.37', 'predict-first-step');
    await expectHidden(first);
    await shoot(first, '1.2.37-first-step-before');
    await focusBefore(first);
    await tabTo(page, `${formId('1.2.37', 'predict-first-step')} input[type="text"]`);
    await page.keyboard.type('8');
    await page.keyboard.press('Enter');
    await poll(() => first.locator('[data-feedback]').textContent()).toContain('Correct');
    await expectRevealed(first);
    await expect(reveal(first).locator('table').first().textContent()).resolves.toContain('26.2144');
    await shoot(first, '1.2.37-first-step-after');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${site.origin}/math-for-ml/1.2.39/`, { waitUntil: 'load' });
    const tiny = task(page, '1.2.39', 'predict-tiny-step');
    await tiny.scrollIntoViewIfNeeded();
    await expectHidden(tiny);
    await shoot(tiny, '1.2.39-tiny-step-before');
    await tiny.locator('input[value="tiny"]').click();
    await tiny.locator('[data-check]').click();
    await poll(() => tiny.locator('[data-feedback]').textContent()).toContain('Only while truncation dominates');
    await expectRevealed(tiny);
    await expect(reveal(tiny).locator('svg').count()).resolves.toBeGreaterThan(0);
    await shoot(tiny, '1.2.39-tiny-step-after');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
