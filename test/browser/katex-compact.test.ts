import { afterAll, beforeAll, expect, test } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { serveStatic, type StaticSite } from '../support/serve';
import { projectRoot } from '../support/project';
import { KATEX_COMPACT_STYLES } from '../../src/markdown/katex-compact';

/**
 * KaTeX's inline styles as classes (src/markdown/katex-compact.ts) must lay the formulas out exactly as the
 * inline styles did: in the built lessons, every element with one of the classes has the same computed values
 * for the style's properties and the same box when the class is swapped back for the inline style.
 */

const dist = join(projectRoot, 'dist');
let site: StaticSite;
let browser: Browser;
beforeAll(async () => {
  site = await serveStatic(dist);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

test('every KaTeX class computes and lays out as the inline style it replaces', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  let checked = 0;
  const differences: string[] = [];
  for (const lesson of ['1.2.37', '1.2.38', '1.2.39']) {
    await page.goto(`${site.origin}/math-for-ml/${lesson}/`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const found = await page.evaluate((styles) => {
      const out: string[] = [];
      let n = 0;
      const box = (el: Element) => JSON.stringify(el.getBoundingClientRect());
      styles.forEach((style, i) => {
        const name = `ks${i.toString(36)}`;
        const properties = style.split(';').filter(Boolean).map((d) => d.split(':')[0]!.trim());
        for (const el of document.querySelectorAll<HTMLElement>(`.katex .${name}`)) {
          const asClass = [...properties.map((p) => getComputedStyle(el).getPropertyValue(p)), box(el)].join(' ');
          el.classList.remove(name);
          el.setAttribute('style', style);
          const asStyle = [...properties.map((p) => getComputedStyle(el).getPropertyValue(p)), box(el)].join(' ');
          el.removeAttribute('style');
          el.classList.add(name);
          n++;
          if (asClass !== asStyle) out.push(`${name} (${style}): ${asClass} against ${asStyle}`);
        }
      });
      return { n, out };
    }, [...KATEX_COMPACT_STYLES]);
    checked += found.n;
    differences.push(...found.out.map((d) => `${lesson}: ${d}`));
  }
  await page.close();
  expect(checked).toBeGreaterThan(1000);
  expect(differences).toEqual([]);
});
