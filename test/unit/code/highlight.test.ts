import { describe, expect, test } from 'vitest';
import { highlight } from '../../../src/client/code/editor';

/** The code editor's highlighted copy: it must say exactly what the textarea holds, escaped, one class per token. */

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));

describe('highlight', () => {
  test('keywords, strings, numbers and comments get their class; names stay plain', () => {
    expect(highlight('const x = 2; // two')).toBe(
      '<span class="tok-keyword">const</span> x = <span class="tok-number">2</span>; <span class="tok-comment">// two</span> ',
    );
    expect(highlight("return 'a' + `b`;")).toBe(
      '<span class="tok-keyword">return</span> <span class="tok-string">\'a\'</span> + <span class="tok-string">`b`</span>; ',
    );
    expect(highlight('x = 1e-3 + .5')).toContain('<span class="tok-number">1e-3</span>');
  });

  test('markup in the code is escaped, never interpreted, and the text survives unchanged', () => {
    const code = 'if (a < b && c > d) { s = "<img src=x onerror=alert(1)>"; }\n/* unterminated';
    const html = highlight(code);
    expect(html).not.toMatch(/<img|<\/?b\b/);
    expect(text(html)).toBe(`${code} `);
  });

  test('a trailing newline keeps its line (the copy must be as tall as the textarea)', () => {
    expect(highlight('a\n').endsWith('\n ')).toBe(true);
  });
});
