/** Block HTML cannot go in a `<legend>`; such prompts sit below it instead. */
export function isPhrasing(html: string): boolean {
  return !/<(p|div|ul|ol|table|pre|blockquote|h[1-6]|hr|figure|dl)\b/i.test(html);
}

