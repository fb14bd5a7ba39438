import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistent } from '../support/browser';
import { projectRoot } from '../support/project';
import { replaceCode } from '../support/editor';
import { pythonQuestion as q, pythonQuestionId as id, rightPython as right, wrongPython as wrong } from '../support/python-question';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';

/**
 * Python code questions in Chromium: Pyodide served by the site, loaded when the question nears
 * the viewport, a right and a wrong solution graded online and offline, and the Python
 * counterparts of the JavaScript sandbox's attacks earning no pass (an infinite loop stopped at
 * the time limit with the page responsive).
 */

// Each Pyodide start compiles 9.6 MB of WebAssembly: seconds alone, a minute when the cores are busy.
vi.setConfig({ testTimeout: 600_000 });

const dist = join(projectRoot, 'dist');
const KEY = 'course-progress:v2';
const lesson38 = '/math-for-ml/1.2.38/';

const requested: string[] = [];

serveSiteToBrowser(dist);

interface SavedRecord {
  attempts: number;
  score: number;
  correct: boolean;
  response: { outcomes: { passed: boolean; error?: string }[]; stopped?: string };
}
const saved = async (page: Page): Promise<SavedRecord | undefined> => {
  const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
  return stored ? JSON.parse(stored).lessons?.['1.2.38']?.quiz?.[id] : undefined;
};

/** Type `code` as a learner, press Check, and wait for the graded, saved attempt. */
async function check(page: Page, code: string): Promise<SavedRecord> {
  const before = (await saved(page))?.attempts ?? 0;
  await replaceCode(page, q, code);
  await page.locator(`${q} [data-check]`).click();
  await expect.poll(async () => (await saved(page))?.attempts ?? 0, { timeout: 240_000 }).toBe(before + 1);
  return (await saved(page))!;
}

async function reset(page: Page) {
  await page.evaluate((key) => localStorage.removeItem(key), KEY);
  await page.reload({ waitUntil: 'load' });
  await page.locator(q).scrollIntoViewIfNeeded();
}

describe('Python questions (no service worker)', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ serviceWorkers: 'block' });
    page = await context.newPage();
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(site.origin + lesson38, { waitUntil: 'load' });
  });
  afterAll(async () => context?.close());

  test('Pyodide is fetched from the site only once the question nears the viewport, with a progress bar', async () => {
    expect(requested.filter((p) => p.startsWith('/pyodide/'))).toEqual([]);
    await page.locator(q).scrollIntoViewIfNeeded();
    await expect.poll(() => requested.some((p) => p.endsWith('/pyodide.asm.wasm')), { timeout: 60_000 }).toBe(true);
    expect(requested.filter((p) => p.includes('pyodide')).every((p) => p.startsWith('/pyodide/'))).toBe(true);
  });

  test('the slip of not resetting the start fails, then a right solution passes (the next worker was loading meanwhile)', async () => {
    const record = await check(page, wrong);
    expect(record.correct).toBe(false);
    expect(record.response.outcomes.some((o) => !o.passed && /finalB is off/.test(o.error ?? ''))).toBe(true);
    const started = Date.now();
    expect(await check(page, right)).toMatchObject({ correct: true, score: 2 });
    console.info(`second Python run (warm worker) graded ${Date.now() - started} ms after Check`);
  });

  // Two attempts per page load (a question takes three), so each load of Pyodide is used twice.
  const attacks: [string, string][] = [
    ['patch builtins', 'import builtins\nbuiltins.abs = lambda x: 0\ndef compare_rates(*a):\n    return {"finalA": 0, "finalB": 0, "better": "A"}\n'],
    ['post a forged result through js', 'import js\ndef compare_rates(*a):\n    js.postMessage({"type": "done"})\n    return None\n'],
    ['run JavaScript through Pyodide', 'from pyodide.code import run_js\ndef compare_rates(*a):\n    return run_js("postMessage({type: \\"done\\"}); 1")\n'],
    ['read the page over the network', 'import pyodide.http\ndef compare_rates(*a):\n    return pyodide.http.open_url("/math-for-ml/1.2.38/").read()\n'],
  ];
  for (let pair = 0; pair < attacks.length; pair += 2) {
    const two = attacks.slice(pair, pair + 2);
    test(`Python: ${two.map(([name]) => name).join('; ')}: no pass`, async () => {
      await reset(page);
      for (const [name, code] of two) {
        const record = await check(page, code);
        console.info(`Python attack "${name}": ${record.response.outcomes[0]?.error ?? record.response.stopped}`);
        expect(record.correct).toBe(false);
        expect(record.score).toBe(0);
        // Graded, not given up on: the run reached the learner's code.
        expect(record.response.stopped ?? '').not.toMatch(/could not start|took too long to start/);
      }
    });
  }

  test('an infinite loop is stopped at the time limit and the page stays responsive; the next run works', async () => {
    await reset(page);
    await replaceCode(page, q, 'def compare_rates(*a):\n    while True:\n        pass\n');
    await page.locator(`${q} [data-check]`).click();
    await expect.poll(() => page.locator(`${q} [data-code-status]`).textContent(), { timeout: 200_000 }).toMatch(/Running the tests|Stopped/);
    // The page answers while the loop runs in its worker.
    expect(await page.evaluate(() => document.title.length > 0)).toBe(true);
    await expect.poll(async () => (await saved(page))?.attempts ?? 0, { timeout: 30_000 }).toBe(1);
    expect((await saved(page))!.response.stopped).toMatch(/Stopped: took longer than 2 s/);
    expect((await saved(page))!.correct).toBe(false);
    expect(await check(page, right)).toMatchObject({ correct: true });
  });

  test('a Python error reads as Python prints it, with the line, in the results and the saved attempt', async () => {
    await reset(page);
    const record = await check(page, 'def compare_rates(x0, rate_a, rate_b, steps):\n    rates = [rate_a, rate_b]\n    return rates.x\n');
    const said = "AttributeError: 'list' object has no attribute 'x' (line 3)";
    expect(record.response.outcomes[0]!.error).toBe(said);
    await expect.poll(() => page.locator(`${q} tr[data-test] [data-test-result]`).first().textContent()).toBe(`Failed. ${said}`);
  });
});

describe('Python offline, once loaded', () => {
  test('a right solution passes and a wrong one fails with the network gone', async () => {
    const context = await launchPersistent();
    try {
      const page = await context.newPage();
      await page.goto(site.origin + lesson38, { waitUntil: 'load' });
      // The service worker controls the page (clientsClaim on first install) before Pyodide is fetched.
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);
      await page.locator(q).scrollIntoViewIfNeeded();
      expect(await check(page, right)).toMatchObject({ correct: true });
      await expect
        .poll(() => page.evaluate(async () => (await caches.open('course-python')).keys().then((k) => k.length)), { timeout: 30_000 })
        .toBeGreaterThanOrEqual(5);
      // The first worker's start-up snapshot is kept on the device: the workers after the reload start from it.
      await expect
        .poll(() => page.evaluate(async () => (await caches.open('course-python-snapshot')).keys().then((k) => k.length)), { timeout: 60_000 })
        .toBe(1);
      await context.setOffline(true);
      await reset(page);
      expect(await check(page, right)).toMatchObject({ correct: true });
      await reset(page);
      expect((await check(page, wrong)).correct).toBe(false);
    } finally {
      await context.close();
    }
  });
});
