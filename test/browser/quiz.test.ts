import { describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, watch } from '../support/browser';
import { projectRoot } from '../support/project';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';
import { parseYamlWithPositions } from '../../src/content/problems';
import { quizSchema } from '../../src/quiz/schema';
import { quizPoints } from '../../src/quiz/page';

/**
 * The 1.2.38 quiz in the built site (dist/), taken with the keyboard only: Tab, Shift+Tab,
 * Space, Enter, arrow keys and typing. No clicks on quiz controls.
 */

const lesson = '/math-for-ml/1.2.38/';
const KEY = 'course-progress:v2';
const q = (id: string) => `#quiz-1-2-38-${id}`;
/** A question the lesson's sections ask: its form is the section's (the quiz links to it, Quiz.astro). */
const c = (id: string) => `#check-1-2-38-${id}`;
/** The size of the 1.2.38 quiz as its file states it: auto-graded points and questions. */
const size = quizPoints(
  quizSchema.parse(
    parseYamlWithPositions(
      readFileSync(join(projectRoot, 'content/math-for-ml/1.2-calculus-for-ml/1.2.38-learning-rate-and-convergence.quiz.yaml'), 'utf8'),
    ).data,
  ).questions,
);
/** The progress page's quiz line: points now, then first-attempt points and mastery (here every answer was right at once). */
const sizeText = (points: number, answered: number) =>
  `${points} of ${size.points} points (${answered} of ${size.questions} answered); ` +
  `first attempts ${points} of ${size.points}, ${answered} of ${size.questions} mastered`;

serveSiteToBrowser();

async function openLesson(context: BrowserContext) {
  const watched = watch(await context.newPage());
  await watched.page.goto(site.origin + lesson, { waitUntil: 'load' });
  return watched;
}

/**
 * Press Tab (or Shift+Tab) until the focused element matches `selector`. In a code editor Tab
 * indents, so first Escape, as the editor's help tells a keyboard user.
 */
async function tabTo(page: Page, selector: string, backwards = false) {
  for (let presses = 0; presses < 400; presses++) {
    const focus = await page.evaluate((s) => {
      const active = document.activeElement;
      // The code editor is CodeMirror in a shadow root: focus inside it shows as its host here.
      return { found: active?.matches(s) ?? false, inEditor: active?.matches('.quiz-editor') ?? false };
    }, selector);
    if (focus.found) return;
    if (focus.inEditor) await page.keyboard.press('Escape');
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Start keyboard navigation at an element (the quiz heading, a section's check), as a screen-reader user jumping by heading would. */
async function startAt(page: Page, selector: string) {
  await page.locator(selector).evaluate((element: HTMLElement) => {
    element.tabIndex = -1;
    element.focus();
  });
}
const startAtQuiz = (page: Page) => startAt(page, '#quiz-1-2-38-title');

const feedback = (page: Page, id: string) => page.locator(`${q(id)} [data-feedback]`);
const checkFeedback = (page: Page, id: string) => page.locator(`${c(id)} [data-feedback]`);
const focusedMatches = (page: Page, selector: string) =>
  page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

async function order(page: Page): Promise<string[]> {
  return page
    .locator(`${c('order-tuning-recipe')} li[data-item]`)
    .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.item ?? ''));
}

/** A module of dist/_astro and every module it imports, transitively. */
function moduleGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(projectRoot, 'dist', '_astro', file), 'utf8');
  // Relative imports, and the prebuilt libraries' absolute ones (/_astro/vendor/…).
  for (const match of code.matchAll(/(?:from|import)\s*"(\.\/|\/_astro\/)([^"]+\.js)"/g)) moduleGraph(match[1] === './' ? join(dirname(file), match[2]!) : match[2]!, seen);
  return seen;
}

