/**
 * KaTeX's HTML made smaller and keyboard-reachable, after rendering (the result is what the KaTeX cache keeps).
 *
 * - KaTeX positions every glyph with an inline `style` (struts, spacing, vertical lists): 127 KB of lesson 1.2.38's
 *   page. The declarations KaTeX uses most often across the course become classes of one stylesheet
 *   (src/styles/katex-compact.css, generated from {@link KATEX_COMPACT_STYLES}; a unit test keeps the two equal).
 *   Each class marks its declarations `!important`, which gives it the precedence the inline style had.
 * - KaTeX names the MathML namespace on every `<math>` (18 KB of 1.2.38's page); an HTML parser puts `<math>` in it
 *   anyway, so the attribute goes.
 * - A display formula wider than a phone scrolls sideways; a region that scrolls must be reachable by keyboard
 *   (axe: scrollable-region-focusable), so each display formula is a labelled, focusable group.
 *
 * Pure string work on KaTeX's own markup (its attributes come in a fixed order: class, then style).
 */

/** The inline styles KaTeX writes in this course whose class saves bytes (at least twice), in class order: `ks0`, `ks1`, … (test/browser/katex-compact.test.ts checks that each lays out as its inline style) */
export const KATEX_COMPACT_STYLES: readonly string[] = [
  "margin-right:0.2778em;",
  "margin-right:0.2222em;",
  "top:-2.55em;margin-left:0em;margin-right:0.05em;",
  "height:1em;vertical-align:-0.25em;",
  "height:2.7em;",
  "top:-3.063em;margin-right:0.05em;",
  "height:0.6444em;",
  "height:0.7278em;vertical-align:-0.0833em;",
  "margin-right:0.0359em;",
  "height:0.15em;",
  "margin-right:0.1667em;",
  "height:0.8141em;",
  "height:0.625em;vertical-align:-0.1944em;",
  "height:0.5806em;vertical-align:-0.15em;",
  "height:3em;",
  "margin-right:0.1076em;",
  "top:-2.55em;margin-left:-0.0359em;margin-right:0.05em;",
  "height:0.3011em;",
  "height:1.0641em;vertical-align:-0.25em;",
  "border-bottom-width:0.04em;",
  "height:0.1514em;",
  "margin-right:0.0269em;",
  "height:1.0019em;vertical-align:-0.25em;",
  "height:0.2806em;",
  "top:-2.55em;margin-left:-0.0269em;margin-right:0.05em;",
  "height:0.8444em;vertical-align:-0.15em;",
  "top:-2.55em;margin-left:-0.016em;margin-right:0.05em;",
  "height:1.2em;vertical-align:-0.35em;",
  "top:-3.113em;margin-right:0.05em;",
  "margin-right:0.0556em;",
  "height:0.6944em;",
  "height:0.8974em;vertical-align:-0.0833em;",
  "height:0.3175em;",
  "margin-right:0.0278em;",
  "height:0.4306em;",
  "height:0.7333em;vertical-align:-0.15em;",
  "top:-3.23em;",
  "margin-right:0.016em;",
  "height:0.7519em;",
  "height:0.6667em;vertical-align:-0.0833em;",
  "height:0.3117em;",
  "height:0.8389em;vertical-align:-0.1944em;",
  "height:0.7335em;vertical-align:-0.1944em;",
  "height:0.8889em;vertical-align:-0.1944em;",
  "height:0.2083em;",
  "height:0.345em;",
  "height:0.6389em;vertical-align:-0.2083em;",
  "min-width:0.853em;height:1.08em;",
  "height:1.2173em;vertical-align:-0.345em;",
  "top:-2.655em;",
  "top:-3.394em;",
  "top:-3em;",
  "height:0.686em;",
  "top:-2.314em;",
  "top:-3.677em;",
  "height:0.888em;",
  "height:0.6833em;",
  "height:0.8019em;",
  "margin-right:0.1389em;",
  "padding-left:0.833em;",
  "height:0.7936em;",
  "margin-right:0.0197em;",
  "margin-right:0.0315em;",
  "height:0.8491em;",
  // Added for issue 18 (second pass): every other style KaTeX writes at least twice in the course and whose class
  // saves more than its rule costs, most bytes saved first (appended, so that the classes above keep their names).
  "height:0.6528em;vertical-align:-0.2083em;",
  "margin-right:0.0813em;",
  "top:-2.55em;margin-left:-0.0813em;margin-right:0.05em;",
  "position:relative;top:0em;",
  "height:0.8333em;vertical-align:-0.15em;",
  "height:1.0519em;vertical-align:-0.25em;",
  "height:0.6151em;",
  "height:0.6835em;vertical-align:-0.0391em;",
  "height:0.7778em;vertical-align:-0.0833em;",
  "top:-2.55em;margin-left:-0.0278em;margin-right:0.05em;",
  "top:-2.55em;margin-left:-0.0528em;margin-right:0.05em;",
  "height:0.7944em;vertical-align:-0.15em;",
  "height:1.04em;vertical-align:-0.2397em;",
  "height:0.6887em;",
  "height:0.8641em;",
  "height:0.8723em;",
  "height:0.9401em;",
  "height:0.7778em;vertical-align:-0.1944em;",
  "margin-right:0.0528em;",
  "height:1.1141em;vertical-align:-0.25em;",
  "height:2.113em;vertical-align:-0.686em;",
  "height:0.2397em;",
  "height:0.8003em;",
  "height:0.8451em;",
  "left:-0.2222em;",
  "top:-2.989em;margin-right:0.05em;",
  "height:3.05em;",
  "top:-2.7603em;",
  "margin-right:0.0576em;",
  "height:0.4831em;",
  "height:0.5678em;",
  "margin-right:0.109em;",
  "height:1.427em;",
  "height:0.5782em;vertical-align:-0.0391em;",
  "height:1.0622em;vertical-align:-0.2481em;",
  "height:1.1901em;vertical-align:-0.345em;",
  "height:2.1771em;vertical-align:-0.686em;",
  "height:0.5944em;vertical-align:-0.15em;",
  "height:1.0436em;vertical-align:-0.25em;",
  "height:1.1072em;vertical-align:-0.25em;",
  "margin-right:2em;",
  "height:0.2481em;",
  "height:0.4444em;",
  "margin-right:0.0715em;",
  "top:-1.8723em;margin-left:0em;",
  "height:0.7387em;",
  "height:0.7401em;",
  "height:1.3214em;",
  "height:1.3714em;",
  "top:-2.4519em;margin-left:-0.0269em;margin-right:0.05em;",
  "top:-2.4519em;margin-left:-0.0528em;margin-right:0.05em;",
  "top:0em;",
  "height:0.95em;",
  "height:1.45em;",
  "top:-2.4003em;margin-left:0em;margin-right:0.05em;",
  "top:-3.8601em;",
  "top:-2.453em;margin-left:0em;margin-right:0.05em;",
  "top:-2.41em;",
  "top:-3.61em;",
  "width:0.5em;",
  "height:0.6389em;vertical-align:-0.1944em;",
  "height:0.7917em;vertical-align:-0.2083em;",
  "height:0.8304em;vertical-align:-0.1944em;",
  "height:0.8327em;vertical-align:-0.0391em;",
  "height:0.9028em;vertical-align:-0.2083em;",
  "height:1.0824em;vertical-align:-0.1944em;",
  "height:1.1111em;vertical-align:-0.247em;",
  "height:1.2251em;vertical-align:-0.345em;",
  "height:2.0574em;vertical-align:-0.686em;",
  "height:1.404em;vertical-align:-0.35em;",
  "height:0.1828em;",
  "height:0.1944em;",
  "height:0.2583em;",
  "height:0.8572em;",
  "height:1.2777em;",
  "height:1.4911em;",
  "height:2.4em;vertical-align:-0.95em;",
  "top:-2.786em;margin-right:0.0714em;",
  "height:0.247em;",
  "left:-0.1944em;",
  "top:-3.3029em;margin-right:0.05em;",
  "top:-2.8172em;",
  "height:2.5em;",
  "left:-0.25em;",
  "top:-3.05em;",
];

