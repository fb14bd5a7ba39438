import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { axeViolations, launchBrowser, watch, type WatchedPage } from '../support/browser';
import { codeEditor, replaceCode } from '../support/editor';
import { serveStatic, type StaticSite } from '../support/serve';
import { projectRoot } from '../support/project';
import { parseYamlWithPositions } from '../../src/content/problems';
import { quizSchema, type QuestionOf } from '../../src/quiz/schema';
import { gdIterate1D, quadraticTheory } from '../../src/sim/index';

/**
 * The questions no static site has, in the built site (dist/), answered as a learner would:
 * parametrized variants (the numbers read off the page and the answer worked out with the closed
 * forms of src/sim), diagnose-a-curve with the keyboard only, code challenges run in the page's
 * worker (wrong, stuck, sandboxed, right), the review, axe in both themes, and a code challenge
 * offline. One learner, in order: the review at the end looks back on the answers before it.
 */

const dist = join(projectRoot, 'dist');
const KEY = 'course-progress:v2';
const lesson38 = '/math-for-ml/1.2.38/';
const lesson39 = '/math-for-ml/1.2.39/';
const q = (id: string) => `#quiz-1-2-38-${id}`;
const contentDir = join(projectRoot, 'content/math-for-ml/1.2-calculus-for-ml');

function quizOf(file: string) {
  return quizSchema.parse(parseYamlWithPositions(readFileSync(join(contentDir, file), 'utf8')).data);
}
const quiz38 = quizOf('1.2.38-learning-rate-and-convergence.quiz.yaml');
const question38 = <T extends 'diagnose' | 'code'>(id: string, type: T) =>
  quiz38.questions.find((x) => x.id === id && x.type === type) as QuestionOf<T>;

let site: StaticSite;
let browser: Browser;
let context: BrowserContext;
let watched: WatchedPage;
/** Every request the page and its workers made, for the sandbox check. */
const requests: string[] = [];

