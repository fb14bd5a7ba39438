import { describe, expect, test } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, watch } from '../support/browser';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';

/** Confidence with each check, by keyboard only, and the calibration view it feeds. */

const KEY = 'course-progress:v2';
/** With SHOTS_DIR set, the views are photographed for a note (outside the repository), as the other browser tests do. */
const shots = process.env.SHOTS_DIR;

serveSiteToBrowser();

/** Answer a question by keyboard: choose with Space, Tab to the confidence group, arrows, Tab to Check, Enter. */
async function answer(page: Page, formId: string, value: string, arrowsToConfidence: number) {
  const form = page.locator(`#${formId}`);
  const choice = form.locator(`input[value="${value}"]`);
  await choice.focus();
  await page.keyboard.press('Space');
  await expect.poll(() => choice.isChecked()).toBe(true);
  // Tab leaves the answer's radio group and lands on the first confidence radio ("Sure").
  await page.keyboard.press('Tab');
  await expect.poll(() => form.locator('input[data-confidence][value="sure"]').evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('Space');
  for (let i = 0; i < arrowsToConfidence; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await expect.poll(() => form.locator('[data-check]').evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(() => form.locator('[data-feedback]').textContent()).not.toBe('');
  return form;
}

const saved = (page: Page) =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{"lessons":{}}') as { lessons: Record<string, { quiz: Record<string, { confidence?: string; correct: boolean }> }> }, KEY);

describe('confidence', () => {
  test('is chosen by keyboard, saved with the answer, kept on reload, and shown in calibration', async () => {
    const context = await browser.newContext();
    const { page, errors } = watch(await context.newPage());
    await page.goto(`${site.origin}/math-for-ml/1.2.37/`, { waitUntil: 'load' });

    // Right and "think so" (one arrow down from Sure).
    const right = await answer(page, 'check-1-2-37-tf-negative-slope', 'true', 1);
    await expect.poll(() => right.locator('[data-feedback]').textContent()).toContain('Correct');
    // Wrong and "sure": the confident miss to review first.
    const wrong = await answer(page, 'check-1-2-37-single-stopping-rule', 'fixed-steps', 0);
    await expect.poll(() => wrong.locator('[data-feedback]').textContent()).toContain('Not quite');

    let quiz = (await saved(page)).lessons['1.2.37']!.quiz;
    expect(quiz['tf-negative-slope']).toMatchObject({ confidence: 'think', correct: true });
    expect(quiz['single-stopping-rule']).toMatchObject({ confidence: 'sure', correct: false });

    // A second attempt does not overwrite the first attempt's confidence (calibration compares first attempts).
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.locator('#check-1-2-37-tf-negative-slope input[data-confidence][value="think"]').isChecked()).toBe(true);
    await answer(page, 'check-1-2-37-single-stopping-rule', 'gradient-cap', 2);
    quiz = (await saved(page)).lessons['1.2.37']!.quiz;
    expect(quiz['single-stopping-rule']).toMatchObject({ confidence: 'sure', correct: true });

    await page.goto(`${site.origin}/progress/`, { waitUntil: 'load' });
    const row = (level: string) => page.locator(`[data-calibration-row="${level}"] [data-calibration-right]`);
    await expect.poll(() => row('think').textContent()).toBe('100 % (1 of 1)');
    await expect.poll(() => row('sure').textContent()).toBe('0 % (0 of 1)');
    await expect.poll(() => row('guess').textContent()).toBe('No answers yet');
    const misses = page.locator('[data-misses] li');
    await expect.poll(() => misses.count()).toBe(1);
    await expect(misses.first().textContent()).resolves.toContain('Lesson 1.2.37, question single-stopping-rule — you said sure');
    await expect(misses.first().locator('a').getAttribute('href')).resolves.toMatch(/1\.2\.37\/#quiz-1-2-37-single-stopping-rule$/);
    expect(await axeViolations(page)).toEqual([]);
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.locator('[data-calibration]').screenshot({ path: join(shots, 'calibration.png') });
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  test('every auto-graded question asks in a labelled group that fits a 320 px screen; no axe violations', async () => {
    const context = await browser.newContext();
    const { page, errors } = watch(await context.newPage());
    await page.goto(`${site.origin}/math-for-ml/1.2.37/`, { waitUntil: 'load' });
    const groups = page.locator('.quiz [data-confidence-group]');
    const graded = page.locator('.quiz form[data-question]:not([data-type="open"])');
    await expect(groups.count()).resolves.toBe(await graded.count());
    await expect(groups.first().locator('legend').textContent()).resolves.toContain('How sure are you?');
    await expect(groups.first().locator('label').allTextContents()).resolves.toEqual(['Sure', 'Think so', 'Guessing']);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    // No horizontal overflow of the group at phone width: every choice is visible and legible.
    await expect
      .poll(() => groups.first().evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= 320))
      .toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
