import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledThemes, codeToHtml } from 'shiki';
import { SHIKI_DARK, SHIKI_LIGHT, colourClasses, shikiColourClasses, shikiColourCss } from '../../../src/markdown/shiki-classes';
import { projectRoot } from '../../support/project';

/** Every colour a theme gives tokens: its foreground and its tokenColors' foregrounds. */
async function paletteOf(name: 'github-light-high-contrast' | 'github-dark-high-contrast'): Promise<string[]> {
  const theme = (await bundledThemes[name]()).default as { colors?: Record<string, string>; tokenColors?: { settings: { foreground?: string } }[] };
  const colours = [theme.colors?.['editor.foreground'], ...(theme.tokenColors ?? []).map((t) => t.settings.foreground)];
  return [...new Set(colours.filter((c): c is string => !!c).map((c) => c.toUpperCase()))];
}

describe('code colours as classes', () => {
  test('the stylesheet is the one generated from the lists (regenerate it from shikiColourCss() after editing them)', () => {
    expect(readFileSync(join(projectRoot, 'src/styles/shiki-colours.css'), 'utf8')).toBe(shikiColourCss());
  });

  test('the lists hold every token colour of the two themes astro.config.mjs names', async () => {
    expect([...SHIKI_LIGHT].sort()).toEqual((await paletteOf('github-light-high-contrast')).sort());
    expect([...SHIKI_DARK].sort()).toEqual((await paletteOf('github-dark-high-contrast')).sort());
  });

  test('a token’s two colours become two classes; any other style stays inline', () => {
    expect(colourClasses('color:#A0111F;--shiki-dark:#FF9492')).toBe(`sl${SHIKI_LIGHT.indexOf('#A0111F')} sd${SHIKI_DARK.indexOf('#FF9492')}`);
    expect(colourClasses('color:#a0111f;--shiki-dark:#ff9492')).toBeDefined();
    expect(colourClasses('color:#023B95;--shiki-light-font-weight:bold;--shiki-dark:#91CBFF;--shiki-dark-font-weight:bold')).toBeUndefined();
    expect(colourClasses('color:#123456;--shiki-dark:#FF9492')).toBeUndefined();
  });

  test('highlighted code carries classes, not per-token styles, and each class gives the colour the style did', async () => {
    const code = 'const rate = 0.1; // a comment\nfunction step(x: number) { return x - rate * 2 * x; }';
    const options = { lang: 'ts', themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } } as const;
    const plain = await codeToHtml(code, options);
    const classed = await codeToHtml(code, { ...options, transformers: [shikiColourClasses()] });
    const tokenStyles = (html: string) => [...html.matchAll(/<span style="([^"]*)"/g)].map((m) => m[1]!);
    expect(tokenStyles(plain).length).toBeGreaterThan(5);
    expect(tokenStyles(classed)).toEqual([]);
    // Each class pair read back through the stylesheet gives the very page Shiki wrote.
    const css = shikiColourCss();
    const colourOf = (cls: string) => new RegExp(`\\.${cls}\\{(?:color|--shiki-dark):(#[0-9A-F]{6})\\}`).exec(css)?.[1];
    const restored = classed.replace(/<span class="(sl\w+) (sd\w+)"/g, (_, l: string, d: string) => `<span style="color:${colourOf(l)};--shiki-dark:${colourOf(d)}"`);
    expect(restored).toBe(plain);
  });
});