beforeAll(async () => {
  site = await serveStatic(dist);
  browser = await launchBrowser();
  context = await browser.newContext({ serviceWorkers: 'block' });
  watched = watch(await context.newPage());
  watched.page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await watched.page.goto(site.origin + lesson38, { waitUntil: 'load' });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

/** The TeX of each formula in a question's prompt, as the build keeps it on the formula (`<math data-tex>`). */
const texOf = (locator: Locator) => locator.evaluateAll((all) => all.map((m) => m.getAttribute('data-tex') ?? ''));
const promptTex = (page: Page, id: string) => texOf(page.locator(`${q(id)} .quiz-prompt math`));
const promptText = (page: Page, id: string) => page.locator(`${q(id)} .quiz-prompt`).evaluate((el) => el.innerHTML);
const feedback = (page: Page, id: string) => page.locator(`${q(id)} [data-feedback]`).textContent();
const numberIn = (text: string | undefined, pattern: RegExp) => {
  const match = pattern.exec(text ?? '');
  if (!match) throw new Error(`${pattern} not found in ${text}`);
  return Number(match[1]);
};

interface SavedRecord {
  response: Record<string, unknown>;
  attempts: number;
  correct: boolean;
  score: number;
  seed?: number;
}
async function saved(page: Page, id: string): Promise<SavedRecord | undefined> {
  const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
  return stored ? JSON.parse(stored).lessons?.['1.2.38']?.quiz?.[id] : undefined;
}
/** Wait until the question has one more saved check than `before` (the page saves after grading). */
async function nextRecord(page: Page, id: string, before: number): Promise<SavedRecord> {
  await expect.poll(async () => (await saved(page, id))?.attempts ?? 0, { timeout: 10_000 }).toBe(before + 1);
  return (await saved(page, id))!;
}

/** The parameters of the gradient-descent question, read off its prompt: f(x) = a·x², x0, η, k. */
async function gdParams(page: Page) {
  const tex = (await promptTex(page, 'param-gd-steps')).join(' | ');
  const text = await page.locator(`${q('param-gd-steps')} .quiz-prompt`).textContent();
  return {
    a: numberIn(tex, /f\(x\) = ([\d.]+)\\,x\^2/),
    x0: numberIn(tex, /x_0 = (-?[\d.]+)/),
    lr: numberIn(tex, /\\eta = ([\d.]+)/),
    k: numberIn(text ?? '', /after (\d+) steps/),
  };
}

async function answerNumber(page: Page, id: string, value: string) {
  const before = (await saved(page, id))?.attempts ?? 0;
  await page.locator(`${q(id)} input[data-answer-text]`).fill(value);
  await page.locator(`${q(id)} [data-check]`).click();
  return nextRecord(page, id, before);
}

/** "a = 1.5, x0 = 4, …" → { a: 1.5, x0: 4, … } */
function paramsIn(text: string): Record<string, number> {
  return Object.fromEntries([...text.matchAll(/(\w+) = (−?[\d.]+)/g)].map((m) => [m[1]!, Number(m[2]!.replace('−', '-'))]));
}

/** Press Tab (or Shift+Tab) until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string) {
  for (let presses = 0; presses < 60; presses++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** With the keyboard: Tab into a radio group and move with the arrow keys (or Space) to `value`. */
async function chooseWithKeys(page: Page, group: string, value: string) {
  await tabTo(page, `${group} input[type="radio"]`);
  const focused = () => page.evaluate(() => (document.activeElement as HTMLInputElement).value);
  if ((await focused()) === value) await page.keyboard.press('Space');
  for (let moves = 0; (await focused()) !== value; moves++) {
    if (moves > 10) throw new Error(`no radio ${value} in ${group}`);
    await page.keyboard.press('ArrowDown');
  }
  expect(await page.locator(`${group} input[value="${value}"]`).isChecked()).toBe(true);
}

/** The code question's rows: the call, the expected value and the result, as the table shows them. */
async function testRows(page: Page, id: string) {
  return page.locator(`${q(id)} tr[data-test]`).evaluateAll((rows) =>
    rows.map((row) => {
      const cells = row.querySelectorAll('td');
      return { call: cells[0]!.textContent ?? '', expected: cells[1]!.textContent ?? '', result: cells[2]!.textContent ?? '' };
    }),
  );
}

/** Numbers of `{ finalA: 3.2768, finalB: 0.1024, better: "B" }` */
function compareResult(text: string) {
  return {
    finalA: numberIn(text, /finalA: (-?[\d.e+-]+|Infinity)/),
    finalB: numberIn(text, /finalB: (-?[\d.e+-]+|Infinity)/),
    better: /better: "([AB])"/.exec(text)?.[1],
  };
}
const callArgs = (call: string) => (/\((.*)\)/.exec(call)?.[1] ?? '').split(',').map(Number);

async function runCode(page: Page, id: string, code: string) {
  const before = (await saved(page, id))?.attempts ?? 0;
  await replaceCode(page, q(id), code);
  await page.locator(`${q(id)} [data-check]`).click();
  return nextRecord(page, id, before);
}

/** The review's entry for a question, found by the question's label ("Question 8"). */
async function reviewOf(page: Page, id: string) {
  const label = await page.locator(`${q(id)} .quiz-label`).textContent();
  return page.locator('.quiz-review-item').filter({ has: page.locator('h3', { hasText: new RegExp(`^${label}$`) }) });
}

/** Parameters and answer of the gradient-descent question when it was answered right (for the review). */
let gdAnswered: { params: Record<string, number>; typed: string } | undefined;
/** Parameters of the stability-limit variant whose checks ran out. */
let limitAnswered: Record<string, number> | undefined;

describe('parametrized questions (one learner, in order)', () => {
  test('x after k steps: wrong, a new variant that a reload keeps, then right; the seed is saved each time', async () => {
    const { page } = watched;
    const first = await gdParams(page);
    const right = (p: typeof first) => gdIterate1D(p.a, p.lr, p.x0, p.k);
    // The slip the question's distractors name first: the factor 2 of the derivative forgotten.
    const slip = (p: typeof first) => (1 - p.a * p.lr) ** p.k * p.x0;
    expect(Math.abs(slip(first) - right(first))).toBeGreaterThan(0.01 * Math.abs(right(first)));

    const wrong = await answerNumber(page, 'param-gd-steps', slip(first).toPrecision(4));
    expect(wrong).toMatchObject({ attempts: 1, correct: false, score: 0, response: { answer: slip(first).toPrecision(4) } });
    expect(typeof wrong.seed).toBe('number');
    expect(wrong.response.seed).toBe(wrong.seed);
    await expect.poll(() => feedback(page, 'param-gd-steps')).toContain('Not quite. Try again: 2 attempts left.');
    // The generator computed this wrong answer for the variant: the feedback names the misconception.
    expect(await feedback(page, 'param-gd-steps')).toContain('That is a common mistake: the gradient of a·x² is 2a·x, not a·x');
    expect(await feedback(page, 'param-gd-steps')).toContain('The numbers have changed: answer the new variant above.');
    expect(await page.locator(`${q('param-gd-steps')} input[data-answer-text]`).inputValue()).toBe('');

    const second = await gdParams(page);
    const promptBefore = await promptText(page, 'param-gd-steps');
    await page.reload({ waitUntil: 'load' });
    expect(await promptText(page, 'param-gd-steps')).toBe(promptBefore);
    expect(await gdParams(page)).toEqual(second);
    expect(await feedback(page, 'param-gd-steps')).toContain('Not quite. Try again: 2 attempts left.');
    expect(await page.locator(`${q('param-gd-steps')} [data-explanation]`).isHidden()).toBe(true);

    const typed = right(second).toPrecision(4);
    const rightRecord = await answerNumber(page, 'param-gd-steps', typed);
    // Right on the second try: mastered, for half the credit (the default policy 1, ½, ¼).
    expect(rightRecord).toMatchObject({ attempts: 2, correct: true, score: 0.5, firstScore: 0, response: { answer: typed } });
    // The second check answered another variant than the first: a new draw, its own seed saved.
    expect(rightRecord.seed).not.toBe(wrong.seed);
    await expect.poll(() => feedback(page, 'param-gd-steps')).toContain('Correct: 0.5 points of 1 (attempt 2 earns part of the credit).');
    const explanation = page.locator(`${q('param-gd-steps')} [data-explanation]`);
    expect(await explanation.isVisible()).toBe(true);
    const factor = 1 - 2 * second.a * second.lr;
    expect((await texOf(explanation.locator('math'))).join(' ')).toContain(String(Number(factor.toPrecision(6))));
    gdAnswered = { params: second, typed };

    await page.reload({ waitUntil: 'load' });
    expect(await gdParams(page)).toEqual(second);
    const input = page.locator(`${q('param-gd-steps')} input[data-answer-text]`);
    expect(await input.inputValue()).toBe(typed);
    expect(await input.isDisabled()).toBe(true);
    expect(await feedback(page, 'param-gd-steps')).toContain('Correct: 0.5 points of 1 (attempt 2 earns part of the credit).');
  });

  test('the stability limit, three wrong checks on three variants: the answer shown is 2/λmax of the last one', async () => {
    const { page } = watched;
    const limitParams = async () => {
      const tex = (await promptTex(page, 'param-stability-limit')).join(' | ');
      return { lmin: numberIn(tex, /\\lambda_\{\\min\} = ([\d.]+)/), lmax: numberIn(tex, /\\lambda_\{\\max\} = ([\d.]+)/) };
    };
    const seeds: number[] = [];
    let params = await limitParams();
    for (let check = 1; check <= 3; check++) {
      params = await limitParams();
      // 1/λmax: the largest rate that never overshoots, a classic mix-up.
      const record = await answerNumber(page, 'param-stability-limit', String(1 / params.lmax));
      expect(record).toMatchObject({ attempts: check, correct: false });
      seeds.push(record.seed!);
    }
    expect(new Set(seeds).size).toBeGreaterThan(1);
    await expect.poll(() => feedback(page, 'param-stability-limit')).toContain('No attempts left: the answer and an explanation follow.');
    // Settled: the variant on show is the last one answered, and its answer is its own 2/λmax.
    expect(await limitParams()).toEqual(params);
    const shown = await page.locator(`${q('param-stability-limit')} [data-answer-reveal]`).textContent();
    expect(numberIn(shown ?? '', /The answer: ([\d.e-]+)/)).toBeCloseTo(quadraticTheory([[params.lmin, 0], [0, params.lmax]]).stabilityLimit, 10);
    expect(await page.locator(`${q('param-stability-limit')} [data-explanation]`).isVisible()).toBe(true);
    limitAnswered = params;
  });

  test('the largest stable rate for a bowl, a choice question: a wrong pick, then the right one in the next variant', async () => {
    const { page } = watched;
    const bowl = async () => {
      const tex = (await promptTex(page, 'param-stability-bowl')).join(' | ');
      return { p: numberIn(tex, /L\(u, v\) = ([\d.]+)\\,u\^2/), q: numberIn(tex, /\+ ([\d.]+)\\,v\^2/) };
    };
    /** The radio whose label shows the value closest to `rate`. */
    const radioFor = async (rate: number) => {
      const values = await page
        .locator(`${q('param-stability-bowl')} label.quiz-choice`)
        .evaluateAll((labels) =>
          labels
            // The answer's choices, not the confidence group beside them: each shows its rate as math.
            .filter((l) => l.querySelector('math[data-tex]'))
            .map((l) => [(l.querySelector('input') as HTMLInputElement).value, l.querySelector('math')!.getAttribute('data-tex') ?? '']),
        );
      const [id] = values
        .map(([id, tex]) => [id!, Math.abs(numberIn(tex, /\\eta = ([\d.]+)/) - rate)] as const)
        .sort((x, y) => x[1] - y[1])[0]!;
      return page.locator(`${q('param-stability-bowl')} input[value="${id}"]`);
    };
    const pick = async (rate: number) => {
      const before = (await saved(page, 'param-stability-bowl'))?.attempts ?? 0;
      await (await radioFor(rate)).check();
      await page.locator(`${q('param-stability-bowl')} [data-check]`).click();
      return nextRecord(page, 'param-stability-bowl', before);
    };
    const first = await bowl();
    // The best constant rate 2/(λmin + λmax) with λ = 2p, 2q: just below the edge, and wrong.
    const wrong = await pick(1 / (first.p + first.q));
    expect(wrong).toMatchObject({ correct: false, response: { answer: 'best' } });
    await expect.poll(() => feedback(page, 'param-stability-bowl')).toContain('the best constant rate');

    // The review looks back on the variant answered, not the one now on show.
    await page.locator('.quiz [data-review]').click();
    const item = await reviewOf(page, 'param-stability-bowl');
    await expect.poll(() => item.locator('.quiz-review-params').textContent()).toBe(`Your numbers: p = ${first.p}, q = ${first.q}`);
    expect(await item.locator('.quiz-review-pending').count()).toBe(1);

    const next = await bowl();
    const right = await pick(1 / Math.max(next.p, next.q));
    expect(right).toMatchObject({ correct: true, response: { answer: 'limit' } });
    expect(right.seed).not.toBe(wrong.seed);
    await expect.poll(() => feedback(page, 'param-stability-bowl')).toContain('Correct: 0.5 points of 1 (attempt 2 earns part of the credit).');
  });
});

describe('diagnose-a-curve, with the keyboard only', () => {
  const startAt = (page: Page, id: string) =>
    page.locator(`${q(id)} .quiz-label`).evaluate((label: HTMLElement) => {
      label.tabIndex = -1;
      label.focus();
    });

  test('the divergence curve: verdict and fix right, full marks; the curve is the logged losses', async () => {
    const { page } = watched;
    const question = question38('curve-divergence', 'diagnose');
    const caption = await page.locator(`${q('curve-divergence')} figcaption`).textContent();
    for (const [i, loss] of (question.losses ?? []).entries()) expect(caption).toContain(`${i + 1}: ${loss}`);
    expect(await page.locator(`${q('curve-divergence')} figure svg, ${q('curve-divergence')} figure img`).count()).toBeGreaterThan(0);

    await startAt(page, 'curve-divergence');
    await chooseWithKeys(page, `${q('curve-divergence')} [data-part="verdict"]`, question.verdict.answer);
    await chooseWithKeys(page, `${q('curve-divergence')} [data-part="fix"]`, question.fix.answer);
    await tabTo(page, `${q('curve-divergence')} [data-check]`);
    await page.keyboard.press('Enter');
    await expect.poll(() => feedback(page, 'curve-divergence')).toContain('Correct: 1 point.');
    expect(await page.evaluate(() => document.activeElement?.matches('[data-result]'))).toBe(true);
    expect(await saved(page, 'curve-divergence')).toMatchObject({ correct: true, response: { verdict: question.verdict.answer, fix: question.fix.answer } });
  });

  test('the healthy curve: the right verdict with a wrong fix earns half, and says so', async () => {
    const { page } = watched;
    const question = question38('curve-healthy', 'diagnose');
    const wrongFix = question.fix.choices.find((c) => c.id !== question.fix.answer)!;
    await startAt(page, 'curve-healthy');
    await chooseWithKeys(page, `${q('curve-healthy')} [data-part="verdict"]`, question.verdict.answer);
    await chooseWithKeys(page, `${q('curve-healthy')} [data-part="fix"]`, wrongFix.id);
    await tabTo(page, `${q('curve-healthy')} [data-check]`);
    await page.keyboard.press('Enter');
    await expect.poll(() => feedback(page, 'curve-healthy')).toContain('Partly right: 0.5 points of 1. Try again: 2 attempts left.');
    expect(await feedback(page, 'curve-healthy')).toContain('The verdict is right and the fix is not: half the points.');
    if (wrongFix.feedback) expect(await feedback(page, 'curve-healthy')).toContain(wrongFix.feedback.slice(0, 40));
    expect(await saved(page, 'curve-healthy')).toMatchObject({ score: 0.5, correct: false });
  });
});

describe('the coding challenge, run in the page’s worker', () => {
  const id = 'code-compare-rates';
  const distance = (x0: number, rate: number, steps: number) => Math.abs(gdIterate1D(1, rate, x0, steps));

  test('the expected values are the closed form x0·(1 − 2η)^steps of each call', async () => {
    const rows = await testRows(watched.page, id);
    expect(rows).toHaveLength(question38(id, 'code').tests.length);
    for (const row of rows) {
      const [x0, rateA, rateB, steps] = callArgs(row.call) as [number, number, number, number];
      const expected = compareResult(row.expected);
      expect(expected.finalA, row.call).toBeCloseTo(distance(x0, rateA, steps), 9);
      expect(expected.finalB, row.call).toBeCloseTo(distance(x0, rateB, steps), 9);
      if (Math.abs(expected.finalA - expected.finalB) > 1e-9) expect(expected.better).toBe(expected.finalA < expected.finalB ? 'A' : 'B');
      expect(row.result).toBe('Not run yet');
    }
  });

  test('a wrong function: each test shows what it returned beside what was expected', async () => {
    const { page } = watched;
    // The factor 2 of the derivative forgotten: every step is x − η·x.
    const record = await runCode(
      page,
      id,
      `function compareRates(x0, rateA, rateB, steps) {
  const run = (rate) => { let x = x0; for (let t = 0; t < steps; t++) x = x - rate * x; return Math.abs(x); };
  return { finalA: run(rateA), finalB: run(rateB), better: run(rateA) <= run(rateB) ? 'A' : 'B' };
}`,
    );
    const rows = await testRows(page, id);
    let passed = 0;
    for (const row of rows) {
      const [x0, rateA, rateB, steps] = callArgs(row.call) as [number, number, number, number];
      if (row.result.startsWith('Passed')) {
        passed += 1;
        continue;
      }
      expect(row.result, row.call).toMatch(/^Failed: returned \{ finalA: .*\}\. the result\.(finalA|finalB|better) (is off|should be "[AB]")$/);
      const received = compareResult(row.result);
      expect(received.finalA, row.call).toBeCloseTo(Math.abs(x0 * (1 - rateA) ** steps), 9);
      expect(received.finalB, row.call).toBeCloseTo(Math.abs(x0 * (1 - rateB) ** steps), 9);
    }
    expect(passed).toBeLessThan(rows.length);
    expect(record.score).toBeCloseTo((2 * passed) / rows.length, 10);
    expect(await page.locator(`${q(id)} [data-code-status]`).textContent()).toMatch(/^Ran 5 tests in \d+ ms\.$/);
    await expect.poll(() => feedback(page, id)).toMatch(passed === 0 ? /^Not quite\. Try again\./ : /^Partly right/);
  });

  test('a function that throws fails that test only, with the error, and the other tests still run', async () => {
    const { page } = watched;
    const record = await runCode(
      page,
      id,
      `function compareRates(x0, rateA, rateB, steps) {
  if (x0 < 0) throw new RangeError('x0 must be positive');
  const d = (rate) => Math.abs(x0 * (1 - 2 * rate) ** steps);
  return { finalA: d(rateA), finalB: d(rateB), better: d(rateA) <= d(rateB) ? 'A' : 'B' };
}`,
    );
    const rows = await testRows(page, id);
    const negative = rows.filter((row) => callArgs(row.call)[0]! < 0);
    expect(negative.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.result, row.call).toMatch(negative.includes(row) ? /^Failed\. RangeError: x0 must be positive$/ : /^Passed: returned/);
    }
    expect(record.score).toBeCloseTo((2 * (rows.length - negative.length)) / rows.length, 10);
  });

  test('an infinite loop is stopped within about 2 s and reported; the page stays responsive meanwhile', async () => {
    const { page } = watched;
    const before = (await saved(page, id))?.attempts ?? 0;
    await replaceCode(page, q(id), 'function compareRates() {\n  while (true) {}\n}');
    const status = page.locator(`${q(id)} [data-code-status]`);
    const started = Date.now();
    await page.locator(`${q(id)} [data-check]`).click();
    const ping = Date.now();
    await page.evaluate(() => document.title);
    const responsive = Date.now() - ping;
    await expect.poll(() => status.textContent(), { interval: 20, timeout: 10_000 }).toMatch(/^Stopped/);
    const elapsed = Date.now() - started;
    const text = (await status.textContent()) ?? '';
    const reported = numberIn(text, /stopped after ([\d.]+) s/);
    console.info(`infinite loop: stopped ${elapsed} ms after the click (the page says "${text}"); the page answered in ${responsive} ms meanwhile`);
    expect(text).toMatch(/^Stopped: took longer than 2 s \(infinite loop\?\)\. The run was stopped after \d\.\d\d s\.$/);
    expect(reported).toBeGreaterThanOrEqual(2);
    expect(reported).toBeLessThan(2.5);
    // The 2 s clock plus the page's own work; generous, since both cores may be busy (a run that is never stopped fails).
    expect(elapsed).toBeLessThan(8000);
    expect(responsive).toBeLessThan(500);
    const rows = await testRows(page, id);
    expect(rows[0]!.result).toBe('Failed. stopped: took longer than 2 s (infinite loop?)');
    for (const row of rows.slice(1)) expect(row.result).toBe('Failed. Not run.');
    expect(await nextRecord(page, id, before)).toMatchObject({ score: 0, response: { stopped: text } });
  });

  test('the sandbox: no page, no storage, no network, no import', async () => {
    const { page } = watched;
    const firstResult = async () => (await testRows(page, id))[0]!.result;
    await runCode(page, id, 'function compareRates() { return document.title; }');
    expect(await firstResult()).toBe('Failed. ReferenceError: document is not defined (your code runs in a worker, apart from the page: there is no page, window or storage to touch)');
    await runCode(page, id, 'function compareRates() { return localStorage.getItem("course-progress:v2"); }');
    expect(await firstResult()).toMatch(/^Failed\. ReferenceError: localStorage is not defined/);
    requests.length = 0;
    await runCode(page, id, 'function compareRates() { return fetch("/sandbox-probe-fetch"); }');
    expect(await firstResult()).toMatch(/^Failed\. TypeError: fetch is not a function \(the network and storage are switched off/);
    await runCode(page, id, 'function compareRates() { return (() => 0).constructor("return fetch")(); }');
    expect(await firstResult()).toMatch(/^Failed\. TypeError/);
    await runCode(page, id, 'function compareRates() { import("/sandbox-probe-import.js"); return 1; }');
    expect(await page.locator(`${q(id)} [data-code-status]`).textContent()).toMatch(/^Your code uses import \(line 1\), which is switched off here/);
    // Whatever the sandboxed code could have started has finished: no request in flight.
    await page.waitForLoadState('networkidle');
    expect(requests.filter((path) => path.startsWith('/sandbox-probe'))).toEqual([]);
  });

  test('a right function passes every test, for full marks, and a reload shows the same result', async () => {
    const { page } = watched;
    // Written from the closed form, not copied from the reference solution.
    const code = `function compareRates(x0, rateA, rateB, steps) {
  const finalA = Math.abs(x0 * (1 - 2 * rateA) ** steps);
  const finalB = Math.abs(x0 * (1 - 2 * rateB) ** steps);
  return { finalA, finalB, better: finalA <= finalB ? 'A' : 'B' };
}`;
    const record = await runCode(page, id, code);
    expect(record).toMatchObject({ correct: true, score: 2 });
    const status = (await page.locator(`${q(id)} [data-code-status]`).textContent()) ?? '';
    console.info(`code challenge: ${status}`);
    for (const row of await testRows(page, id)) expect(row.result, row.call).toMatch(/^Passed: returned \{ finalA: /);
    await expect.poll(() => feedback(page, id)).toContain('Correct: 2 points.');
    expect(await page.locator(`${q(id)} [data-explanation]`).isVisible()).toBe(true);

    await page.reload({ waitUntil: 'load' });
    const textarea = page.locator(`${q(id)} textarea[data-answer-text]`);
    expect(await textarea.inputValue()).toBe(code);
    // A saved answer is shown once the lesson's quiz data file is in (fetched at once when there is one).
    await expect.poll(() => textarea.evaluate((t: HTMLTextAreaElement) => t.readOnly), { timeout: 10_000 }).toBe(true);
    // The editor shows the restored code and, the question settled, takes no more edits.
    await page.locator(q(id)).scrollIntoViewIfNeeded();
    const editor = codeEditor(page, q(id));
    await expect.poll(() => editor.getAttribute('aria-readonly')).toBe('true');
    expect((await editor.innerText()).trimEnd()).toBe(code);
    await expect.poll(async () => (await testRows(page, id)).every((row) => row.result.startsWith('Passed'))).toBe(true);
    expect(await feedback(page, id)).toContain('Correct: 2 points.');
  });
});

describe('after the quiz', () => {
  test('the review shows each answer, the right one, the explanation and the variant’s numbers', async () => {
    const { page } = watched;
    await page.locator('.quiz [data-review]').click();
    const panel = page.locator('[data-review-panel]');
    // The review of 38 questions (their formulas, explanations and answers) is built and laid out on the main
    // thread when first asked for: on a loaded machine that takes over the poll's default second.
    await expect.poll(() => panel.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.matches('[data-review-panel]'))).toBe(true);

    const gd = await reviewOf(page, 'param-gd-steps');
    expect(paramsIn((await gd.locator('.quiz-review-params').textContent()) ?? '')).toEqual(gdAnswered!.params);
    expect(await gd.locator('.quiz-review-yours').textContent()).toBe(`Your answer: ${gdAnswered!.typed}`);
    const { a, x0, lr, k } = gdAnswered!.params as { a: number; x0: number; lr: number; k: number };
    expect(numberIn((await gd.locator('.quiz-review-answer').textContent()) ?? '', /The answer: (-?[\d.e-]+)/)).toBeCloseTo(gdIterate1D(a, lr, x0, k), 8);
    expect(await gd.locator('.quiz-review-explanation').textContent()).toMatch(/^Explanation/);
    // The prompt reviewed is the variant answered, with its numbers.
    expect(await texOf(gd.locator('.quiz-review-prompt math'))).toContain(`x_0 = ${x0}`);

    const limit = await reviewOf(page, 'param-stability-limit');
    expect(paramsIn((await limit.locator('.quiz-review-params').textContent()) ?? '')).toEqual(limitAnswered);
    expect(await limit.locator('.quiz-review-score').textContent()).toBe('0 of 1 point.');
    expect(numberIn((await limit.locator('.quiz-review-answer').textContent()) ?? '', /The answer: ([\d.e-]+)/)).toBeCloseTo(2 / limitAnswered!.lmax!, 10);

    const curve = await reviewOf(page, 'curve-divergence');
    const divergence = question38('curve-divergence', 'diagnose');
    const text = (part: 'verdict' | 'fix') => divergence[part].choices.find((c) => c.id === divergence[part].answer)!.text;
    expect(await curve.locator('.quiz-review-yours').textContent()).toBe(`Your answer: Verdict: ${text('verdict')} Fix: ${text('fix')}`);
    expect(await curve.locator('.quiz-review-answer').textContent()).toBe(`The verdict: ${text('verdict')} The fix: ${text('fix')}`);
    expect(await curve.locator('.quiz-review-explanation').count()).toBe(1);

    // Not settled yet (a check left): the learner's answer, but not the right one.
    const healthy = await reviewOf(page, 'curve-healthy');
    expect(await healthy.locator('.quiz-review-score').textContent()).toBe('0.5 of 1 point.');
    expect(await healthy.locator('.quiz-review-pending').count()).toBe(1);
    expect(await healthy.locator('.quiz-review-answer, .quiz-review-explanation').count()).toBe(0);

    const code = await reviewOf(page, 'code-compare-rates');
    expect(await code.locator('.quiz-review-yours').textContent()).toBe('Your answer: 5 of 5 tests passed.');
    expect(await code.locator('pre.quiz-code-solution').textContent()).toContain('function compareRates');
  });

  test('no axe violations with these questions answered and the review open, light and dark; no console errors', async () => {
    const { page, errors } = watched;
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const violations = await axeViolations(page);
      expect(violations, `${colorScheme}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
    }
    expect(errors).toEqual([]);
  });
});

describe('the scripts', () => {
  test('the quiz, code-question (with the sandbox), source-check and review scripts of 1.2.38, gzipped', () => {
    const html = readFileSync(join(dist, 'math-for-ml/1.2.38/index.html'), 'utf8');
    const gz = (file: string) => gzipSync(readFileSync(join(dist, '_astro', file)), { level: 9 }).length;
    const graph = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      const code = readFileSync(join(dist, '_astro', file), 'utf8');
      // Relative imports, and the prebuilt libraries' absolute ones (/_astro/vendor/…).
      for (const m of code.matchAll(/(?:from|import)\s*"(\.\/|\/_astro\/)([^"]+\.js)"/g)) graph(m[1] === './' ? join(dirname(file), m[2]!) : m[2]!, seen);
      return seen;
    };
    const entry = (name: string) => {
      const file = new RegExp(`src="/_astro/(${name}\\.astro[^"]+\\.js)"`).exec(html)?.[1];
      expect(file, name).toBeDefined();
      return [...graph(file!)];
    };
    // Loaded with the first run: the source check (acorn) and, for TypeScript only, sucrase.
    const lazy = (pattern: RegExp) => readdirSync(join(dist, '_astro'), { recursive: true, encoding: 'utf8' }).filter((f) => pattern.test(f));
    const check = lazy(/^code-check\..*\.js$/);
    expect(check).toHaveLength(1);
    // Loaded when a code question nears the viewport: CodeMirror, never part of the page's first scripts.
    const editor = lazy(/^editor-view\..*\.js$/);
    expect(editor).toHaveLength(1);
    expect(entry('CodeQuestionScript')).not.toContain(editor[0]);
    const sizes = {
      quiz: entry('Quiz').reduce((sum, f) => sum + gz(f), 0),
      codeQuestion: entry('CodeQuestionScript').filter((f) => !entry('Quiz').includes(f)).reduce((sum, f) => sum + gz(f), 0),
      sourceCheck: gz(check[0]!),
      editor: editor.flatMap((f) => [...graph(f)]).filter((f) => !entry('CodeQuestionScript').includes(f)).reduce((sum, f) => sum + gz(f), 0),
      typescript: lazy(/\.js$/).filter((f) => readFileSync(join(dist, '_astro', f), 'utf8').includes('enableLegacyTypeScriptModuleInterop')).reduce((sum, f) => sum + gz(f), 0),
      review: entry('ReviewScript').filter((f) => !entry('Quiz').includes(f)).reduce((sum, f) => sum + gz(f), 0),
    };
    console.info(`1.2.38 scripts, bytes gzip: ${JSON.stringify(sizes)}`);
    // The sandbox's harness is text inside the code-question script; the parser comes with the first run.
    expect(sizes.codeQuestion).toBeLessThan(10 * 1024);
    expect(sizes.review).toBeLessThan(3 * 1024);
    expect(sizes.editor).toBeLessThan(180 * 1024);
  });
});

