/**
 * The formula engine in the built site (run after `npm run build`): the size of the chunk the page
 * loads for formula questions, and, in Chromium on 1.2.38, the time from focusing the question to
 * the engine's chunk having arrived and from submitting (what Enter does) to the graded answer shown. Median of 5 fresh
 * page loads, printed as JSON. `node bench/formula-page.ts`
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../test/support/serve.ts';
import { chromiumArgs, chromiumPath } from '../test/support/browser.ts';

const dist = join(import.meta.dirname, '..', 'dist');
const assets = join(dist, '_astro');
const sizeOf = (file: string) => {
  const bytes = readFileSync(join(assets, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
const formula = js.find((f) => readFileSync(join(assets, f), 'utf8').includes('Parenthesis ) expected'));
const quiz = js.find((f) => f.startsWith('quiz.'));
if (!formula || !quiz) throw new Error('build first: no formula or quiz chunk in dist/_astro');

const site = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
const runs: { engineMs: number; gradedMs: number }[] = [];
try {
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${site.origin}/math-for-ml/1.2.38/`, { waitUntil: 'load' });
    const form = page.locator('#quiz-1-2-38-expr-step-decay');
    const field = form.locator('input[data-answer-text]');
    // Timed with the page's own clock, so Playwright's round trips are not counted.
    const focusedAt = await field.evaluate((input: HTMLInputElement) => {
      input.focus();
      return performance.now();
    });
    await form.locator('[data-formula-preview]').evaluate(
      (_, chunk) =>
        new Promise<void>((resolve) => {
          const seen = () => performance.getEntriesByType('resource').some((e) => e.name.endsWith(chunk));
          if (seen()) return resolve();
          new PerformanceObserver((list, observer) => {
            if (list.getEntries().some((e) => e.name.endsWith(chunk))) {
              observer.disconnect();
              resolve();
            }
          }).observe({ type: 'resource' });
        }),
      formula,
    );
    const loadedAt = await page.evaluate(
      (chunk) => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.name.endsWith(chunk))!.responseEnd,
      formula,
    );
    await field.fill('γ^⌊t/k⌋ η₀');
    await form.locator('[data-formula-preview] .katex').waitFor();
    const gradedMs = await form.evaluate(
      (element: HTMLFormElement) =>
        new Promise<number>((resolve) => {
          const feedback = element.querySelector('[data-feedback]')!;
          const started = performance.now();
          new MutationObserver((_, observer) => {
            if (feedback.querySelector('.quiz-verdict')) {
              observer.disconnect();
              resolve(performance.now() - started);
            }
          }).observe(feedback, { childList: true, subtree: true });
          element.requestSubmit();
        }),
    );
    runs.push({ engineMs: Math.round(loadedAt - focusedAt), gradedMs: Math.round(gradedMs) });
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}
const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
console.log(
  JSON.stringify(
    {
      formulaChunk: sizeOf(formula),
      quizScript: sizeOf(quiz),
      focusToEngineReadyMs: median(runs.map((r) => r.engineMs)),
      enterToGradedMs: median(runs.map((r) => r.gradedMs)),
      runs,
    },
    null,
    1,
  ),
);
