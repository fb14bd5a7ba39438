import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../support/project';

/** The real course, built by `npm run build` just before this suite (see the test script). */
const dist = join(projectRoot, 'dist');
const page = (path: string) => readFileSync(join(dist, path, 'index.html'), 'utf8');
const lessons = ['1.2.37', '1.2.38', '1.2.39'];

describe('the built course', () => {
  test('has the index, the course home and every lesson', () => {
    for (const path of ['', 'math-for-ml', ...lessons.map((id) => `math-for-ml/${id}`)]) {
      expect(existsSync(join(dist, path, 'index.html')), path).toBe(true);
    }
  });

  test.each(lessons)('lesson %s has rendered math and no raw TeX or math errors', (id) => {
    const html = page(`math-for-ml/${id}`);
    // MathML only (Temml), its TeX kept on the element for the search index; no HTML layout tree beside it.
    expect(html.match(/<math data-tex="/g)?.length ?? 0).toBeGreaterThan(5);
    expect(html).toMatch(/<span class="math-display" tabindex="0" role="group" aria-label="Formula"><math data-tex="[^"]*" display="block"/);
    expect(html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')).not.toMatch(/katex|math-error/);
    // A `$` left in the text means a formula was not recognised as math.
    const text = html.replace(/<(script|style|pre|code|annotation)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, '');
    expect(text).not.toMatch(/\$[^$\s][^$]*\$/);
  });

  test('the math font is served by the site itself (woff2, swap), never a CDN', () => {
    const html = page('math-for-ml/1.2.38');
    expect(html).not.toMatch(/https?:\/\/[^"']*(jsdelivr|unpkg|cdnjs|googleapis)/);
    const assets = readdirSync(join(dist, '_astro'));
    // The subset the build cuts (test/build/math-font.test.ts) and the whole font for the formula preview.
    expect(readdirSync(join(dist, 'fonts')).filter((f) => f.endsWith('.woff2')).sort()).toEqual(['course-math.woff2', 'latin-modern-math.woff2']);
    expect(assets.filter((f) => /^KaTeX_/.test(f))).toEqual([]);
    // Every page's CSS is inline (astro.config.mjs inlineStylesheets).
    const css = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('');
    expect(css).toMatch(/@font-face\{font-family:Course Math;src:url\(\/fonts\/course-math\.woff2\) ?format\("woff2"\);font-display:swap\}/);
    expect(css).toMatch(/math\{font-family:Course Math,math/);
  });

  test('a lesson page has its header facts, figures numbered in order and references resolved', () => {
    const html = page('math-for-ml/1.2.38');
    expect(html).toMatch(/<h1>Learning rate and convergence<\/h1>/i);
    expect(html).toContain('href="/math-for-ml/1.2.37/"');
    const numbers = [...html.matchAll(/class="figure-number">Figure (\d+)\./g)].map((m) => Number(m[1]));
    expect(numbers.length).toBeGreaterThanOrEqual(6);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const refs = [...html.matchAll(/<a class="ref" href="#([^"]+)">/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const id of refs) expect(html, id).toContain(`id="${id}"`);
    // All nine exercises of the outline, three per level.
    for (let n = 1; n <= 9; n++) expect(html).toContain(`id="exercise-1-2-38-${n}"`);
    expect(html.match(/class="exercise level-starter"/g)).toHaveLength(3);
    expect(html.match(/class="exercise level-intermediate"/g)).toHaveLength(3);
    expect(html.match(/class="exercise level-advanced"/g)).toHaveLength(3);
    expect(html).toMatch(/<details class="solution">/);
  });

  test('code blocks are highlighted at build time', () => {
    const html = page('math-for-ml/1.2.38');
    expect(html).toMatch(/<pre class="astro-code[^"]*"[^>]*><code><span class="line">/);
  });

  test('a lesson page loads only small, shared JavaScript', () => {
    const html = page('math-for-ml/1.2.37');
    const external = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(external.every((src) => src!.startsWith('/'))).toBe(true);
  });
});
