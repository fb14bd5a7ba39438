import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchBrowser, watch, type WatchedPage } from '../support/browser';
import { serveStatic, type StaticSite } from '../support/serve';
import { projectRoot } from '../support/project';
import { housePriceQuadraticTheory } from '../../src/sim/index';

/**
 * Formula and multi-part questions in the built site, by keyboard only: the expression library
 * arrives only when such a question nears the viewport, the preview shows how a formula is read
 * as it is typed, malformed input gets a pointed message and costs no attempt, equivalent forms
 * earn the points; the house-price chain carries credit forward from a genuine slip and not from
 * a stock answer.
 */

const dist = join(projectRoot, 'dist');
const KEY = 'course-progress:v2';
const q = (id: string) => `#quiz-1-2-38-${id}`;
/** The file that holds the expression library: the one with mathjs's parser in it (prebuilt, in _astro/vendor/). */
const formulaChunk = readdirSync(join(dist, '_astro'), { recursive: true, encoding: 'utf8' }).find(
  (f) => f.endsWith('.js') && readFileSync(join(dist, '_astro', f), 'utf8').includes('Parenthesis ) expected'),
);

let site: StaticSite;
let browser: Browser;
let context: BrowserContext;
let watched: WatchedPage;
const requests: string[] = [];

beforeAll(async () => {
  site = await serveStatic(dist);
  browser = await launchBrowser();
  context = await browser.newContext({ serviceWorkers: 'block' });
  watched = watch(await context.newPage());
  watched.page.on('request', (request) => requests.push(new URL(request.url()).pathname));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

interface SavedRecord {
  response: unknown;
  attempts: number;
  correct: boolean;
  score: number;
}
async function saved(page: Page, id: string): Promise<SavedRecord | undefined> {
  const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
  return stored ? JSON.parse(stored).lessons?.['1.2.38']?.quiz?.[id] : undefined;
}
const feedback = (page: Page, id: string) => page.locator(`${q(id)} [data-feedback]`).textContent();
const loadedFormulaChunk = () => requests.some((path) => path.endsWith(`/${formulaChunk}`));

/** Press Tab (or Shift+Tab) until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let presses = 0; presses < 600; presses++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Clear the focused field and type into it, key by key. */
async function retype(page: Page, text: string) {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

/** Type a formula into a question's field and check it with Enter; wait for the verdict. */
async function checkFormula(page: Page, id: string, text: string, verdict: string) {
  await page.locator(`${q(id)} input[data-answer-text]`).focus();
  await retype(page, text);
  await page.keyboard.press('Enter');
  await expect.poll(() => feedback(page, id), { timeout: 15_000 }).toContain(verdict);
}

describe('formula questions', () => {
  test('a page without them never loads the library; 1.2.38 loads it only once a formula question is near', async () => {
    const { page } = watched;
    expect(formulaChunk, 'the build has a chunk with the expression library').toBeDefined();
    await page.goto(`${site.origin}/math-for-ml/1.2.39/`, { waitUntil: 'load' });
    await page.goto(`${site.origin}/math-for-ml/1.2.38/`, { waitUntil: 'load' });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(loadedFormulaChunk()).toBe(false);
    // Reach the question by keyboard from the one before it (the code editors above keep Tab for
    // indenting, so Tab from the top of the page would stop in them, as it should).
    await page.locator(`${q('open-tuning-strategy')} [data-result]`).focus();
    await tabTo(page, `${q('expr-step-decay')} input[data-answer-text]`);
    await expect.poll(loadedFormulaChunk, { timeout: 15_000 }).toBe(true);
  });

  test('the preview shows the formula as read while typing, and points at what is malformed', async () => {
    const { page } = watched;
    const preview = page.locator(`${q('expr-step-decay')} [data-formula-preview]`);
    await page.keyboard.type('η_0·γ^floor(t/k');
    await expect.poll(() => preview.textContent()).toMatch(/Not readable yet: A closing parenthesis is missing after position 15/);
    await page.keyboard.type(')');
    // Temml's MathML, as the build writes it: η with its subscript 0, γ, the floor brackets.
    await expect.poll(() => preview.locator('math').textContent()).toMatch(/η0.*γ.*⌊/);
  });

  test('malformed input is refused with the message and costs no attempt', async () => {
    const { page } = watched;
    await checkFormula(page, 'expr-step-decay', 'η_0·γ^floor(t/k', 'A closing parenthesis is missing after position 15');
    expect(await feedback(page, 'expr-step-decay')).toContain('This did not use an attempt.');
    expect(await saved(page, 'expr-step-decay')).toBeUndefined();
    expect(await page.locator(`${q('expr-step-decay')} input[data-answer-text]`).getAttribute('aria-invalid')).toBe('true');
  });

  test('a non-equivalent formula earns nothing and says where it differs; an equivalent spelling earns the point', async () => {
    const { page } = watched;
    await checkFormula(page, 'expr-step-decay', 'η_0·γ^(t/k)', 'Not quite.');
    expect(await feedback(page, 'expr-step-decay')).toMatch(/Not equivalent: at .*the answer is .* and yours gives/);
    expect(await saved(page, 'expr-step-decay')).toMatchObject({ attempts: 1, correct: false, score: 0, response: 'η_0·γ^(t/k)' });
    // Right at the second attempt: the quiz's scoring policy keeps half the point (src/quiz/scoring.ts).
    await checkFormula(page, 'expr-step-decay', 'γ^⌊t/k⌋ η₀', 'Correct: 0.5 points of 1');
    expect(await saved(page, 'expr-step-decay')).toMatchObject({ attempts: 2, correct: true, score: 0.5 });
    expect(await page.locator(`${q('expr-step-decay')} [data-explanation]`).isVisible()).toBe(true);
  });

  test('exponential decay typed with exp and a Unicode minus is right first time', async () => {
    const { page } = watched;
    await checkFormula(page, 'expr-exponential-decay', 'η_0 exp(−λ t)', 'Correct: 1 point.');
  });

  test('a reload shows the saved formula, its preview and its verdict', async () => {
    const { page } = watched;
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => feedback(page, 'expr-step-decay'), { timeout: 15_000 }).toContain('Correct: 0.5 points of 1');
    expect(await page.locator(`${q('expr-step-decay')} input[data-answer-text]`).inputValue()).toBe('γ^⌊t/k⌋ η₀');
    await expect.poll(() => page.locator(`${q('expr-step-decay')} [data-formula-preview] math`).count()).toBe(1);
  });
});

describe('the house-price chain with error carried forward', () => {
  const theory = housePriceQuadraticTheory();
  const id = 'multi-house-stability';
  const part = (name: string) => `${q(id)} [data-part-text="${name}"]`;

  /** Type each numeric part, then pick each choice part with the arrow keys, then Enter. */
  async function answer(page: Page, values: Record<string, string>, choices: Record<string, string>) {
    for (const [name, value] of Object.entries(values)) {
      await tabTo(page, part(name));
      await retype(page, value);
    }
    for (const [name, value] of Object.entries(choices)) {
      await tabTo(page, `${q(id)} [data-part="${name}"] input[type="radio"]`);
      for (let moves = 0; !(await page.locator(`${q(id)} [data-part="${name}"] input[value="${value}"]`).isChecked()); moves++) {
        if (moves > 4) throw new Error(`cannot reach ${value}`);
        await page.keyboard.press(moves === 0 ? 'Space' : 'ArrowDown');
      }
    }
    const before = (await saved(page, id))?.attempts ?? 0;
    await tabTo(page, `${q(id)} [data-check]`);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await saved(page, id))?.attempts ?? 0, { timeout: 15_000 }).toBe(before + 1);
    return (await saved(page, id))!;
  }

  test('a wrong eigenvalue followed by parts right for it earns those parts', async () => {
    const { page } = watched;
    // Start from the question before (settled, so its field is closed): Tab on from its result.
    await page.locator(`${q('expr-exponential-decay')} [data-result]`).focus();
    const slip = 13.5 + 2 + 1; // λmax taken as trace + 1: a slip, not a stock value
    expect(Math.abs(slip - theory.lambdaMax)).toBeGreaterThan(0.01 * theory.lambdaMax);
    const limit = (2 / slip).toPrecision(4);
    const record = await answer(page, { h11: '13.5', h12: '5', h22: '2', lmax: String(slip), limit }, { at01: 'converges', at02: 'diverges' });
    // Only λmax is lost: the limit is right for 16.5, and both behaviours are right.
    expect(record.score).toBeCloseTo(6 / 7, 9);
    const text = await feedback(page, id);
    expect(text).toContain('Partly right: 0.86');
    expect(text).toContain('Part 4 is not right.');
    expect(text).toContain('Part 5 is right for your own answer to part 4: credit carried forward.');
  });

  test('a stock eigenvalue carries nothing forward, and the feedback says why', async () => {
    const { page } = watched;
    await tabTo(page, part('lmax'), 'Shift+Tab');
    await answer(page, { lmax: '1', limit: '2' }, { at02: 'converges' });
    // Hessian right (3 of 7) and 0.1 converges for the true limit; nothing carried from the stock 1.
    // 4/7 of the point, halved as a second attempt by the scoring policy.
    const text = await feedback(page, id);
    expect(text).toContain('Partly right: 0.29');
    expect(text).toContain('Part 5 is not right, and no credit carries forward from your answer to part 4: 1 is a trivial value, not a worked answer.');
  });

  test('no axe violations on the lesson with these questions answered, and no console errors', async () => {
    const { page } = watched;
    expect(await axeViolations(page)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
