import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistent, watch, type WatchedPage } from '../support/browser';
import { serveStatic, type StaticSite } from '../support/serve';
import { astroBuild, projectRoot, scratchProject, type BuildResult } from '../support/project';

/**
 * The course as a learner without a network meets it: one visit online saves the whole course (service worker
 * precache); offline, every page, quiz and the search still work; a new release deployed to the same address is
 * offered, never mixed into open pages, and taking it keeps the learner's saved progress.
 */

const dist = join(projectRoot, 'dist');
const progressKey = 'course-progress:v2';
/** A value of the learner's own, set before the update, that no release touches. */
const markerKey = 'offline-test:marker';
const changedLesson = '/math-for-ml/1.2.37/';
const revisionNote = 'Revised edition for the offline update test.';

/** Every page the build wrote, as the URL path a learner opens. */
function pagesOf(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== '_astro' && entry !== 'pagefind') out.push(...pagesOf(root, full));
    } else if (entry === 'index.html') {
      out.push(`/${relative(root, dir)}/`.replace(/\/+/g, '/'));
    }
  }
  return out.sort();
}

/** The URL paths the generated service worker precaches (Workbox inlines the manifest as `{url:"…",revision:…}`). */
function precachedPaths(distDir: string): string[] {
  const sw = readFileSync(join(distDir, 'sw.js'), 'utf8');
  return [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => `/${m[1]}`).sort();
}

/** Builds release 2: the same project with a visible sentence added to one lesson's summary. */
async function buildSecondRelease(): Promise<{ dir: string; build: BuildResult }> {
  const overlay = join(projectRoot, '.cache', 'overlays', 'offline-release-2');
  rmSync(overlay, { recursive: true, force: true });
  mkdirSync(overlay, { recursive: true });
  cpSync(join(projectRoot, 'content'), join(overlay, 'content'), { recursive: true });
  const lessonFile = join(overlay, 'content/math-for-ml/1.2-calculus-for-ml/1.2.37-gradient-descent.mdx');
  const source = readFileSync(lessonFile, 'utf8');
  const changed = source.replace(/^summary: (.*)$/m, (_, summary: string) => `summary: ${summary} ${revisionNote}`);
  if (changed === source) throw new Error('could not change the 1.2.37 summary for release 2');
  writeFileSync(lessonFile, changed);
  const dir = scratchProject('offline-release-2', [overlay]);
  const build = await astroBuild(dir);
  return { dir: join(dir, 'dist'), build };
}

/** Reports every CSP violation as a console error, which `watch()` collects. */
function reportCspViolations() {
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'} (${e.sourceFile}:${e.lineNumber})`);
  });
}

const offlineStatus = (page: Page) => page.locator('[data-offline-status]');

/** The quiz answers saved for `lesson` (the progress store's own record, src/progress), or undefined. */
async function savedQuizAnswers(page: Page, lesson: string): Promise<unknown> {
  const stored = await page.evaluate((key) => localStorage.getItem(key), progressKey);
  const progress = stored ? (JSON.parse(stored) as { lessons?: Record<string, { quiz?: unknown }> }) : undefined;
  return progress?.lessons?.[lesson]?.quiz;
}

/** Answers the first multiple-choice question of the page's quiz; false when the page has no quiz. */
async function answerAQuizQuestion(page: Page): Promise<boolean> {
  const choice = page.locator('.quiz input[type="radio"]').first();
  if ((await page.locator('.quiz').count()) === 0 || (await choice.count()) === 0) return false;
  // The smallest element around the first choice that also holds a "Check" button: that question.
  const question = choice.locator('xpath=ancestor::*[.//*[@data-check]][1]');
  await choice.check();
  await question.locator('[data-check]').first().click();
  await expect.poll(() => question.locator('[data-feedback]').first().textContent()).not.toBe('');
  return true;
}

let site: StaticSite;
let port: number;
let context: BrowserContext;
let watched: WatchedPage;
let release2: Promise<{ dir: string; build: BuildResult }>;
/** The quiz answers saved on 1.2.38 (offline), which must survive the update; undefined without a quiz. */
let answersBeforeUpdate: unknown;

