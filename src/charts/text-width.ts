/**
 * Text widths for laying charts out at build time, where Vega has no canvas to measure with.
 *
 * Vega's fallback guesses 0.8 em a character, about 1.5 times what a sans-serif font takes:
 * every label, legend and title got room it did not use (empty margins; a chart laid out for
 * 280 px came out 344 px wide). This estimate sums per-character advance widths of a common
 * sans-serif (Arial's metrics, the narrowest of the fonts `--font-body` resolves to), then adds
 * a tenth so that the wider ones (DejaVu Sans on Linux) still fit.
 *
 * Pure.
 *
 * @packageDocumentation
 */

/** Advance widths in 1/1000 em of the printable ASCII characters, from the space (32) to the tilde (126). */
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
/** Sub- and superscript digits (x₀, x²) are small; other characters (η, ×, −, …) about a digit's width. */
const SMALL = /[\u2070-\u209f\u00b2\u00b3\u00b9]/;
const OTHER = 600;
const BOLD = 1.07;
const MARGIN = 1.1;

/**
 * Width in CSS px of `text` in a sans-serif font.
 *
 * @param text - The text (one line).
 * @param fontSize - Size in px.
 * @param bold - Weight 600 or more.
 */
export function textWidth(text: string, fontSize: number, bold: boolean = false): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    em += code >= 32 && code <= 126 ? ASCII[code - 32]! : SMALL.test(ch) ? 400 : OTHER;
  }
  return (em / 1000) * fontSize * (bold ? BOLD : 1) * MARGIN;
}

/** A text item as Vega hands it to `textMetrics.width`. */
interface TextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: number | string;
  readonly limit?: number;
}

/**
 * The width function Vega's `textMetrics.width` takes: the item's size and weight, the line as given
 * (Vega truncates to `limit` itself, through this function).
 */
export function vegaTextWidth(item: TextItem, text: string | number | null | undefined): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' ? weight >= 600 : Number(weight) >= 600);
  return textWidth(text == null ? '' : String(text).trim(), size, bold);
}
