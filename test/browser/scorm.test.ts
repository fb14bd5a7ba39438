import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, FrameLocator } from 'playwright-core';
import { launchBrowser, watch } from '../support/browser';
import { projectRoot } from '../support/project';
import { startTestLms, type TestLms } from '../support/lms';
import { decodeSuspendData, suspendLimits } from '../../src/lms/suspend';

/**
 * The SCORM packages of the built course (dist/), played by scorm-again in a test LMS: the lesson
 * runs in a frame, as in Moodle or Canvas. A learner answers, leaves and comes back in another
 * browser (nothing in its local store), and gets the same answers and variants back from the LMS;
 * a commit the LMS refuses is told to the learner and sent once the LMS takes commits again.
 */

const out = mkdtempSync(join(tmpdir(), 'scorm-browser-'));
const sco = '1.2.38';
/** A question's one form in the lesson: the quiz's own, or the section's check the quiz links to. */
const q = (id: string) => `form[data-question="${id}"]`;
let browser: Browser;

beforeAll(async () => {
  for (const version of ['1.2', '2004']) {
    const run = spawnSync('npm', ['run', '--silent', 'package:scorm', '--', '--version', version, '--out', out], { cwd: projectRoot, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function launch(lms: TestLms, lesson = sco) {
  const context = await browser.newContext();
  const watched = watch(await context.newPage());
  await watched.page.goto(lms.playerUrl(lesson), { waitUntil: 'load' });
  const frame = watched.page.frameLocator('iframe[title="Course"]');
  await frame.locator('form[data-question] [data-check]').first().waitFor();
  return { ...watched, frame, context };
}

const feedback = (frame: FrameLocator, id: string) => frame.locator(`${q(id)} [data-feedback]`).textContent();
const prompt = (frame: FrameLocator, id: string) => frame.locator(`${q(id)} .quiz-prompt`).textContent();

async function checkTrue(frame: FrameLocator, id: string) {
  await frame.locator(`${q(id)} input[value="true"]`).check();
  await frame.locator(`${q(id)} [data-check]`).click();
}

describe.each(['1.2', '2004'] as const)('SCORM %s in an LMS (scorm-again)', (version) => {
  let lms: TestLms;
  beforeAll(async () => {
    lms = await startTestLms(join(out, `math-for-ml-scorm${version}.zip`), version);
  });
  afterAll(async () => {
    await lms?.close();
  });

  const names =
    version === '1.2'
      ? { raw: 'cmi.core.score.raw', status: 'cmi.core.lesson_status', location: 'cmi.core.lesson_location', time: 'cmi.core.session_time' }
      : { raw: 'cmi.score.raw', status: 'cmi.completion_status', location: 'cmi.location', time: 'cmi.session_time' };

  test('an answer is committed with its score and location; a learner back in another browser resumes the same answers and variant', async () => {
    const first = await launch(lms);
    await checkTrue(first.frame, 'tf-rate-scales-step');
    await expect.poll(() => feedback(first.frame, 'tf-rate-scales-step'), { timeout: 10_000 }).toContain('Correct');
    await expect.poll(() => lms.stored(sco)[names.location], { timeout: 10_000 }).toBe('tf-rate-scales-step');
    const afterOne = lms.stored(sco);
    expect(Number(afterOne[names.raw])).toBeGreaterThan(0);
    expect(afterOne[names.status]).toBe('incomplete');
    if (version === '2004') expect(Number(afterOne['cmi.score.scaled'])).toBeCloseTo(Number(afterOne['cmi.score.raw']) / Number(afterOne['cmi.score.max']), 4);

    // A wrong answer to a parametrized question moves the learner to a new variant.
    const before = await prompt(first.frame, 'param-gd-steps');
    await first.frame.locator(`${q('param-gd-steps')} input[data-answer-text]`).fill('12345');
    await first.frame.locator(`${q('param-gd-steps')} [data-check]`).click();
    await expect.poll(() => feedback(first.frame, 'param-gd-steps'), { timeout: 10_000 }).toContain('The numbers have changed');
    const variant = await prompt(first.frame, 'param-gd-steps');
    expect(variant).not.toBe(before);
    await expect.poll(() => lms.stored(sco)[names.location], { timeout: 10_000 }).toBe('param-gd-steps');
    // Leaving the page ends the session with its time.
    await first.page.close({ runBeforeUnload: true });
    await expect.poll(() => lms.stored(sco)[names.time] ?? '', { timeout: 10_000 }).not.toBe('');
    await first.context.close();

    const kept = decodeSuspendData(lms.stored(sco)['cmi.suspend_data']!);
    expect(kept.ok && kept.lesson && Object.keys(kept.lesson.quiz).sort()).toEqual(['param-gd-steps', 'tf-rate-scales-step']);
    expect(lms.stored(sco)['cmi.suspend_data']!.length).toBeLessThanOrEqual(suspendLimits[version]);

    // Another browser: nothing in localStorage, so all of this comes from the LMS.
    const again = await launch(lms);
    await expect.poll(() => feedback(again.frame, 'tf-rate-scales-step'), { timeout: 10_000 }).toContain('Correct');
    expect(await again.frame.locator(`${q('tf-rate-scales-step')} input[value="true"]`).isChecked()).toBe(true);
    await expect.poll(() => prompt(again.frame, 'param-gd-steps'), { timeout: 10_000 }).toBe(variant);
    expect(await again.frame.locator(`${q('param-gd-steps')} [data-attempts]`).textContent()).toContain('2 of 3');
    expect(again.errors).toEqual([]);
    await again.context.close();
  });

  test('a lesson whose every question is answered is reported complete, passed or failed against the passing score', async () => {
    const lesson = '1.2.37';
    const { frame, context, errors } = await launch(lms, lesson);
    // Each question's one form: the quiz's own, or the section's check the quiz links to.
    const form = (id: string) => frame.locator(`form[data-question="${id}"]`);
    await form('single-update-rule').locator('input[value="minus-eta-grad"]').check();
    await form('single-update-rule').locator('[data-check]').click();
    // The ordering as first shown: a counted answer, right or not.
    await form('order-one-iteration').locator('[data-check]').click();
    await form('num-two-steps').locator('input[data-answer-text]').fill('1.8');
    await form('num-two-steps').locator('[data-check]').click();
    await form('tf-negative-slope').locator('input[value="true"]').check();
    await form('tf-negative-slope').locator('[data-check]').click();
    // The section checks, the prediction and the formula questions: any counted answer will do.
    for (const id of ['predict-first-step', 'expr-derivative-ax2', 'expr-update-ax2']) {
      await form(id).locator('input[data-answer-text]').fill(id.startsWith('expr') ? '2*a*x' : '8');
      await form(id).locator('[data-check]').click();
    }
    for (const id of ['check-downhill-direction', 'check-flat-loss']) {
      await form(id).locator('input[type="radio"]:not([name$="-confidence"])').first().check();
      await form(id).locator('[data-check]').click();
    }
    await expect.poll(() => lms.stored(lesson)[names.status], { timeout: 10_000 }).toBe('incomplete');
    await form('single-stopping-rule').locator('input[value="gradient-cap"]').check();
    await form('single-stopping-rule').locator('[data-check]').click();
    await expect.poll(() => lms.stored(lesson)[names.status], { timeout: 10_000 }).not.toBe('incomplete');
    const stored = lms.stored(lesson);
    if (version === '1.2') {
      const raw = Number(stored['cmi.core.score.raw']);
      expect(raw).toBeGreaterThan(50);
      expect(stored['cmi.core.lesson_status']).toBe(raw >= 70 ? 'passed' : 'failed');
    } else {
      expect(stored['cmi.completion_status']).toBe('completed');
      const scaled = Number(stored['cmi.score.scaled']);
      expect(scaled).toBeGreaterThan(0.5);
      expect(stored['cmi.success_status']).toBe(scaled >= 0.7 ? 'passed' : 'failed');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  test('inside the LMS a live chart wakes and its data table opens: the URLs scripts read are the package\'s own', async () => {
    const { frame, context, errors } = await launch(lms);
    const explorer = frame.locator('figure:has(course-live-chart)').first();
    const chart = explorer.locator('course-live-chart');
    await chart.scrollIntoViewIfNeeded();
    await expect.poll(() => chart.getAttribute('data-live'), { timeout: 30_000 }).toBe('live');
    const table = explorer.locator('details.chart-data');
    await table.locator('summary').click();
    await expect.poll(() => table.locator('table tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a refused commit is told to the learner, the answer kept, and sent with the next check once the LMS takes it', async () => {
    const page = await launch(lms);
    lms.refuseCommits(true);
    await checkTrue(page.frame, 'tf-schedules-help');
    const status = page.frame.locator('[data-lms-status]').first();
    await expect.poll(() => status.getAttribute('data-lms-status'), { timeout: 10_000 }).toBe('failed');
    expect(await status.getAttribute('role')).toBe('alert');
    expect(await status.textContent()).toContain('kept in this browser');
    const refused = decodeSuspendData(lms.stored(sco)['cmi.suspend_data'] ?? '');
    expect(refused.ok && refused.lesson && Object.keys(refused.lesson.quiz)).not.toContain('tf-schedules-help');

    lms.refuseCommits(false);
    await checkTrue(page.frame, 'tf-divergence-loss');
    await expect.poll(() => status.getAttribute('data-lms-status'), { timeout: 10_000 }).toBe('saved');
    const sent = decodeSuspendData(lms.stored(sco)['cmi.suspend_data']!);
    expect(sent.ok && sent.lesson && Object.keys(sent.lesson.quiz)).toEqual(expect.arrayContaining(['tf-schedules-help', 'tf-divergence-loss']));
    await page.context.close();
  });
});

test('the plain site (no LMS) is not touched by the adapter: no API, no SCO, local progress as before', async () => {
  // The package's lesson opened directly, without a player: it must work and save locally.
  const lms = await startTestLms(join(out, 'math-for-ml-scorm1.2.zip'), '1.2');
  try {
    const context = await browser.newContext();
    const { page, errors } = watch(await context.newPage());
    await page.goto(`${lms.origin}/package/math-for-ml/${sco}/index.html?sco=${sco}`, { waitUntil: 'load' });
    await page.locator(`${q('tf-rate-scales-step')} input[value="true"]`).check();
    await page.locator(`${q('tf-rate-scales-step')} [data-check]`).click();
    await expect.poll(() => page.locator(`${q('tf-rate-scales-step')} [data-feedback]`).textContent()).toContain('Correct');
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('course-progress:v2') ?? '{}'));
    expect(saved.lessons[sco].quiz['tf-rate-scales-step'].correct).toBe(true);
    expect(await page.locator('[data-lms-status]').count()).toBe(0);
    expect(errors.filter((e) => !/sw\.js|service worker/i.test(e))).toEqual([]);
    await context.close();
  } finally {
    await lms.close();
  }
});