describe('the quiz script', () => {
  test('ships only on pages with a quiz, carries no zod, and stays under its gzip budget', () => {
    const html = (path: string) => readFileSync(join(projectRoot, 'dist', path, 'index.html'), 'utf8');
    const entry = /<script type="module" src="\/_astro\/(Quiz\.astro[^"]+\.js)"/.exec(html('math-for-ml/1.2.38'))?.[1];
    expect(entry).toBeDefined();
    expect(html('').includes('Quiz.astro')).toBe(false);
    const files = [...moduleGraph(entry!)];
    const code = files.map((f) => readFileSync(join(projectRoot, 'dist', '_astro', f), 'utf8')).join('\n');
    expect(code).not.toMatch(/_zod|ZodError/);
    const gzipped = files.reduce(
      (sum, f) => sum + gzipSync(readFileSync(join(projectRoot, 'dist', '_astro', f)), { level: 9 }).length,
      0,
    );
    console.info(`quiz script: ${files.join(', ')}: ${gzipped} bytes gzip`);
    // 16 KB: the registry's graders for every type and the scoring policy ship with the quiz (10 KB before them),
    // the expression and multipart kinds' thin halves (their graders and mathjs load on demand), the LMS hook (the
    // adapter itself is a lazy chunk), the confidence control and confidence-weighted marking (the FSRS scheduler stays out), and Vite's preload helper
    // for those lazy chunks: 15.4 KB measured; then the client registry of the types and the loader of the lesson's quiz
    // data file (the page no longer carries grading data) and the confidence control's template: 15.8 KB measured;
    // then the Review page's hook and the progress store's checks of explorer-task records and review cards: 16.3 KB
    // measured. The next addition should load each type's client half only on pages with such a question.
    expect(gzipped).toBeLessThan(17 * 1024);
  });
});

