import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { projectRoot, scratchProject } from '../support/project';

/**
 * `npm run dev` on a scratch project: breaking a lesson's front matter shows the validator's
 * message (file, line, field) in the browser's error overlay, and fixing it clears the overlay.
 */

const lesson = 'content/math-for-ml/1.2-calculus-for-ml/1.2.38-learning-rate-and-convergence.mdx';
const quiz = 'content/math-for-ml/1.2-calculus-for-ml/1.2.38-learning-rate-and-convergence.quiz.yaml';

let dir: string;
let server: ChildProcess;
let output = '';
let origin: string;
let browser: Browser;

/** The environment of a developer's shell: vitest's NODE_ENV=test makes `astro dev` answer 404. */
function devEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (key === 'NODE_ENV' || key === 'TEST' || key.startsWith('VITEST')) delete env[key];
  return env;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeout = 60_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n--- dev server output ---\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Text of the error overlay (it lives in a shadow root): undefined when there is none, null while
 * the page is reloading (the dev server reloads it after a content change).
 */
async function overlayText(page: Page): Promise<string | undefined | null> {
  try {
    await page.waitForLoadState('load');
    return await page.evaluate(() => {
      const overlay = document.querySelector('vite-error-overlay');
      return overlay ? (overlay.shadowRoot?.textContent ?? overlay.textContent ?? '') : undefined;
    });
  } catch {
    return null;
  }
}

const shownOverlay = async (page: Page) => (await overlayText(page)) ?? undefined;
const noOverlay = async (page: Page) => ((await overlayText(page)) === undefined ? true : undefined);

beforeAll(async () => {
  dir = scratchProject('authoring-dev', []);
  cpSync(join(projectRoot, 'content'), join(dir, 'content'), { recursive: true });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: dir,
    env: devEnv(),
  });
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  await waitFor('the dev server', async () => {
    try {
      return (await fetch(`${origin}/math-for-ml/1.2.38/`)).ok || undefined;
    } catch {
      return undefined;
    }
  }, 120_000);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

describe('validation errors in the dev server overlay', () => {
  test('a broken front-matter field shows file:line and field; fixing it clears the overlay', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/math-for-ml/1.2.38/`);
    await page.locator('h1').waitFor();
    expect(await overlayText(page)).toBeUndefined();

    const file = join(dir, lesson);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('difficulty: intermediate', 'difficulty: easy'));
    const shown = await waitFor('the overlay', () => shownOverlay(page));
    expect(shown).toContain(`${lesson}:6  error  difficulty: expected one of starter, intermediate, advanced`);
    expect(shown).toContain('difficulty: easy');

    writeFileSync(file, good);
    await waitFor('the overlay to clear', () => noOverlay(page));
    expect(await page.locator('h1').textContent()).toContain('Learning rate and convergence');
    await page.close();
  }, 120_000);

  test('a YAML syntax error shows in the overlay and in the page itself, with file and line, once and without knock-on errors', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/math-for-ml/1.2.38/`);
    await page.locator('h1').waitFor();
    const file = join(dir, lesson);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('difficulty: intermediate', 'difficulty: [intermediate'));
    const shown = await waitFor('the overlay', () => shownOverlay(page));
    expect(shown).toMatch(new RegExp(`${lesson.replaceAll('.', '\\.')}:\\d+  error  \\(front matter\\): YAML syntax`));
    expect(shown).not.toContain('more content error');
    // Opened afresh, the page (not only the overlay) says what is wrong and where.
    const response = await fetch(`${origin}/math-for-ml/1.2.37/`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain(`${lesson}:`);
    expect(html).toContain('YAML syntax');
    writeFileSync(file, good);
    await waitFor('the overlay to clear', () => noOverlay(page));
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').textContent()).toContain('Learning rate and convergence');
    await page.close();
  }, 120_000);

  test('a quiz error shows too, at the question\'s line', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/math-for-ml/1.2.38/`);
    await page.locator('h1').waitFor();
    const file = join(dir, quiz);
    const good = readFileSync(file, 'utf8');
    const broken = good.replace(/type: true-false/, 'type: yes-no');
    expect(broken).not.toBe(good);
    writeFileSync(file, broken);
    const shown = await waitFor('the overlay', () => shownOverlay(page));
    expect(shown).toMatch(new RegExp(`${quiz.replaceAll('.', '\\.')}:\\d+  error  questions`));
    writeFileSync(file, good);
    await waitFor('the overlay to clear', () => noOverlay(page));
    await page.close();
  }, 120_000);

  test('an edit reloads the page once, and that reload shows it', async () => {
    const page = await browser.newPage();
    // Every full-reload the dev server pushes to this tab, over each of its HMR sockets (a reload opens a new one).
    let reloads = 0;
    page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => {
      if (String(payload).includes('"full-reload"')) reloads++;
    }));
    await page.goto(`${origin}/math-for-ml/1.2.38/`);
    await page.locator('h1').waitFor();
    const file = join(dir, lesson);
    const good = readFileSync(file, 'utf8');
    try {
      const first = `First added sentence ${Date.now().toString(36)}.`;
      const before = reloads;
      writeFileSync(file, `${good}\n${first}\n`);
      await page.getByText(first).waitFor({ timeout: 60_000 });
      // A second edit, once the first is shown: any reload the first one still had coming arrives before this one's.
      const second = `Second added sentence ${Date.now().toString(36)}.`;
      const afterFirst = reloads;
      writeFileSync(file, `${good}\n${first}\n\n${second}\n`);
      await page.getByText(second).waitFor({ timeout: 60_000 });
      expect(afterFirst - before, output).toBe(1);
      expect(reloads - afterFirst, output).toBeGreaterThanOrEqual(1);
    } finally {
      writeFileSync(file, good);
    }
    await page.close();
  }, 180_000);
});
