import { describe, expect, test } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { axeViolations, launchPersistent, watch } from '../support/browser';
import { projectRoot } from '../support/project';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';
import { entryOf, scheduleReview, type ReviewItem } from '../../src/progress/review';
import type { ProgressDocument } from '../../src/progress/document';

/**
 * The learning loop as a learner meets it: questions answered in a lesson come due on a fake clock,
 * the header counts them, the Review page asks them again by keyboard (a fresh variant for a
 * parametrized one), the schedule moves on, offline too, and survives export → cleared browser → import.
 */

const KEY = 'course-progress:v2';
/** With SHOTS_DIR set, the views are photographed for a note (outside the repository), as the other browser tests do. */
const shots = process.env.SHOTS_DIR;
const start = new Date('2026-12-01T09:00:00Z');
const minute = 60_000;
const day = 24 * 60 * minute;

serveSiteToBrowser();

interface Saved {
  lessons: Record<
    string,
    {
      quiz: Record<string, { correct: boolean; confidence?: string; seed?: number; attempts: number }>;
      reviews?: Record<string, { card: { due: string; reps: number; state: number }; last?: { correct: boolean; confidence?: string; seed?: number; at: string } }>;
    }
  >;
}
const saved = (page: Page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{"lessons":{}}') as Saved, KEY);

const focused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** Choose with Space, Tab to the confidence group, arrows to the level, Tab to Check, Enter: keyboard only. */
async function answerByKeyboard(page: Page, form: Locator, value: string, arrowsToConfidence: number) {
  const choice = form.locator(`input[data-answer][value="${value}"]`);
  // A review's question is busy (its controls disabled) until its data has come: a learner waits for it too.
  await expect.poll(() => form.getAttribute('aria-busy')).toBeNull();
  await expect.poll(() => choice.isEnabled()).toBe(true);
  await choice.focus();
  await page.keyboard.press('Space');
  await expect.poll(() => choice.isChecked()).toBe(true);
  await page.keyboard.press('Tab');
  await expect.poll(() => focused(form.locator('input[data-confidence][value="sure"]'))).toBe(true);
  await page.keyboard.press('Space');
  for (let i = 0; i < arrowsToConfidence; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await expect.poll(() => focused(form.locator('[data-check]'))).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(() => form.locator('[data-feedback]').textContent()).not.toBe('');
}

/** Tab on from wherever focus is until `target` has it (a learner tabbing through the page). */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 40 && !(await focused(target)); i++) await page.keyboard.press('Tab');
  expect(await focused(target)).toBe(true);
}

const reviewLink = (page: Page) => page.locator('[data-review-link]');
/** How many header links have exactly this accessible name (Chromium's own computation, as a screen reader hears it). */
const linksNamed = (page: Page, name: string) => page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name, exact: true }).count();
const reviewForm = (page: Page) => page.locator('[data-review-stage] form[data-question]');

/** A lesson's questions answered at `start`: right-and-think-so, wrong-and-sure, and a wrong parametrized one. */
async function answerInLessons(page: Page) {
  await page.goto(`${site.origin}/math-for-ml/1.2.37/`, { waitUntil: 'load' });
  await answerByKeyboard(page, page.locator('#check-1-2-37-tf-negative-slope'), 'true', 1);
  await answerByKeyboard(page, page.locator('#check-1-2-37-single-stopping-rule'), 'fixed-steps', 0);
  await page.goto(`${site.origin}/math-for-ml/1.2.38/`, { waitUntil: 'load' });
  const param = page.locator('#quiz-1-2-38-param-stability-limit');
  await param.locator('[data-answer-text]').fill('0');
  await param.locator('[data-check]').click();
  await expect.poll(() => param.locator('[data-feedback]').textContent()).toContain('Not quite');
}