const classOf = new Map(KATEX_COMPACT_STYLES.map((style, i) => [style, `ks${i.toString(36)}`]));

/** The stylesheet for {@link KATEX_COMPACT_STYLES}: one rule per class, every declaration `!important`. */
export function katexCompactCss(): string {
  const rules = KATEX_COMPACT_STYLES.map((style, i) => {
    const declarations = style
      .split(';')
      .filter((d) => d.trim() !== '')
      .map((d) => `${d.trim()}!important`)
      .join(';');
    return `.katex .ks${i.toString(36)}{${declarations}}`;
  });
  return `/* Generated from src/markdown/katex-compact.ts (KATEX_COMPACT_STYLES): do not edit. */\n${rules.join('\n')}\n`;
}

/** KaTeX's HTML with its common inline styles as classes, no redundant namespace, and its display formulas focusable. */
export function compactKatexHtml(html: string): string {
  return html
    .replace(/<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"/g, '<math')
    .replace(/<span(?: class="([^"]*)")? style="([^"]*)"/g, (whole, classes: string | undefined, style: string) => {
      const name = classOf.get(style);
      if (!name) return whole;
      return `<span class="${classes ? `${classes} ` : ''}${name}"`;
    })
    .replace(/^<span class="(katex-display[^"]*)">/, '<span class="$1" tabindex="0" role="group" aria-label="Formula">');
}
