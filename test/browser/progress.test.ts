import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { watch } from '../support/browser';
import { projectRoot } from '../support/project';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';
import { parseYamlWithPositions } from '../../src/content/problems';
import { quizPoints } from '../../src/quiz/page';
import { quizSchema } from '../../src/quiz/schema';

/** Saved progress when the browser's storage misbehaves: full, or holding something unreadable. */

const quiz1238 = quizSchema.parse(
  parseYamlWithPositions(
    readFileSync(join(projectRoot, 'content/math-for-ml/1.2-calculus-for-ml/1.2.38-learning-rate-and-convergence.quiz.yaml'), 'utf8'),
  ).data,
);
const { points, questions } = quizPoints(quiz1238.questions);

serveSiteToBrowser();

describe('saved progress', () => {
  test('a full storage quota is reported on the page, and the answer still counts there', async () => {
    const context = await browser.newContext();
    const { page, errors } = watch(await context.newPage());
    await page.goto(`${site.origin}/math-for-ml/1.2.37/`, { waitUntil: 'load' });
    // Fill the origin's storage until the browser refuses more.
    await page.evaluate(() => {
      let chunk = 'x'.repeat(1 << 20);
      for (let i = 0; chunk.length > 0; i++) {
        try {
          localStorage.setItem(`filler-${i}`, chunk);
        } catch {
          chunk = chunk.slice(0, chunk.length >> 1);
        }
      }
    });
    const question = page.locator('#check-1-2-37-tf-negative-slope');
    await question.locator('input[value="true"]').check();
    await question.locator('[data-check]').press('Enter');
    await expect.poll(() => question.locator('[data-feedback]').textContent()).toContain('Correct');
    const notice = page.locator('.progress-notice[role="alert"]');
    await expect
      .poll(() => notice.first().textContent())
      .toContain("Your progress could not be saved: the browser's storage for this site is full");
    await expect(page.locator('.quiz [data-score]').textContent()).resolves.toBe('1');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the progress page reports set-aside progress and exports it with the rest', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, errors } = watch(await context.newPage());
    await page.goto(`${site.origin}/progress/`, { waitUntil: 'load' });
    await page.evaluate(() =>
      localStorage.setItem('course-progress:v2', '{"version":2,"lessons":{"1.2.38":{"quiz":[]}}}'),
    );
    await page.reload({ waitUntil: 'load' });
    await expect(page.locator('.progress-notice').first().textContent()).resolves.toContain(
      'could not be read (lessons.1.2.38.homework: expected an object)',
    );
    await expect(page.locator('[data-backups]').textContent()).resolves.toBe(
      '1 copy of saved progress that could not be read is kept in this browser and included in the export.',
    );
    await expect(page.locator('[data-progress-row="1.2.38"] [data-quiz-text]').textContent()).resolves.toBe(
      `0 of ${points} points (0 of ${questions} answered); first attempts 0 of ${points}, 0 of ${questions} mastered`,
    );
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export]').click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.backups).toEqual([
      {
        key: expect.stringMatching(/^course-progress:backup:/),
        value: '{"version":2,"lessons":{"1.2.38":{"quiz":[]}}}',
      },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
