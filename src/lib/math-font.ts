/**
 * Which characters the site's math font must hold: those of every `<math>` element the build wrote (pages, and the
 * quiz data files the Review page renders from), plus the forms Chromium draws them in. The subset itself is made by
 * src/integrations/math-font.ts; this is the pure half, text in, characters out.
 */

/** Where the subset is served (written into the built site at build; src/styles/math.css names it). */
export const mathFontFile = 'fonts/course-math.woff2';

/** The whole font (public/fonts/): the formula preview's fallback, since a learner may type any symbol. */
export const fullMathFontFile = 'fonts/latin-modern-math.woff2';

const namedEntities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Character references as Temml and Astro write them (numeric, and the few names HTML escaping produces). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
    const named = namedEntities[ref.toLowerCase()];
    if (named === undefined) throw new Error(`unknown character reference ${whole} inside <math>`);
    return named;
  });
}

/** The text of every `<math>…</math>` in an HTML string (its elements' content, not their attributes). */
export function mathTextOf(html: string): string {
  let text = '';
  for (const [, inner] of html.matchAll(/<math\b[^>]*>([\s\S]*?)<\/math>/g)) text += decodeEntities(inner!.replace(/<[^>]*>/g, ''));
  return text;
}

/** The math text of every string in a parsed JSON value (the quiz data files hold rendered questions as HTML). */
export function mathTextOfJson(value: unknown): string {
  if (typeof value === 'string') return value.includes('<math') ? mathTextOf(value) : '';
  if (Array.isArray(value)) return value.map(mathTextOfJson).join('');
  if (value && typeof value === 'object') return Object.values(value).map(mathTextOfJson).join('');
  return '';
}

/**
 * The mathematical italic letter Chromium draws a one-letter `<mi>` with (MathML Core's math-auto transform), or
 * undefined. Kept for every such letter in the math, not only in `<mi>`: a few spare glyphs, and no lookup of which
 * element a letter sat in.
 */
export function mathItalicOf(char: string): string | undefined {
  const cp = char.codePointAt(0)!;
  if (cp === 0x68) return '\u210e'; // italic h is Planck's constant, outside the alphabet block
  if (cp >= 0x41 && cp <= 0x5a) return String.fromCodePoint(0x1d434 + cp - 0x41);
  if (cp >= 0x61 && cp <= 0x7a) return String.fromCodePoint(0x1d44e + cp - 0x61);
  if (cp >= 0x391 && cp <= 0x3a9 && cp !== 0x3a2) return String.fromCodePoint(0x1d6e2 + cp - 0x391);
  if (cp >= 0x3b1 && cp <= 0x3c9) return String.fromCodePoint(0x1d6fc + cp - 0x3b1);
  const other: Record<number, number> = { 0x131: 0x1d6a4, 0x237: 0x1d6a5, 0x2207: 0x1d6fb, 0x2202: 0x1d715, 0x3f5: 0x1d716, 0x3d1: 0x1d717, 0x3f0: 0x1d718, 0x3d5: 0x1d719, 0x3f1: 0x1d71a, 0x3d6: 0x1d71b, 0x3f4: 0x1d6f3 };
  return other[cp] === undefined ? undefined : String.fromCodePoint(other[cp]);
}

/**
 * What the font needs that no element's text holds: the spaces (U+0020 is what a browser measures the font's metrics
 * by; no-break space for `~`) and the radical sign, which Chromium draws for `<msqrt>` and `<mroot>` from the font
 * (with its size variants) although the element's text has none.
 */
const drawnWithoutText = [' ', '\u00a0', '\u221a'];

/** The characters to keep, sorted by code point: the math text's own (less control characters), their italic forms, and {@link drawnWithoutText}. */
export function mathFontCharacters(mathText: string): string[] {
  const chars = new Set<string>(drawnWithoutText);
  for (const char of mathText) {
    if (/[\p{Cc}]/u.test(char)) continue;
    chars.add(char);
    const italic = mathItalicOf(char);
    if (italic) chars.add(italic);
  }
  return [...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
}
