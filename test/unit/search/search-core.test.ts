import { describe, expect, test } from 'vitest';
import { focusesSearch, nextActive, type KeyPress } from '../../../src/client/search/keys';
import { excerptParts } from '../../../src/client/search/excerpt';

/** The search box's pure parts: which keys it takes, and how an excerpt becomes text and highlights. */

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inEditable: false,
  ...extra,
});

describe('focusesSearch', () => {
  test('"/" outside text fields, Ctrl+K and Cmd+K anywhere', () => {
    expect(focusesSearch(press('/'))).toBe(true);
    expect(focusesSearch(press('k', { ctrlKey: true }))).toBe(true);
    expect(focusesSearch(press('K', { metaKey: true }))).toBe(true);
    expect(focusesSearch(press('k', { ctrlKey: true, inEditable: true }))).toBe(true);
  });

  test('"/" typed into a field stays a character; other keys and Alt combinations are left alone', () => {
    expect(focusesSearch(press('/', { inEditable: true }))).toBe(false);
    expect(focusesSearch(press('/', { ctrlKey: true }))).toBe(false);
    expect(focusesSearch(press('k'))).toBe(false);
    expect(focusesSearch(press('k', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(focusesSearch(press('?'))).toBe(false);
  });
});

describe('nextActive', () => {
  test('down from nothing is the first option, and wraps at the end', () => {
    expect(nextActive(-1, 'ArrowDown', 3)).toBe(0);
    expect(nextActive(0, 'ArrowDown', 3)).toBe(1);
    expect(nextActive(2, 'ArrowDown', 3)).toBe(0);
  });

  test('up from nothing or the first option is the last', () => {
    expect(nextActive(-1, 'ArrowUp', 3)).toBe(2);
    expect(nextActive(0, 'ArrowUp', 3)).toBe(2);
    expect(nextActive(2, 'ArrowUp', 3)).toBe(1);
  });

  test('no options, or another key: no move', () => {
    expect(nextActive(-1, 'ArrowDown', 0)).toBeUndefined();
    expect(nextActive(1, 'Enter', 3)).toBeUndefined();
    expect(nextActive(1, 'ArrowLeft', 3)).toBeUndefined();
  });
});

describe('excerptParts', () => {
  test('splits Pagefind marks into highlighted and plain runs', () => {
    expect(excerptParts('the <mark>learning</mark> <mark>rate</mark> sets')).toEqual([
      { text: 'the ', marked: false },
      { text: 'learning', marked: true },
      { text: ' ', marked: false },
      { text: 'rate', marked: true },
      { text: ' sets', marked: false },
    ]);
  });

  test('decodes entities to text and never passes markup through', () => {
    expect(excerptParts('a &lt;b&gt; &amp; &#39;c&#x27; <img src=x onerror=alert(1)>d')).toEqual([{ text: "a <b> & 'c' d", marked: false }]);
    expect(excerptParts('')).toEqual([]);
  });
});

describe('formulas in the search document', () => {
  test('reads as text made from their TeX', async () => {
    const { texToText } = await import('../../../src/integrations/search-document');
    expect(texToText('2/\\lambda_{\\max}')).toBe('2/λ_max');
    expect(texToText('\\eta < \\frac{2}{L}')).toBe('η < 2/L');
    expect(texToText('x_{t+1} = x_t - \\eta \\nabla f(x_t)')).toBe('x_t+1 = x_t - η ∇ f(x_t)');
    expect(texToText('\\kappa = \\lambda_{\\max} / \\lambda_{\\min}')).toBe('κ = λ_max / λ_min');
    expect(texToText('(1 - 2\\eta)^2')).toBe('(1 - 2η)²');
  });
  test('keeps formulas in the indexed text instead of a gap', async () => {
    const { renderMarkdown } = await import('../../../src/markdown/render');
    const { searchDocument } = await import('../../../src/integrations/search-document');
    const html = `<html lang="en"><head><title>T</title></head><body><article data-pagefind-body><p>The limit is ${renderMarkdown('$2/\\lambda_{\\max}$', { inline: true })}, the edge of stability.</p><p>Displayed:</p>${renderMarkdown('$$\n\\eta < 2/L\n$$')}</article></body></html>`;
    const doc = searchDocument(html) ?? '';
    expect(doc).toContain('<p>The limit is  2/λ_max , the edge of stability.</p>');
    expect(doc).toContain(' η &lt; 2/L ');
    expect(doc).not.toMatch(/<math|<mi>|data-tex/);
  });
});

describe('where a result leads', () => {
  test('the section with the most matches, else the page', async () => {
    const { resultTarget } = await import('../../../src/client/search/excerpt');
    const page = { url: '/l/', excerpt: 'page' };
    expect(resultTarget(page)).toEqual({ url: '/l/', excerpt: 'page' });
    const subs = [
      { title: 'Intro', url: '/l/', excerpt: 'a', locations: [1] },
      { title: 'Curvature sets the limit', url: '/l/#curvature', excerpt: 'b', locations: [40, 41, 60] },
      { title: 'Adaptive', url: '/l/#adaptive', excerpt: 'c', locations: [90, 95, 99] },
    ];
    expect(resultTarget({ ...page, sub_results: subs })).toEqual({ url: '/l/#curvature', excerpt: 'b', section: 'Curvature sets the limit' });
    // A lesson id opens the lesson, whatever section also matched.
    expect(resultTarget({ ...page, sub_results: subs }, '1.2.38')).toEqual({ url: '/l/', excerpt: 'page' });
    expect(resultTarget({ ...page, sub_results: [subs[0]!] })).toEqual({ url: '/l/', excerpt: 'a' });
    // Words side by side (a phrase) outweigh more scattered matches.
    const phrase = { title: 'Hessian', url: '/l/#hessian', excerpt: 'd', locations: [10, 11] };
    const scattered = { title: 'Schedules', url: '/l/#schedules', excerpt: 'e', locations: [3, 30, 50, 70, 90] };
    expect(resultTarget({ ...page, sub_results: [scattered, phrase] }).url).toBe('/l/#hessian');
    // Where the term is in bold (weighted), ahead of a section that only uses it.
    const uses = { title: 'Exercise', url: '/l/#exercise', excerpt: 'f', weighted_locations: [{ location: 5, weight: 1 }, { location: 6, weight: 1 }] };
    const defines = { title: 'Hessian', url: '/l/#hessian', excerpt: 'g', weighted_locations: [{ location: 50, weight: 5 }, { location: 51, weight: 5 }] };
    expect(resultTarget({ ...page, sub_results: [uses, defines] }).url).toBe('/l/#hessian');
  });
});
