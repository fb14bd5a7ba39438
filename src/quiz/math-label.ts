/**
 * The accessible name of a label that is nothing but math, as Chromium computes it from KaTeX's
 * MathML (tokens joined by spaces, e.g. "η = 0.3"). axe cannot read MathML and would call such a
 * label empty, so the component states the same name in `aria-label`. Undefined when the label
 * has plain text of its own.
 */
export function mathOnlyLabel(html: string): string | undefined {
  if (!html.includes('class="katex"')) return undefined;
  const mathml: string[] = [];
  const rest = withoutElement(html, 'span', 'katex-html')
    .replace(/<annotation\b[\s\S]*?<\/annotation>/g, '')
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

/** Remove every `<tag class="…className…">` element with all it contains (tags of that name may nest). */
function withoutElement(html: string, tag: string, className: string): string {
  const open = new RegExp(`<${tag}\\b[^>]*class="[^"]*\\b${className}\\b[^"]*"[^>]*>`, 'g');
  const any = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  let out = '';
  let from = 0;
  for (let match = open.exec(html); match; match = open.exec(html)) {
    out += html.slice(from, match.index);
    any.lastIndex = match.index + match[0].length;
    let depth = 1;
    let tagMatch: RegExpExecArray | null = null;
    while (depth > 0 && (tagMatch = any.exec(html))) depth += tagMatch[1] ? -1 : 1;
    from = tagMatch ? any.lastIndex : html.length;
    open.lastIndex = from;
  }
  return out + html.slice(from);
}