describe('spaced review', () => {
  test('answers come due, the header counts them, the Review page reviews by keyboard and the schedule moves on', async () => {
    const context = await browser.newContext();
    const { page, errors } = watch(await context.newPage());
    await page.clock.install({ time: start });

    // No progress yet: the link is there, with no count (and the scheduler is not loaded).
    await page.goto(`${site.origin}/math-for-ml/`, { waitUntil: 'load' });
    const emptyBox = await reviewLink(page).boundingBox();
    await expect(linksNamed(page, 'Review')).resolves.toBe(1);

    await answerInLessons(page);
    const answered = await saved(page);

    // At once: nothing due yet; the page says when the first comes back (a wrong answer: in a minute).
    await page.goto(`${site.origin}/review/`, { waitUntil: 'load' });
    await expect.poll(() => page.locator('[data-review-empty]').isVisible()).toBe(true);
    await expect(page.locator('[data-review-empty-text]').textContent()).resolves.toMatch(/^Nothing is due now\. The next review is due in 1 minute/);
    await expect.poll(() => linksNamed(page, 'Review')).toBe(1);
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.locator('main').screenshot({ path: join(shots, 'review-nothing-due.png') });
    }

    // The clock moves on: the header's count follows without a reload (its timer waits for the next due time).
    await page.clock.fastForward(11 * minute);
    await expect.poll(() => linksNamed(page, 'Review 3 reviews due')).toBe(1);
    await expect(page.locator('[data-review-due-count]').textContent()).resolves.toBe('3');
    // The count's box was there from the first paint: showing a number moves nothing.
    const countedBox = await reviewLink(page).boundingBox();
    expect(countedBox?.width).toBeCloseTo(emptyBox!.width, 0);
    expect(countedBox?.height).toBeCloseTo(emptyBox!.height, 0);

    // The page holds no question: it fetches the review file of each lesson with a question due, and only those.
    const reviewFiles: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/review/questions/')) reviewFiles.push(path);
    });
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.locator('[data-review-summary]').textContent()).toBe('3 questions are due for review.');
    expect(reviewFiles.sort()).toEqual(['/review/questions/1.2.37/index.html', '/review/questions/1.2.38/index.html']);
    await expect(page.locator('[data-review-queue] li').allTextContents()).resolves.toEqual([
      'Lesson 1.2.37 Gradient descent: 2 questions',
      'Lesson 1.2.38 Learning rate and convergence: 1 question',
    ]);
    // Most overdue first: the two wrong ones (due a minute after), the wrong-and-sure one answered first.
    let form = reviewForm(page);
    await expect.poll(() => form.getAttribute('data-question')).toBe('single-stopping-rule');
    await expect(page.locator('[data-review-heading]').textContent()).resolves.toBe('Question 1 of 3');
    // Asked afresh: nothing chosen, unlike the lesson's saved (wrong) answer.
    await expect(form.locator('input[data-answer]:checked').count()).resolves.toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    if (shots) {
      await page.locator('main').screenshot({ path: join(shots, 'review-question-due.png') });
      await page.locator('.site-header').screenshot({ path: join(shots, 'header-reviews-due.png') });
    }

    // Right, and sure: the review is Easy, and it stays away for days.
    await answerByKeyboard(page, form, 'gradient-cap', 0);
    const nextDue = page.locator('[data-review-next-due]');
    await expect.poll(() => nextDue.textContent()).toMatch(/^Reviewed\. Next review of this question: (tomorrow|in \d+ days)/);
    let progress = await saved(page);
    const stopping = progress.lessons['1.2.37']!.reviews!['single-stopping-rule']!;
    expect(stopping.last).toMatchObject({ correct: true, confidence: 'sure' });
    // The schedule is ts-fsrs's: the first attempt's card (wrong: Again), then this review (right at once, sure: Easy).
    const items = (JSON.parse(readFileSync(join(projectRoot, 'dist/review/items.json'), 'utf8')) as { items: ReviewItem[] }).items;
    const item = items.find((i) => i.lessonId === '1.2.37' && i.questionId === 'single-stopping-rule')!;
    const expected = scheduleReview(
      entryOf(answered as unknown as ProgressDocument, item),
      { correct: true, attempts: 1, confidence: 'sure' },
      new Date(stopping.last!.at),
      item.contentHash,
    );
    expect(stopping.card).toEqual(expected.card);
    expect(Date.parse(stopping.card.due) - Date.parse(stopping.last!.at)).toBeGreaterThanOrEqual(day);
    // The lesson's own answer is untouched: the review is kept apart.
    expect(progress.lessons['1.2.37']!.quiz).toEqual(answered.lessons['1.2.37']!.quiz);
    expect(await axeViolations(page)).toEqual([]);
    if (shots) await page.locator('main').screenshot({ path: join(shots, 'review-after-answering.png') });
    await expect.poll(() => linksNamed(page, 'Review 2 reviews due')).toBe(1);

    // On by keyboard to the next one: the parametrized question, on a variant not the one answered in the lesson.
    const go = page.locator('[data-review-continue]');
    await tabTo(page, go);
    await expect(go.textContent()).resolves.toBe('Next question');
    await page.keyboard.press('Enter');
    form = reviewForm(page);
    await expect.poll(() => form.getAttribute('data-question')).toBe('param-stability-limit');
    await expect.poll(() => focused(page.locator('[data-review-heading]'))).toBe(true);
    await expect(page.locator('[data-review-heading]').textContent()).resolves.toBe('Question 2 of 3');
    // Its math is typeset, not raw: the math sheet is on the Review page (MathML in the served math font).
    expect(await form.locator('math').count()).toBeGreaterThan(0);
    await expect(form.locator('math').first().evaluate((el) => getComputedStyle(el).fontFamily)).resolves.toMatch(/^"?Course Math"?, math$/);
    await form.locator('[data-answer-text]').fill('0');
    await form.locator('[data-check]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => form.locator('[data-feedback]').textContent()).toContain('Not quite');
    // Checked, wrong, not settled: going on rates it as not known.
    await expect(go.textContent()).resolves.toBe('Give up and go on');
    await go.focus();
    await page.keyboard.press('Enter');
    progress = await saved(page);
    const param = progress.lessons['1.2.38']!;
    expect(param.reviews!['param-stability-limit']!.last).toMatchObject({ correct: false });
    expect(param.reviews!['param-stability-limit']!.last!.seed).toBeTypeOf('number');
    expect(param.reviews!['param-stability-limit']!.last!.seed).not.toBe(param.quiz['param-stability-limit']!.seed);

    // The last one: right but guessing (a lucky guess is Hard, not Easy).
    form = reviewForm(page);
    await expect.poll(() => form.getAttribute('data-question')).toBe('tf-negative-slope');
    await answerByKeyboard(page, form, 'true', 2);
    await expect.poll(() => nextDue.textContent()).toMatch(/^Reviewed\./);
    await expect(go.textContent()).resolves.toBe('Finish');
    await go.click();
    await expect.poll(() => page.locator('[data-review-empty]').isVisible()).toBe(true);
    // The parametrized one failed: back within minutes.
    await expect(page.locator('[data-review-empty-text]').textContent()).resolves.toMatch(/^Well done: 3 reviews finished\. Nothing is due now\. The next review is due in \d+ minutes?/);
    progress = await saved(page);
    expect(progress.lessons['1.2.37']!.reviews!['tf-negative-slope']!.last).toMatchObject({ correct: true, confidence: 'guess' });
    await expect.poll(() => linksNamed(page, 'Review')).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the Review page carries no question: each lesson has a review file with the templates of its own', () => {
    const dist = join(projectRoot, 'dist');
    const page = readFileSync(join(dist, 'review/index.html'), 'utf8');
    expect(page).not.toContain('<template data-review-question');
    // The page around the questions (7.7 KB measured at 3 lessons; it was 356 KB with every question on it): the
    // bound holds whatever the number of lessons, since nothing on the page is per question. Its CSS (inline, the
    // same whatever the number of lessons) is not counted.
    expect(page.replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '').length).toBeLessThan(20_000);
    const items = (JSON.parse(readFileSync(join(dist, 'review/items.json'), 'utf8')) as { items: ReviewItem[] }).items;
    for (const lessonId of ['1.2.37', '1.2.38', '1.2.39']) {
      const file = readFileSync(join(dist, 'review/questions', lessonId, 'index.html'), 'utf8');
      const ids = [...file.matchAll(/<template data-review-question data-lesson="([^"]+)" data-question="([^"]+)"/g)].map((m) => `${m[1]}/${m[2]}`);
      expect(ids, lessonId).toEqual(items.filter((i) => i.lessonId === lessonId).map((i) => `${i.lessonId}/${i.questionId}`));
      expect(ids.length, lessonId).toBeGreaterThan(0);
    }
  });

  test("a due question whose lesson's review file cannot be fetched is left out, and the page says so", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install({ time: start });
    await answerInLessons(page);
    await page.clock.fastForward(11 * minute);
    // As offline with the shell policy, for a lesson never opened on this device: its file is not to be had.
    await page.route('**/review/questions/1.2.38/index.html', (route) => route.abort('internetdisconnected'));
    await page.goto(`${site.origin}/review/`, { waitUntil: 'load' });
    await expect
      .poll(() => page.locator('[data-review-summary]').textContent())
      .toBe('2 questions are due for review. 1 due from lessons not saved on this device is left out: open those lessons online to review them.');
    await expect(page.locator('[data-review-queue] li').allTextContents()).resolves.toEqual(['Lesson 1.2.37 Gradient descent: 2 questions']);
    await expect.poll(() => reviewForm(page).getAttribute('data-question')).toBe('single-stopping-rule');
    await context.close();
  });

  test('mastery per objective follows first attempts and reviews on the course page and My progress', async () => {
    const context = await browser.newContext();
    const { page, errors } = watch(await context.newPage());
    await page.clock.install({ time: start });
    await page.goto(`${site.origin}/math-for-ml/1.2.37/`, { waitUntil: 'load' });
    // Right and "think so": Good, back in ten minutes (sure would be Easy, weeks away).
    await answerByKeyboard(page, page.locator('#check-1-2-37-single-stopping-rule'), 'gradient-cap', 1);

    await page.goto(`${site.origin}/math-for-ml/`, { waitUntil: 'load' });
    const objective = page.locator('[data-mastery-lesson="1.2.37"] li[data-objective="recognise-convergence"]');
    await expect.poll(() => objective.getAttribute('data-level')).not.toBe('not-started');
    // The level and its words are written by one render, but read here in two steps: wait for the words too.
    await expect.poll(() => objective.locator('[data-mastery-text]').textContent()).toMatch(/\(1 of \d+ questions? met, 0 reviewed\)/);
    await expect(page.locator('[data-mastery-lesson="1.2.39"] li[data-level="not-started"]').count()).resolves.toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.locator('.lesson-card').first().screenshot({ path: join(shots, 'course-mastery.png') });
    }

    // A review of it: "1 reviewed".
    await page.clock.fastForward(day);
    await page.goto(`${site.origin}/review/`, { waitUntil: 'load' });
    await answerByKeyboard(page, reviewForm(page), 'gradient-cap', 0);
    await expect.poll(() => page.locator('[data-review-next-due]').textContent()).toMatch(/^Reviewed\./);
    await page.goto(`${site.origin}/progress/`, { waitUntil: 'load' });
    const onProgress = page.locator('.progress-mastery [data-mastery-lesson="1.2.37"] li[data-objective="recognise-convergence"] [data-mastery-text]');
    await expect.poll(() => onProgress.textContent()).toMatch(/1 reviewed\)/);
    expect(await axeViolations(page)).toEqual([]);
    if (shots) await page.locator('.progress-mastery [data-mastery-lesson="1.2.37"]').screenshot({ path: join(shots, 'progress-mastery.png') });
    await page.setViewportSize({ width: 320, height: 800 });
    // Every objective's words and bar inside the screen (the score table beside them scrolls on its own).
    await expect
      .poll(() => page.locator('.progress-mastery').evaluate((el) => Math.max(...[...el.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right))))
      .toBeLessThanOrEqual(320);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the Review page and header fit a 320 px screen', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const { page, errors } = watch(await context.newPage());
    await page.clock.install({ time: start });
    await answerInLessons(page);
    await page.clock.fastForward(day);
    await page.goto(`${site.origin}/review/`, { waitUntil: 'load' });
    await expect.poll(() => linksNamed(page, 'Review 3 reviews due')).toBe(1);
    await expect.poll(() => reviewForm(page).count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    // The count is legible: inside the screen, not clipped.
    const badge = await page.locator('[data-review-due-count]').boundingBox();
    expect(badge!.x + badge!.width).toBeLessThanOrEqual(320);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('spaced review offline, and carried by export and import', () => {
  test('reviewing offline through the service worker; export → cleared browser → import restores the schedule', async () => {
    const context = await launchPersistent();
    const { page, errors } = watch(await context.newPage());
    await page.clock.install({ time: start });
    await page.goto(`${site.origin}/math-for-ml/1.2.37/`, { waitUntil: 'load' });
    await expect.poll(() => page.locator('[data-offline-status]').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    // Right and "think so" (back in ten minutes), wrong (back in one).
    await answerByKeyboard(page, page.locator('#check-1-2-37-tf-negative-slope'), 'true', 1);
    await answerByKeyboard(page, page.locator('#check-1-2-37-single-stopping-rule'), 'fixed-steps', 1);

    // Offline (Debian's Chromium keeps navigator.onLine true for service-worker pages: the requests fail all the same).
    await context.setOffline(true);
    await page.clock.fastForward(day);
    const response = await page.goto(`${site.origin}/review/`, { waitUntil: 'load' });
    expect(response?.fromServiceWorker()).toBe(true);
    await expect.poll(() => linksNamed(page, 'Review 2 reviews due')).toBe(1);
    const form = reviewForm(page);
    await expect.poll(() => form.getAttribute('data-question')).toBe('single-stopping-rule');
    await answerByKeyboard(page, form, 'gradient-cap', 0);
    await expect.poll(() => page.locator('[data-review-next-due]').textContent()).toMatch(/^Reviewed\. Next review of this question: in \d+ days/);
    const reviewed = (await saved(page)).lessons['1.2.37']!.reviews!;
    expect(Object.keys(reviewed)).toEqual(['single-stopping-rule']);

    // Export (still offline), then a cleared browser: nothing is due, nothing scheduled.
    await page.goto(`${site.origin}/progress/`, { waitUntil: 'load' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export]').click()]);
    const file = (await download.path())!;
    expect(JSON.parse(readFileSync(file, 'utf8')).progress.lessons['1.2.37'].reviews).toEqual(reviewed);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${site.origin}/review/`, { waitUntil: 'load' });
    await expect.poll(() => page.locator('[data-review-empty-text]').textContent()).toMatch(/^Nothing to review yet/);

    // Import: the schedule is back as it was, and the Review page reads it (one due, the other days away).
    await page.goto(`${site.origin}/progress/`, { waitUntil: 'load' });
    await page.locator('[data-import]').setInputFiles(file);
    await expect.poll(() => page.locator('[data-transfer-status]').textContent()).toMatch(/has been restored/);
    expect((await saved(page)).lessons['1.2.37']!.reviews).toEqual(reviewed);
    await page.goto(`${site.origin}/review/`, { waitUntil: 'load' });
    await expect.poll(() => page.locator('[data-review-summary]').textContent()).toBe('1 question is due for review.');
    await expect.poll(() => reviewForm(page).getAttribute('data-question')).toBe('tf-negative-slope');
    await context.setOffline(false);
    expect(errors.filter((e) => !e.startsWith('requestfailed'))).toEqual([]);
    await context.close();
  });
});
