import { describe, expect, test } from 'vitest';
import { mathFontCharacters, mathItalicOf, mathTextOf, mathTextOfJson } from '../../src/lib/math-font';

describe('the math font’s characters', () => {
  test('are the text of <math> elements, references decoded, attributes and the page around them left out', () => {
    const html = '<p>Ω outside</p><math data-tex="x &lt; y"><mi>x</mi><mo>&lt;</mo><mi>&#x3B7;</mi><mn>&#50;</mn></math> z <math display="block"><mo>∑</mo></math>';
    expect(mathTextOf(html)).toBe('x<η2∑');
  });

  test('a character reference the decoder does not know stops the build rather than a glyph going missing', () => {
    expect(() => mathTextOf('<math><mi>&alpha;</mi></math>')).toThrow(/&alpha;/);
  });

  test('are read from every string of a quiz data file', () => {
    expect(mathTextOfJson({ questions: [{ prompt: 'Find <math><mi>w</mi></math>', choices: ['<math><mn>1</mn></math>', 3] }] })).toBe('w1');
  });

  test('include the math-italic letter Chromium draws a one-letter identifier with', () => {
    expect(mathItalicOf('a')).toBe('𝑎');
    expect(mathItalicOf('Z')).toBe('𝑍');
    expect(mathItalicOf('h')).toBe('ℎ');
    expect(mathItalicOf('η')).toBe('𝜂');
    expect(mathItalicOf('Δ')).toBe('𝛥');
    expect(mathItalicOf('ϵ')).toBe('𝜖');
    expect(mathItalicOf('∂')).toBe('𝜕');
    expect(mathItalicOf('2')).toBeUndefined();
    expect(mathItalicOf('∑')).toBeUndefined();
  });

  test('are sorted, unique, with the spaces and the radical sign a root is drawn with', () => {
    expect(mathFontCharacters('xx\n2')).toEqual([' ', '2', 'x', '\u00a0', '\u221a', '𝑥']);
  });
});