describe("1.2.38's quiz data (grading, feedback, explanations, variants) comes from the lesson's quiz data file", () => {
  /** The quiz's page data and the data file it names, as the build wrote them. */
  function builtData() {
    const html = readFileSync(join(dist, 'math-for-ml/1.2.38/index.html'), 'utf8');
    // The end quiz's data: the page also carries a smaller block per Check yourself and Predict.
    const blocks = [...html.matchAll(/<script type="application\/json" data-quiz-data>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    const json = blocks.sort((x, y) => y.length - x.length)[0] ?? '';
    const data = JSON.parse(json) as { dataUrl?: string; questions: { id: string; type: string; points: number }[] };
    const file = JSON.parse(readFileSync(join(dist, data.dataUrl ?? 'missing'), 'utf8')) as {
      lessonId: string;
      questions: Record<string, { type: string; explanation?: string; variants?: { seed: number }[] }>;
    };
    return { html, data, file };
  }

  test('the page carries a stub per question and no explanation; the file, written at build, has every question complete', () => {
    const { html, data, file } = builtData();
    expect(data.dataUrl).toMatch(/^\/quiz-data\/1\.2\.38\.[0-9a-f]{12}\.json$/);
    expect(Object.keys(file.questions).sort()).toEqual(data.questions.map((x) => x.id).sort());
    for (const question of data.questions) expect(Object.keys(question).sort()).toEqual(expect.arrayContaining(['id', 'points', 'type']));
    for (const question of data.questions) expect(question).not.toHaveProperty('variants');
    const parametrized = Object.values(file.questions).filter((x) => x.type === 'parametrized');
    expect(parametrized.length).toBeGreaterThan(0);
    for (const question of parametrized) expect(question.variants!.length).toBeGreaterThan(1);
    expect(Object.values(file.questions).filter((x) => x.explanation).length).toBeGreaterThan(20);
    expect(html).not.toContain('data-explanation');
    expect(file.lessonId).toBe('1.2.38');
  });

  test('offline after one visit: a wrong answer brings a variant from the file, which a reload keeps; then right', async () => {
    const offline = await browser.newContext();
    const { page, errors } = watch(await offline.newPage());
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/quiz-data/')) fetched.push(request.url());
    });
    await page.goto(site.origin + lesson38, { waitUntil: 'load' });
    await expect.poll(() => page.locator('[data-offline-status]').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    // A learner who has not answered yet needs no other variant: the page does not ask for the file.
    expect(fetched).toEqual([]);
    await offline.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    const first = await gdParams(page);
    const wrong = await answerNumber(page, 'param-gd-steps', '12345');
    expect(wrong).toMatchObject({ attempts: 1, correct: false, seed: 0 });
    await expect.poll(() => feedback(page, 'param-gd-steps')).toContain('The numbers have changed: answer the new variant above.');
    expect(fetched.length).toBeGreaterThan(0);
    const second = await gdParams(page);
    expect(second).not.toEqual(first);
    expect(await page.locator(`${q('param-gd-steps')} input[data-answer-text]`).isDisabled()).toBe(false);

    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => gdParams(page)).toEqual(second);
    expect(await page.locator(q('param-gd-steps')).getAttribute('aria-busy')).toBeNull();
    const right = await answerNumber(page, 'param-gd-steps', gdIterate1D(second.a, second.lr, second.x0, second.k).toPrecision(4));
    expect(right).toMatchObject({ attempts: 2, correct: true });
    expect(right.seed).not.toBe(0);
    await expect.poll(() => feedback(page, 'param-gd-steps')).toContain('Correct: 0.5 points of 1 (attempt 2 earns part of the credit).');
    expect(errors).toEqual([]);
    await offline.close();
  });

  test('when the file cannot be had, the question says so, takes no answer and uses no attempt', async () => {
    const broken = await browser.newContext({ serviceWorkers: 'block' });
    await broken.route('**/quiz-data/**', (route) => route.abort());
    const { page } = watch(await broken.newPage());
    await page.goto(site.origin + lesson38, { waitUntil: 'load' });
    const form = page.locator(q('param-gd-steps'));
    await form.locator('input[data-answer-text]').fill('12345');
    await form.locator('[data-check]').click();
    await expect.poll(() => feedback(page, 'param-gd-steps')).toContain('The answers to this question could not be loaded.');
    expect(await form.locator('input[data-answer-text]').isDisabled()).toBe(true);
    expect(await form.locator('[data-check]').isDisabled()).toBe(true);
    expect(await saved(page, 'param-gd-steps')).toBeUndefined();
    // A reload tries again: the question is open as built until a check finds the file still missing.
    await page.reload({ waitUntil: 'load' });
    expect(await form.locator('[data-check]').isDisabled()).toBe(false);
    await form.locator('input[data-answer-text]').fill('12345');
    await form.locator('[data-check]').click();
    // The check asks for the file again (a failed fetch is not kept) and waits for it to fail.
    await expect.poll(() => feedback(page, 'param-gd-steps'), { timeout: 10_000 }).toContain('could not be loaded');
    await broken.close();
  });
});