describe('the 1.2.38 quiz', () => {
  test('can be taken with the keyboard only, survives a reload, and has no axe violations', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openLesson(context);
    const kb = page.keyboard;
    // The first questions are the sections' checks (the end quiz links to them); then the quiz's own.
    await startAt(page, c('tf-rate-scales-step'));

    // True/false: one attempt, said before answering; a wrong answer settles it and says why.
    await expect(page.locator(`${c('tf-rate-scales-step')} [data-credit]`).textContent()).resolves.toBe(
      'One attempt: full credit if it is right.',
    );
    await tabTo(page, `${c('tf-rate-scales-step')} input[value="true"]`);
    await kb.press('ArrowDown'); // selects False
    await tabTo(page, `${c('tf-rate-scales-step')} [data-check]`);
    await kb.press('Enter');
    await expect
      .poll(() => checkFeedback(page, 'tf-rate-scales-step').textContent())
      .toContain('Not quite. No attempts left: the answer and an explanation follow.');
    await expect(page.locator(`${c('tf-rate-scales-step')} [data-explanation]`).isVisible()).resolves.toBe(true);
    await expect(page.locator(`${c('tf-rate-scales-step')} [data-check]`).isDisabled()).resolves.toBe(true);
    expect(await focusedMatches(page, `${c('tf-rate-scales-step')} [data-result]`)).toBe(true);

    // Numeric: a comma is refused without using an attempt, then the right value.
    await tabTo(page, `${c('num-one-step')} input[data-answer-text]`);
    await kb.type('1,000');
    await kb.press('Enter');
    await expect.poll(() => checkFeedback(page, 'num-one-step').textContent()).toContain('Use a dot for decimals');
    await expect(page.locator(`${c('num-one-step')} [data-attempts]`).textContent()).resolves.toBe(
      '3 of 3 attempts left',
    );
    await kb.press('Control+A');
    await kb.type('9');
    await kb.press('Enter');
    await expect
      .poll(() => checkFeedback(page, 'num-one-step').textContent())
      .toContain('Not quite. Try again: 2 attempts left.');
    await kb.press('Control+A');
    await kb.type('8');
    await kb.press('Enter');
    // Right on the second try: half the credit, said so.
    await expect
      .poll(() => checkFeedback(page, 'num-one-step').textContent())
      .toContain('Correct: 0.5 points of 1 (attempt 2 earns part of the credit).');

    // Short text answer, normalised.
    await tabTo(page, `${c('text-condition-number')} input[data-answer-text]`);
    await kb.type('  Condition   NUMBER ');
    await kb.press('Enter');
    await expect.poll(() => checkFeedback(page, 'text-condition-number').textContent()).toContain('Correct');

    // Ordering: move items up with the buttons; focus stays on the button and each move is announced.
    const target = ['sweep', 'read', 'refine', 'schedule'];
    expect(await order(page)).not.toEqual(target);
    for (const [position, item] of target.entries()) {
      const up = `${c('order-tuning-recipe')} li[data-item="${item}"] [data-move="up"]`;
      while ((await order(page)).indexOf(item) > position) {
        if (!(await focusedMatches(page, up))) await tabTo(page, up);
        await kb.press('Enter');
        expect(await focusedMatches(page, up)).toBe(true);
        await expect
          .poll(() => page.locator(`${c('order-tuning-recipe')} [data-order-status]`).textContent())
          .toMatch(new RegExp(`now ${(await order(page)).indexOf(item) + 1} of 4\\.$`));
      }
    }
    expect(await order(page)).toEqual(target);
    await tabTo(page, `${c('order-tuning-recipe')} [data-check]`);
    await kb.press('Enter');
    await expect.poll(() => checkFeedback(page, 'order-tuning-recipe').textContent()).toContain('Correct: 2 points.');

    await startAtQuiz(page);
    // The quiz's own questions. Multiple choice: the three converging rates, with Space on each checkbox.
    for (const rate of ['r03', 'r05', 'r09']) {
      await tabTo(page, `${q('multi-converging-rates')} input[value="${rate}"]`);
      await kb.press('Space');
    }
    await tabTo(page, `${q('multi-converging-rates')} [data-check]`);
    await kb.press('Enter');
    await expect.poll(() => feedback(page, 'multi-converging-rates').textContent()).toContain('Correct: 2 points.');

    // Open question: write, reveal the model answer, rate.
    await tabTo(page, `${q('open-why-schedules')} textarea`);
    await kb.type('Big steps early for speed, small steps late so training settles despite noise.');
    await tabTo(page, `${q('open-why-schedules')} [data-reveal]`);
    await kb.press('Enter');
    await expect(page.locator(`${q('open-why-schedules')} [data-model]`).isVisible()).resolves.toBe(true);
    await tabTo(page, `${q('open-why-schedules')} input[value="got-it"]`);
    await kb.press('ArrowDown'); // Partly
    await tabTo(page, `${q('open-why-schedules')} [data-check]`);
    await kb.press('Enter');
    await expect
      .poll(() => feedback(page, 'open-why-schedules').textContent())
      .toContain('Rating saved: 0.5 points of 1');

    // The quiz asks the sections' questions once: it links to each and says where it stands.
    await expect(page.locator(`${q('tf-rate-scales-step')} form`).count()).resolves.toBe(0);
    await expect(page.locator(`${q('num-one-step')} a`).getAttribute('href')).resolves.toBe(c('num-one-step'));
    await expect(page.locator(`${q('num-one-step')} [data-asked-state]`).textContent()).resolves.toBe('Answered: correct, 0.5 of 1 point.');
    await expect(page.locator(`${q('tf-rate-scales-step')} [data-asked-state]`).textContent()).resolves.toBe('Answered: 0 of 1 point, no checks left.');
    await expect(page.locator(`${q('curve-too-slow')} [data-asked-state]`).textContent()).resolves.toBe('Not answered yet.');

    const score = page.locator('.quiz [data-score]');
    // Each question counted once, wherever it was answered: 0 (true/false, wrong) + 0.5 (numeric, second try) + 2 + 1 + 2.
    await expect(score.textContent()).resolves.toBe('5.5');
    await expect(
      page.locator('.quiz [data-score-bar]').evaluate((bar: HTMLProgressElement) => bar.value),
    ).resolves.toBe(5.5);
    await expect(page.locator('.quiz [data-self-score]').textContent()).resolves.toBe('0.5 of 3 (1 of 3 rated)');

    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    // A reload restores answers, feedback, scores and the order.
    await page.reload({ waitUntil: 'load' });
    await expect(page.locator(`${c('tf-rate-scales-step')} input[value="false"]`).isChecked()).resolves.toBe(true);
    await expect(checkFeedback(page, 'tf-rate-scales-step').textContent()).resolves.toContain('Not quite');
    await expect(page.locator(`${c('num-one-step')} input[data-answer-text]`).inputValue()).resolves.toBe('8');
    await expect(page.locator(`${c('num-one-step')} input[data-answer-text]`).isDisabled()).resolves.toBe(true);
    await expect(page.locator(`${q('multi-converging-rates')} input:checked`).count()).resolves.toBe(3);
    expect(await order(page)).toEqual(target);
    await expect(page.locator(`${q('open-why-schedules')} textarea`).inputValue()).resolves.toMatch(/^Big steps early/);
    await expect(page.locator(`${q('open-why-schedules')} input[value="partly"]`).isChecked()).resolves.toBe(true);
    await expect(score.textContent()).resolves.toBe('5.5');
    const saved = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY)) ?? 'null');
    expect(saved.lessons['1.2.38'].quiz['tf-rate-scales-step']).toMatchObject({
      attempts: 1,
      correct: false,
      response: false,
      score: 0,
      firstScore: 0,
    });
    expect(saved.lessons['1.2.38'].quiz['num-one-step']).toMatchObject({ attempts: 2, correct: true, score: 0.5, firstScore: 0 });
    expect(saved.lessons['1.2.38'].quizSize).toEqual({ points: size.points, questions: size.questions });

    expect(errors).toEqual([]);
    await context.close();
  });

  test('answers saved when the quiz asked every question itself still show, in the sections and in the score', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openLesson(context);
    // As the page stored them before the quiz linked to the sections' checks: keyed by lesson and question, nothing else.
    const record = (response: unknown, score: number, correct: boolean) =>
      ({ response, attempts: 1, score, firstScore: score, max: 1, correct, selfAssessed: false, answeredAt: '2026-11-30T09:00:00.000Z' });
    const saved = {
      version: 2,
      lessons: {
        '1.2.38': {
          homework: {},
          quiz: { 'num-one-step': record('8', 1, true), 'tf-smaller-always-better': record(true, 0, false), 'num-two-steps': record('6.4', 1, true) },
          quizSize: { points: size.points, questions: size.questions },
        },
      },
    };
    await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [KEY, JSON.stringify(saved)]);
    await page.reload({ waitUntil: 'load' });
    await page.locator('.quiz[data-quiz-ready]').waitFor({ state: 'attached' });
    // The section's check shows the answer, its verdict and its closed input.
    await expect.poll(() => page.locator(`${c('num-one-step')} input[data-answer-text]`).inputValue()).toBe('8');
    await expect.poll(() => checkFeedback(page, 'num-one-step').textContent()).toContain('Correct: 1 point.');
    await expect.poll(() => checkFeedback(page, 'tf-smaller-always-better').textContent()).toContain('Not quite');
    // The quiz's line for each says where it stands; its own question shows its answer; the score counts all three once.
    await expect.poll(() => page.locator(`${q('num-one-step')} [data-asked-state]`).textContent()).toBe('Answered: correct, 1 of 1 point.');
    await expect(page.locator(`${q('tf-smaller-always-better')} [data-asked-state]`).textContent()).resolves.toBe('Answered: 0 of 1 point, no checks left.');
    await expect.poll(() => page.locator(`${q('num-two-steps')} input[data-answer-text]`).inputValue()).toBe('6.4');
    await expect(page.locator('.quiz [data-score]').textContent()).resolves.toBe('2');
    await expect(page.locator('.quiz [data-answered]').textContent()).resolves.toBe(`3 of ${size.questions} answered`);
    // The review covers every question of the quiz, those asked in the sections under their number in the quiz.
    await page.locator('.quiz [data-review]').click();
    const items = page.locator('.quiz-review-item');
    await expect.poll(() => items.count()).toBe(size.questions + size.selfQuestions);
    const numOneStep = items.filter({ has: page.locator('h3', { hasText: /^Question 5$/ }) });
    await expect(numOneStep.locator('.quiz-review-yours').textContent()).resolves.toContain('8');
    await expect(numOneStep.locator('.quiz-review-prompt').textContent()).resolves.not.toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a corrupted store shows a notice, is kept aside, and the quiz still works', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openLesson(context);
    await page.evaluate((k) => localStorage.setItem(k, '{"version":2,"lessons":{"1.2.38":'), KEY);
    await page.reload({ waitUntil: 'load' });

    const notice = page.locator('.progress-notice');
    await expect(notice.first().textContent()).resolves.toContain(
      'Your saved progress could not be read (the stored text is not valid JSON)',
    );
    await expect(notice.first().getAttribute('role')).resolves.toBe('alert');

    await startAt(page, c('tf-smaller-always-better'));
    await tabTo(page, `${c('tf-smaller-always-better')} input[value="true"]`);
    await page.keyboard.press('ArrowDown');
    await tabTo(page, `${c('tf-smaller-always-better')} [data-check]`);
    await page.keyboard.press('Enter');
    await expect.poll(() => checkFeedback(page, 'tf-smaller-always-better').textContent()).toContain('Correct');

    const storage = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
    const backups = Object.keys(storage).filter((k) => k.startsWith('course-progress:backup:'));
    expect(backups).toHaveLength(1);
    expect(storage[backups[0]!]).toBe('{"version":2,"lessons":{"1.2.38":');
    expect(JSON.parse(storage[KEY]!).lessons['1.2.38'].quiz['tf-smaller-always-better'].correct).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('export, reset and import restore the same progress; a bad file changes nothing', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, errors } = await openLesson(context);
    page.on('dialog', (dialog) => void dialog.accept());

    await page.locator(`${q('num-two-steps')} input[data-answer-text]`).fill('6.4');
    await page.locator(`${q('num-two-steps')} [data-check]`).press('Enter');
    await page.locator(`${q('tf-schedules-help')} input[value="true"]`).check();
    await page.locator(`${q('tf-schedules-help')} [data-check]`).press('Enter');
    await expect.poll(() => page.locator('.quiz [data-score]').textContent()).toBe('2');
    const before = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY)) ?? 'null');

    await page.goto(`${site.origin}/progress/`, { waitUntil: 'load' });
    const row = page.locator('[data-progress-row="1.2.38"]');
    await expect(row.locator('[data-quiz-text]').textContent()).resolves.toBe(sizeText(2, 2));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export]').press('Enter')]);
    const file = join(mkdtempSync(join(tmpdir(), 'progress-')), download.suggestedFilename());
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported).toMatchObject({ format: 'course-progress', progress: before, backups: [] });

    await page.goto(site.origin + lesson, { waitUntil: 'load' });
    await page.locator('.quiz [data-reset]').press('Enter');
    await expect.poll(() => page.locator('.quiz [data-score]').textContent()).toBe('0');
    await expect(page.locator(`${q('num-two-steps')} input[data-answer-text]`).inputValue()).resolves.toBe('');

    await page.goto(`${site.origin}/progress/`, { waitUntil: 'load' });
    await expect(row.locator('[data-quiz-text]').textContent()).resolves.toBe(sizeText(0, 0));
    const bad = join(mkdtempSync(join(tmpdir(), 'progress-')), 'notes.json');
    writeFileSync(bad, '{"notes": true}');
    await page.locator('[data-import]').setInputFiles(bad);
    await expect
      .poll(() => page.locator('[data-transfer-status]').textContent())
      .toMatch(/notes\.json was not imported: the file is not a progress export.*Nothing was changed\./);
    await page.locator('[data-import]').setInputFiles(file);
    await expect
      .poll(() => page.locator('[data-transfer-status]').textContent())
      .toContain('your progress has been restored');
    await expect(row.locator('[data-quiz-text]').textContent()).resolves.toBe(sizeText(2, 2));
    expect(JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY)) ?? 'null')).toEqual(before);

    await page.goto(site.origin + lesson, { waitUntil: 'load' });
    await expect(page.locator('.quiz [data-score]').textContent()).resolves.toBe('2');
    await expect(page.locator(`${q('num-two-steps')} input[data-answer-text]`).inputValue()).resolves.toBe('6.4');
    expect(errors).toEqual([]);
    await context.close();
  });
});