beforeAll(async () => {
  // Release 2 builds while release 1 is tested; its build takes a while on a 2-core machine.
  release2 = buildSecondRelease();
  release2.catch(() => undefined);
  site = await serveStatic(dist);
  port = Number(new URL(site.origin).port);
  // A persistent profile, as a learner's browser: Chromium reports an incognito context as not installable.
  context = await launchPersistent();
  await context.addInitScript(reportCspViolations);
  watched = watch(await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await site?.close();
});

describe('offline and updates (in order, one learner)', () => {
  test('one visit saves the whole course: indicator, complete precache, installable', async () => {
    const { page, errors } = watched;
    await page.goto(`${site.origin}/math-for-ml/1.2.38/`, { waitUntil: 'load' });
    await expect.poll(() => offlineStatus(page).getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    expect(await offlineStatus(page).textContent()).toBe('Available offline');

    const expected = precachedPaths(dist);
    for (const path of pagesOf(dist)) expect(expected, path).toContain(`${path}index.html`);
    expect(expected).toContain('/pagefind/pagefind.js');
    expect(expected.some((p) => p.endsWith('.woff2'))).toBe(true);
    expect(expected.some((p) => /\.(woff|ttf)$/.test(p))).toBe(false);
    const cached = await page.evaluate(async () => {
      const paths: string[] = [];
      for (const name of await caches.keys()) {
        if (!name.includes('precache')) continue;
        for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
      }
      return paths.sort();
    });
    expect(cached).toEqual(expected);

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string };
    expect(manifest.url).toBe(`${site.origin}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    await cdp.detach();

    await page.evaluate((key) => localStorage.setItem(key, 'kept'), markerKey);

    // Precached is not loaded: the chart engine (Vega, the largest script in the precache) stays out of pages
    // that do not show a live chart; the service worker only holds it for the pages that do.
    const largestScript = Math.max(...expected.filter((p) => p.endsWith('.js')).map((p) => statSync(join(dist, p)).size));
    for (const path of ['/', '/math-for-ml/']) {
      const scripts: string[] = [];
      const onResponse = (response: { url(): string; request(): { resourceType(): string } }) => {
        if (response.request().resourceType() === 'script') scripts.push(new URL(response.url()).pathname);
      };
      page.on('response', onResponse);
      await page.goto(site.origin + path, { waitUntil: 'load' });
      // Every script the page asks for has been asked for: the network is idle.
      await page.waitForLoadState('networkidle');
      page.off('response', onResponse);
      const sizes = scripts.map((src) => (existsSync(join(dist, src)) ? statSync(join(dist, src)).size : 0));
      expect(Math.max(0, ...sizes), `${path} loads ${scripts.join(', ')}`).toBeLessThan(Math.min(largestScript, 100 * 1024));
    }
    expect(errors).toEqual([]);
  });

  test('offline, with the server gone: every page, a quiz answer, a search and a reload', async () => {
    const { page, errors } = watched;
    await context.setOffline(true);
    await site.close();

    for (const path of pagesOf(dist)) {
      const response = await page.goto(site.origin + path, { waitUntil: 'load' });
      expect(response?.status(), path).toBe(200);
      expect(response?.fromServiceWorker(), path).toBe(true);
      expect(await page.locator('h1').count(), path).toBe(1);
      // A lesson's review file (the Review page's templates of its questions) and a chart's data table page (which a
      // lesson fetches its table from) are served from the precache like any page, but neither is a page of the
      // site's own: no site header, no offline indicator.
      if (path.startsWith('/review/questions/') || path.startsWith('/charts/tables/')) continue;
      // The indicator follows navigator.onLine. Debian's Chromium 150 leaves it true under Playwright's offline
      // emulation for a page its service worker serves (the requests do fail), so the words are checked where the
      // browser reports the state; the pages, the quiz and the search below are checked offline either way.
      const reportsOffline = await page.evaluate(() => !navigator.onLine);
      await expect
        .poll(() => offlineStatus(page).textContent(), { timeout: 10_000 })
        .toBe(reportsOffline ? 'Offline: reading the saved course' : 'Available offline');
      // The math fonts come from the precache too: every face the page uses has loaded.
      const fonts = await page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].filter((f) => f.status === 'error').map((f) => f.family);
      });
      expect(fonts, path).toEqual([]);
    }

    await page.goto(`${site.origin}/math-for-ml/1.2.38/`, { waitUntil: 'load' });
    if (await answerAQuizQuestion(page)) {
      answersBeforeUpdate = await savedQuizAnswers(page, '1.2.38');
      expect(answersBeforeUpdate).toBeTruthy();
      expect(Object.keys(answersBeforeUpdate as object).length).toBeGreaterThan(0);
    } else {
      console.info('no quiz on /math-for-ml/1.2.38/: the offline quiz answer is skipped');
    }

    await page.keyboard.press('/');
    await page.keyboard.type('learning rate');
    await expect.poll(() => page.locator('[role="listbox"] [role="option"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const first = page.locator('[role="listbox"] [role="option"]').first();
    expect(await first.locator('mark').count()).toBeGreaterThan(0);

    await page.reload({ waitUntil: 'load' });
    expect(await page.locator('h1').count()).toBe(1);
    expect(await savedQuizAnswers(page, '1.2.38')).toEqual(answersBeforeUpdate);

    const missing = await page.goto(`${site.origin}/no-such-page/`, { waitUntil: 'load' });
    expect(missing?.fromServiceWorker()).toBe(true);
    expect(await page.locator('h1').textContent()).toMatch(/not found/i);

    expect(errors).toEqual([]);
    await context.setOffline(false);
  });

  test('a new release is offered, never mixed in, and accepting it keeps the saved progress', async () => {
    const { page, errors } = watched;
    const second = await release2;
    expect(second.build.code, second.build.output.slice(-3000)).toBe(0);
    expect(existsSync(join(second.dir, 'sw.js'))).toBe(true);

    // The same address again, still release 1, then release 2 deployed over it.
    site = await serveStatic(dist, port);
    await page.goto(site.origin + changedLesson, { waitUntil: 'load' });
    await expect.poll(() => offlineStatus(page).getAttribute('data-state')).toBe('ready');
    expect(await page.locator('.lesson-summary').textContent()).not.toContain(revisionNote);
    site.swap(second.dir);

    // Opening a page makes the browser check /sw.js; release 2's worker installs and waits.
    await page.reload({ waitUntil: 'load' });
    const accept = page.getByRole('button', { name: 'Reload to update' });
    await accept.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await page.locator('[data-update-text]').textContent()).toBe('A new version of the course is available.');
    // Until the learner accepts, pages keep coming from release 1, whole: its HTML and its scripts.
    expect(await page.locator('.lesson-summary').textContent()).not.toContain(revisionNote);
    await page.reload({ waitUntil: 'load' });
    expect(await page.locator('.lesson-summary').textContent()).not.toContain(revisionNote);
    const scripts = () => page.locator('script[src]').evaluateAll((els) => els.map((s) => new URL((s as HTMLScriptElement).src).pathname));
    for (const src of await scripts()) expect(existsSync(join(dist, src)), `release 1 script ${src}`).toBe(true);
    await accept.waitFor({ state: 'visible', timeout: 30_000 });

    await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), accept.click()]);
    await expect.poll(() => page.locator('.lesson-summary').textContent(), { timeout: 15_000 }).toContain(revisionNote);
    for (const src of await scripts()) expect(existsSync(join(second.dir, src)), `release 2 script ${src}`).toBe(true);
    expect(await page.locator('[data-update-prompt]').getAttribute('data-open')).toBeNull();
    await expect.poll(() => offlineStatus(page).getAttribute('data-state')).toBe('ready');
    expect(await page.evaluate((key) => localStorage.getItem(key), markerKey)).toBe('kept');
    expect(await savedQuizAnswers(page, '1.2.38')).toEqual(answersBeforeUpdate);

    // Release 2 is what the precache now holds: offline again, the changed lesson is the new one.
    await context.setOffline(true);
    await page.goto(site.origin + changedLesson, { waitUntil: 'load' });
    expect(await page.locator('.lesson-summary').textContent()).toContain(revisionNote);
    await context.setOffline(false);
    expect(errors).toEqual([]);
  });
});
