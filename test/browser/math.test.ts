import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { projectRoot } from '../support/project';
import { browser, serveSiteToBrowser, site } from '../support/site-in-browser';

/**
 * Math is MathML only (Temml, src/markdown/math-options.ts), drawn with the Latin Modern Math the site serves
 * (src/styles/math.css). What a learner must see: the served font in use (not a system fallback, which in Chromium
 * may have no MATH table and then nothing stretches), formulas laid out in two dimensions, legible at a phone's
 * width, in the page's text colour in either theme.
 */

const dist = join(projectRoot, 'dist');
serveSiteToBrowser(dist);

async function open(path: string, width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 844 }, colorScheme });
  await page.goto(`${site.origin}${path}`, { waitUntil: 'load' });
  // Laid out in full (content-visibility: auto would report placeholder boxes), as scrolling through it would.
  await page.evaluate(() => document.querySelectorAll<HTMLElement>('.lesson-body > *').forEach((el) => (el.style.contentVisibility = 'visible')));
  await page.waitForFunction(() => document.fonts.check('16px "Course Math"') && [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Course Math' && f.status === 'loaded'));
  return page;
}

describe.each(['/math-for-ml/1.2.37/', '/math-for-ml/1.2.38/', '/math-for-ml/1.2.39/'])('math on %s', (path) => {
  test('is drawn with the served math font, in two dimensions, at text size or more', async () => {
    const page = await open(path, 390);
    const facts = await page.evaluate(() => {
      const all = [...document.querySelectorAll('.lesson-body math')];
      const families = new Set(all.map((m) => getComputedStyle(m).fontFamily));
      const bodySize = parseFloat(getComputedStyle(document.querySelector('.lesson-body p')!).fontSize);
      const smallest = Math.min(...all.map((m) => parseFloat(getComputedStyle(m).fontSize)));
      // A display fraction: its numerator above its denominator, both inside the formula's box.
      const frac = document.querySelector('.math-display mfrac');
      const [num, den] = frac ? [...frac.children].map((c) => c.getBoundingClientRect()) : [];
      return { count: all.length, families: [...families], bodySize, smallest, stacked: num && den ? num.bottom <= den.top + 1 : null };
    });
    expect(facts.count).toBeGreaterThan(50);
    expect(facts.families).toEqual(['"Course Math", math']);
    expect(facts.smallest).toBeGreaterThanOrEqual(facts.bodySize);
    if (facts.stacked !== null) expect(facts.stacked).toBe(true);
    await page.close();
  });

  test('at 320 px a display formula wider than the screen scrolls in its own box, never the page', async () => {
    const page = await open(path, 320);
    const layout = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      // A formula's right edge past the screen outside a box that scrolls.
      outside: [...document.querySelectorAll('math')].filter((m) => m.getBoundingClientRect().right > window.innerWidth + 0.5 && !m.closest('.math-display, table, .table-scroll, details:not([open])')).length,
      wide: [...document.querySelectorAll<HTMLElement>('.math-display')].filter((d) => d.scrollWidth > d.clientWidth).map((d) => getComputedStyle(d).overflowX),
    }));
    expect(layout.overflow).toBe(0);
    expect(layout.outside).toBe(0);
    for (const overflowX of layout.wide) expect(overflowX).toBe('auto');
    await page.close();
  });
});

test('a sum in display style is drawn large, with its limits above and below (the font\'s MATH table at work)', async () => {
  const page = await open('/math-for-ml/1.2.38/', 1280);
  const sum = await page.evaluate(() => {
    const op = [...document.querySelectorAll('.math-display munderover > mo, .math-display munder > mo, .math-display msubsup > mo')].find((o) => o.textContent === '∑');
    if (!op) return null;
    const script = op.parentElement!;
    const [base, under] = [...script.children].map((c) => c.getBoundingClientRect());
    const text = document.querySelector('.lesson-body p math mi')!.getBoundingClientRect();
    return { height: base!.height, letter: text.height, limitsBelow: under!.top >= base!.bottom - 2 };
  });
  expect(sum).not.toBeNull();
  expect(sum!.height).toBeGreaterThan(sum!.letter * 1.3);
  expect(sum!.limitsBelow).toBe(true);
  await page.close();
});

test.each(['/math-for-ml/1.2.37/', '/math-for-ml/1.2.38/', '/math-for-ml/1.2.39/'])(
  'on %s every formula lays out as with the whole font: the subset kept the glyphs, size variants and stretchy parts it uses',
  async (path) => {
    const page = await open(path, 1280);
    // Each formula's box to the half pixel, with its TeX so that a failure names the formula.
    const boxes = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('math')].map((m) => {
          const r = m.getBoundingClientRect();
          return [Math.round(r.width * 2) / 2, Math.round(r.height * 2) / 2, m.getAttribute('data-tex')] as const;
        }),
      );
    const subset = await boxes();
    // Every formula drawn with the whole font, from which the subset was cut, under a family of its own.
    await page.evaluate(async () => {
      const whole = new FontFace('Whole Latin Modern Math', await (await fetch('/fonts/latin-modern-math.woff2')).arrayBuffer());
      document.fonts.add(await whole.load());
      document.querySelectorAll<HTMLElement>('math').forEach((m) => (m.style.fontFamily = "'Whole Latin Modern Math', math"));
    });
    const whole = await boxes();
    expect(subset.length).toBeGreaterThan(20);
    const differing = subset.map((box, i) => ({ i, subset: box, whole: whole[i] })).filter((d) => Math.abs(d.subset[0]! - d.whole![0]!) > 0.5 || Math.abs(d.subset[1]! - d.whole![1]!) > 0.5);
    expect(differing).toEqual([]);
    await page.close();
  },
);

test('the formula preview draws a symbol no lesson uses with the whole font, which a lesson page never loads', async () => {
  const page = await open('/math-for-ml/1.2.38/', 1280);
  const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')));
  expect(loaded).not.toContain('Course Math Full');
  // ⊗ is in the whole font, not in this course's formulas: a preview showing it must fetch the whole font.
  const fetched = page.waitForResponse((r) => r.url().endsWith('/fonts/latin-modern-math.woff2'));
  await page.evaluate(() => {
    const output = document.createElement('output');
    output.dataset.formulaPreview = '';
    output.innerHTML = '<math><mi>a</mi><mo>⊗</mo><mi>b</mi></math>';
    document.querySelector('.lesson-body')!.append(output);
  });
  expect((await fetched).ok()).toBe(true);
  await page.close();
});

test.each(['light', 'dark'] as const)('math is in the page\'s text colour in the %s theme', async (scheme) => {
  const page = await open('/math-for-ml/1.2.37/', 390, scheme);
  const colours = await page.evaluate(() => ({
    text: getComputedStyle(document.querySelector('.lesson-body p')!).color,
    math: [...new Set([...document.querySelectorAll('.lesson-body math mi')].map((m) => getComputedStyle(m).color))],
  }));
  expect(colours.math).toEqual([colours.text]);
  await page.close();
});
