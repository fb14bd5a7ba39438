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