describe('1.2.39 offline', () => {
  test('the difference-quotient challenge runs and grades with the network gone', async () => {
    const offline = await browser.newContext();
    const { page, errors } = watch(await offline.newPage());
    await page.goto(site.origin + lesson39, { waitUntil: 'load' });
    await expect.poll(() => page.locator('[data-offline-status]').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    await offline.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    const id = '#quiz-1-2-39-code-difference-errors';
    const rows = () =>
      page.locator(`${id} tr[data-test]`).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    for (const [call, expected] of await rows()) {
      const h = callArgs(call!)[0]!;
      const exact = Math.cos(1);
      expect(numberIn(expected, /forward: ([\d.e-]+)/)).toBeCloseTo(Math.abs((Math.sin(1 + h) - Math.sin(1)) / h - exact), 12);
      expect(numberIn(expected, /central: ([\d.e-]+)/) / Math.abs((Math.sin(1 + h) - Math.sin(1 - h)) / (2 * h) - exact)).toBeCloseTo(1, 9);
    }
    const run = async (code: string) => {
      await replaceCode(page, id, code);
      await page.locator(`${id} [data-check]`).click();
      await expect.poll(() => page.locator(`${id} [data-code-status]`).textContent(), { timeout: 10_000 }).toMatch(/^Ran 3 tests in \d+ ms\.$/);
    };
    // A forward difference for both: the central column fails.
    await run('function differenceErrors(h) {\n  const d = (Math.sin(1 + h) - Math.sin(1)) / h;\n  return { forward: Math.abs(d - Math.cos(1)), central: Math.abs(d - Math.cos(1)) };\n}');
    for (const [, , result] of await rows()) expect(result).toMatch(/^Failed: returned .*the result\.central is off$/);
    await run(
      'function differenceErrors(h) {\n  const exact = Math.cos(1);\n  return {\n    forward: Math.abs((Math.sin(1 + h) - Math.sin(1)) / h - exact),\n    central: Math.abs((Math.sin(1 + h) - Math.sin(1 - h)) / (2 * h) - exact),\n  };\n}',
    );
    // The status line already read "Ran 3 tests" after the first run: wait for this run's results.
    await expect.poll(async () => (await rows()).map(([, , result]) => /^Passed/.test(result ?? ''))).toEqual([true, true, true]);
    await expect.poll(() => page.locator(`${id} [data-feedback]`).textContent()).toContain('Correct: 2 points.');
    expect(errors).toEqual([]);
    await offline.close();
  });
});
