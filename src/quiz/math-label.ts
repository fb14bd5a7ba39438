/**
 * The accessible name of a label that is nothing but math, as Chromium computes it from its
 * MathML (tokens joined by spaces, e.g. "η = 0.3"). axe cannot read MathML and would call such a
 * label empty, so the component states the same name in `aria-label`. Undefined when the label
 * has plain text of its own.
 */
export function mathOnlyLabel(html: string): string | undefined {
  if (!html.includes('<math')) return undefined;
  const mathml: string[] = [];
  const rest = html
    .replace(/<math\b[\s\S]*?<\/math>/g, (math) => {
      mathml.push(math);
      return ' ';
    });
  if (textOf(rest) !== '') return undefined;
  return mathml.map(textOf).join(' ');
}

/** Plain text of an HTML fragment: tags become spaces, entities are decoded, space collapses. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (entity, code: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
      if (code.startsWith('#')) {
        const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return String.fromCodePoint(n);
      }
      return named[code.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
