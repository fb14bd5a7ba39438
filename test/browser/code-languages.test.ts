import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchBrowser, watch } from '../support/browser';
import { serveStatic, type StaticSite } from '../support/serve';
import { projectRoot } from '../support/project';
import { replaceCode } from '../support/editor';

/**
 * A code question that offers JavaScript or Python (1.2.39's challenge, `alternatives` in its YAML):
 * the learner picks with a labelled radio group, by keyboard; the editor, the function name and the
 * tests' calls follow; Pyodide is fetched only once Python is chosen; the choice and each language's
 * code come back on reload, from progress.
 */

// Choosing Python starts Pyodide: seconds alone, a minute when the cores are busy.
vi.setConfig({ testTimeout: 600_000 });

const dist = join(projectRoot, 'dist');
const KEY = 'course-progress:v2';
const lesson = '/math-for-ml/1.2.39/';
const id = 'code-difference-errors';
const q = `#quiz-1-2-39-${id}`;
const jsDraft = 'function differenceErrors(h) {\n  return { forward: h, central: h };\n}\n';
// The slip the tests catch: a forward difference for both.
const wrongPython = 'import math\n\ndef difference_errors(h):\n    d = (math.sin(1 + h) - math.sin(1)) / h\n    return {"forward": abs(d - math.cos(1)), "central": abs(d - math.cos(1))}\n';
const rightPython =
  'import math\n\ndef difference_errors(h):\n    exact = math.cos(1)\n    return {\n        "forward": abs((math.sin(1 + h) - math.sin(1)) / h - exact),\n        "central": abs((math.sin(1 + h) - math.sin(1 - h)) / (2 * h) - exact),\n    }\n';

let site: StaticSite;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
const requested: string[] = [];

beforeAll(async () => {
  site = await serveStatic(dist);
  browser = await launchBrowser();
  context = await browser.newContext({ serviceWorkers: 'block' });
  ({ page, errors } = watch(await context.newPage()));
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(site.origin + lesson, { waitUntil: 'load' });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

interface SavedRecord {
  attempts: number;
  correct: boolean;
  response: { code: string; language?: string; drafts?: Record<string, string> };
}
const saved = async (): Promise<SavedRecord | undefined> => {
  const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
  return stored ? JSON.parse(stored).lessons?.['1.2.39']?.quiz?.[id] : undefined;
};
async function check(code: string): Promise<SavedRecord> {
  const before = (await saved())?.attempts ?? 0;
  await replaceCode(page, q, code);
  await page.locator(`${q} [data-check]`).click();
  await expect.poll(async () => (await saved())?.attempts ?? 0, { timeout: 240_000 }).toBe(before + 1);
  return (await saved())!;
}
const radio = (name: string) => page.getByRole('group', { name: 'Language' }).getByRole('radio', { name });
const textarea = () => page.locator(`${q} textarea[data-answer-text]`);
const help = () => page.locator(`${q} .quiz-hint-text code[data-function-name]`).textContent();
const firstCall = () => page.locator(`${q} tr[data-test] td`).first().textContent();

describe('a code question with a choice of languages', () => {
  test('JavaScript by default, with no Python download, and no axe violations', async () => {
    await page.locator(q).scrollIntoViewIfNeeded();
    await replaceCode(page, q, jsDraft);
    expect(await radio('JavaScript').isChecked()).toBe(true);
    expect(await page.locator(`${q} label[for$="-input"]`).textContent()).toBe('Your code (JavaScript)');
    expect(await help()).toBe('differenceErrors');
    expect(await firstCall()).toBe('differenceErrors(0.1)');
    expect(requested.filter((p) => p.startsWith('/pyodide/'))).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('choosing Python by keyboard swaps the starter, the names and the editor, and starts Pyodide', async () => {
    await radio('JavaScript').focus();
    await page.keyboard.press('ArrowRight');
    expect(await radio('Python').isChecked()).toBe(true);
    await expect.poll(() => textarea().inputValue()).toMatch(/^import math\n\ndef difference_errors\(h\):/);
    await expect.poll(() => page.locator(`${q} .cm-content`).textContent()).toContain('def difference_errors(h):');
    expect(await page.locator(`${q} label[for$="-input"]`).textContent()).toBe('Your code (Python)');
    expect(await page.locator(`${q} .cm-content`).getAttribute('aria-label')).toMatch(/Your code \(Python\)/);
    expect(await help()).toBe('difference_errors');
    expect(await firstCall()).toBe('difference_errors(0.1)');
    await expect.poll(() => requested.some((p) => p.endsWith('/pyodide.asm.wasm')), { timeout: 60_000 }).toBe(true);
  });

  test('a Python run is graded and saved with its language and the JavaScript draft; a reload brings both back', async () => {
    const wrong = await check(wrongPython);
    expect(wrong.correct).toBe(false);
    expect(wrong.response).toMatchObject({ code: wrongPython, language: 'python', drafts: { javascript: jsDraft, python: wrongPython } });
    await page.reload({ waitUntil: 'load' });
    await page.locator(q).scrollIntoViewIfNeeded();
    await expect.poll(() => radio('Python').isChecked()).toBe(true);
    expect(await textarea().inputValue()).toBe(wrongPython);
    expect(await help()).toBe('difference_errors');
    await radio('JavaScript').check();
    await expect.poll(() => textarea().inputValue()).toBe(jsDraft);
    expect(await help()).toBe('differenceErrors');
    await radio('Python').check();
    await expect.poll(() => textarea().inputValue()).toBe(wrongPython);
    const right = await check(rightPython);
    expect(right).toMatchObject({ correct: true, response: { language: 'python' } });
    await expect.poll(() => page.locator(`${q} tr[data-test] [data-test-result]`).allTextContents(), { timeout: 10_000 }).toEqual([
      expect.stringMatching(/^Passed/),
      expect.stringMatching(/^Passed/),
      expect.stringMatching(/^Passed/),
    ]);
    expect(errors).toEqual([]);
  });

  test('resetting the quiz brings back the default language, its starter and no drafts', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator(`[data-quiz]:has(${q}) [data-reset]`).click();
    await expect.poll(() => radio('JavaScript').isChecked()).toBe(true);
    await expect.poll(() => textarea().inputValue()).toMatch(/^function differenceErrors\(h\) \{\n  const exact = Math\.cos\(1\);/);
    expect(await help()).toBe('differenceErrors');
    expect(await page.locator(`${q} label[for$="-input"]`).textContent()).toBe('Your code (JavaScript)');
    // Python again: its starter, not the code checked before the reset.
    await radio('Python').check();
    await expect.poll(() => textarea().inputValue()).toMatch(/^import math\n\ndef difference_errors\(h\):\n    exact = math\.cos\(1\)/);
    expect(errors).toEqual([]);
  });
});
