import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontverter from 'fontverter';
import * as hb from 'harfbuzzjs';
import { projectRoot } from '../support/project';
import { siteMathText } from '../../src/integrations/math-font';
import { fullMathFontFile, mathFontCharacters, mathFontFile } from '../../src/lib/math-font';

/** The real course, built by `npm run build` just before this suite (see the test script). */
const dist = join(projectRoot, 'dist');

/** A woff2 file's face, read by HarfBuzz (the engine that cut it, but reading the result, not trusting the cut). */
async function faceOf(file: string): Promise<hb.Face> {
  const sfnt: Buffer = await fontverter.convert(readFileSync(file), 'sfnt');
  return new hb.Face(new hb.Blob(new Uint8Array(sfnt)));
}

describe('the math font the built site serves', () => {
  test('holds every character of every formula the site shows, and the MATH table that lays them out', async () => {
    const face = await faceOf(join(dist, mathFontFile));
    const held = new Set(face.collectUnicodes());
    const inWholeFont = new Set((await faceOf(join(dist, fullMathFontFile))).collectUnicodes());
    const needed = mathFontCharacters(siteMathText(dist)).map((c) => c.codePointAt(0)!);
    const named = (cps: number[]) => cps.map((cp) => `U+${cp.toString(16).toUpperCase()} ${String.fromCodePoint(cp)}`);
    expect(needed.length).toBeGreaterThan(50);
    expect(named(needed.filter((cp) => inWholeFont.has(cp) && !held.has(cp)))).toEqual([]);
    // Latin Modern Math has no U+203E (Temml's accent for \bar): Chromium draws that one from a system font.
    expect(named(needed.filter((cp) => !inWholeFont.has(cp)))).toEqual(['U+203E ‾']);
    // What a display sum, a fence or a root stretches with: constants, glyph info, and the variants' table.
    expect(face.referenceTable('MATH')?.length ?? 0).toBeGreaterThan(1000);
  });

  test('is a fraction of the whole font, which stays served for the formula preview', async () => {
    const subset = readFileSync(join(dist, mathFontFile)).length;
    const whole = readFileSync(join(dist, fullMathFontFile)).length;
    // pyftsubset cut the course's characters to 56 KB (bench/RESULTS.md); the whole font is 268 KB.
    expect(subset).toBeLessThan(60 * 1024);
    expect(subset).toBeLessThan(whole / 4);
    // A lesson's CSS, inline (astro.config.mjs inlineStylesheets).
    const html = readFileSync(join(dist, 'math-for-ml', '1.2.38', 'index.html'), 'utf8');
    const css = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('');
    expect(css).toContain(`@font-face{font-family:Course Math;src:url(/${mathFontFile})`);
    expect(css).toContain(`@font-face{font-family:Course Math Full;src:url(/${fullMathFontFile})`);
    expect(css).toMatch(/\[data-formula-preview\] math\{font-family:Course Math,Course Math Full,math\}/);
  });
});
