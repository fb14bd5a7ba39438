import { chromium, type Browser, type Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** The flags DEVELOPERS.md asks for: Debian's Chromium, nothing phoning home. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/** A persistent profile, for tests that need a service worker to survive across pages. */
export async function launchPersistent(options: { serviceWorkers?: 'allow' | 'block' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'course-profile-'));
  return chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
    ...options,
  });
}

export interface WatchedPage {
  page: Page;
  /** console errors, uncaught exceptions and failed requests seen so far */
  errors: string[];
}

/** Collect everything a learner's console would show in red. */
export function watch(page: Page): WatchedPage {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    const failure = req.failure()?.errorText ?? '';
    // An aborted navigation-time request (e.g. a prefetch cancelled by the next click) is not a defect.
    if (!failure.includes('ERR_ABORTED')) errors.push(`requestfailed: ${req.url()} ${failure}`);
  });
  return { page, errors };
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Run axe-core (WCAG 2.x A/AA and best practices) in the page and return its violations; with
 * `include` (CSS selectors), only in those parts of the page.
 */
export async function axeViolations(page: Page, include?: string[]): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
  // govern: a <script> tag would be (rightly) refused by the strict policy the site ships.
  await page.evaluate(axeSource);
  return page.evaluate(async (parts) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const context = parts ? { include: parts.map((selector) => [selector]) } : document;
    const result = await axe.run(context as unknown as Document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, include);
}
