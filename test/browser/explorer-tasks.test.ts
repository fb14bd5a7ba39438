import { describe, expect, test } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { axeViolations, watch } from '../support/browser';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';

/**
 * Tasks on the x² explorer (ExplorerTask.astro): the learner sets the explorer's controls, presses
 * Check, and the page grades the explorer's current run. One task by keyboard, one by mouse, each
 * with a wrong try first; the explanation opens when solved (or after three tries). With
 * SHOTS_DIR set, each task is photographed before and after.
 */

const shots = process.env.SHOTS_DIR;
/** Waits for a state, with room for a machine whose cores are busy (loading Vega can take seconds). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000 });
if (shots) mkdirSync(shots, { recursive: true });

serveSiteToBrowser();

const lessonUrl = () => `${site.origin}/math-for-ml/1.2.38/`;
const taskBlock = (page: Page, task: string) => page.locator(`course-explorer-task[data-task="${task}"]`);
const feedback = (block: Locator) => block.locator('[data-task-feedback]');
const explanation = (block: Locator) => block.locator(':scope > [data-reveal]');
const rateShown = (page: Page) => page.locator('course-live-chart[data-chart="x2-explorer"] output[name="rate-value"]').textContent();

async function shoot(block: Locator, name: string) {
  if (!shots) return;
  await block.scrollIntoViewIfNeeded();
  await block.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await block.screenshot({ path: join(shots, `${name}.png`) });
}

async function openLive(page: Page) {
  await page.goto(lessonUrl(), { waitUntil: 'load' });
  const explorer = page.locator('course-live-chart[data-chart="x2-explorer"]');
  await explorer.scrollIntoViewIfNeeded();
  await poll(() => explorer.getAttribute('data-live')).toBe('live');
}

async function tabTo(page: Page, selector: string) {
  for (let presses = 0; presses < 60; presses++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Presses the key on the focused control until the explorer shows the rate. */
async function keyToRate(page: Page, key: 'ArrowRight' | 'ArrowLeft', rate: string) {
  for (let presses = 0; presses < 70 && (await rateShown(page)) !== rate; presses++) await page.keyboard.press(key);
  expect(await rateShown(page)).toBe(rate);
}

/** Clicks the rate's − or + button until the explorer shows the rate. */
async function clickToRate(page: Page, step: '-1' | '1', rate: string) {
  const button = page.locator(`course-live-chart[data-chart="x2-explorer"] button[data-for="rate"][data-step="${step}"]`);
  for (let clicks = 0; clicks < 70 && (await rateShown(page)) !== rate; clicks++) await button.click();
  expect(await rateShown(page)).toBe(rate);
}

describe('1.2.38: tasks on the explorer', () => {
  test('the largest rate that never overshoots, by keyboard: too far first, then exactly 0.5', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const { page, errors } = watch(await context.newPage());
    await openLive(page);
    const block = taskBlock(page, 'largest-no-overshoot');
    await expect(explanation(block).isHidden()).resolves.toBe(true);
    await shoot(block, 'largest-no-overshoot-before');

    await page.locator('#x2-explorer-rate').focus();
    await keyToRate(page, 'ArrowRight', '0.6');
    await tabTo(page, 'course-explorer-task[data-task="largest-no-overshoot"] [data-task-check]');
    await page.keyboard.press('Enter');
    await poll(() => feedback(block).textContent()).toMatch(/^Not yet\. Overshoots: at η = 0\.6 the factor 1 − 2η = −0\.2 is negative/);
    await expect(explanation(block).isHidden()).resolves.toBe(true);

    await page.locator('#x2-explorer-rate').focus();
    await keyToRate(page, 'ArrowLeft', '0.5');
    await tabTo(page, 'course-explorer-task[data-task="largest-no-overshoot"] [data-task-check]');
    await page.keyboard.press('Space');
    await poll(() => feedback(block).textContent()).toMatch(/^Right: η = 0\.5 = 1\/\(2a\)/);
    await expect(block.getAttribute('data-result')).resolves.toBe('correct');
    await expect(explanation(block).isVisible()).resolves.toBe(true);
    await shoot(block, 'largest-no-overshoot-after');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  test('fewest steps to |x| < 0.01, by mouse with the − and + buttons: the default rate is slow, 0.5 takes one step; still solved after a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const { page, errors } = watch(await context.newPage());
    await openLive(page);
    const block = taskBlock(page, 'fewest-steps');
    await shoot(block, 'fewest-steps-before');
    const check = block.locator('[data-task-check]');

    await check.click();
    await poll(() => feedback(block).textContent()).toMatch(/^Not yet\. This run needs 31 steps; 1 step is possible\. .*0\.8 per step/); // 0.8^31 · 10 < 0.01 < 0.8^30 · 10
    await clickToRate(page, '1', '0.45');
    await check.click();
    await poll(() => feedback(block).textContent()).toMatch(/needs \d+ steps; 1 step is possible\. .*0\.1 per step/);
    await expect(explanation(block).isHidden()).resolves.toBe(true);
    await clickToRate(page, '1', '0.5');
    await check.click();
    await poll(() => feedback(block).textContent()).toMatch(/^Right: 1 step\./);
    await expect(explanation(block).isVisible()).resolves.toBe(true);
    await shoot(block, 'fewest-steps-after');
    // Saved in the lesson's progress: a new visit finds it solved, the other task not.
    await page.reload({ waitUntil: 'load' });
    await poll(() => taskBlock(page, 'fewest-steps').getAttribute('data-result')).toBe('correct');
    await expect(explanation(taskBlock(page, 'fewest-steps')).isVisible()).resolves.toBe(true);
    await expect(feedback(taskBlock(page, 'fewest-steps')).textContent()).resolves.toMatch(/^Solved on an earlier visit/);
    await expect(explanation(taskBlock(page, 'largest-no-overshoot')).isHidden()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  test('three wrong tries open the explanation, saying so; at 320 px the task fits the screen', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
    const { page, errors } = watch(await context.newPage());
    await openLive(page);
    const block = taskBlock(page, 'largest-no-overshoot');
    const check = block.locator('[data-task-check]');
    for (const [step, rate] of [['1', '0.12'], ['-1', '0.11'], ['-1', '0.1']] as const) {
      await clickToRate(page, step, rate);
      await check.click();
      await poll(() => feedback(block).textContent()).toContain(`No overshoot at η = ${rate}`);
    }
    await expect(feedback(block).textContent()).resolves.toContain('The explanation is now shown below.');
    await expect(explanation(block).isVisible()).resolves.toBe(true);
    await expect(block.evaluate((el) => el.scrollWidth <= el.clientWidth)).resolves.toBe(true);
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).resolves.toBe(true);
    const box = await check.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
