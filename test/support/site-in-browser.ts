import { afterAll, beforeAll } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { projectRoot } from './project';
import { serveStatic, type StaticSite } from './serve';

/**
 * The served site and the browser of the test file that called {@link serveSiteToBrowser}. Live bindings: set
 * before the file's first test runs, so read them inside tests and hooks, not at the top of the file.
 */
export let site: StaticSite;
export let browser: Browser;

/**
 * Serve `dir` (the built site by default) on 127.0.0.1 and launch Chromium before the calling file's first test;
 * close both after its last. The set-up every browser test file shares.
 */
export function serveSiteToBrowser(dir = join(projectRoot, 'dist')): void {
  beforeAll(async () => {
    site = await serveStatic(dir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
}
